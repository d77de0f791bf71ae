import { js, type ConformanceSource } from '../lib/source';

/**
 * A pixel client (stape's Image/Pixel client style): claims GET /px and /pixel.gif, builds an
 * event from the query string, answers at once with a 1×1 GIF when asked to (so the browser is
 * not held), and answers again when the container completes — a second returnResponse that a
 * container ignores and GTM's editor does not fail. Suites call runCode several times in one
 * scenario, each a new request.
 */
const source: ConformanceSource = {
  file: 'pixel-client',
  lookalikeOf: 'stape-io/pixel-client',
  type: 'CLIENT',
  displayName: 'Pixel Client Lookalike',
  description: 'Claims pixel requests, turns their query into an event and answers with a transparent GIF.',
  categories: ['ANALYTICS'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'paths', displayName: 'Paths (comma separated)', simpleValueType: true, defaultValue: '/px,/pixel.gif' },
    { type: 'CHECKBOX', name: 'respondImmediately', checkboxText: 'Answer before the tags finish', simpleValueType: true },
    { type: 'TEXT', name: 'defaultEventName', displayName: 'Event name when none is given', simpleValueType: true, defaultValue: 'page_view' },
  ],
  code: js`
const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestQueryParameters = require('getRequestQueryParameters');
const getRequestHeader = require('getRequestHeader');
const getRemoteAddress = require('getRemoteAddress');
const runContainer = require('runContainer');
const setPixelResponse = require('setPixelResponse');
const setResponseHeader = require('setResponseHeader');
const returnResponse = require('returnResponse');
const makeNumber = require('makeNumber');

const paths = (data.paths || '/px').split(',').map((p) => p.trim());
if (paths.indexOf(getRequestPath()) === -1) {
  return;
}
claimRequest();

const query = getRequestQueryParameters();
const event = {
  event_name: query.en || data.defaultEventName || 'page_view',
  page_location: query.dl || getRequestHeader('referer'),
  client_id: query.cid,
  ip_override: getRemoteAddress(),
  user_agent: getRequestHeader('user-agent')
};
if (query.v) event.value = makeNumber(query.v);

if (data.respondImmediately) {
  answer();
}
runContainer(event, () => {
  answer();
});

function answer() {
  setResponseHeader('Access-Control-Allow-Origin', getRequestHeader('origin') || '*');
  setPixelResponse();
  returnResponse();
}
`,
  permissions: {
    read_request: { requestAccess: 'any', headerAccess: 'any', queryParameterAccess: 'any' },
    run_container: {},
    return_response: {},
    access_response: { writeResponseAccess: 'any', writeHeaderAccess: 'any' },
  },
  testStyle: 'gtm',
  setup: js`let path = '/px';
let query = {en: 'purchase', dl: 'https://shop.example.com/thanks', cid: '555.666', v: '19.90'};
const events = [];
let completes = [];

mock('getRequestPath', () => path);
mock('getRequestQueryParameters', () => query);
mock('getRequestHeader', (name) => ({referer: 'https://shop.example.com/', 'user-agent': 'UA/1', origin: 'https://shop.example.com'})[name]);
mock('getRemoteAddress', '198.51.100.7');
mock('runContainer', (event, onComplete) => {
  events.push(event);
  completes.push(onComplete);
});

const mockData = {paths: '/px, /pixel.gif', respondImmediately: false, defaultEventName: 'page_view'};`,
  scenarios: [
    {
      name: 'Claims /px and answers when the container completes',
      expect: 'pass',
      code: js`runCode(mockData);

assertApi('claimRequest').wasCalled();
assertThat(events).isEqualTo([{event_name: 'purchase', page_location: 'https://shop.example.com/thanks', client_id: '555.666', ip_override: '198.51.100.7', user_agent: 'UA/1', value: 19.9}]);
assertApi('returnResponse').wasNotCalled();
completes[0]();
assertApi('setPixelResponse').wasCalled();
assertApi('returnResponse').wasCalled();
assertApi('setResponseHeader').wasCalledWith('Access-Control-Allow-Origin', 'https://shop.example.com');`,
    },
    {
      name: 'Several requests in one scenario: unclaimed path, then two pixels',
      expect: 'pass',
      code: js`path = '/other';
runCode(mockData);
assertApi('claimRequest').wasNotCalled();

path = '/pixel.gif';
query = {cid: '1.1'};
runCode(mockData);
completes[0]();

path = '/px';
query = {en: 'scroll', cid: '1.1'};
runCode(mockData);
completes[1]();

assertThat(events.map((e) => e.event_name)).isEqualTo(['page_view', 'scroll']);
assertThat(events[0].page_location).isEqualTo('https://shop.example.com/');
assertThat(events[0].value).isUndefined();
assertApi('claimRequest').wasCalled();
assertApi('returnResponse').wasCalled();`,
    },
    {
      name: 'Answers at once and again on completion (a second returnResponse)',
      expect: 'pass',
      warnings: ['response_returned_twice'],
      code: js`mockData.respondImmediately = true;

runCode(mockData);
assertApi('returnResponse').wasCalled();
completes[0]();

runCode(mockData);
completes[1]();

assertThat(events).hasLength(2);`,
    },
    {
      name: 'A real runContainer completes the request too',
      expect: 'pass',
      code: js`mock('runContainer', (event, onComplete) => {
  events.push(event);
  require('callLater')(onComplete);
});

runCode(mockData);

require('callLater')(() => {
  assertApi('returnResponse').wasCalled();
  assertThat(events).hasLength(1);
});`,
    },
    {
      name: 'A wrong default event name fails',
      expect: { fails: 'Expected "page_view" to equal "pageview"' },
      code: js`query = {};

runCode(mockData);

assertThat(events[0].event_name).isEqualTo('pageview');`,
    },
  ],
};

export default source;
