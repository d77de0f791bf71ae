import { js, type ConformanceSource } from '../lib/source';

/**
 * stape's Klaviyo tag, written to stape's GTMS standards: isUIFieldTrue, enc, the trace-id
 * header, one JSON log line per request/response gated on determinateIsLoggingEnabled(), and a
 * first-party email cookie set with domain 'auto'.
 */
const source: ConformanceSource = {
  file: 'klaviyo',
  lookalikeOf: 'stape-io/klaviyo-tag',
  type: 'TAG',
  displayName: 'Klaviyo Lookalike',
  description: 'Tracks events, active-on-site visits and list subscriptions in Klaviyo.',
  categories: ['EMAIL_MARKETING', 'MARKETING'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    {
      type: 'SELECT',
      name: 'type',
      displayName: 'Event Type',
      macrosInSelect: false,
      selectItems: [
        { value: 'trackEvent', displayValue: 'Track event' },
        { value: 'activeOnSite', displayValue: 'Active on site' },
        { value: 'addToList', displayValue: 'Add to list' },
      ],
      simpleValueType: true,
      defaultValue: 'trackEvent',
    },
    { type: 'TEXT', name: 'apiKey', displayName: 'Private API Key', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'event', displayName: 'Event Name', simpleValueType: true },
    { type: 'TEXT', name: 'email', displayName: 'Email', simpleValueType: true },
    { type: 'TEXT', name: 'listId', displayName: 'List ID', simpleValueType: true },
    { type: 'CHECKBOX', name: 'storeEmail', checkboxText: 'Store email in the stape_klaviyo_email cookie', simpleValueType: true },
    {
      type: 'SIMPLE_TABLE',
      name: 'customProperties',
      displayName: 'Event properties',
      simpleTableColumns: [
        { defaultValue: '', displayName: 'Name', name: 'name', type: 'TEXT' },
        { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
      ],
    },
    {
      type: 'RADIO',
      name: 'logType',
      displayName: 'Logs Settings',
      radioItems: [
        { value: 'no', displayValue: 'Do not log' },
        { value: 'debug', displayValue: 'Log to console during debug and preview' },
        { value: 'always', displayValue: 'Always log to console' },
      ],
      simpleValueType: true,
      defaultValue: 'debug',
    },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const JSON = require('JSON');
const getRequestHeader = require('getRequestHeader');
const getContainerVersion = require('getContainerVersion');
const logToConsole = require('logToConsole');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const getAllEventData = require('getAllEventData');
const encodeUriComponent = require('encodeUriComponent');
const toBase64 = require('toBase64');
const makeString = require('makeString');
const makeNumber = require('makeNumber');
const makeTableMap = require('makeTableMap');
const getType = require('getType');
const Object = require('Object');

/*==============================================================================
==============================================================================*/

const isLoggingEnabled = determinateIsLoggingEnabled();
const traceId = isLoggingEnabled ? getRequestHeader('trace-id') : undefined;
const eventData = getAllEventData();

const email = data.email || (eventData.user_data && eventData.user_data.email_address) || getCookieValues('stape_klaviyo_email')[0];
const kx = getCookieValues('__kla_id')[0];

if (isUIFieldTrue(data.storeEmail) && email) {
  setCookie('stape_klaviyo_email', email, {
    domain: 'auto',
    path: '/',
    samesite: 'Lax',
    secure: true,
    'max-age': 63072000,
    httpOnly: false
  });
}

switch (data.type) {
  case 'activeOnSite':
    if (!email && !kx) {
      return data.gtmOnSuccess();
    }
    sendActiveOnSite();
    break;
  case 'addToList':
    sendAddToList();
    break;
  default:
    sendTrackEvent();
}

/*==============================================================================
  Vendor related functions
==============================================================================*/

function sendTrackEvent() {
  const url = 'https://a.klaviyo.com/api/events/';
  const properties = makeTableMap(data.customProperties || [], 'name', 'value') || {};
  if (getType(eventData.items) === 'array') {
    properties.Items = eventData.items.map((item) => item.item_name);
    properties.ItemCount = eventData.items.reduce((sum, item) => sum + makeNumber(item.quantity || 1), 0);
  }
  const body = {
    data: {
      type: 'event',
      attributes: {
        properties: properties,
        metric: {data: {type: 'metric', attributes: {name: data.event || eventData.event_name}}},
        profile: {data: {type: 'profile', attributes: getProfile()}},
        unique_id: eventData.event_id
      }
    }
  };
  if (eventData.value !== undefined) body.data.attributes.value = makeNumber(eventData.value);
  sendRequest(url, body, data.event || eventData.event_name);
}

function sendActiveOnSite() {
  const body = {
    token: data.apiKey,
    event: '__activity__',
    customer_properties: email ? {'$email': email} : {'$exchange_id': kx},
    properties: {'$use_ip': true, page: eventData.page_location}
  };
  const url = 'https://a.klaviyo.com/api/track?data=' + enc(toBase64(JSON.stringify(body)));
  logRequest('activeOnSite', 'GET', url, '');
  sendHttpRequest(url, {method: 'GET', timeout: 5000}).then((result) => {
    logResponse('activeOnSite', result);
    return result.body === '1' ? data.gtmOnSuccess() : data.gtmOnFailure();
  }, () => data.gtmOnFailure());
}

function sendAddToList() {
  if (!data.listId || !email) {
    logToConsole('Klaviyo: list id and email are required for Add to list');
    return data.gtmOnFailure();
  }
  const url = 'https://a.klaviyo.com/api/lists/' + enc(data.listId) + '/relationships/profiles/';
  const body = {data: [{type: 'profile', attributes: getProfile()}]};
  sendRequest(url, body, 'addToList');
}

function getProfile() {
  const profile = {};
  const userData = eventData.user_data || {};
  const address = userData.address || {};
  if (email) profile.email = makeString(email).trim().toLowerCase();
  if (userData.phone_number) profile.phone_number = userData.phone_number;
  if (address.first_name) profile.first_name = address.first_name;
  if (kx) profile._kx = kx;
  const location = {};
  ['city', 'region', 'country'].forEach((key) => {
    if (address[key]) location[key] = address[key];
  });
  if (Object.keys(location).length > 0) profile.location = location;
  return profile;
}

function sendRequest(url, body, eventName) {
  const bodyString = JSON.stringify(body);
  logRequest(eventName, 'POST', url, bodyString);
  sendHttpRequest(url, {
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      revision: '2024-02-15',
      Authorization: 'Klaviyo-API-Key ' + data.apiKey
    },
    method: 'POST',
    timeout: 5000
  }, bodyString).then((result) => {
    logResponse(eventName, result);
    if (result.statusCode >= 200 && result.statusCode < 300) {
      data.gtmOnSuccess();
    } else {
      data.gtmOnFailure();
    }
  }, () => {
    data.gtmOnFailure();
  });
}

/*==============================================================================
  Helpers
==============================================================================*/

function logRequest(eventName, method, url, body) {
  if (!isLoggingEnabled) return;
  logToConsole(JSON.stringify({
    Name: 'Klaviyo',
    Type: 'Request',
    TraceId: traceId,
    EventName: eventName,
    RequestMethod: method,
    RequestUrl: url,
    RequestBody: body
  }));
}

function logResponse(eventName, result) {
  if (!isLoggingEnabled) return;
  logToConsole(JSON.stringify({
    Name: 'Klaviyo',
    Type: 'Response',
    TraceId: traceId,
    EventName: eventName,
    ResponseStatusCode: result.statusCode,
    ResponseHeaders: result.headers,
    ResponseBody: result.body
  }));
}

function enc(data) {
  data = data || '';
  return encodeUriComponent(data);
}

function isUIFieldTrue(field) {
  return [true, 'true'].indexOf(field) !== -1;
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
    logging: { environments: 'debug' },
    read_event_data: { eventDataAccess: 'any' },
    read_request: { requestAccess: 'specific', headerAccess: 'specific', queryParameterAccess: 'any', headersAllowed: true, headerWhitelist: [{ headerName: 'trace-id' }] },
    read_container_data: {},
    get_cookies: { cookieAccess: 'specific', cookieNames: ['stape_klaviyo_email', '__kla_id'] },
    set_cookies: { allowedCookies: [{ name: 'stape_klaviyo_email', domain: '*', path: '*', secure: 'any', session: 'any' }] },
    send_http: { allowedUrls: 'specific', urls: ['https://a.klaviyo.com/'] },
  },
  testStyle: 'block',
  setup: js`const JSON = require('JSON');
const Promise = require('Promise');
const callLater = require('callLater');
const fromBase64 = require('fromBase64');
const decodeUriComponent = require('decodeUriComponent');

const mockData = {
  type: 'trackEvent',
  apiKey: 'pk_live_123',
  event: 'Placed Order',
  storeEmail: 'true',
  logType: 'debug',
  customProperties: [{name: 'OrderId', value: 'A-17'}, {name: 'Channel', value: 'web'}]
};

const eventData = {
  event_name: 'purchase',
  event_id: 'evt-991',
  value: '42.5',
  page_location: 'https://shop.example.com/thanks',
  user_data: {
    email_address: ' Jane@Example.com',
    phone_number: '+15550001111',
    address: {first_name: 'Jane', city: 'Riga', country: 'LV'}
  },
  items: [{item_name: 'Mug', quantity: 2}, {item_name: 'Tea'}]
};

mock('getAllEventData', eventData);
mock('getContainerVersion', {debugMode: true, previewMode: false, containerId: 'GTM-KLV'});
mock('getRequestHeader', (name) => {
  if (name === 'trace-id') return 'trace-77';
  return undefined;
});
mock('getCookieValues', (name) => name === '__kla_id' ? ['kx-cookie'] : []);

const expectedProfile = {
  email: 'jane@example.com',
  phone_number: '+15550001111',
  first_name: 'Jane',
  _kx: 'kx-cookie',
  location: {city: 'Riga', country: 'LV'}
};

const calls = [];
function mockKlaviyo(statusCode, body) {
  mock('sendHttpRequest', (url, options, requestBody) => {
    calls.push({url: url, options: options, body: requestBody});
    return Promise.create((resolve) => resolve({statusCode: statusCode, headers: {'content-type': 'application/json'}, body: body}));
  });
}`,
  scenarios: [
    {
      name: 'Track event posts the event with profile and table properties',
      expect: 'pass',
      code: js`mockKlaviyo(202, '');

runCode(mockData);

callLater(() => {
  assertThat(calls).hasLength(1);
  assertThat(calls[0].url).isEqualTo('https://a.klaviyo.com/api/events/');
  assertThat(calls[0].options).isEqualTo({
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      revision: '2024-02-15',
      Authorization: 'Klaviyo-API-Key pk_live_123'
    },
    method: 'POST',
    timeout: 5000
  });
  assertThat(JSON.parse(calls[0].body)).isEqualTo({
    data: {
      type: 'event',
      attributes: {
        properties: {OrderId: 'A-17', Channel: 'web', Items: ['Mug', 'Tea'], ItemCount: 3},
        metric: {data: {type: 'metric', attributes: {name: 'Placed Order'}}},
        profile: {data: {type: 'profile', attributes: expectedProfile}},
        unique_id: 'evt-991',
        value: 42.5
      }
    }
  });
  assertApi('gtmOnSuccess').wasCalled();
  assertApi('gtmOnFailure').wasNotCalled();
});`,
    },
    {
      name: 'Logs request and response as JSON lines with the trace id',
      expect: 'pass',
      code: js`mockKlaviyo(202, '');

runCode(mockData);

callLater(() => {
  assertApi('logToConsole').wasCalledWith(JSON.stringify({
    Name: 'Klaviyo',
    Type: 'Request',
    TraceId: 'trace-77',
    EventName: 'Placed Order',
    RequestMethod: 'POST',
    RequestUrl: 'https://a.klaviyo.com/api/events/',
    RequestBody: calls[0].body
  }));
  assertApi('logToConsole').wasCalledWith('{"Name":"Klaviyo","Type":"Response","TraceId":"trace-77","EventName":"Placed Order","ResponseStatusCode":202,"ResponseHeaders":{"content-type":"application/json"},"ResponseBody":""}');
});`,
    },
    {
      name: 'No logging and no trace-id lookup outside debug',
      expect: 'pass',
      code: js`mock('getContainerVersion', {debugMode: false, previewMode: false});
mockKlaviyo(202, '');

runCode(mockData);

callLater(() => {
  assertApi('logToConsole').wasNotCalled();
  assertApi('getRequestHeader').wasNotCalled();
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Stores the email cookie on the auto domain',
      expect: 'pass',
      code: js`mockKlaviyo(202, '');

runCode(mockData);

assertApi('setCookie').wasCalledWith('stape_klaviyo_email', ' Jane@Example.com', {
  domain: 'auto',
  path: '/',
  samesite: 'Lax',
  secure: true,
  'max-age': 63072000,
  httpOnly: false
});`,
    },
    {
      name: 'Active on site sends base64 data in the query string',
      expect: 'pass',
      code: js`mockData.type = 'activeOnSite';
mockData.storeEmail = false;
mockKlaviyo(200, '1');

runCode(mockData);

callLater(() => {
  const prefix = 'https://a.klaviyo.com/api/track?data=';
  assertThat(calls[0].url.indexOf(prefix)).isEqualTo(0);
  const sent = JSON.parse(fromBase64(decodeUriComponent(calls[0].url.substring(prefix.length))));
  assertThat(sent).isEqualTo({
    token: 'pk_live_123',
    event: '__activity__',
    customer_properties: {'$email': ' Jane@Example.com'},
    properties: {'$use_ip': true, page: 'https://shop.example.com/thanks'}
  });
  assertThat(calls[0].options).isEqualTo({method: 'GET', timeout: 5000});
  assertThat(calls[0].body).isUndefined();
  assertApi('setCookie').wasNotCalled();
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Active on site without any identity exits with success',
      expect: 'pass',
      code: js`mockData.type = 'activeOnSite';
eventData.user_data = {};
mock('getCookieValues', []);
mockKlaviyo(200, '1');

runCode(mockData);

assertApi('sendHttpRequest').wasNotCalled();
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'Add to list without a list id fails the tag',
      expect: 'pass',
      code: js`mockData.type = 'addToList';
mockKlaviyo(202, '');

runCode(mockData);

assertApi('gtmOnFailure').wasCalled();
assertApi('sendHttpRequest').wasNotCalled();
assertApi('logToConsole').wasCalledWith('Klaviyo: list id and email are required for Add to list');`,
    },
    {
      name: 'Add to list posts a list of profiles (wrong expectation on purpose)',
      expect: {
        fails:
          'Expected sendHttpRequest to be called with ["https://a.klaviyo.com/api/lists/L%2F9/relationships/profiles/",{"headers":{"Content-Type":"application/json","Accept":"application/json","revision":"2024-02-15","Authorization":"Klaviyo-API-Key pk_live_123"},"method":"POST","timeout":5000},"{\\"data\\":[{\\"type\\":\\"profile\\",\\"attributes\\":{}}]}"], but its calls were: ["https://a.klaviyo.com/api/lists/L%2F9/relationships/profiles/",{"headers":{"Content-Type":"application/json","Accept":"application/json","revision":"2024-02-15","Authorization":"Klaviyo-API-Key pk_live_123"},"method":"POST","timeout":5000},"{\\"data\\":[{\\"type\\":\\"profile\\",\\"attributes\\":{\\"email\\":\\"jane@example.com\\",\\"phone_number\\":\\"+15550001111\\",\\"first_name\\":\\"Jane\\",\\"_kx\\":\\"kx-cookie\\",\\"location\\":{\\"city\\":\\"Riga\\",\\"country\\":\\"LV\\"}}}]}"]',
      },
      code: js`mockData.type = 'addToList';
mockData.listId = 'L/9';
mockKlaviyo(204, '');

runCode(mockData);

assertApi('sendHttpRequest').wasCalledWith(
  'https://a.klaviyo.com/api/lists/L%2F9/relationships/profiles/',
  {
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      revision: '2024-02-15',
      Authorization: 'Klaviyo-API-Key pk_live_123'
    },
    method: 'POST',
    timeout: 5000
  },
  JSON.stringify({data: [{type: 'profile', attributes: {}}]})
);`,
    },
    {
      name: 'Add to list with a nested-array body matches exactly',
      expect: 'pass',
      code: js`mockData.type = 'addToList';
mockData.listId = 'L/9';
mockKlaviyo(204, '');

runCode(mockData);

assertApi('sendHttpRequest').wasCalledWith(
  'https://a.klaviyo.com/api/lists/L%2F9/relationships/profiles/',
  {
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      revision: '2024-02-15',
      Authorization: 'Klaviyo-API-Key pk_live_123'
    },
    method: 'POST',
    timeout: 5000
  },
  JSON.stringify({data: [{type: 'profile', attributes: expectedProfile}]})
);
callLater(() => assertApi('gtmOnSuccess').wasCalled());`,
    },
  ],
};

export default source;
