import { js, type ConformanceSource } from '../lib/source';

/**
 * An "event log to BigQuery" tag (stape's / community BigQuery writers): one row per event with
 * selected fields and a JSON column, written with BigQuery.insert; on failure it logs the error
 * and fails. Its suite mocks BigQuery with mockObject, and the insert mock reports through the
 * real logToConsole taken in setup (a test-code call, not one of the template's).
 */
const source: ConformanceSource = {
  file: 'bigquery-event-log-tag',
  lookalikeOf: 'community / bigquery-event-log-tag',
  type: 'TAG',
  displayName: 'BigQuery Event Log Lookalike',
  description: 'Writes each event as a row to a BigQuery table.',
  categories: ['DATA_WAREHOUSING'],
  parameters: [
    { type: 'TEXT', name: 'projectId', displayName: 'Project id', simpleValueType: true },
    { type: 'TEXT', name: 'datasetId', displayName: 'Dataset id', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'tableId', displayName: 'Table id', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    {
      type: 'SIMPLE_TABLE',
      name: 'columns',
      displayName: 'Columns from event data',
      simpleTableColumns: [
        { defaultValue: '', displayName: 'Column', name: 'column', type: 'TEXT' },
        { defaultValue: '', displayName: 'Event data key', name: 'key', type: 'TEXT' },
      ],
    },
    { type: 'CHECKBOX', name: 'addRawEvent', checkboxText: 'Add the whole event as JSON in column raw_event', simpleValueType: true },
  ],
  code: js`
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
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    logging: { environments: 'debug' },
    access_bigquery: { allowedTables: [{ projectId: '*', datasetId: 'events', tableId: '*', operation: 'write' }] },
  },
  testStyle: 'gtm',
  setup: js`const Promise = require('Promise');
const JSON = require('JSON');
const log = require('logToConsole');
const callLater = require('callLater');

mock('getAllEventData', {event_name: 'purchase', value: 30, currency: 'USD', items: [{item_id: 'a'}]});
mock('getTimestampMillis', 1750000000000);

let inserted;
let insertError;
mockObject('BigQuery', {
  insert: (connection, rows, options) => {
    inserted = {connection: connection, rows: rows, options: options};
    log('insert mock called for ' + connection.tableId);
    return Promise.create((resolve, reject) => {
      if (insertError) reject(insertError);
      else resolve();
    });
  }
});

const mockData = {projectId: 'proj', datasetId: 'events', tableId: 'raw', columns: [{column: 'value', key: 'value'}, {column: 'currency', key: 'currency'}], addRawEvent: false};`,
  scenarios: [
    {
      name: 'Inserts one row and succeeds',
      expect: 'pass',
      code: js`runCode(mockData);

assertThat(inserted).isEqualTo({
  connection: {datasetId: 'events', tableId: 'raw', projectId: 'proj'},
  rows: [{event_name: 'purchase', timestamp: 1750000000000, value: 30, currency: 'USD'}],
  options: {ignoreUnknownValues: true}
});
callLater(() => {
  assertApi('gtmOnSuccess').wasCalled();
  assertApi('logToConsole').wasNotCalled();
});`,
    },
    {
      name: 'The raw event column holds the JSON',
      expect: 'pass',
      code: js`mockData.addRawEvent = true;
mockData.columns = [];
mockData.projectId = '';

runCode(mockData);

assertThat(inserted.connection).isEqualTo({datasetId: 'events', tableId: 'raw'});
assertThat(JSON.parse(inserted.rows[0].raw_event).items).isEqualTo([{item_id: 'a'}]);`,
    },
    {
      name: 'A failed insert is logged and fails the tag',
      expect: 'pass',
      code: js`insertError = [{row: {}, errors: [{reason: 'invalid'}]}];

runCode(mockData);

callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('logToConsole').wasCalledWith('BigQuery insert failed: [{"row":{},"errors":[{"reason":"invalid"}]}]');
});`,
    },
    {
      name: 'Three events, three inserts',
      expect: 'pass',
      code: js`let count = 0;
mockObject('BigQuery', {insert: () => {
  count++;
  return Promise.create((resolve) => resolve());
}});

runCode(mockData);
runCode(mockData);
runCode(mockData);

assertThat(count).isEqualTo(3);`,
    },
  ],
};

export default source;
