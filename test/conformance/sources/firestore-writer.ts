import { js, type ConformanceSource } from '../lib/source';

/**
 * Google's "Firestore Writer" server tag: writes event data to a document (merge or replace),
 * with a timestamp field, a custom data table, and a document id taken from event data or left
 * to Firestore. Tests mock Firestore with mockObject and assert inside write.
 */
const source: ConformanceSource = {
  file: 'firestore-writer',
  lookalikeOf: 'google / firestore-writer-tag',
  type: 'TAG',
  displayName: 'Firestore Writer Lookalike',
  description: 'Writes event data to a Firestore document.',
  categories: ['DATA_WAREHOUSING', 'UTILITY'],
  brand: { id: 'brand_dummy', displayName: '' },
  parameters: [
    { type: 'TEXT', name: 'firebaseProjectId', displayName: 'Firebase project id (empty = GOOGLE_CLOUD_PROJECT)', simpleValueType: true },
    { type: 'TEXT', name: 'firebasePath', displayName: 'Collection or document path', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'documentIdKey', displayName: 'Event data key for the document id', simpleValueType: true },
    { type: 'CHECKBOX', name: 'addEventData', checkboxText: 'Add all event data', simpleValueType: true, defaultValue: true },
    { type: 'CHECKBOX', name: 'addTimestamp', checkboxText: 'Add a timestamp field', simpleValueType: true },
    { type: 'TEXT', name: 'timestampFieldName', displayName: 'Timestamp field', simpleValueType: true, defaultValue: 'timestamp' },
    { type: 'CHECKBOX', name: 'merge', checkboxText: 'Merge into an existing document', simpleValueType: true },
    {
      type: 'SIMPLE_TABLE',
      name: 'customData',
      displayName: 'Custom fields',
      simpleTableColumns: [
        { defaultValue: '', displayName: 'Field', name: 'field', type: 'TEXT' },
        { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
      ],
    },
  ],
  code: js`
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
`,
  permissions: {
    logging: { environments: 'all' },
    read_event_data: { eventDataAccess: 'any' },
    access_firestore: { allowedOptions: [{ projectId: '*', path: '*', operation: 'read_write', databaseId: '(default)' }] },
  },
  testStyle: 'gtm',
  setup: js`const Promise = require('Promise');

const mockData = {
  firebaseProjectId: 'proj-1',
  firebasePath: 'events',
  documentIdKey: 'transaction_id',
  addEventData: true,
  addTimestamp: true,
  timestampFieldName: 'ts',
  merge: true,
  customData: [{field: 'source', value: 'sgtm'}]
};

mock('getAllEventData', {event_name: 'purchase', transaction_id: 'T/9', value: 5, items: [{id: 'a'}, {id: 'b'}]});
mock('getTimestampMillis', 1700000000000);

let written;
mockObject('Firestore', {
  write: (path, input, options) => {
    written = {path: path, input: input, options: options};
    return Promise.create((resolve) => resolve(path.split('/').pop()));
  }
});`,
  scenarios: [
    {
      name: 'Writes event data under the transaction id with merge and a timestamp',
      expect: 'pass',
      code: js`runCode(mockData);

const callLater = require('callLater');
callLater(() => {
  assertThat(written).isEqualTo({
    path: 'events/T_9',
    input: {event_name: 'purchase', transaction_id: 'T/9', value: 5, items: [{id: 'a'}, {id: 'b'}], ts: 1700000000000, source: 'sgtm'},
    options: {merge: true, projectId: 'proj-1'}
  });
  assertApi('logToConsole').wasCalledWith('Firestore Writer: wrote T_9');
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'A document path is used as is and the project falls back to the default',
      expect: 'pass',
      code: js`mockData.firebasePath = 'users/u1';
mockData.firebaseProjectId = '';
mockData.addEventData = false;
mockData.addTimestamp = false;
mockData.merge = false;

runCode(mockData);

assertThat(written.path).isEqualTo('users/u1');
assertThat(written.input).isEqualTo({source: 'sgtm'});
assertThat(written.options).isEqualTo({merge: false});`,
    },
    {
      name: 'A rejected write fails the tag and logs the error',
      expect: 'pass',
      code: js`mockObject('Firestore', {
  write: () => Promise.create((resolve, reject) => reject({code: 7, message: 'PERMISSION_DENIED'}))
});

runCode(mockData);

const callLater = require('callLater');
callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('logToConsole').wasCalledWith('Firestore Writer: write failed {"code":7,"message":"PERMISSION_DENIED"}');
});`,
    },
  ],
};

export default source;
