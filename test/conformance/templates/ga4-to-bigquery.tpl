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
  "displayName": "GA4 to BigQuery Lookalike",
  "categories": [
    "DATA_WAREHOUSING",
    "ANALYTICS"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Writes every event, with its parameters typed like the GA4 export, into a BigQuery table.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "projectId",
    "displayName": "Project ID (empty: the container project)",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "datasetId",
    "displayName": "Dataset ID",
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
    "displayName": "Table ID",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "CHECKBOX",
    "name": "skipInternal",
    "checkboxText": "Skip x-ga- internal keys",
    "simpleValueType": true,
    "defaultValue": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const BigQuery = require('BigQuery');
const getAllEventData = require('getAllEventData');
const getTimestampMillis = require('getTimestampMillis');
const getType = require('getType');
const JSON = require('JSON');
const makeString = require('makeString');

const eventData = getAllEventData();
const TOP_LEVEL = ['event_name', 'client_id', 'user_id', 'ga_session_id', 'page_location'];

const row = {
  event_timestamp: getTimestampMillis() * 1000,
  event_name: eventData.event_name,
  client_id: eventData.client_id,
  user_id: eventData.user_id,
  session_id: eventData.ga_session_id !== undefined ? makeString(eventData.ga_session_id) : undefined,
  page_location: eventData.page_location,
  event_params: []
};

for (const key in eventData) {
  if (TOP_LEVEL.indexOf(key) !== -1) continue;
  if (data.skipInternal && key[0] === 'x' && key.indexOf('x-ga-') === 0) continue;
  row.event_params.push({key: key, value: typedValue(eventData[key])});
}

const connectionInfo = {datasetId: data.datasetId, tableId: data.tableId};
if (data.projectId) connectionInfo.projectId = data.projectId;

BigQuery.insert(connectionInfo, [row], {ignoreUnknownValues: true}).then(data.gtmOnSuccess, data.gtmOnFailure);

function typedValue(value) {
  const type = getType(value);
  if (type === 'string') return {string_value: value};
  if (type === 'boolean') return {int_value: value ? 1 : 0};
  if (type === 'number') {
    return value % 1 === 0 ? {int_value: value} : {double_value: value};
  }
  if (type === 'null' || type === 'undefined') return {};
  return {string_value: JSON.stringify(value)};
}


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
                    "string": "*"
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
- name: Inserts one typed row (BigQuery mocked with a function returning the object)
  code: "let inserted;\nmock('BigQuery', () => {\n  return {\n    insert: (connectionInfo,\
    \ rows, options) => {\n      inserted = {connectionInfo: connectionInfo, rows:\
    \ rows, options: options};\n      return Promise.create((resolve) => resolve());\n\
    \    }\n  };\n});\n\nrunCode(mockData);\n\ncallLater(() => {\n  assertThat(inserted.connectionInfo).isEqualTo({datasetId:\
    \ 'analytics', tableId: 'events', projectId: 'my-project'});\n  assertThat(inserted.options).isEqualTo({ignoreUnknownValues:\
    \ true});\n  assertThat(inserted.rows).isEqualTo([{\n    event_timestamp: 1747945830456000,\n\
    \    event_name: 'purchase',\n    client_id: '123.456',\n    user_id: undefined,\n\
    \    session_id: '1747945000',\n    page_location: 'https://example.com/',\n \
    \   event_params: [\n      {key: 'value', value: {double_value: 42.5}},\n    \
    \  {key: 'quantity', value: {int_value: 3}},\n      {key: 'logged_in', value:\
    \ {int_value: 1}},\n      {key: 'coupon', value: {string_value: 'SPRING'}},\n\
    \      {key: 'items', value: {string_value: '[{\"item_id\":\"A\"}]'}},\n     \
    \ {key: 'empty', value: {}}\n    ]\n  }]);\n  assertThat(inserted.rows[0].user_id).isUndefined();\n\
    \  assertApi('gtmOnSuccess').wasCalled();\n});"
- name: Reports failure when the insert rejects (mockObject)
  code: "mockObject('BigQuery', {\n  insert: () => Promise.create((resolve, reject)\
    \ => reject({reason: 'invalid', errors: [{reason: 'notFound'}]}))\n});\n\nrunCode(mockData);\n\
    \ncallLater(() => {\n  assertApi('gtmOnFailure').wasCalled();\n  assertApi('gtmOnSuccess').wasNotCalled();\n\
    });"
- name: Uses the container project when no project is set and keeps x-ga keys on request
  code: "mockData.projectId = '';\nmockData.skipInternal = false;\nlet connection;\n\
    let params;\nmockObject('BigQuery', {\n  insert: (connectionInfo, rows) => {\n\
    \    connection = connectionInfo;\n    params = rows[0].event_params.map((p) =>\
    \ p.key);\n    return Promise.create((resolve) => resolve());\n  }\n});\n\nrunCode(mockData);\n\
    \nassertThat(connection).isEqualTo({datasetId: 'analytics', tableId: 'events'});\n\
    assertThat(params).contains('x-ga-measurement_id');\nassertThat(params).hasLength(7);"
- name: Assertion inside the insert mock fails the scenario
  code: "mockObject('BigQuery', {\n  insert: (connectionInfo) => {\n    assertThat(connectionInfo.tableId).isEqualTo('sessions');\n\
    \    return Promise.create((resolve) => resolve());\n  }\n});\n\nrunCode(mockData);"
setup: "const Promise = require('Promise');\nconst callLater = require('callLater');\n\
  \nconst mockData = {\n  projectId: 'my-project',\n  datasetId: 'analytics',\n  tableId:\
  \ 'events',\n  skipInternal: true\n};\n\nconst eventData = {\n  event_name: 'purchase',\n\
  \  client_id: '123.456',\n  ga_session_id: 1747945000,\n  page_location: 'https://example.com/',\n\
  \  value: 42.5,\n  quantity: 3,\n  logged_in: true,\n  coupon: 'SPRING',\n  items:\
  \ [{item_id: 'A'}],\n  'x-ga-measurement_id': 'G-XYZ',\n  empty: null\n};\n\nmock('getAllEventData',\
  \ eventData);\nmock('getTimestampMillis', 1747945830456);"


___NOTES___

Created on 11/25/2026, 12:00:00


