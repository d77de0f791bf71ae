import { js, type ConformanceSource } from '../lib/source';

/** stape's Mixpanel tag: form-encoded base64 batch, queryPermission, async sha256, callLater in the tag. */
const source: ConformanceSource = {
  file: 'mixpanel-track',
  lookalikeOf: 'stape-io/mixpanel-tag',
  type: 'TAG',
  displayName: 'Mixpanel Lookalike',
  description: 'Tracks an event in Mixpanel through the /track ingestion endpoint.',
  categories: ['ANALYTICS'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'token', displayName: 'Project token', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'eventName', displayName: 'Event name', simpleValueType: true },
    {
      type: 'PARAM_TABLE',
      name: 'properties',
      displayName: 'Properties',
      paramTableColumns: [
        { param: { type: 'TEXT', name: 'name', displayName: 'Name', simpleValueType: true }, isUnique: true },
        { param: { type: 'TEXT', name: 'value', displayName: 'Value', simpleValueType: true }, isUnique: false },
      ],
    },
    { type: 'TEXT', name: 'forwardHeader', displayName: 'Request header to add as a property', simpleValueType: true },
    { type: 'CHECKBOX', name: 'hashEmail', checkboxText: 'Send a hash of the email as $email_sha256', simpleValueType: true },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const getEventData = require('getEventData');
const getCookieValues = require('getCookieValues');
const getRequestHeader = require('getRequestHeader');
const queryPermission = require('queryPermission');
const getTimestampMillis = require('getTimestampMillis');
const generateRandom = require('generateRandom');
const toBase64 = require('toBase64');
const encodeUriComponent = require('encodeUriComponent');
const sha256 = require('sha256');
const callLater = require('callLater');
const JSON = require('JSON');
const Math = require('Math');

const now = getTimestampMillis();
const properties = {
  token: data.token,
  distinct_id: getDistinctId(),
  time: now,
  $insert_id: now.toString(36) + '-' + generateRandom(0, 255).toString(16)
};

const custom = (data.properties || []).slice();
custom.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
custom.forEach((row) => {
  properties[row.name] = row.value;
});

if (data.forwardHeader) {
  properties['$header_' + data.forwardHeader] = getRequestHeader(data.forwardHeader);
}

const email = getEventData('user_data.email_address');
if (data.hashEmail && email) {
  sha256(email.trim().toLowerCase(), (digest) => {
    properties.$email_sha256 = digest;
    send();
  }, {outputEncoding: 'hex'});
} else {
  send();
}

function getDistinctId() {
  if (queryPermission('get_cookies', 'mp_distinct_id')) {
    const fromCookie = getCookieValues('mp_distinct_id')[0];
    if (fromCookie) return fromCookie;
  }
  return getEventData('user_id') || getEventData('client_id');
}

function send() {
  const batch = [{event: data.eventName || getEventData('event_name'), properties: properties}];
  const body = 'data=' + encodeUriComponent(toBase64(JSON.stringify(batch)));
  sendHttpRequest('https://api.mixpanel.com/track?ip=0&verbose=1', (statusCode, headers, responseBody) => {
    const parsed = JSON.parse(responseBody || '{}') || {};
    if (statusCode === 200 && parsed.status === 1) {
      callLater(() => data.gtmOnSuccess());
    } else {
      data.gtmOnFailure();
    }
  }, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'}, timeout: Math.max(1000, 2500)}, body);
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'specific', keyPatterns: ['user_data.email_address', 'user_id', 'client_id', 'event_name'] },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['mp_distinct_id'] },
    send_http: { allowedUrls: 'specific', urls: ['https://api.mixpanel.com/'] },
    read_request: { requestAccess: 'specific', headerAccess: 'specific', headersAllowed: true, headerWhitelist: [{ headerName: 'user-agent' }] },
  },
  testStyle: 'gtm',
  setup: js`const JSON = require('JSON');
const fromBase64 = require('fromBase64');
const decodeUriComponent = require('decodeUriComponent');
const callLater = require('callLater');

const mockData = {
  token: 'mp-token',
  eventName: 'Signup',
  properties: [{name: 'seats', value: '3'}, {name: 'plan', value: 'pro'}],
  hashEmail: false
};
const eventData = {user_id: 'u-1', client_id: 'c-1', event_name: 'sign_up', user_data: {email_address: ' Jane.Doe@example.com '}};

mock('getEventData', (key) => {
  if (key === 'user_data.email_address') return eventData.user_data.email_address;
  return eventData[key];
});
mock('getTimestampMillis', 1747945830456);
mock('generateRandom', 255);
mock('getCookieValues', ['cookie-distinct']);

let sentBatch;
let sentOptions;
let responseText = '{"status":1,"error":null}';
mock('sendHttpRequest', (url, callback, options, body) => {
  assertThat(url).isEqualTo('https://api.mixpanel.com/track?ip=0&verbose=1');
  assertThat(body.indexOf('data=')).isEqualTo(0);
  sentBatch = JSON.parse(fromBase64(decodeUriComponent(body.substring(5))));
  sentOptions = options;
  callback(200, {'content-type': 'application/json'}, responseText);
});`,
  scenarios: [
    {
      name: 'Tracks the event with sorted table properties and succeeds after callLater',
      expect: 'pass',
      code: js`runCode(mockData);

assertThat(sentBatch).isEqualTo([{
  event: 'Signup',
  properties: {
    token: 'mp-token',
    distinct_id: 'cookie-distinct',
    time: 1747945830456,
    $insert_id: 'mazttem0-ff',
    plan: 'pro',
    seats: '3'
  }
}]);
assertThat(require('Object').keys(sentBatch[0].properties)).isEqualTo(['token', 'distinct_id', 'time', '$insert_id', 'plan', 'seats']);
assertThat(sentOptions).isEqualTo({method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'}, timeout: 2500});
assertApi('gtmOnSuccess').wasNotCalled();
callLater(() => {
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Unmocked queryPermission reads the template permissions',
      expect: 'pass',
      code: js`const queryPermission = require('queryPermission');

assertThat(queryPermission('get_cookies', 'mp_distinct_id')).isTrue();
assertThat(queryPermission('get_cookies', 'other_cookie')).isFalse();
assertThat(queryPermission('send_http', 'https://api.mixpanel.com/track')).isTrue();
assertThat(queryPermission('send_http', 'https://evil.example.com/')).isFalse();`,
    },
    {
      name: 'Falls back to user_id when the cookie permission is refused',
      expect: 'pass',
      code: js`mock('queryPermission', false);

runCode(mockData);

assertThat(sentBatch[0].properties.distinct_id).isEqualTo('u-1');
assertApi('getCookieValues').wasNotCalled();`,
    },
    {
      name: 'Hashes the email with the async sha256 before sending',
      expect: 'pass',
      code: js`mockData.hashEmail = true;

runCode(mockData);

callLater(() => {
  assertThat(sentBatch[0].properties.$email_sha256).isEqualTo('86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d');
  assertApi('sendHttpRequest').wasCalled();
});`,
    },
    {
      name: 'A rejected batch fails the tag at once',
      expect: 'pass',
      code: js`responseText = '{"status":0,"error":"token, missing or empty"}';

runCode(mockData);

assertApi('gtmOnFailure').wasCalled();
assertApi('gtmOnSuccess').wasNotCalled();`,
    },
    {
      name: 'Event name comes from event data when the field is empty',
      expect: 'pass',
      code: js`mockData.eventName = '';
mockData.properties = undefined;

runCode(mockData);

assertThat(sentBatch[0].event).isEqualTo('sign_up');
assertThat(require('Object').keys(sentBatch[0].properties)).hasLength(4);`,
    },
    {
      name: 'Forwards an allowed request header through the real getRequestHeader',
      expect: 'pass',
      code: js`mockData.forwardHeader = 'user-agent';

runCode(mockData);

assertApi('getRequestHeader').wasCalledWith('user-agent');
assertThat(sentBatch[0].properties['$header_user-agent']).isUndefined();
assertApi('gtmOnFailure').wasNotCalled();`,
    },
    {
      name: 'A template call outside its permissions fails the scenario',
      expect: {
        fails: 'PermissionError: getRequestHeader: read_request does not allow reading request header "x-forwarded-for" (allowed headers: user-agent) (template line 30)',
      },
      code: js`mockData.forwardHeader = 'x-forwarded-for';

runCode(mockData);`,
    },
    {
      name: 'Math has no random and the sandbox has no Date',
      expect: 'pass',
      code: js`const Math = require('Math');

assertThat(Math.random).isUndefined();
assertThat(Math.floor(2.7)).isEqualTo(2);
assertThat(typeof Date).isEqualTo('undefined');`,
    },
  ],
};

export default source;
