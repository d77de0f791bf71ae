import { js, type ConformanceSource } from '../lib/source';

/**
 * A generic "send event data to a webhook" server tag (stape's Webhook / HTTP request tags).
 * Its published suite runs the tag without mocking sendHttpRequest and asserts only what the
 * tag logged, which passes in GTM's editor (the request really goes out, nobody looks at it):
 * here the request is held back with a `network_not_sent` warning and the scenario passes.
 */
const source: ConformanceSource = {
  file: 'webhook-tag',
  lookalikeOf: 'stape-io/webhook-tag',
  type: 'TAG',
  displayName: 'Webhook Lookalike',
  description: 'Sends the event data as JSON to one or more webhook URLs.',
  categories: ['UTILITY'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    {
      type: 'SIMPLE_TABLE',
      name: 'urls',
      displayName: 'Webhook URLs',
      simpleTableColumns: [{ defaultValue: '', displayName: 'URL', name: 'url', type: 'TEXT', isUnique: true }],
    },
    {
      type: 'SELECT',
      name: 'requestMethod',
      displayName: 'Method',
      macrosInSelect: false,
      selectItems: [
        { value: 'POST', displayValue: 'POST' },
        { value: 'PUT', displayValue: 'PUT' },
      ],
      simpleValueType: true,
      defaultValue: 'POST',
    },
    { type: 'CHECKBOX', name: 'sendAllEventData', checkboxText: 'Send all event data', simpleValueType: true, defaultValue: true },
    {
      type: 'RADIO',
      name: 'logType',
      displayName: 'Logging',
      radioItems: [
        { value: 'no', displayValue: 'Do not log' },
        { value: 'debug', displayValue: 'Log during debug and preview' },
        { value: 'always', displayValue: 'Always log' },
      ],
      simpleValueType: true,
      defaultValue: 'debug',
    },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const getAllEventData = require('getAllEventData');
const getContainerVersion = require('getContainerVersion');
const getRequestHeader = require('getRequestHeader');
const logToConsole = require('logToConsole');
const JSON = require('JSON');
const Promise = require('Promise');

const isLoggingEnabled = determinateIsLoggingEnabled();
const traceId = isLoggingEnabled ? getRequestHeader('trace-id') : undefined;
const eventData = data.sendAllEventData ? getAllEventData() : {event_name: getAllEventData().event_name};
const urls = (data.urls || []).map((row) => row.url).filter((url) => !!url);

if (urls.length === 0) {
  return data.gtmOnFailure();
}

Promise.all(urls.map((url) => sendOne(url))).then((statuses) => {
  const allOk = statuses.every((code) => code >= 200 && code < 300);
  if (allOk) data.gtmOnSuccess();
  else data.gtmOnFailure();
}, () => data.gtmOnFailure());

function sendOne(url) {
  const body = JSON.stringify(eventData);
  const method = data.requestMethod || 'POST';
  if (isLoggingEnabled) {
    logToConsole(JSON.stringify({Name: 'Webhook', Type: 'Request', TraceId: traceId, EventName: eventData.event_name, RequestMethod: method, RequestUrl: url, RequestBody: eventData}));
  }
  return sendHttpRequest(url, {method: method, headers: {'Content-Type': 'application/json'}, timeout: 5000}, body).then((result) => {
    if (isLoggingEnabled) {
      logToConsole(JSON.stringify({Name: 'Webhook', Type: 'Response', TraceId: traceId, EventName: eventData.event_name, ResponseStatusCode: result.statusCode, ResponseBody: result.body}));
    }
    return result.statusCode;
  });
}

function determinateIsLoggingEnabled() {
  const containerVersion = getContainerVersion();
  const isDebug = !!(containerVersion && (containerVersion.debugMode || containerVersion.previewMode));
  if (!data.logType) return isDebug;
  if (data.logType === 'no') return false;
  if (data.logType === 'debug') return isDebug;
  return data.logType === 'always';
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    read_container_data: {},
    read_request: { requestAccess: 'specific', headerAccess: 'specific', headerNames: ['trace-id'] },
    logging: { environments: 'debug' },
    send_http: { allowedUrls: 'any' },
  },
  testStyle: 'gtm',
  setup: js`const JSON = require('JSON');

const eventData = {event_name: 'purchase', value: 42, currency: 'EUR', transaction_id: 'T-1'};
const mockData = {
  urls: [{url: 'https://hooks.example.com/a'}],
  requestMethod: 'POST',
  sendAllEventData: true,
  logType: 'always'
};

mock('getAllEventData', eventData);
mock('getRequestHeader', (name) => name === 'trace-id' ? 'trace-123' : undefined);

const requestLog = (url) => JSON.stringify({Name: 'Webhook', Type: 'Request', TraceId: 'trace-123', EventName: 'purchase', RequestMethod: 'POST', RequestUrl: url, RequestBody: eventData});`,
  scenarios: [
    {
      name: 'Logs the request it sends (sendHttpRequest not mocked)',
      expect: 'pass',
      warnings: ['network_not_sent https://hooks.example.com/a'],
      code: js`runCode(mockData);

assertApi('logToConsole').wasCalledWith(requestLog('https://hooks.example.com/a'));
assertApi('gtmOnFailure').wasNotCalled();`,
    },
    {
      name: 'One request per URL, each logged (sendHttpRequest not mocked)',
      expect: 'pass',
      warnings: ['network_not_sent https://hooks.example.com/a', 'network_not_sent https://hooks.example.com/b'],
      code: js`mockData.urls.push({url: 'https://hooks.example.com/b'}, {url: ''});

runCode(mockData);

assertApi('logToConsole').wasCalledWith(requestLog('https://hooks.example.com/a'));
assertApi('logToConsole').wasCalledWith(requestLog('https://hooks.example.com/b'));
assertApi('sendHttpRequest').wasCalledWith('https://hooks.example.com/b', {method: 'POST', headers: {'Content-Type': 'application/json'}, timeout: 5000}, JSON.stringify(eventData));`,
    },
    {
      name: 'Logging off: nothing is logged (sendHttpRequest not mocked)',
      expect: 'pass',
      warnings: ['network_not_sent https://hooks.example.com/a'],
      code: js`mockData.logType = 'no';

runCode(mockData);

assertApi('logToConsole').wasNotCalled();
assertApi('getRequestHeader').wasNotCalled();`,
    },
    {
      name: 'No URL fails the tag without a request',
      expect: 'pass',
      code: js`mockData.urls = [];

runCode(mockData);

assertApi('gtmOnFailure').wasCalled();
assertApi('sendHttpRequest').wasNotCalled();`,
    },
    {
      name: 'Success when every webhook answers 2xx (mocked), response logged',
      expect: 'pass',
      code: js`const Promise = require('Promise');
mock('sendHttpRequest', () => Promise.create((resolve) => resolve({statusCode: 201, body: 'created'})));

runCode(mockData);

require('callLater')(() => {
  assertApi('gtmOnSuccess').wasCalled();
  assertApi('logToConsole').wasCalledWith(JSON.stringify({Name: 'Webhook', Type: 'Response', TraceId: 'trace-123', EventName: 'purchase', ResponseStatusCode: 201, ResponseBody: 'created'}));
});`,
    },
    {
      name: 'Only the event name when not sending all event data',
      expect: 'pass',
      code: js`mockData.sendAllEventData = false;
let sentBody;
mock('sendHttpRequest', (url, options, body) => {
  sentBody = body;
  return {then: (ok) => ok({statusCode: 500})};
});

runCode(mockData);

assertThat(JSON.parse(sentBody)).isEqualTo({event_name: 'purchase'});
// Promise.all settles after runCode returns, even over a synchronous thenable.
assertApi('gtmOnFailure').wasNotCalled();
require('callLater')(() => assertApi('gtmOnFailure').wasCalled());`,
    },
  ],
};

export default source;
