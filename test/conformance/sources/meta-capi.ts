import { js, type ConformanceSource } from '../lib/source';

/** Facebook's own Conversions API tag (callback-form sendHttpRequest, FB's test style). */
const source: ConformanceSource = {
  file: 'meta-capi',
  lookalikeOf: 'facebookincubator/ConversionsAPI-Tag-for-GoogleTagManager',
  type: 'TAG',
  displayName: 'Conversions API Lookalike',
  description: 'Sends GA4-shaped events to a Graph API /events endpoint, hashing user data and keeping _fbp/_fbc.',
  categories: ['ADVERTISING', 'ANALYTICS'],
  brand: { id: 'github.com_conformance', displayName: 'conformance' },
  parameters: [
    { type: 'TEXT', name: 'pixelId', displayName: 'Pixel ID', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'apiAccessToken', displayName: 'API Access Token', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'testEventCode', displayName: 'Test Event Code', simpleValueType: true },
    { type: 'CHECKBOX', name: 'extendCookies', checkboxText: 'Extend Meta Pixel cookies (fbp/fbc)', simpleValueType: true, defaultValue: false },
  ],
  code: js`
const getAllEventData = require('getAllEventData');
const JSON = require('JSON');
const sendHttpRequest = require('sendHttpRequest');
const getTimestampMillis = require('getTimestampMillis');
const Math = require('Math');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const sha256Sync = require('sha256Sync');
const getType = require('getType');
const computeEffectiveTldPlusOne = require('computeEffectiveTldPlusOne');
const parseUrl = require('parseUrl');
const generateRandom = require('generateRandom');
const makeString = require('makeString');
const makeNumber = require('makeNumber');
const encodeUriComponent = require('encodeUriComponent');
const logToConsole = require('logToConsole');
const getContainerVersion = require('getContainerVersion');
const getRequestHeader = require('getRequestHeader');
const Object = require('Object');

const API_ENDPOINT = 'https://graph.facebook.com';
const API_VERSION = 'v19.0';
const PARTNER_AGENT = 'gtmss-1.0.0-0.0.5';
const GTM_EVENT_MAPPINGS = {
  'add_payment_info': 'AddPaymentInfo',
  'add_to_cart': 'AddToCart',
  'add_to_wishlist': 'AddToWishlist',
  'gtm.dom': 'PageView',
  'page_view': 'PageView',
  'purchase': 'Purchase',
  'search': 'Search',
  'begin_checkout': 'InitiateCheckout',
  'generate_lead': 'Lead',
  'view_item': 'ViewContent',
  'sign_up': 'CompleteRegistration'
};

const isLoggingEnabled = determinateIsLoggingEnabled();
const traceId = isLoggingEnabled ? getRequestHeader('trace-id') : undefined;

const eventModel = getAllEventData();
const event = {};
event.event_name = GTM_EVENT_MAPPINGS[eventModel.event_name] || eventModel.event_name;
event.event_time = eventModel.event_time || Math.round(getTimestampMillis() / 1000);
event.event_id = eventModel.event_id;
event.event_source_url = eventModel.page_location;
event.action_source = eventModel.action_source || 'website';

const userData = eventModel.user_data || {};
event.user_data = {
  client_ip_address: eventModel.ip_override,
  client_user_agent: eventModel.user_agent,
  em: hashFunction(userData.email_address),
  ph: hashFunction(userData.phone_number),
  external_id: hashFunction(eventModel.user_id),
  fbc: getFbcValue(),
  fbp: getFbpValue()
};
cleanObject(event.user_data);

event.custom_data = {
  currency: eventModel.currency,
  value: eventModel.value !== undefined ? makeNumber(eventModel.value) : undefined
};
if (getType(eventModel.items) === 'array' && eventModel.items.length > 0) {
  event.custom_data.content_ids = eventModel.items.map(function (item) { return makeString(item.item_id); });
  event.custom_data.num_items = eventModel.items.reduce(function (sum, item) { return sum + (item.quantity || 1); }, 0);
}
cleanObject(event.custom_data);

const eventRequest = {data: [event], partner_agent: PARTNER_AGENT};
if (data.testEventCode) {
  eventRequest.test_event_code = data.testEventCode;
}

const routeUrl = API_ENDPOINT + '/' + API_VERSION + '/' + encodeUriComponent(data.pixelId) + '/events';
const graphEndpoint = routeUrl + '?access_token=' + encodeUriComponent(data.apiAccessToken);
const requestHeaders = {headers: {'content-type': 'application/json'}, method: 'POST'};

if (isLoggingEnabled) {
  logToConsole(JSON.stringify({
    'Name': 'Facebook',
    'Type': 'Request',
    'TraceId': traceId,
    'EventName': event.event_name,
    'RequestMethod': 'POST',
    'RequestUrl': routeUrl,
    'RequestBody': eventRequest
  }));
}

sendHttpRequest(
  graphEndpoint,
  (statusCode, headers, response) => {
    if (isLoggingEnabled) {
      logToConsole(JSON.stringify({
        'Name': 'Facebook',
        'Type': 'Response',
        'TraceId': traceId,
        'EventName': event.event_name,
        'ResponseStatusCode': statusCode,
        'ResponseBody': response
      }));
    }
    if (statusCode >= 200 && statusCode < 300) {
      if (data.extendCookies) {
        const cookieOptions = {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': 7776000, HttpOnly: false};
        if (event.user_data.fbp) setCookie('_fbp', event.user_data.fbp, cookieOptions);
        if (event.user_data.fbc) setCookie('_fbc', event.user_data.fbc, cookieOptions);
      }
      data.gtmOnSuccess();
    } else {
      data.gtmOnFailure();
    }
  },
  requestHeaders,
  JSON.stringify(eventRequest)
);

function isAlreadyHashed(input) {
  return input && (input.match('^[A-Fa-f0-9]{64}$') != null);
}

function hashFunction(input) {
  const type = getType(input);
  if (type == 'undefined' || input == 'undefined') {
    return undefined;
  }
  if (input == null || isAlreadyHashed(input)) {
    return input;
  }
  return sha256Sync(makeString(input).trim().toLowerCase(), {outputEncoding: 'hex'});
}

function subdomainIndex(url) {
  return computeEffectiveTldPlusOne(url).split('.').length - 1;
}

function getFbcValue() {
  let fbc = getCookieValues('_fbc')[0];
  const url = eventModel.page_location;
  if (!fbc && url) {
    const fbclid = parseUrl(url).searchParams.fbclid;
    if (fbclid) {
      fbc = 'fb.' + subdomainIndex(url) + '.' + getTimestampMillis() + '.' + fbclid;
    }
  }
  return fbc;
}

function getFbpValue() {
  let fbp = getCookieValues('_fbp')[0];
  if (!fbp) {
    const url = eventModel.page_location || 'https://' + getRequestHeader('host');
    fbp = 'fb.' + subdomainIndex(url) + '.' + getTimestampMillis() + '.' + generateRandom(1000000000, 2147483647);
  }
  return fbp;
}

function cleanObject(obj) {
  for (let key in obj) {
    if (obj[key] === undefined || obj[key] === '') {
      Object.delete(obj, key);
    }
  }
  return obj;
}

function determinateIsLoggingEnabled() {
  const containerVersion = getContainerVersion();
  const isDebug = !!(containerVersion && (containerVersion.debugMode || containerVersion.previewMode));
  if (!data.logType) {
    return isDebug;
  }
  if (data.logType === 'no') {
    return false;
  }
  if (data.logType === 'debug') {
    return isDebug;
  }
  return data.logType === 'always';
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    send_http: { allowedUrls: 'specific', urls: ['https://graph.facebook.com/'] },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['_fbp', '_fbc'] },
    set_cookies: {
      allowedCookies: [
        { name: '_fbp', domain: '*', path: '*', secure: 'any', session: 'any' },
        { name: '_fbc', domain: '*', path: '*', secure: 'any', session: 'any' },
      ],
    },
    read_request: { requestAccess: 'specific', headerAccess: 'specific', headerWhitelist: [{ headerName: 'trace-id' }, { headerName: 'host' }], headersAllowed: true },
    logging: { environments: 'debug' },
    read_container_data: {},
  },
  testStyle: 'gtm',
  setup: js`const JSON = require('JSON');

const testConfigurationData = {
  pixelId: '123',
  apiAccessToken: 'EAAtoken',
  testEventCode: 'test123',
  extendCookies: false,
};

const inputEventModel = {
  event_name: 'purchase',
  event_id: 'evt-1',
  page_location: 'https://www.example.com/checkout?step=3',
  ip_override: '203.0.113.7',
  user_agent: 'Mozilla/5.0',
  user_id: 'user-42',
  currency: 'USD',
  value: '49.90',
  items: [
    {item_id: 'SKU-1', quantity: 2},
    {item_id: 7},
  ],
  user_data: {
    email_address: ' Jane.Doe@Example.com ',
    phone_number: '+15551234567',
  },
};

let actualUrl;
let actualOptions;
let actualBody;
let requestCallback;
let statusToReturn = 200;

mock('getAllEventData', () => inputEventModel);
mock('getTimestampMillis', 1747945830456);
mock('getCookieValues', (name) => {
  if (name === '_fbp') return ['fb.1.1600000000000.111'];
  return [];
});
mock('sendHttpRequest', (postUrl, response, options, body) => {
  actualUrl = postUrl;
  requestCallback = response;
  actualOptions = options;
  actualBody = JSON.parse(body);
  response(statusToReturn, {}, '{"events_received":1}');
});`,
  scenarios: [
    {
      name: 'on receiving event, hashes user data and posts the Purchase event',
      expect: 'pass',
      code: js`runCode(testConfigurationData);

const expectedEvent = {
  event_name: 'Purchase',
  event_time: 1747945830,
  event_id: 'evt-1',
  event_source_url: 'https://www.example.com/checkout?step=3',
  action_source: 'website',
  user_data: {
    client_ip_address: '203.0.113.7',
    client_user_agent: 'Mozilla/5.0',
    em: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
    ph: '8a59780bb8cd2ba022bfa5ba2ea3b6e07af17a7d8b30c1f9b3390e36f69019e4',
    external_id: '6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997',
    fbp: 'fb.1.1600000000000.111',
  },
  custom_data: {
    currency: 'USD',
    value: 49.9,
    content_ids: ['SKU-1', '7'],
    num_items: 3,
  },
};
const expectedRequest = {data: [expectedEvent], partner_agent: 'gtmss-1.0.0-0.0.5', test_event_code: 'test123'};

assertThat(actualUrl).isEqualTo('https://graph.facebook.com/v19.0/123/events?access_token=EAAtoken');
assertThat(actualBody).isEqualTo(expectedRequest);
assertApi('sendHttpRequest').wasCalledWith(actualUrl, requestCallback, {headers: {'content-type': 'application/json'}, method: 'POST'}, JSON.stringify(actualBody));
assertApi('gtmOnSuccess').wasCalled();
assertApi('gtmOnFailure').wasNotCalled();`,
    },
    {
      name: 'runs three times and maps each event name',
      expect: 'pass',
      code: js`const names = [];

inputEventModel.event_name = 'page_view';
runCode(testConfigurationData);
names.push(actualBody.data[0].event_name);

inputEventModel.event_name = 'add_to_cart';
runCode(testConfigurationData);
names.push(actualBody.data[0].event_name);

inputEventModel.event_name = 'my_custom_event';
testConfigurationData.testEventCode = '';
runCode(testConfigurationData);
names.push(actualBody.data[0].event_name);

assertThat(names).isEqualTo(['PageView', 'AddToCart', 'my_custom_event']);
assertThat(actualBody.test_event_code).isUndefined();
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'builds fbc from fbclid with the subdomain index of the eTLD+1',
      expect: 'pass',
      code: js`inputEventModel.page_location = 'https://shop.example.co.uk/p?fbclid=IwAR123&x=1';

runCode(testConfigurationData);

assertThat(actualBody.data[0].user_data.fbc).isEqualTo('fb.2.1747945830456.IwAR123');`,
    },
    {
      name: 'generates fbp when the cookie is missing',
      expect: 'pass',
      code: js`mock('getCookieValues', () => []);

runCode(testConfigurationData);

const fbp = actualBody.data[0].user_data.fbp;
assertThat(fbp.match('^fb[.]1[.]1747945830456[.][0-9]{10}$')).isNotNull();
const random = makeNumberFromFbp(fbp);
assertThat(random).isGreaterThanOrEqualTo(1000000000);
assertThat(random).isLessThanOrEqualTo(2147483647);

function makeNumberFromFbp(value) {
  const parts = value.split('.');
  return require('makeNumber')(parts[3]);
}`,
    },
    {
      name: 'passes already hashed values through untouched',
      expect: 'pass',
      code: js`const hashed = '86E0B9E56C17CC4D12387E1949B85053FBE73BC3CE5A1188713A9D300CC6133D';
inputEventModel.user_data = {email_address: hashed};
inputEventModel.user_id = undefined;

runCode(testConfigurationData);

assertThat(actualBody.data[0].user_data.em).isStrictlyEqualTo(hashed);
assertThat(actualBody.data[0].user_data.ph).isUndefined();
assertThat(actualBody.data[0].user_data.external_id).isUndefined();`,
    },
    {
      name: 'extends cookies with the stape option spellings',
      expect: 'pass',
      code: js`testConfigurationData.extendCookies = true;
inputEventModel.page_location = 'https://www.example.com/?fbclid=abc';

runCode(testConfigurationData);

const options = {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': 7776000, HttpOnly: false};
assertApi('setCookie').wasCalledWith('_fbp', 'fb.1.1600000000000.111', options);
assertApi('setCookie').wasCalledWith('_fbc', 'fb.1.1747945830456.abc', options);
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'fails on a 400 from the Graph API and sets no cookie',
      expect: 'pass',
      code: js`testConfigurationData.extendCookies = true;
statusToReturn = 400;

runCode(testConfigurationData);

assertApi('gtmOnFailure').wasCalled();
assertApi('gtmOnSuccess').wasNotCalled();
assertApi('setCookie').wasNotCalled();`,
    },
    {
      name: 'logs request and response without the access token in debug mode',
      expect: 'pass',
      code: js`mock('getContainerVersion', {containerId: 'GTM-TEST', debugMode: true, previewMode: false, environmentMode: false, environmentName: '', version: '3'});
mock('getRequestHeader', (name) => name === 'trace-id' ? 'trace-9' : undefined);
const lines = [];
mock('logToConsole', (line) => { lines.push(JSON.parse(line)); });

runCode(testConfigurationData);

assertThat(lines).hasLength(2);
assertThat(lines[0].Type).isEqualTo('Request');
assertThat(lines[0].TraceId).isEqualTo('trace-9');
assertThat(lines[0].RequestUrl).isEqualTo('https://graph.facebook.com/v19.0/123/events');
assertThat(JSON.stringify(lines)).doesNotContain('access_token', 'EAAtoken');
assertThat(lines[1]).isEqualTo({Name: 'Facebook', Type: 'Response', TraceId: 'trace-9', EventName: 'Purchase', ResponseStatusCode: 200, ResponseBody: '{"events_received":1}'});`,
    },
    {
      name: 'does not log outside debug and preview',
      expect: 'pass',
      code: js`mock('getContainerVersion', {containerId: 'GTM-TEST', debugMode: false, previewMode: false, environmentMode: false, environmentName: '', version: '3'});

runCode(testConfigurationData);

assertApi('logToConsole').wasNotCalled();
assertApi('getRequestHeader').wasNotCalled();
assertApi('gtmOnSuccess').wasCalled();`,
    },
  ],
};

export default source;
