import { js, type ConformanceSource } from '../lib/source';

/**
 * stape's Reddit Conversions API tag: callback-form sendHttpRequest (mocked through `arguments`), an ISO timestamp built by
 * hand (no Date in the sandbox), recursive removal of empty values with typeof/for…in/
 * hasOwnProperty, a uuid from generateRandom + toString(16), and closures created in a `let` loop.
 */
const source: ConformanceSource = {
  file: 'reddit-capi',
  lookalikeOf: 'stape-io/reddit-tag',
  type: 'TAG',
  displayName: 'Reddit Conversions API Lookalike',
  description: 'Sends conversion events to the Reddit Conversions API v2.0.',
  categories: ['ADVERTISING', 'CONVERSIONS'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'accountId', displayName: 'Ad Account ID', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'accessToken', displayName: 'Conversion Access Token', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'CHECKBOX', name: 'testMode', checkboxText: 'Test mode', simpleValueType: true },
    {
      type: 'SELECT',
      name: 'eventType',
      displayName: 'Event type',
      macrosInSelect: true,
      selectItems: [
        { value: 'inherit', displayValue: 'Inherit from client' },
        { value: 'Purchase', displayValue: 'Purchase' },
        { value: 'Lead', displayValue: 'Lead' },
      ],
      simpleValueType: true,
      defaultValue: 'inherit',
    },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const getAllEventData = require('getAllEventData');
const getTimestampMillis = require('getTimestampMillis');
const generateRandom = require('generateRandom');
const sha256Sync = require('sha256Sync');
const getCookieValues = require('getCookieValues');
const JSON = require('JSON');
const Math = require('Math');
const makeString = require('makeString');
const makeNumber = require('makeNumber');
const makeInteger = require('makeInteger');
const getType = require('getType');

const eventData = getAllEventData();
const url = 'https://ads-api.reddit.com/api/v2.0/conversions/events/' + data.accountId;

const event = cleanupData({
  event_at: toIsoString(getTimestampMillis()),
  event_type: getEventType(),
  click_id: getCookieValues('rdt_cid')[0] || eventData.rdt_cid,
  event_metadata: getMetadata(),
  user: getUser()
});

const body = {test_mode: data.testMode === true, events: [event]};

sendHttpRequest(url, (statusCode, headers, responseBody) => {
  if (statusCode >= 200 && statusCode < 300) {
    data.gtmOnSuccess();
  } else {
    data.gtmOnFailure();
  }
}, {
  headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + data.accessToken},
  method: 'POST'
}, JSON.stringify(body));

function getEventType() {
  const map = {
    page_view: 'PageVisit',
    view_item: 'ViewContent',
    search: 'Search',
    add_to_cart: 'AddToCart',
    add_to_wishlist: 'AddToWishlist',
    purchase: 'Purchase',
    generate_lead: 'Lead',
    sign_up: 'SignUp'
  };
  const name = data.eventType && data.eventType !== 'inherit' ? data.eventType : (map[eventData.event_name] || eventData.event_name);
  const known = ['PageVisit', 'ViewContent', 'Search', 'AddToCart', 'AddToWishlist', 'Purchase', 'Lead', 'SignUp'];
  if (known.indexOf(name) === -1) {
    return {tracking_type: 'Custom', custom_event_name: name};
  }
  return {tracking_type: name};
}

function getMetadata() {
  const metadata = {
    currency: eventData.currency,
    value_decimal: eventData.value !== undefined ? Math.round(makeNumber(eventData.value) * 100) / 100 : undefined,
    conversion_id: eventData.transaction_id || eventData.event_id || uuid()
  };
  const items = eventData.items;
  if (getType(items) === 'array' && items.length > 0) {
    metadata.item_count = items.reduce((total, item) => total + makeInteger(item.quantity || 1), 0);
    const getters = [];
    for (let i = 0; i < items.length; i++) {
      getters.push(() => ({id: makeString(items[i].item_id), name: items[i].item_name, category: items[i].item_category}));
    }
    metadata.products = getters.map((get) => get());
  }
  return metadata;
}

function getUser() {
  const userData = eventData.user_data || {};
  const size = makeString(eventData.screen_resolution || '').split('x');
  return {
    email: hash(userData.email_address),
    external_id: hash(eventData.user_id),
    ip_address: hash(eventData.ip_override),
    user_agent: eventData.user_agent,
    uuid: getCookieValues('_rdt_uuid')[0],
    screen_dimensions: size.length === 2 ? {width: makeInteger(size[0]), height: makeInteger(size[1])} : undefined
  };
}

function hash(value) {
  if (value === undefined || value === null || value === '') return undefined;
  const str = makeString(value).trim().toLowerCase();
  if (str.match('^[A-Fa-f0-9]{64}$')) return str;
  return sha256Sync(str, {outputEncoding: 'hex'});
}

function cleanupData(obj) {
  if (obj && typeof obj === 'object' && getType(obj) !== 'array') {
    const result = {};
    for (const key in obj) {
      if (!obj.hasOwnProperty(key)) continue;
      const value = cleanupData(obj[key]);
      if (value === undefined || value === null || value === '') continue;
      if (getType(value) === 'object' && Object_keys(value).length === 0) continue;
      result[key] = value;
    }
    return result;
  }
  if (getType(obj) === 'array') {
    return obj.map(cleanupData);
  }
  return obj;
}

function Object_keys(obj) {
  const keys = [];
  for (const key in obj) {
    if (obj.hasOwnProperty(key)) keys.push(key);
  }
  return keys;
}

function pad(number, width) {
  let s = makeString(number);
  while (s.length < width) s = '0' + s;
  return s;
}

function toIsoString(millis) {
  const days = Math.floor(millis / 86400000);
  const msOfDay = millis - days * 86400000;
  // civil-from-days (Howard Hinnant), since the sandbox has no Date
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(msOfDay / 3600000);
  const m = Math.floor((msOfDay % 3600000) / 60000);
  const s = Math.floor((msOfDay % 60000) / 1000);
  const ms = msOfDay % 1000;
  return year + '-' + pad(month, 2) + '-' + pad(day, 2) + 'T' + pad(h, 2) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(ms, 3) + 'Z';
}

function uuid() {
  const hex = [];
  for (let i = 0; i < 8; i++) {
    hex.push(generateRandom(0, 65535).toString(16));
  }
  return hex.map((part) => pad(part, 4)).join('');
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['rdt_cid', '_rdt_uuid'] },
    send_http: { allowedUrls: 'specific', urls: ['https://ads-api.reddit.com/api/v2.0/conversions/events/*'] },
  },
  testStyle: 'gtm',
  setup: js`const JSON = require('JSON');

const mockData = {accountId: 't2_abc', accessToken: 'reddit-token', testMode: true, eventType: 'inherit'};

const eventData = {
  event_name: 'purchase',
  transaction_id: 'T-100',
  currency: 'USD',
  value: '10.456',
  user_id: 'U1',
  ip_override: '203.0.113.9',
  user_agent: 'UA/1.0',
  screen_resolution: '1920x1080',
  user_data: {email_address: 'Foo@Bar.com ', phone_number: ''},
  items: [
    {item_id: 1, item_name: 'A', item_category: 'Cat', quantity: '2'},
    {item_id: 'b', item_name: 'B', quantity: 3}
  ]
};

mock('getAllEventData', eventData);
mock('getTimestampMillis', 1709251199123);
mock('getCookieValues', (name) => name === 'rdt_cid' ? ['cid-1'] : []);

let captured;
mock('sendHttpRequest', function () {
  assertThat(arguments.length).isEqualTo(4);
  captured = {url: arguments[0], callback: arguments[1], options: arguments[2], body: JSON.parse(arguments[3])};
  arguments[1](200, {}, '{}');
});`,
  scenarios: [
    {
      name: 'Purchase with products, rounded value and hand-built timestamp',
      expect: 'pass',
      code: js`runCode(mockData);

assertApi('sendHttpRequest').wasCalledWith(
  'https://ads-api.reddit.com/api/v2.0/conversions/events/t2_abc',
  captured.callback,
  {headers: {'Content-Type': 'application/json', Authorization: 'Bearer reddit-token'}, method: 'POST'},
  JSON.stringify(captured.body)
);
assertThat(captured.body).isEqualTo({
  test_mode: true,
  events: [{
    event_at: '2024-02-29T23:59:59.123Z',
    event_type: {tracking_type: 'Purchase'},
    click_id: 'cid-1',
    event_metadata: {
      currency: 'USD',
      value_decimal: 10.46,
      conversion_id: 'T-100',
      item_count: 5,
      products: [{id: '1', name: 'A', category: 'Cat'}, {id: 'b', name: 'B'}]
    },
    user: {
      email: '0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b',
      external_id: 'bb82030dbc2bcaba32a90bf2e207a84a856fc5f033b77c480836ab6f77f40f19',
      ip_address: 'd861b7e91033ebc1c1e8e7af3929010158b3241b54ca87ef73e79c32f26400ec',
      user_agent: 'UA/1.0',
      screen_dimensions: {width: 1920, height: 1080}
    }
  }]
});
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'Unknown event becomes a custom event and a random conversion id',
      expect: 'pass',
      code: js`eventData.event_name = 'quiz_done';
eventData.transaction_id = undefined;
eventData.items = [];
mock('generateRandom', (min, max) => {
  assertThat(min).isEqualTo(0);
  assertThat(max).isEqualTo(65535);
  return 2748;
});

runCode(mockData);

assertThat(captured.body.events[0].event_type).isEqualTo({tracking_type: 'Custom', custom_event_name: 'quiz_done'});
assertThat(captured.body.events[0].event_metadata.conversion_id).isEqualTo('0abc0abc0abc0abc0abc0abc0abc0abc');
assertThat(captured.body.events[0].event_metadata.item_count).isUndefined();`,
    },
    {
      name: 'A 400 answer fails the tag',
      expect: 'pass',
      code: js`mock('sendHttpRequest', function (url, callback) {
  callback(400, {'content-type': 'application/json'}, '{"error":"bad"}');
});

runCode(mockData);

assertApi('gtmOnFailure').wasCalled();
assertApi('gtmOnSuccess').wasNotCalled();`,
    },
    {
      name: 'Empty user data is removed from the payload',
      expect: 'pass',
      code: js`eventData.user_data = undefined;
eventData.user_id = '';
eventData.ip_override = null;
eventData.user_agent = undefined;
eventData.screen_resolution = undefined;

runCode(mockData);

assertThat(captured.body.events[0].user).isUndefined();
assertThat(captured.body.events[0].event_at).isEqualTo('2024-02-29T23:59:59.123Z');`,
    },
    {
      name: 'Products in the wrong order (wrong expectation on purpose)',
      expect: { fails: 'Expected [{"id":"1","name":"A","category":"Cat"},{"id":"b","name":"B"}] to equal [{"id":"b","name":"B"},{"id":"1","name":"A","category":"Cat"}]' },
      code: js`runCode(mockData);

assertThat(captured.body.events[0].event_metadata.products).isEqualTo([{id: 'b', name: 'B'}, {id: '1', name: 'A', category: 'Cat'}]);`,
    },
  ],
};

export default source;
