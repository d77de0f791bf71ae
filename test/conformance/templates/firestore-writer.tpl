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
  "displayName": "Firestore Writer Lookalike",
  "categories": [
    "DATA_WAREHOUSING",
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Writes event data to a Firestore document.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "firebaseProjectId",
    "displayName": "Firebase project id (empty = GOOGLE_CLOUD_PROJECT)",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "firebasePath",
    "displayName": "Collection or document path",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "documentIdKey",
    "displayName": "Event data key for the document id",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "addEventData",
    "checkboxText": "Add all event data",
    "simpleValueType": true,
    "defaultValue": true
  },
  {
    "type": "CHECKBOX",
    "name": "addTimestamp",
    "checkboxText": "Add a timestamp field",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "timestampFieldName",
    "displayName": "Timestamp field",
    "simpleValueType": true,
    "defaultValue": "timestamp"
  },
  {
    "type": "CHECKBOX",
    "name": "merge",
    "checkboxText": "Merge into an existing document",
    "simpleValueType": true
  },
  {
    "type": "SIMPLE_TABLE",
    "name": "customData",
    "displayName": "Custom fields",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Field",
        "name": "field",
        "type": "TEXT"
      },
      {
        "defaultValue": "",
        "displayName": "Value",
        "name": "value",
        "type": "TEXT"
      }
    ]
  }
]


___SANDBOXED_JS_FOR_SERVER___

const Firestore = require('Firestore');
const getAllEventData = require('getAllEventData');
const getTimestampMillis = require('getTimestampMillis');
const logToConsole = require('logToConsole');
const makeString = require('makeString');
const JSON = require('JSON');

const eventData = getAllEventData();
const input = data.addEventData ? eventData : {};

if (data.addTimestamp) {
  input[data.timestampFieldName || 'timestamp'] = getTimestampMillis();
}

if (data.customData && data.customData.length) {
  for (let i = 0; i < data.customData.length; i++) {
    input[data.customData[i].field] = data.customData[i].value;
  }
}

let path = data.firebasePath;
const segments = path.split('/').filter((s) => s.length > 0);
if (segments.length % 2 === 1 && data.documentIdKey) {
  const documentId = eventData[data.documentIdKey];
  if (documentId !== undefined && documentId !== '') {
    path = segments.concat([makeString(documentId).replace('/', '_')]).join('/');
  }
}

const options = {merge: data.merge === true};
if (data.firebaseProjectId) options.projectId = data.firebaseProjectId;

Firestore.write(path, input, options).then((id) => {
  logToConsole('Firestore Writer: wrote ' + id);
  data.gtmOnSuccess();
}, (error) => {
  logToConsole('Firestore Writer: write failed ' + JSON.stringify(error));
  data.gtmOnFailure();
});


___SERVER_PERMISSIONS___

[
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
            "string": "all"
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
        "publicId": "access_firestore",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedOptions",
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
                    "string": "path"
                  },
                  {
                    "type": 1,
                    "string": "operation"
                  },
                  {
                    "type": 1,
                    "string": "databaseId"
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
                    "string": "read_write"
                  },
                  {
                    "type": 1,
                    "string": "(default)"
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
- name: Writes event data under the transaction id with merge and a timestamp
  code: "runCode(mockData);\n\nconst callLater = require('callLater');\ncallLater(()\
    \ => {\n  assertThat(written).isEqualTo({\n    path: 'events/T_9',\n    input:\
    \ {event_name: 'purchase', transaction_id: 'T/9', value: 5, items: [{id: 'a'},\
    \ {id: 'b'}], ts: 1700000000000, source: 'sgtm'},\n    options: {merge: true,\
    \ projectId: 'proj-1'}\n  });\n  assertApi('logToConsole').wasCalledWith('Firestore\
    \ Writer: wrote T_9');\n  assertApi('gtmOnSuccess').wasCalled();\n});"
- name: A document path is used as is and the project falls back to the default
  code: "mockData.firebasePath = 'users/u1';\nmockData.firebaseProjectId = '';\nmockData.addEventData\
    \ = false;\nmockData.addTimestamp = false;\nmockData.merge = false;\n\nrunCode(mockData);\n\
    \nassertThat(written.path).isEqualTo('users/u1');\nassertThat(written.input).isEqualTo({source:\
    \ 'sgtm'});\nassertThat(written.options).isEqualTo({merge: false});"
- name: A rejected write fails the tag and logs the error
  code: "mockObject('Firestore', {\n  write: () => Promise.create((resolve, reject)\
    \ => reject({code: 7, message: 'PERMISSION_DENIED'}))\n});\n\nrunCode(mockData);\n\
    \nconst callLater = require('callLater');\ncallLater(() => {\n  assertApi('gtmOnFailure').wasCalled();\n\
    \  assertApi('logToConsole').wasCalledWith('Firestore Writer: write failed {\"\
    code\":7,\"message\":\"PERMISSION_DENIED\"}');\n});"
setup: "const Promise = require('Promise');\n\nconst mockData = {\n  firebaseProjectId:\
  \ 'proj-1',\n  firebasePath: 'events',\n  documentIdKey: 'transaction_id',\n  addEventData:\
  \ true,\n  addTimestamp: true,\n  timestampFieldName: 'ts',\n  merge: true,\n  customData:\
  \ [{field: 'source', value: 'sgtm'}]\n};\n\nmock('getAllEventData', {event_name:\
  \ 'purchase', transaction_id: 'T/9', value: 5, items: [{id: 'a'}, {id: 'b'}]});\n\
  mock('getTimestampMillis', 1700000000000);\n\nlet written;\nmockObject('Firestore',\
  \ {\n  write: (path, input, options) => {\n    written = {path: path, input: input,\
  \ options: options};\n    return Promise.create((resolve) => resolve(path.split('/').pop()));\n\
  \  }\n});"


___NOTES___

Created on 11/25/2026, 12:00:00


