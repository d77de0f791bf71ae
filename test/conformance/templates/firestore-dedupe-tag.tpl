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
  "displayName": "Firestore Dedupe Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Marks each transaction id in Firestore and reports duplicates.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "projectId",
    "displayName": "Firebase project id",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "collection",
    "displayName": "Collection",
    "simpleValueType": true,
    "defaultValue": "transactions"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const Firestore = require('Firestore');
const getEventData = require('getEventData');
const getTimestampMillis = require('getTimestampMillis');
const logToConsole = require('logToConsole');
const makeString = require('makeString');

const transactionId = getEventData('transaction_id');
if (!transactionId) {
  logToConsole('dedupe: no transaction_id, nothing to check');
  return data.gtmOnSuccess();
}
const path = (data.collection || 'transactions') + '/' + makeString(transactionId);
const options = {projectId: data.projectId};

Firestore.read(path, options).then((doc) => {
  logToConsole('dedupe: duplicate ' + path + ' first seen ' + doc.data.first_seen);
  data.gtmOnSuccess();
}, () => {
  return Firestore.write(path, {first_seen: getTimestampMillis(), value: getEventData('value')}, options).then(() => {
    data.gtmOnSuccess();
  }, (error) => {
    logToConsole('dedupe: write failed ' + makeString(error && error.reason));
    data.gtmOnFailure();
  });
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
            "string": "specific"
          }
        },
        {
          "key": "keyPatterns",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "transaction_id"
              },
              {
                "type": 1,
                "string": "value"
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
                    "string": "transactions/*"
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
- name: A new transaction is written
  code: |-
    runCode(mockData);

    callLater(() => {
      assertThat(writes).isEqualTo([{path: 'transactions/T-100', input: {first_seen: 1700000000000, value: 12.5}, options: {projectId: 'shop-prod'}}]);
      assertApi('gtmOnSuccess').wasCalled();
      assertApi('logToConsole').wasNotCalled();
    });
- name: The second run of the same transaction is a logged duplicate
  code: |-
    runCode(mockData);
    callLater(() => {
      runCode(mockData);
      callLater(() => {
        assertThat(writes).hasLength(1);
        assertApi('logToConsole').wasCalledWith('dedupe: duplicate transactions/T-100 first seen 1700000000000');
      });
    });
- name: A failing write fails the tag
  code: |-
    failWrites = true;

    runCode(mockData);

    callLater(() => {
      assertApi('gtmOnFailure').wasCalled();
      assertApi('logToConsole').wasCalledWith('dedupe: write failed permission_denied');
    });
- name: mock() with a function returning the Firestore object
  code: |-
    let reads = 0;
    mock('Firestore', () => ({
      read: () => {
        reads++;
        return Promise.create((resolve) => resolve({id: 'x', data: {first_seen: 5}}));
      },
      write: () => fail('a duplicate must not be written')
    }));

    runCode(mockData);

    callLater(() => {
      assertThat(reads).isEqualTo(1);
      assertApi('logToConsole').wasCalledWith('dedupe: duplicate transactions/T-100 first seen 5');
    });
- name: 'No transaction id: logged, nothing read'
  code: |-
    eventData.transaction_id = undefined;

    runCode(mockData);

    assertApi('logToConsole').wasCalledWith('dedupe: no transaction_id, nothing to check');
    assertApi('gtmOnSuccess').wasCalled();
    assertThat(writes).isEmpty();
setup: |-
  const Promise = require('Promise');
  const callLater = require('callLater');
  const log = require('logToConsole');

  const store = {};
  const writes = [];
  let failWrites = false;
  mockObject('Firestore', {
    read: (path) => Promise.create((resolve, reject) => {
      if (store[path]) resolve({id: path, data: store[path]});
      else reject({reason: 'not_found'});
    }),
    write: (path, input, options) => {
      writes.push({path: path, input: input, options: options});
      log('firestore write ' + path);
      return Promise.create((resolve, reject) => {
        if (failWrites) return reject({reason: 'permission_denied'});
        store[path] = input;
        resolve(path);
      });
    }
  });
  const eventData = {transaction_id: 'T-100', value: 12.5};
  mock('getEventData', (key) => eventData[key]);
  mock('getTimestampMillis', 1700000000000);

  const mockData = {projectId: 'shop-prod', collection: 'transactions'};


___NOTES___

Created on 11/25/2026, 12:00:00


