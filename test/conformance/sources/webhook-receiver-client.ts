import { js, type ConformanceSource } from '../lib/source';

/**
 * A webhook receiver client (CRM / payment-provider webhooks into sGTM, e.g. stape's Webhook
 * client): claims POST /webhook/NAME, checks a shared secret header, answers 401 at once when
 * it is wrong, otherwise runs the container for every item and answers 200 once all completed.
 * Suites run runCode several times per scenario (bad secret, then good) and assert across runs.
 */
const source: ConformanceSource = {
  file: 'webhook-receiver-client',
  lookalikeOf: 'stape-io/webhook-client',
  type: 'CLIENT',
  displayName: 'Webhook Receiver Client Lookalike',
  description: 'Turns authenticated webhook calls into events.',
  categories: ['UTILITY'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'pathPrefix', displayName: 'Path prefix', simpleValueType: true, defaultValue: '/webhook/' },
    { type: 'TEXT', name: 'secret', displayName: 'Shared secret (X-Webhook-Secret header)', simpleValueType: true },
    { type: 'TEXT', name: 'eventNameKey', displayName: 'Item key holding the event name', simpleValueType: true, defaultValue: 'type' },
  ],
  code: js`
const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestMethod = require('getRequestMethod');
const getRequestHeader = require('getRequestHeader');
const getRequestBody = require('getRequestBody');
const runContainer = require('runContainer');
const setResponseStatus = require('setResponseStatus');
const setResponseBody = require('setResponseBody');
const setResponseHeader = require('setResponseHeader');
const returnResponse = require('returnResponse');
const getType = require('getType');
const JSON = require('JSON');
const Promise = require('Promise');

const prefix = data.pathPrefix || '/webhook/';
const path = getRequestPath();
if (getRequestMethod() !== 'POST' || path.indexOf(prefix) !== 0) {
  return;
}
claimRequest();

if (!data.secret || getRequestHeader('x-webhook-secret') !== data.secret) {
  respond(401, {error: 'unauthorized'});
  return;
}

const parsed = JSON.parse(getRequestBody() || '');
if (getType(parsed) !== 'object' && getType(parsed) !== 'array') {
  respond(400, {error: 'body is not JSON'});
  return;
}
const items = getType(parsed) === 'array' ? parsed : [parsed];
const source = path.substring(prefix.length) || 'default';
const key = data.eventNameKey || 'type';

Promise.all(items.map((item) => Promise.create((resolve) => {
  const event = {event_name: item[key] || 'webhook', webhook_source: source};
  for (const k in item) {
    if (k !== key) event[k] = item[k];
  }
  runContainer(event, resolve);
}))).then(() => {
  respond(200, {received: items.length});
});

function respond(status, body) {
  setResponseStatus(status);
  setResponseHeader('content-type', 'application/json');
  setResponseBody(JSON.stringify(body));
  returnResponse();
}
`,
  permissions: {
    read_request: { requestAccess: 'any', headerAccess: 'any', queryParameterAccess: 'any' },
    run_container: {},
    return_response: {},
    access_response: { writeResponseAccess: 'any', writeHeaderAccess: 'any' },
  },
  testStyle: 'block',
  setup: js`const JSON = require('JSON');
const callLater = require('callLater');

let path = '/webhook/crm';
let secret = 's3cret';
let body = '{"type":"lead_created","lead_id":"L-9","value":100}';
const events = [];
const answers = [];
let lastStatus;

mock('getRequestPath', () => path);
mock('getRequestMethod', 'POST');
mock('getRequestHeader', (name) => name === 'x-webhook-secret' ? secret : undefined);
mock('getRequestBody', () => body);
mock('runContainer', (event, onComplete) => {
  events.push(event);
  onComplete();
});
mock('setResponseStatus', (status) => {
  lastStatus = status;
});
mock('setResponseBody', (text) => {
  answers.push({status: lastStatus, body: JSON.parse(text)});
});

const mockData = {pathPrefix: '/webhook/', secret: 's3cret', eventNameKey: 'type'};`,
  scenarios: [
    {
      name: 'A bad secret gets 401, then a good one runs the container (two requests)',
      expect: 'pass',
      code: js`secret = 'wrong';
runCode(mockData);
assertThat(events).isEmpty();

secret = 's3cret';
runCode(mockData);

callLater(() => {
  assertThat(answers).isEqualTo([{status: 401, body: {error: 'unauthorized'}}, {status: 200, body: {received: 1}}]);
  assertThat(events).isEqualTo([{event_name: 'lead_created', webhook_source: 'crm', lead_id: 'L-9', value: 100}]);
  assertApi('claimRequest').wasCalled();
});`,
    },
    {
      name: 'An array body runs one event per item and answers once',
      expect: 'pass',
      code: js`body = JSON.stringify([{type: 'order_paid', id: 1}, {id: 2}]);
path = '/webhook/';

runCode(mockData);

callLater(() => {
  assertThat(events.map((e) => e.event_name)).isEqualTo(['order_paid', 'webhook']);
  assertThat(events[1].webhook_source).isEqualTo('default');
  assertThat(answers).hasLength(1);
  assertThat(answers[0].body.received).isEqualTo(2);
});`,
    },
    {
      name: 'Three requests: not JSON, other path, good',
      expect: 'pass',
      code: js`body = 'not json';
runCode(mockData);
path = '/other';
runCode(mockData);
path = '/webhook/shop';
body = '{"type":"refund"}';
runCode(mockData);

callLater(() => {
  assertThat(answers).isEqualTo([{status: 400, body: {error: 'body is not JSON'}}, {status: 200, body: {received: 1}}]);
  assertThat(events).isEqualTo([{event_name: 'refund', webhook_source: 'shop'}]);
});`,
    },
    {
      name: 'No secret configured refuses every call',
      expect: 'pass',
      code: js`mockData.secret = '';
runCode(mockData);
runCode(mockData);

assertThat(answers.map((a) => a.status)).isEqualTo([401, 401]);
assertApi('runContainer').wasNotCalled();`,
    },
  ],
};

export default source;
