import { js, type ConformanceSource } from '../lib/source';

/**
 * A transaction de-duplication tag (Firestore-backed, like stape's Firestore dedupe helpers):
 * reads transactions/ID; when it exists the event is a duplicate and is only logged, otherwise
 * the document is written and the tag succeeds. Suites mock Firestore both with mockObject and
 * with mock('Firestore', () => ({…})), answer reads with rejections for "not found", and log
 * from inside the mocks through the real logToConsole.
 */
const source: ConformanceSource = {
  file: 'firestore-dedupe-tag',
  lookalikeOf: 'community / firestore-transaction-dedupe',
  type: 'TAG',
  displayName: 'Firestore Dedupe Lookalike',
  description: 'Marks each transaction id in Firestore and reports duplicates.',
  categories: ['UTILITY'],
  parameters: [
    { type: 'TEXT', name: 'projectId', displayName: 'Firebase project id', simpleValueType: true },
    { type: 'TEXT', name: 'collection', displayName: 'Collection', simpleValueType: true, defaultValue: 'transactions' },
  ],
  code: js`
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
`,
  permissions: {
    read_event_data: { eventDataAccess: 'specific', keyPatterns: ['transaction_id', 'value'] },
    logging: { environments: 'debug' },
    access_firestore: { allowedOptions: [{ projectId: '*', path: 'transactions/*', operation: 'read_write', databaseId: '(default)' }] },
  },
  testStyle: 'block',
  setup: js`const Promise = require('Promise');
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

const mockData = {projectId: 'shop-prod', collection: 'transactions'};`,
  scenarios: [
    {
      name: 'A new transaction is written',
      expect: 'pass',
      code: js`runCode(mockData);

callLater(() => {
  assertThat(writes).isEqualTo([{path: 'transactions/T-100', input: {first_seen: 1700000000000, value: 12.5}, options: {projectId: 'shop-prod'}}]);
  assertApi('gtmOnSuccess').wasCalled();
  assertApi('logToConsole').wasNotCalled();
});`,
    },
    {
      name: 'The second run of the same transaction is a logged duplicate',
      expect: 'pass',
      code: js`runCode(mockData);
callLater(() => {
  runCode(mockData);
  callLater(() => {
    assertThat(writes).hasLength(1);
    assertApi('logToConsole').wasCalledWith('dedupe: duplicate transactions/T-100 first seen 1700000000000');
  });
});`,
    },
    {
      name: 'A failing write fails the tag',
      expect: 'pass',
      code: js`failWrites = true;

runCode(mockData);

callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('logToConsole').wasCalledWith('dedupe: write failed permission_denied');
});`,
    },
    {
      name: 'mock() with a function returning the Firestore object',
      expect: 'pass',
      code: js`let reads = 0;
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
});`,
    },
    {
      name: 'No transaction id: logged, nothing read',
      expect: 'pass',
      code: js`eventData.transaction_id = undefined;

runCode(mockData);

assertApi('logToConsole').wasCalledWith('dedupe: no transaction_id, nothing to check');
assertApi('gtmOnSuccess').wasCalled();
assertThat(writes).isEmpty();`,
    },
  ],
};

export default source;
