import { js, type ConformanceSource } from '../lib/source';

/** stape's Data Client: claims /data, builds events from JSON or query, runs the container, answers with CORS. */
const source: ConformanceSource = {
  file: 'data-client',
  lookalikeOf: 'stape-io/data-client',
  type: 'CLIENT',
  displayName: 'Data Client Lookalike',
  description: 'Claims requests to the configured paths, turns their JSON or query into events and runs the container for each.',
  categories: ['ANALYTICS', 'TAG_MANAGEMENT'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    {
      type: 'SIMPLE_TABLE',
      name: 'acceptMultiplePaths',
      displayName: 'Paths',
      simpleTableColumns: [{ defaultValue: '', displayName: 'Path', name: 'path', type: 'TEXT', isUnique: true }],
    },
    { type: 'CHECKBOX', name: 'acceptMpv2', checkboxText: 'Also claim GA4 /g/collect requests', simpleValueType: true },
    { type: 'CHECKBOX', name: 'generateClientId', checkboxText: 'Store client id in the _dcid cookie', simpleValueType: true, defaultValue: true },
    {
      type: 'SELECT',
      name: 'responseStatusCode',
      displayName: 'Response status',
      macrosInSelect: false,
      selectItems: [
        { value: 200, displayValue: '200' },
        { value: 204, displayValue: '204' },
      ],
      simpleValueType: true,
      defaultValue: 200,
    },
  ],
  code: js`
const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestMethod = require('getRequestMethod');
const getRequestBody = require('getRequestBody');
const getRequestHeader = require('getRequestHeader');
const getRequestQueryParameters = require('getRequestQueryParameters');
const getRemoteAddress = require('getRemoteAddress');
const isRequestMpv2 = require('isRequestMpv2');
const extractEventsFromMpv2 = require('extractEventsFromMpv2');
const runContainer = require('runContainer');
const returnResponse = require('returnResponse');
const setResponseHeader = require('setResponseHeader');
const setResponseStatus = require('setResponseStatus');
const setResponseBody = require('setResponseBody');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const generateRandom = require('generateRandom');
const getTimestampMillis = require('getTimestampMillis');
const JSON = require('JSON');
const getType = require('getType');
const makeString = require('makeString');
const Promise = require('Promise');

const path = getRequestPath();

if (data.acceptMpv2 && isRequestMpv2()) {
  claimRequest();
  const mpEvents = extractEventsFromMpv2();
  Promise.all(mpEvents.map((event) => runEvent(event))).then(() => {
    setResponseStatus(204);
    returnResponse();
  });
  return;
}

if (!isClaimedPath(path)) {
  return;
}

claimRequest();

const request = readRequest();
const clientId = getClientId();
const commonData = {
  client_id: clientId,
  ip_override: getRemoteAddress(),
  user_agent: getRequestHeader('user-agent'),
  page_location: request.page_location || getRequestHeader('referer')
};

const events = [];
if (getType(request.events) === 'array') {
  for (const item of request.events) {
    events.push(assign({}, commonData, item));
  }
} else {
  events.push(assign({}, commonData, request));
}

let pending = events.length;
events.forEach((event) => {
  if (!event.event_name) event.event_name = 'page_view';
  runContainer(event, () => {
    pending--;
    if (pending === 0) respond();
  });
});

function runEvent(event) {
  return Promise.create((resolve) => {
    runContainer(event, () => resolve());
  });
}

function respond() {
  const origin = getRequestHeader('origin');
  if (origin) {
    setResponseHeader('Access-Control-Allow-Origin', origin);
    setResponseHeader('Access-Control-Allow-Credentials', 'true');
  }
  if (data.generateClientId) {
    setCookie('_dcid', clientId, {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': 63072000, HttpOnly: true});
  }
  setResponseHeader('Content-Type', 'application/json');
  setResponseStatus(data.responseStatusCode || 200);
  setResponseBody(JSON.stringify({timestamp: getTimestampMillis(), unique_event_id: clientId + '_' + events.length}));
  returnResponse();
}

function isClaimedPath(requestPath) {
  const paths = (data.acceptMultiplePaths || []).map((row) => row.path);
  if (paths.length === 0) paths.push('/data');
  return paths.indexOf(requestPath) !== -1;
}

function readRequest() {
  if (getRequestMethod() === 'POST') {
    const body = JSON.parse(getRequestBody());
    return getType(body) === 'object' ? body : {};
  }
  const query = getRequestQueryParameters();
  const out = {};
  for (const key in query) {
    out[key] = key === 'value' ? makeNumberSafe(query[key]) : query[key];
  }
  return out;
}

function makeNumberSafe(value) {
  const asNumber = require('makeNumber')(value);
  return asNumber === asNumber ? asNumber : value;
}

function getClientId() {
  const existing = getCookieValues('_dcid')[0];
  if (existing) return existing;
  return 'dcid.1.' + getTimestampMillis() + '.' + generateRandom(100000000, 999999999);
}

function assign() {
  const target = arguments[0];
  for (let i = 1; i < arguments.length; i++) {
    const source = arguments[i];
    for (const key in source) {
      if (source[key] !== undefined) target[key] = source[key];
    }
  }
  return target;
}
`,
  permissions: {
    read_request: { requestAccess: 'any', headerAccess: 'any', queryParameterAccess: 'any' },
    return_response: {},
    run_container: {},
    access_response: { writeResponseAccess: 'any', writeHeaderAccess: 'any' },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['_dcid'] },
    set_cookies: { allowedCookies: [{ name: '_dcid', domain: '*', path: '*', secure: 'any', session: 'any' }] },
  },
  testStyle: 'block',
  setup: js`const JSON = require('JSON');

const mockData = {
  acceptMultiplePaths: [{path: '/data'}, {path: '/collect/json'}],
  acceptMpv2: true,
  generateClientId: true,
  responseStatusCode: 200
};

let requestPath = '/data';
let requestMethod = 'POST';
let requestBody = '{"event_name":"add_to_cart","value":25,"page_location":"https://shop.example.com/p/1"}';
const headers = {'user-agent': 'Mozilla/5.0', origin: 'https://shop.example.com', referer: 'https://shop.example.com/'};

const containerEvents = [];
const responseHeaders = {};
let responseBody;

mock('getRequestPath', () => requestPath);
mock('getRequestMethod', () => requestMethod);
mock('getRequestBody', () => requestBody);
mock('getRequestHeader', (name) => headers[name]);
mock('getRemoteAddress', '203.0.113.9');
mock('isRequestMpv2', false);
mock('getCookieValues', (name) => name === '_dcid' ? ['dcid.1.1700000000000.123456789'] : []);
mock('getTimestampMillis', 1747945830456);
mock('runContainer', (event, onComplete) => {
  containerEvents.push(event);
  onComplete();
});
mock('setResponseHeader', (name, value) => {
  responseHeaders[name] = value;
});
mock('setResponseBody', (body) => {
  responseBody = body;
});`,
  scenarios: [
    {
      name: 'Claims a POST to /data and runs the container with the merged event',
      expect: 'pass',
      code: js`runCode(mockData);

assertApi('claimRequest').wasCalled();
assertThat(containerEvents).isEqualTo([{
  client_id: 'dcid.1.1700000000000.123456789',
  ip_override: '203.0.113.9',
  user_agent: 'Mozilla/5.0',
  page_location: 'https://shop.example.com/p/1',
  event_name: 'add_to_cart',
  value: 25
}]);
assertThat(responseHeaders).isEqualTo({
  'Access-Control-Allow-Origin': 'https://shop.example.com',
  'Access-Control-Allow-Credentials': 'true',
  'Content-Type': 'application/json'
});
assertApi('setResponseStatus').wasCalledWith(200);
assertThat(JSON.parse(responseBody)).isEqualTo({timestamp: 1747945830456, unique_event_id: 'dcid.1.1700000000000.123456789_1'});
assertApi('setCookie').wasCalledWith('_dcid', 'dcid.1.1700000000000.123456789', {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': 63072000, HttpOnly: true});
assertApi('returnResponse').wasCalled();`,
    },
    {
      name: 'Runs one event per entry of an events array and answers once',
      expect: 'pass',
      code: js`requestPath = '/collect/json';
requestBody = JSON.stringify({events: [{event_name: 'view_item'}, {event_name: 'purchase', value: 10}, {}]});

runCode(mockData);

assertThat(containerEvents.map((e) => e.event_name)).isEqualTo(['view_item', 'purchase', 'page_view']);
assertThat(containerEvents[1].page_location).isEqualTo('https://shop.example.com/');
assertThat(JSON.parse(responseBody).unique_event_id).isEqualTo('dcid.1.1700000000000.123456789_3');
assertApi('returnResponse').wasCalled();`,
    },
    {
      name: 'Reads the query string of a GET and converts value to a number',
      expect: 'pass',
      code: js`requestMethod = 'GET';
mock('getRequestQueryParameters', {event_name: 'sign_up', value: '7.5', method: 'email'});

runCode(mockData);

assertThat(containerEvents[0].value).isStrictlyEqualTo(7.5);
assertThat(containerEvents[0].method).isEqualTo('email');
assertApi('getRequestBody').wasNotCalled();`,
    },
    {
      name: 'Generates a client id when there is no cookie',
      expect: 'pass',
      code: js`mock('getCookieValues', []);
mock('generateRandom', (min, max) => {
  assertThat(min).isEqualTo(100000000);
  assertThat(max).isEqualTo(999999999);
  return 555555555;
});
mockData.generateClientId = false;

runCode(mockData);

assertThat(containerEvents[0].client_id).isEqualTo('dcid.1.1747945830456.555555555');
assertApi('setCookie').wasNotCalled();`,
    },
    {
      name: 'Leaves other paths unclaimed',
      expect: 'pass',
      code: js`requestPath = '/g/collect';

runCode(mockData);

assertApi('claimRequest').wasNotCalled();
assertApi('runContainer').wasNotCalled();
assertApi('returnResponse').wasNotCalled();`,
    },
    {
      name: 'Claims GA4 requests and answers 204 after every event ran',
      expect: 'pass',
      code: js`const callLater = require('callLater');
mock('isRequestMpv2', true);
mock('extractEventsFromMpv2', [{event_name: 'page_view', client_id: '1.2'}, {event_name: 'scroll', client_id: '1.2'}]);
requestPath = '/g/collect';

runCode(mockData);

callLater(() => {
  assertThat(containerEvents).hasLength(2);
  assertApi('setResponseStatus').wasCalledWith(204);
  assertApi('returnResponse').wasCalled();
  assertApi('setResponseBody').wasNotCalled();
});`,
    },
    {
      name: 'A body that is not JSON still produces a page_view',
      expect: 'pass',
      code: js`requestBody = 'not json';

runCode(mockData);

assertThat(containerEvents[0].event_name).isEqualTo('page_view');
assertThat(containerEvents[0].page_location).isEqualTo('https://shop.example.com/');`,
    },
  ],
};

export default source;
