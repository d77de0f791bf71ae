import { js, type ConformanceSource } from '../lib/source';

/**
 * TikTok's own server tag template for the Events API (the one TikTok publishes in the gallery),
 * imitated from its public behaviour, not copied: one getAllEventData read, GA4 names mapped to
 * TikTok's, email / phone / external id normalised and hashed with sha256Sync inside the tag,
 * partner_name, the callback form of sendHttpRequest, no logging. About 16 API calls for a
 * purchase; the bench compares our tag's CPU per event with it.
 */
const source: ConformanceSource = {
  file: 'tiktok-own-events-api',
  lookalikeOf: "TikTok's own TikTok Events API server tag template",
  type: 'TAG',
  displayName: 'TikTok Events API (TikTok) Lookalike',
  description: 'Sends server events to the TikTok Events API 1.3: GA4 events mapped to TikTok events, user data hashed with SHA-256.',
  categories: ['ADVERTISING', 'CONVERSIONS'],
  brand: { id: 'brand_tiktok', displayName: 'TikTok' },
  parameters: [
    { type: 'TEXT', name: 'accessToken', displayName: 'Access Token', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'pixelCode', displayName: 'Pixel Code', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    {
      type: 'SELECT',
      name: 'eventType',
      displayName: 'Event',
      selectItems: [
        { value: 'inherit', displayValue: 'Map the GA4 event name' },
        { value: 'custom', displayValue: 'Custom event name' },
      ],
      simpleValueType: true,
      defaultValue: 'inherit',
    },
    {
      type: 'TEXT',
      name: 'customEventName',
      displayName: 'Custom Event Name',
      simpleValueType: true,
      enablingConditions: [{ paramName: 'eventType', paramValue: 'custom', type: 'EQUALS' }],
    },
    { type: 'TEXT', name: 'testEventCode', displayName: 'Test Event Code', simpleValueType: true },
    { type: 'CHECKBOX', name: 'limitedDataUse', checkboxText: 'Limited Data Use', simpleValueType: true },
  ],
  code: js`
const getAllEventData = require('getAllEventData');
const getCookieValues = require('getCookieValues');
const sendHttpRequest = require('sendHttpRequest');
const sha256Sync = require('sha256Sync');
const getTimestampMillis = require('getTimestampMillis');
const getType = require('getType');
const makeNumber = require('makeNumber');
const JSON = require('JSON');
const Math = require('Math');

const API_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
const EVENT_NAMES = {
  page_view: 'Pageview',
  view_item: 'ViewContent',
  view_item_list: 'ViewContent',
  search: 'Search',
  add_to_wishlist: 'AddToWishlist',
  add_to_cart: 'AddToCart',
  begin_checkout: 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  purchase: 'CompletePayment',
  generate_lead: 'SubmitForm',
  sign_up: 'CompleteRegistration'
};

const eventData = getAllEventData();
const event = buildEvent(eventData);
const body = {
  event_source: 'web',
  event_source_id: data.pixelCode,
  partner_name: 'GoogleTagManagerServer',
  data: [event]
};
if (data.testEventCode) body.test_event_code = data.testEventCode;

sendHttpRequest(API_URL, (statusCode, headers, responseBody) => {
  if (statusCode < 200 || statusCode >= 300) return data.gtmOnFailure();
  const response = JSON.parse(responseBody || '') || {};
  if (response.code !== 0) return data.gtmOnFailure();
  data.gtmOnSuccess();
}, {
  headers: {'Content-Type': 'application/json', 'Access-Token': data.accessToken},
  method: 'POST',
  timeout: 5000
}, JSON.stringify(body));

function buildEvent(ev) {
  const out = {
    event: eventName(ev),
    event_time: Math.round(getTimestampMillis() / 1000),
    event_id: ev.event_id || ev.transaction_id,
    user: buildUser(ev),
    page: {url: ev.page_location},
    properties: buildProperties(ev)
  };
  if (ev.page_referrer) out.page.referrer = ev.page_referrer;
  if (data.limitedDataUse) out.limited_data_use = true;
  return out;
}

function eventName(ev) {
  if (data.eventType === 'custom' && data.customEventName) return data.customEventName;
  return EVENT_NAMES[ev.event_name] || ev.event_name;
}

function buildUser(ev) {
  const userData = ev.user_data || {};
  const user = {};
  const email = normaliseEmail(userData.email_address || ev.email);
  if (email) user.email = hashOf(email);
  const phone = normalisePhone(userData.phone_number || ev.phone);
  if (phone) user.phone = hashOf(phone);
  if (ev.user_id) user.external_id = hashOf('' + ev.user_id);
  const ttp = getCookieValues('_ttp')[0];
  if (ttp) user.ttp = ttp;
  const ttclid = getCookieValues('ttclid')[0] || urlParameter(ev.page_location, 'ttclid');
  if (ttclid) user.ttclid = ttclid;
  if (ev.ip_override) user.ip = ev.ip_override;
  if (ev.user_agent) user.user_agent = ev.user_agent;
  if (ev.language) user.locale = ev.language;
  return user;
}

function buildProperties(ev) {
  const properties = {};
  if (getType(ev.items) === 'array') {
    properties.contents = ev.items.map((item) => {
      const content = {content_id: '' + item.item_id, content_type: 'product', quantity: item.quantity, price: item.price};
      if (item.item_name) content.content_name = item.item_name;
      return content;
    });
    properties.content_type = 'product';
  }
  if (ev.currency) properties.currency = ev.currency;
  if (ev.value !== undefined) properties.value = makeNumber(ev.value);
  if (ev.transaction_id) properties.order_id = ev.transaction_id;
  return properties;
}

function isHashed(value) {
  if (value.length !== 64) return false;
  for (let i = 0; i < value.length; i++) {
    if ('0123456789abcdef'.indexOf(value.charAt(i)) === -1) return false;
  }
  return true;
}

function hashOf(value) {
  return isHashed(value) ? value : sha256Sync(value, {outputEncoding: 'hex'});
}

function normaliseEmail(value) {
  if (!value) return '';
  return ('' + value).trim().toLowerCase();
}

function normalisePhone(value) {
  if (!value) return '';
  const text = ('' + value).trim();
  if (isHashed(text.toLowerCase())) return text.toLowerCase();
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c >= '0' && c <= '9') digits = digits + c;
  }
  if (!digits) return '';
  return text.charAt(0) === '+' ? '+' + digits : digits;
}

function urlParameter(url, name) {
  if (!url) return undefined;
  const query = url.split('#')[0].split('?')[1];
  if (!query) return undefined;
  const pairs = query.split('&');
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i].split('=');
    if (pair[0] === name && pair[1]) return pair[1];
  }
  return undefined;
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['_ttp', 'ttclid'] },
    send_http: { allowedUrls: 'specific', urls: ['https://business-api.tiktok.com/open_api/*'] },
  },
  testStyle: 'gtm',
  setup: js`const JSON = require('JSON');

const mockData = {
  accessToken: 'tt-own-token',
  pixelCode: 'CTTOWNPIXEL',
  eventType: 'inherit'
};

const eventData = {
  event_name: 'purchase',
  transaction_id: 'T-1001',
  currency: 'GBP',
  value: '149.5',
  items: [
    {item_id: 'SKU-1', item_name: 'Runner', price: 49.5, quantity: 1},
    {item_id: 42, price: 50, quantity: 2}
  ],
  user_data: {email_address: ' Jane.Doe@Example.com ', phone_number: '+44 7911 123456'},
  user_id: 'USER-42',
  ip_override: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (X11)',
  page_location: 'https://shop.example/thanks?ttclid=E.C.P.xyz&utm_source=tiktok',
  page_referrer: 'https://shop.example/cart'
};

mock('getAllEventData', eventData);
mock('getTimestampMillis', 1747945830456);
mock('getCookieValues', function (name) {
  return name === '_ttp' ? ['ttp-cookie-1'] : [];
});

let sent;
function respond(statusCode, responseBody) {
  mock('sendHttpRequest', function (url, callback, options, body) {
    sent = {url: url, options: options, body: JSON.parse(body)};
    callback(statusCode, {}, responseBody);
  });
}`,
  scenarios: [
    {
      name: 'A GA4 purchase is sent as CompletePayment with normalised, hashed user data',
      expect: 'pass',
      code: js`respond(200, '{"code":0,"message":"OK"}');

runCode(mockData);

assertThat(sent.url).isEqualTo('https://business-api.tiktok.com/open_api/v1.3/event/track/');
assertThat(sent.options).isEqualTo({
  headers: {'Content-Type': 'application/json', 'Access-Token': 'tt-own-token'},
  method: 'POST',
  timeout: 5000
});
assertThat(sent.body).isEqualTo({
  event_source: 'web',
  event_source_id: 'CTTOWNPIXEL',
  partner_name: 'GoogleTagManagerServer',
  data: [{
    event: 'CompletePayment',
    event_time: 1747945830,
    event_id: 'T-1001',
    user: {
      email: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
      phone: '20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa',
      external_id: '64004220753726dd487d011ae2435a01246d4be124e9ab72fe72ca32ed0546ed',
      ttp: 'ttp-cookie-1',
      ttclid: 'E.C.P.xyz',
      ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (X11)'
    },
    page: {url: 'https://shop.example/thanks?ttclid=E.C.P.xyz&utm_source=tiktok', referrer: 'https://shop.example/cart'},
    properties: {
      contents: [
        {content_id: 'SKU-1', content_type: 'product', quantity: 1, price: 49.5, content_name: 'Runner'},
        {content_id: '42', content_type: 'product', quantity: 2, price: 50}
      ],
      content_type: 'product',
      currency: 'GBP',
      value: 149.5,
      order_id: 'T-1001'
    }
  }]
});
assertApi('gtmOnSuccess').wasCalled();
assertApi('gtmOnFailure').wasNotCalled();`,
    },
    {
      name: 'Already hashed email and phone are sent as they are',
      expect: 'pass',
      code: js`eventData.user_data = {
  email_address: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
  phone_number: '20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa'
};
respond(200, '{"code":0}');

runCode(mockData);

assertThat(sent.body.data[0].user.email).isEqualTo('86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d');
assertThat(sent.body.data[0].user.phone).isEqualTo('20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa');
assertApi('sha256Sync').wasCalledWith('USER-42', {outputEncoding: 'hex'});`,
    },
    {
      name: 'Without user data no user field is hashed and nothing empty is sent',
      expect: 'pass',
      code: js`eventData.user_data = undefined;
eventData.user_id = undefined;
respond(200, '{"code":0}');

runCode(mockData);

assertThat(sent.body.data[0].user).isEqualTo({
  ttp: 'ttp-cookie-1',
  ttclid: 'E.C.P.xyz',
  ip: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (X11)'
});
assertApi('sha256Sync').wasNotCalled();`,
    },
    {
      name: 'A custom event name, a test event code and limited data use are sent',
      expect: 'pass',
      code: js`mockData.eventType = 'custom';
mockData.customEventName = 'PlaceAnOrder';
mockData.testEventCode = 'TEST9';
mockData.limitedDataUse = true;
respond(200, '{"code":0}');

runCode(mockData);

assertThat(sent.body.test_event_code).isEqualTo('TEST9');
assertThat(sent.body.data[0].event).isEqualTo('PlaceAnOrder');
assertThat(sent.body.data[0].limited_data_use).isEqualTo(true);`,
    },
    {
      name: 'A TikTok error code in a 200 response fails the tag',
      expect: 'pass',
      code: js`respond(200, '{"code":40001,"message":"Access token is incorrect or has been revoked."}');

runCode(mockData);

assertApi('gtmOnFailure').wasCalled();
assertApi('gtmOnSuccess').wasNotCalled();`,
    },
    {
      name: 'A 5xx response fails the tag',
      expect: 'pass',
      code: js`respond(503, 'Service Unavailable');

runCode(mockData);

assertApi('gtmOnFailure').wasCalled();
assertApi('gtmOnSuccess').wasNotCalled();`,
    },
  ],
};

export default source;
