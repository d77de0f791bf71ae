import { js, type ConformanceSource } from '../lib/source';

/**
 * An "event logger" server tag (stape's Logger / Request Logger style): logs the event and
 * chosen request headers as one JSON line. Its suite takes the real logToConsole in setup and
 * mocks logToConsole with a function that records the line and calls the real one, which works
 * in GTM because a mock replaces only what the template gets.
 */
const source: ConformanceSource = {
  file: 'logger-tag',
  lookalikeOf: 'stape-io/logger-tag',
  type: 'TAG',
  displayName: 'Event Logger Lookalike',
  description: 'Logs the event data and selected request headers to the console.',
  categories: ['UTILITY'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'CHECKBOX', name: 'logEventData', checkboxText: 'Log event data', simpleValueType: true, defaultValue: true },
    {
      type: 'SIMPLE_TABLE',
      name: 'headers',
      displayName: 'Request headers to log',
      simpleTableColumns: [{ defaultValue: '', displayName: 'Header', name: 'name', type: 'TEXT' }],
    },
    { type: 'TEXT', name: 'maskKeys', displayName: 'Event data keys to mask (comma separated)', simpleValueType: true },
    { type: 'CHECKBOX', name: 'onlyInPreview', checkboxText: 'Only in preview', simpleValueType: true },
  ],
  code: js`
const getAllEventData = require('getAllEventData');
const getRequestHeader = require('getRequestHeader');
const getContainerVersion = require('getContainerVersion');
const logToConsole = require('logToConsole');
const JSON = require('JSON');
const Object = require('Object');

if (data.onlyInPreview && !getContainerVersion().previewMode) {
  return data.gtmOnSuccess();
}

const line = {Name: 'Logger'};
if (data.logEventData) {
  line.EventData = mask(getAllEventData(), (data.maskKeys || '').split(',').map((k) => k.trim()).filter((k) => k !== ''));
}
const headerRows = data.headers || [];
if (headerRows.length > 0) {
  line.Headers = {};
  headerRows.forEach((row) => {
    const value = getRequestHeader(row.name);
    if (value !== undefined) line.Headers[row.name] = value;
  });
}
logToConsole(JSON.stringify(line));
data.gtmOnSuccess();

function mask(source, keys) {
  const out = {};
  Object.keys(source).forEach((key) => {
    out[key] = keys.indexOf(key) === -1 ? source[key] : '***';
  });
  return out;
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    read_request: { requestAccess: 'any', headerAccess: 'any', queryParameterAccess: 'any' },
    read_container_data: {},
    logging: { environments: 'all' },
  },
  testStyle: 'block',
  setup: js`const JSON = require('JSON');
const log = require('logToConsole');

const logged = [];
mock('logToConsole', function () {
  logged.push(arguments[0]);
  log(arguments[0]);
});
mock('getAllEventData', {event_name: 'sign_up', user_id: 'u-1', email: 'someone@example.com'});
mock('getRequestHeader', (name) => ({'user-agent': 'Mozilla/5.0', 'x-forwarded-for': '203.0.113.1'})[name]);

const mockData = {logEventData: true, headers: [{name: 'user-agent'}, {name: 'x-missing'}], maskKeys: 'email, phone'};`,
  scenarios: [
    {
      name: 'Logs event data with masked keys and the chosen headers',
      expect: 'pass',
      code: js`runCode(mockData);

assertThat(logged).hasLength(1);
assertThat(JSON.parse(logged[0])).isEqualTo({
  Name: 'Logger',
  EventData: {event_name: 'sign_up', user_id: 'u-1', email: '***'},
  Headers: {'user-agent': 'Mozilla/5.0'}
});
assertApi('logToConsole').wasCalledWith(logged[0]);
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'Headers only',
      expect: 'pass',
      code: js`mockData.logEventData = false;
mockData.headers = [{name: 'x-forwarded-for'}];

runCode(mockData);

assertThat(logged).isEqualTo(['{"Name":"Logger","Headers":{"x-forwarded-for":"203.0.113.1"}}']);`,
    },
    {
      name: 'Runs three times, one line each',
      expect: 'pass',
      code: js`runCode(mockData);
runCode(mockData);
mockData.headers = [];
runCode(mockData);

assertThat(logged).hasLength(3);
assertThat(JSON.parse(logged[2]).Headers).isUndefined();
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'Only in preview: logs in preview',
      expect: 'pass',
      code: js`mockData.onlyInPreview = true;
mock('getContainerVersion', {previewMode: true, debugMode: true, containerId: 'GTM-TEST'});

runCode(mockData);

assertThat(logged).hasLength(1);`,
    },
    {
      name: 'Outside preview nothing is logged',
      expect: 'pass',
      code: js`mockData.onlyInPreview = true;
mock('getContainerVersion', {previewMode: false, debugMode: false});

runCode(mockData);

assertApi('logToConsole').wasNotCalled();
assertThat(logged).isEmpty();
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'A wrong expectation about the logged line fails',
      expect: { fails: 'Expected ["{\\"Name\\":\\"Logger\\",\\"Headers\\":{\\"x-forwarded-for\\":\\"203.0.113.1\\"}}"] to equal []' },
      code: js`mockData.logEventData = false;
mockData.headers = [{name: 'x-forwarded-for'}];

runCode(mockData);

assertThat(logged).isEqualTo([]);`,
    },
  ],
};

export default source;
