import { js, type ConformanceSource } from '../lib/source';

/** Google's sgtm-ga4-to-bigquery: one typed row per event, BigQuery.insert().then(onSuccess, onFailure). */
const source: ConformanceSource = {
  file: 'ga4-to-bigquery',
  lookalikeOf: 'google-marketing-solutions/sgtm-ga4-to-bigquery',
  type: 'TAG',
  displayName: 'GA4 to BigQuery Lookalike',
  description: 'Writes every event, with its parameters typed like the GA4 export, into a BigQuery table.',
  categories: ['DATA_WAREHOUSING', 'ANALYTICS'],
  brand: { id: 'brand_dummy', displayName: '' },
  parameters: [
    { type: 'TEXT', name: 'projectId', displayName: 'Project ID (empty: the container project)', simpleValueType: true },
    { type: 'TEXT', name: 'datasetId', displayName: 'Dataset ID', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'tableId', displayName: 'Table ID', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'CHECKBOX', name: 'skipInternal', checkboxText: 'Skip x-ga- internal keys', simpleValueType: true, defaultValue: true },
  ],
  code: js`
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
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    access_bigquery: { allowedTables: [{ projectId: '*', datasetId: '*', tableId: '*', operation: 'write' }] },
  },
  testStyle: 'gtm',
  setup: js`const Promise = require('Promise');
const callLater = require('callLater');

const mockData = {
  projectId: 'my-project',
  datasetId: 'analytics',
  tableId: 'events',
  skipInternal: true
};

const eventData = {
  event_name: 'purchase',
  client_id: '123.456',
  ga_session_id: 1747945000,
  page_location: 'https://example.com/',
  value: 42.5,
  quantity: 3,
  logged_in: true,
  coupon: 'SPRING',
  items: [{item_id: 'A'}],
  'x-ga-measurement_id': 'G-XYZ',
  empty: null
};

mock('getAllEventData', eventData);
mock('getTimestampMillis', 1747945830456);`,
  scenarios: [
    {
      name: 'Inserts one typed row (BigQuery mocked with a function returning the object)',
      expect: 'pass',
      code: js`let inserted;
mock('BigQuery', () => {
  return {
    insert: (connectionInfo, rows, options) => {
      inserted = {connectionInfo: connectionInfo, rows: rows, options: options};
      return Promise.create((resolve) => resolve());
    }
  };
});

runCode(mockData);

callLater(() => {
  assertThat(inserted.connectionInfo).isEqualTo({datasetId: 'analytics', tableId: 'events', projectId: 'my-project'});
  assertThat(inserted.options).isEqualTo({ignoreUnknownValues: true});
  assertThat(inserted.rows).isEqualTo([{
    event_timestamp: 1747945830456000,
    event_name: 'purchase',
    client_id: '123.456',
    user_id: undefined,
    session_id: '1747945000',
    page_location: 'https://example.com/',
    event_params: [
      {key: 'value', value: {double_value: 42.5}},
      {key: 'quantity', value: {int_value: 3}},
      {key: 'logged_in', value: {int_value: 1}},
      {key: 'coupon', value: {string_value: 'SPRING'}},
      {key: 'items', value: {string_value: '[{"item_id":"A"}]'}},
      {key: 'empty', value: {}}
    ]
  }]);
  assertThat(inserted.rows[0].user_id).isUndefined();
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Reports failure when the insert rejects (mockObject)',
      expect: 'pass',
      code: js`mockObject('BigQuery', {
  insert: () => Promise.create((resolve, reject) => reject({reason: 'invalid', errors: [{reason: 'notFound'}]}))
});

runCode(mockData);

callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('gtmOnSuccess').wasNotCalled();
});`,
    },
    {
      name: 'Uses the container project when no project is set and keeps x-ga keys on request',
      expect: 'pass',
      code: js`mockData.projectId = '';
mockData.skipInternal = false;
let connection;
let params;
mockObject('BigQuery', {
  insert: (connectionInfo, rows) => {
    connection = connectionInfo;
    params = rows[0].event_params.map((p) => p.key);
    return Promise.create((resolve) => resolve());
  }
});

runCode(mockData);

assertThat(connection).isEqualTo({datasetId: 'analytics', tableId: 'events'});
assertThat(params).contains('x-ga-measurement_id');
assertThat(params).hasLength(7);`,
    },
    {
      name: 'Assertion inside the insert mock fails the scenario',
      expect: { fails: 'Expected "events" to equal "sessions"' },
      code: js`mockObject('BigQuery', {
  insert: (connectionInfo) => {
    assertThat(connectionInfo.tableId).isEqualTo('sessions');
    return Promise.create((resolve) => resolve());
  }
});

runCode(mockData);`,
    },
  ],
};

export default source;
