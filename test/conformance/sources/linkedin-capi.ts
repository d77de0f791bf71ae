import { js, type ConformanceSource } from '../lib/source';

/** LinkedIn's own CAPI template: getEventData per key, li_fat_id, REST headers, promise form. */
const source: ConformanceSource = {
  file: 'linkedin-capi',
  lookalikeOf: 'linkedin-developers/linkedin-capi-gtm-server-template',
  type: 'TAG',
  displayName: 'LinkedIn CAPI Lookalike',
  description: 'Streams conversions to the LinkedIn Conversions API.',
  categories: ['ADVERTISING', 'CONVERSIONS'],
  brand: { id: 'github.com_linkedin-developers', displayName: 'linkedin-developers' },
  parameters: [
    { type: 'TEXT', name: 'accessToken', displayName: 'Access token', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'conversionRuleId', displayName: 'Conversion rule ID', simpleValueType: true, valueValidators: [{ type: 'POSITIVE_NUMBER' }] },
    {
      type: 'LABEL',
      name: 'consentLabel',
      displayName: 'The tag sends only when a user identifier (email or li_fat_id) is present.',
    },
  ],
  code: js`
const getEventData = require('getEventData');
const getCookieValues = require('getCookieValues');
const sendHttpRequest = require('sendHttpRequest');
const parseUrl = require('parseUrl');
const decodeUriComponent = require('decodeUriComponent');
const sha256Sync = require('sha256Sync');
const JSON = require('JSON');
const makeString = require('makeString');
const makeInteger = require('makeInteger');
const getTimestampMillis = require('getTimestampMillis');
const logToConsole = require('logToConsole');
const getContainerVersion = require('getContainerVersion');

const API_URL = 'https://api.linkedin.com/rest/conversionEvents';
const containerVersion = getContainerVersion();
const isDebug = containerVersion.debugMode || containerVersion.previewMode;

const userIds = [];
const email = getEventData('user_data.email_address');
if (email) {
  userIds.push({idType: 'SHA256_EMAIL', idValue: hashEmail(email)});
}
const liFatId = getLiFatId();
if (liFatId) {
  userIds.push({idType: 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', idValue: liFatId});
}

if (userIds.length === 0) {
  if (isDebug) logToConsole('LinkedIn CAPI: no user identifier, event not sent');
  data.gtmOnFailure();
  return;
}

const body = {
  conversion: 'urn:lla:llaPartnerConversion:' + makeString(data.conversionRuleId).trim(),
  conversionHappenedAt: makeInteger(getEventData('timestamp_ms') || getTimestampMillis()),
  user: {userIds: userIds}
};
const value = getEventData('value');
if (value !== undefined) {
  body.conversionValue = {currencyCode: getEventData('currency') || 'USD', amount: makeString(value)};
}
const firstName = getEventData('user_data.address.0.first_name');
const lastName = getEventData('user_data.address.0.last_name');
if (firstName && lastName) {
  body.user.userInfo = {firstName: firstName, lastName: lastName};
}
const eventId = getEventData('event_id');
if (eventId) body.eventId = makeString(eventId);

sendHttpRequest(API_URL, {
  method: 'POST',
  headers: {
    'Authorization': 'Bearer ' + data.accessToken,
    'Content-Type': 'application/json',
    'LinkedIn-Version': '202402',
    'X-Restli-Protocol-Version': '2.0.0'
  },
  timeout: 10000
}, JSON.stringify(body)).then((response) => {
  if (isDebug) logToConsole('LinkedIn CAPI response', response.statusCode);
  if (response.statusCode === 201 || response.statusCode === 200) {
    data.gtmOnSuccess();
  } else {
    data.gtmOnFailure();
  }
}, () => data.gtmOnFailure());

function hashEmail(value) {
  const normalized = value.trim().toLowerCase();
  if (normalized.match('^[a-f0-9]{64}$')) return normalized;
  return sha256Sync(normalized, {outputEncoding: 'hex'});
}

function getLiFatId() {
  const fromCookie = getCookieValues('li_fat_id')[0];
  if (fromCookie) return fromCookie;
  const pageLocation = getEventData('page_location');
  if (!pageLocation) return undefined;
  const url = parseUrl(pageLocation);
  const raw = url && url.searchParams.li_fat_id;
  return raw ? decodeUriComponent(raw) : undefined;
}
`,
  permissions: {
    read_event_data: {
      eventDataAccess: 'specific',
      keyPatterns: ['user_data.*', 'page_location', 'timestamp_ms', 'value', 'currency', 'event_id'],
    },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['li_fat_id'] },
    send_http: { allowedUrls: 'specific', urls: ['https://api.linkedin.com/rest/conversionEvents'] },
    logging: { environments: 'debug' },
    read_container_data: {},
  },
  testStyle: 'gtm',
  setup: js`const Promise = require('Promise');
const JSON = require('JSON');
const callLater = require('callLater');

const mockData = {accessToken: 'li-token', conversionRuleId: ' 104 '};
const event = {
  event_id: 9001,
  value: 250,
  currency: 'USD',
  page_location: 'https://example.com/lp?li_fat_id=abc%2D123',
  user_data: {
    email_address: 'Jane.Doe@example.com',
    address: [{first_name: 'Jane', last_name: 'Doe'}]
  }
};

mock('getEventData', (keyPath) => {
  let value = event;
  const parts = keyPath.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (value === undefined || value === null) return undefined;
    value = value[parts[i]];
  }
  return value;
});
mock('getTimestampMillis', 1747945830456);
mock('getCookieValues', []);

let sent;
let status = 201;
mock('sendHttpRequest', (url, options, body) => {
  if (url !== 'https://api.linkedin.com/rest/conversionEvents') {
    fail('unexpected url ' + url);
  }
  sent = {options: options, body: JSON.parse(body)};
  return Promise.create((resolve) => resolve({statusCode: status, headers: {}}));
});`,
  scenarios: [
    {
      name: 'Sends the conversion with hashed email and li_fat_id from the URL',
      expect: 'pass',
      code: js`runCode(mockData);

assertThat(sent.options.headers['LinkedIn-Version']).isEqualTo('202402');
assertThat(sent.options.headers.Authorization).isEqualTo('Bearer li-token');
assertThat(sent.options.timeout).isEqualTo(10000);
assertThat(sent.body).isEqualTo({
  conversion: 'urn:lla:llaPartnerConversion:104',
  conversionHappenedAt: 1747945830456,
  user: {
    userIds: [
      {idType: 'SHA256_EMAIL', idValue: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d'},
      {idType: 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', idValue: 'abc-123'}
    ],
    userInfo: {firstName: 'Jane', lastName: 'Doe'}
  },
  conversionValue: {currencyCode: 'USD', amount: '250'},
  eventId: '9001'
});
callLater(() => {
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Prefers the li_fat_id cookie',
      expect: 'pass',
      code: js`mock('getCookieValues', (name) => name === 'li_fat_id' ? ['cookie-uuid'] : []);
event.user_data = undefined;
mock('sendHttpRequest', (url, options, body) => {
  assertThat(JSON.parse(body).user).isEqualTo({userIds: [{idType: 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', idValue: 'cookie-uuid'}]});
  return Promise.create((resolve) => resolve({statusCode: 201}));
});

runCode(mockData);

callLater(() => {
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Fails without any user identifier and logs why in debug',
      expect: 'pass',
      code: js`event.user_data = {};
event.page_location = 'https://example.com/';
mock('getContainerVersion', {containerId: 'GTM-1', debugMode: false, previewMode: true, environmentMode: false, environmentName: '', version: 'QUICK_PREVIEW'});

runCode(mockData);

assertApi('sendHttpRequest').wasNotCalled();
assertApi('gtmOnFailure').wasCalled();
assertApi('logToConsole').wasCalledWith('LinkedIn CAPI: no user identifier, event not sent');`,
    },
    {
      name: 'Deliberate failure: the tag succeeded but the test expects failure',
      expect: { fails: 'Expected gtmOnFailure to be called' },
      code: js`runCode(mockData);

callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
});`,
    },
    {
      name: 'fail() inside a mock ends the scenario with its message',
      expect: { fails: 'unexpected url https://api.linkedin.com/rest/conversionEvents' },
      code: js`mock('sendHttpRequest', (url) => {
  fail('unexpected url ' + url);
});

runCode(mockData);`,
    },
    {
      name: 'A runtime error in the template fails the scenario',
      expect: { fails: 'TypeError: value.trim is not a function (template line 70)' },
      code: js`event.user_data.email_address = 12345;

runCode(mockData);`,
    },
  ],
};

export default source;
