___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "TAG",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "BigQuery Event Log Lookalike",
  "categories": [
    "DATA_WAREHOUSING"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Writes each event as a row to a BigQuery table.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "projectId",
    "displayName": "Project id",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "datasetId",
    "displayName": "Dataset id",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "tableId",
    "displayName": "Table id",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "SIMPLE_TABLE",
    "name": "columns",
    "displayName": "Columns from event data",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Column",
        "name": "column",
        "type": "TEXT"
      },
      {
        "defaultValue": "",
        "displayName": "Event data key",
        "name": "key",
        "type": "TEXT"
      }
    ]
  },
  {
    "type": "CHECKBOX",
    "name": "addRawEvent",
    "checkboxText": "Add the whole event as JSON in column raw_event",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const BigQuery = require('BigQuery');
const getAllEventData = require('getAllEventData');
const getTimestampMillis = require('getTimestampMillis');
const logToConsole = require('logToConsole');
const JSON = require('JSON');

const event = getAllEventData();
const row = {event_name: event.event_name, timestamp: getTimestampMillis()};
(data.columns || []).forEach((c) => {
  row[c.column] = event[c.key];
});
if (data.addRawEvent) row.raw_event = JSON.stringify(event);

const connection = {datasetId: data.datasetId, tableId: data.tableId};
if (data.projectId) connection.projectId = data.projectId;

BigQuery.insert(connection, [row], {ignoreUnknownValues: true}).then(() => {
  data.gtmOnSuccess();
}, (error) => {
  logToConsole('BigQuery insert failed: ' + JSON.stringify(error));
  data.gtmOnFailure();
});


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "read_event_data",
        "versionId": "1"
      },
      "param": [
        {
          "key": "eventDataAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "logging",
        "versionId": "1"
      },
      "param": [
        {
          "key": "environments",
          "value": {
            "type": 1,
            "string": "debug"
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "access_bigquery",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedTables",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "projectId"
                  },
                  {
                    "type": 1,
                    "string": "datasetId"
                  },
                  {
                    "type": 1,
                    "string": "tableId"
                  },
                  {
                    "type": 1,
                    "string": "operation"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "events"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ]
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: Inserts one row and succeeds
  code: "runCode(mockData);\n\nassertThat(inserted).isEqualTo({\n  connection: {datasetId:\
    \ 'events', tableId: 'raw', projectId: 'proj'},\n  rows: [{event_name: 'purchase',\
    \ timestamp: 1750000000000, value: 30, currency: 'USD'}],\n  options: {ignoreUnknownValues:\
    \ true}\n});\ncallLater(() => {\n  assertApi('gtmOnSuccess').wasCalled();\n  assertApi('logToConsole').wasNotCalled();\n\
    });"
- name: The raw event column holds the JSON
  code: "mockData.addRawEvent = true;\nmockData.columns = [];\nmockData.projectId\
    \ = '';\n\nrunCode(mockData);\n\nassertThat(inserted.connection).isEqualTo({datasetId:\
    \ 'events', tableId: 'raw'});\nassertThat(JSON.parse(inserted.rows[0].raw_event).items).isEqualTo([{item_id:\
    \ 'a'}]);"
- name: A failed insert is logged and fails the tag
  code: "insertError = [{row: {}, errors: [{reason: 'invalid'}]}];\n\nrunCode(mockData);\n\
    \ncallLater(() => {\n  assertApi('gtmOnFailure').wasCalled();\n  assertApi('logToConsole').wasCalledWith('BigQuery\
    \ insert failed: [{\"row\":{},\"errors\":[{\"reason\":\"invalid\"}]}]');\n});"
- name: Three events, three inserts
  code: "let count = 0;\nmockObject('BigQuery', {insert: () => {\n  count++;\n  return\
    \ Promise.create((resolve) => resolve());\n}});\n\nrunCode(mockData);\nrunCode(mockData);\n\
    runCode(mockData);\n\nassertThat(count).isEqualTo(3);"
setup: "const Promise = require('Promise');\nconst JSON = require('JSON');\nconst\
  \ log = require('logToConsole');\nconst callLater = require('callLater');\n\nmock('getAllEventData',\
  \ {event_name: 'purchase', value: 30, currency: 'USD', items: [{item_id: 'a'}]});\n\
  mock('getTimestampMillis', 1750000000000);\n\nlet inserted;\nlet insertError;\n\
  mockObject('BigQuery', {\n  insert: (connection, rows, options) => {\n    inserted\
  \ = {connection: connection, rows: rows, options: options};\n    log('insert mock\
  \ called for ' + connection.tableId);\n    return Promise.create((resolve, reject)\
  \ => {\n      if (insertError) reject(insertError);\n      else resolve();\n   \
  \ });\n  }\n});\n\nconst mockData = {projectId: 'proj', datasetId: 'events', tableId:\
  \ 'raw', columns: [{column: 'value', key: 'value'}, {column: 'currency', key: 'currency'}],\
  \ addRawEvent: false};"


___NOTES___

Created on 11/25/2026, 12:00:00


