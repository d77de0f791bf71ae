import { js, type ConformanceSource } from '../lib/source';

/** stape's TikTok Events API tag: promise form, consent exit, ttclid cookie, block-style tests. */
const source: ConformanceSource = {
  file: 'tiktok-events',
  lookalikeOf: 'stape-io/tiktok-tag',
  type: 'TAG',
  displayName: 'TikTok Events API Lookalike',
  description: 'Sends web events to the TikTok Events API 1.3 with hashed user data.',
  categories: ['ADVERTISING', 'CONVERSIONS'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'accessToken', displayName: 'Access Token', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'pixelId', displayName: 'Pixel ID', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    {
      type: 'RADIO',
      name: 'eventNameSetupMethod',
      displayName: 'Event Name Setup Method',
      radioItems: [
        { value: 'inherit', displayValue: 'Inherit from client' },
        { value: 'custom', displayValue: 'Custom', subParams: [{ type: 'TEXT', name: 'eventNameCustom', displayName: '', simpleValueType: true }] },
      ],
      simpleValueType: true,
      defaultValue: 'inherit',
    },
    { type: 'TEXT', name: 'testEventCode', displayName: 'Test Event Code', simpleValueType: true },
    { type: 'CHECKBOX', name: 'adStorageConsent', checkboxText: 'Send data only if ad_storage consent is granted', simpleValueType: true },
    {
      type: 'SIMPLE_TABLE',
      name: 'userDataList',
      displayName: 'User Data',
      simpleTableColumns: [
        {
          defaultValue: '',
          displayName: 'Name',
          name: 'name',
          type: 'SELECT',
          selectItems: [
            { value: 'email', displayValue: 'Email' },
            { value: 'phone', displayValue: 'Phone' },
            { value: 'external_id', displayValue: 'External ID' },
          ],
        },
        { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
      ],
    },
  ],
  code: js`
const getAllEventData = require('getAllEventData');
const sendHttpRequest = require('sendHttpRequest');
const JSON = require('JSON');
const getRequestHeader = require('getRequestHeader');
const getTimestampMillis = require('getTimestampMillis');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const parseUrl = require('parseUrl');
const sha256Sync = require('sha256Sync');
const makeString = require('makeString');
const makeNumber = require('makeNumber');
const makeTableMap = require('makeTableMap');
const getType = require('getType');
const Math = require('Math');

const eventData = getAllEventData();

if (!isConsentGivenOrNotRequired()) {
  return data.gtmOnSuccess();
}

const url = eventData.page_location || getRequestHeader('referer');
if (url && url.lastIndexOf('https://gtm-msr.appspot.com/', 0) === 0) {
  return data.gtmOnSuccess();
}

const postUrl = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
const mappedEvent = mapEvent(eventData, data);
const postBody = {
  event_source: 'web',
  event_source_id: data.pixelId,
  data: [mappedEvent]
};
if (data.testEventCode) postBody.test_event_code = data.testEventCode;

if (mappedEvent.user.ttclid) {
  setCookie('ttclid', mappedEvent.user.ttclid, {
    domain: 'auto',
    path: '/',
    samesite: 'Lax',
    secure: true,
    'max-age': 2592000,
    HttpOnly: true
  });
}

sendHttpRequest(postUrl, {
  headers: {'Content-Type': 'application/json', 'Access-Token': data.accessToken},
  method: 'POST'
}, JSON.stringify(postBody)).then((result) => {
  if (result.statusCode >= 200 && result.statusCode < 300) {
    const parsed = JSON.parse(result.body || '{}') || {};
    if (parsed.code === 0) {
      data.gtmOnSuccess();
      return;
    }
  }
  data.gtmOnFailure();
}, () => {
  data.gtmOnFailure();
});

function getEventName(eventData, data) {
  if (data.eventNameSetupMethod === 'custom') return data.eventNameCustom;
  const eventName = eventData.event_name;
  const gaToEventName = {
    page_view: 'Pageview',
    'gtm.dom': 'Pageview',
    add_payment_info: 'AddPaymentInfo',
    add_to_cart: 'AddToCart',
    begin_checkout: 'InitiateCheckout',
    purchase: 'CompletePayment',
    search: 'Search',
    view_item: 'ViewContent',
    sign_up: 'CompleteRegistration'
  };
  return gaToEventName[eventName] || eventName;
}

function mapEvent(eventData, data) {
  const user = {
    ip: eventData.ip_override,
    user_agent: eventData.user_agent || getRequestHeader('user-agent'),
    ttp: getCookieValues('_ttp')[0],
    ttclid: getTtclid(eventData)
  };
  const table = makeTableMap(data.userDataList || [], 'name', 'value') || {};
  const userData = eventData.user_data || {};
  user.email = hash(table.email || userData.email_address);
  user.phone = hash(table.phone || userData.phone_number);
  user.external_id = hash(table.external_id || eventData.user_id);

  const properties = {
    currency: eventData.currency,
    value: eventData.value !== undefined ? makeNumber(eventData.value) : undefined
  };
  if (getType(eventData.items) === 'array') {
    properties.contents = [];
    eventData.items.forEach((item) => {
      properties.contents.push({
        content_id: makeString(item.item_id),
        quantity: item.quantity,
        price: item.price
      });
    });
  }
  return {
    event: getEventName(eventData, data),
    event_time: Math.floor(getTimestampMillis() / 1000),
    event_id: eventData.event_id,
    user: user,
    page: {url: eventData.page_location, referrer: eventData.page_referrer},
    properties: properties
  };
}

function getTtclid(eventData) {
  let ttclid = getCookieValues('ttclid')[0];
  if (!ttclid && eventData.page_location) {
    const parsed = parseUrl(eventData.page_location);
    if (parsed && parsed.searchParams.ttclid) ttclid = parsed.searchParams.ttclid;
  }
  return ttclid;
}

function hash(value) {
  if (!value) return undefined;
  const str = makeString(value).trim().toLowerCase();
  if (str.match('^[A-Fa-f0-9]{64}$')) return str;
  return sha256Sync(str, {outputEncoding: 'hex'});
}

function isConsentGivenOrNotRequired() {
  if (data.adStorageConsent !== true) return true;
  if (eventData.consent_state) return !!eventData.consent_state.ad_storage;
  const xGaGcs = eventData['x-ga-gcs'] || '';
  return xGaGcs[2] === '1';
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    read_request: { requestAccess: 'any', headerAccess: 'any', queryParameterAccess: 'any' },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['_ttp', 'ttclid'] },
    set_cookies: { allowedCookies: [{ name: 'ttclid', domain: '*', path: '*', secure: 'any', session: 'any' }] },
    send_http: { allowedUrls: 'specific', urls: ['https://business-api.tiktok.com/'] },
  },
  testStyle: 'block',
  setup: js`const JSON = require('JSON');
const Promise = require('Promise');
const callLater = require('callLater');

const mockData = {
  accessToken: 'tt-secret-token',
  pixelId: 'C4PIXEL',
  eventNameSetupMethod: 'inherit',
  testEventCode: 'TEST123',
  adStorageConsent: true,
  userDataList: [{name: 'email', value: ' Test@TikTok.com '}]
};

const eventData = {
  event_name: 'purchase',
  event_id: 'ord-7',
  'x-ga-gcs': 'G111',
  ip_override: '198.51.100.4',
  user_agent: 'Mozilla/5.0 (X11)',
  page_location: 'https://shop.example.com/thanks?ttclid=E.C.P.abc',
  page_referrer: 'https://shop.example.com/cart',
  user_id: 'user-42',
  currency: 'EUR',
  value: '19.5',
  items: [{item_id: 12, quantity: 1, price: 19.5}]
};

mock('getAllEventData', eventData);
mock('getTimestampMillis', 1747945830456);
mock('getCookieValues', function (name) {
  return name === '_ttp' ? ['ttp-cookie'] : [];
});

let sentUrl;
let sentOptions;
let sentBody;
function mockTikTok(statusCode, responseBody) {
  mock('sendHttpRequest', function (url, callbackOrOptions, optionsOrBody, body) {
    if (typeof callbackOrOptions === 'function') {
      fail('the TikTok tag must use the promise form of sendHttpRequest');
    }
    sentUrl = url;
    sentOptions = callbackOrOptions;
    sentBody = JSON.parse(optionsOrBody);
    return Promise.create(function (resolve) {
      resolve({statusCode: statusCode, headers: {'content-type': 'application/json'}, body: responseBody});
    });
  });
}`,
  scenarios: [
    {
      name: 'Purchase is sent as CompletePayment with hashed user data',
      expect: 'pass',
      code: js`mockTikTok(200, '{"code":0,"message":"OK"}');

runCode(mockData);

callLater(function () {
  assertThat(sentUrl).isEqualTo('https://business-api.tiktok.com/open_api/v1.3/event/track/');
  assertThat(sentOptions).isEqualTo({
    headers: {'Content-Type': 'application/json', 'Access-Token': 'tt-secret-token'},
    method: 'POST'
  });
  assertThat(sentBody).isEqualTo({
    event_source: 'web',
    event_source_id: 'C4PIXEL',
    data: [{
      event: 'CompletePayment',
      event_time: 1747945830,
      event_id: 'ord-7',
      user: {
        ip: '198.51.100.4',
        user_agent: 'Mozilla/5.0 (X11)',
        ttp: 'ttp-cookie',
        ttclid: 'E.C.P.abc',
        email: '00abf67bc1c5d835d443d54decbdf541207c01d34f281d83ac8070a8700098fa',
        external_id: '6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997'
      },
      page: {url: 'https://shop.example.com/thanks?ttclid=E.C.P.abc', referrer: 'https://shop.example.com/cart'},
      properties: {currency: 'EUR', value: 19.5, contents: [{content_id: '12', quantity: 1, price: 19.5}]}
    }],
    test_event_code: 'TEST123'
  });
  assertApi('gtmOnSuccess').wasCalled();
  assertApi('gtmOnFailure').wasNotCalled();
});`,
    },
    {
      name: 'Stores ttclid from the page URL in an HttpOnly cookie',
      expect: 'pass',
      code: js`mockTikTok(200, '{"code":0}');

runCode(mockData);

assertApi('setCookie').wasCalledWith('ttclid', 'E.C.P.abc', {
  domain: 'auto',
  path: '/',
  samesite: 'Lax',
  secure: true,
  'max-age': 2592000,
  HttpOnly: true
});`,
    },
    {
      name: 'Exits early with success when ad storage consent is denied',
      expect: 'pass',
      code: js`eventData['x-ga-gcs'] = 'G100';
mockTikTok(200, '{"code":0}');

runCode(mockData);

assertApi('gtmOnSuccess').wasCalled();
assertApi('sendHttpRequest').wasNotCalled();
assertApi('setCookie').wasNotCalled();`,
    },
    {
      name: 'Ignores measurement protocol test hits',
      expect: 'pass',
      code: js`eventData.page_location = 'https://gtm-msr.appspot.com/render?id=GTM-X';
mockTikTok(200, '{"code":0}');

runCode(mockData);

assertApi('gtmOnSuccess').wasCalled();
assertApi('sendHttpRequest').wasNotCalled();`,
    },
    {
      name: 'An API error code in a 200 response fails the tag',
      expect: 'pass',
      code: js`mockTikTok(200, '{"code":40001,"message":"Access token is incorrect or has been revoked."}');

runCode(mockData);

callLater(function () {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('gtmOnSuccess').wasNotCalled();
});`,
    },
    {
      name: 'A timed out request fails the tag',
      expect: 'pass',
      code: js`mock('sendHttpRequest', function () {
  return Promise.create(function (resolve, reject) {
    reject({reason: 'timed_out'});
  });
});

runCode(mockData);

callLater(function () {
  assertApi('gtmOnFailure').wasCalled();
});`,
    },
    {
      name: 'Custom event name replaces the mapped one',
      expect: 'pass',
      code: js`mockData.eventNameSetupMethod = 'custom';
mockData.eventNameCustom = 'SubmitForm';
mockTikTok(200, '{"code":0}');

runCode(mockData);

assertThat(sentBody.data[0].event).isEqualTo('SubmitForm');
assertThat(sentBody.data[0].user.email).isEqualTo('00abf67bc1c5d835d443d54decbdf541207c01d34f281d83ac8070a8700098fa');`,
    },
    {
      name: 'Unmocked sendHttpRequest is held instead of reaching TikTok',
      expect: 'pass',
      warnings: ['network_not_sent https://business-api.tiktok.com/open_api/v1.3/event/track/'],
      code: js`runCode(mockData);

assertApi('sendHttpRequest').wasCalled();
callLater(function () {
  assertApi('gtmOnSuccess').wasNotCalled();
  assertApi('gtmOnFailure').wasNotCalled();
});`,
    },
  ],
};

export default source;
