import { js, type ConformanceSource } from '../lib/source';

/** stape's Snapchat Conversion API tag: callback form plus a promise-form validate call. */
const source: ConformanceSource = {
  file: 'snapchat-capi',
  lookalikeOf: 'stape-io/snapchat-tag',
  type: 'TAG',
  displayName: 'Snapchat Conversion API Lookalike',
  description: 'Sends events to the Snapchat Conversions API; optionally validates them first.',
  categories: ['ADVERTISING', 'CONVERSIONS'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'accessToken', displayName: 'Access Token', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'pixelId', displayName: 'Pixel ID', simpleValueType: true },
    { type: 'CHECKBOX', name: 'validate', checkboxText: 'Validate the event first', simpleValueType: true, defaultValue: false },
    { type: 'TEXT', name: 'excludedEvents', displayName: 'Events not to send (comma separated)', simpleValueType: true },
    {
      type: 'GROUP',
      name: 'customDataGroup',
      displayName: 'Custom Data',
      groupStyle: 'ZIPPY_CLOSED',
      subParams: [
        {
          type: 'SIMPLE_TABLE',
          name: 'customDataList',
          displayName: '',
          simpleTableColumns: [
            { defaultValue: '', displayName: 'Name', name: 'name', type: 'TEXT' },
            { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
          ],
        },
      ],
    },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const getAllEventData = require('getAllEventData');
const JSON = require('JSON');
const makeTableMap = require('makeTableMap');
const makeInteger = require('makeInteger');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
const getCookieValues = require('getCookieValues');
const getTimestampMillis = require('getTimestampMillis');
const sha256Sync = require('sha256Sync');
const getType = require('getType');
const Object = require('Object');

const eventData = getAllEventData();
const excluded = (data.excludedEvents || '').split(',').map((e) => e.trim());
if (excluded.indexOf(eventData.event_name) !== -1) {
  return data.gtmOnSuccess();
}

const event = assign({
  pixel_id: data.pixelId,
  event_conversion_type: 'WEB',
  event_type: mapEventType(eventData.event_name),
  timestamp: makeInteger(eventData.timestamp || getTimestampMillis()),
  page_url: eventData.page_location,
  user_agent: eventData.user_agent,
  hashed_ip_address: hash(eventData.ip_override),
  hashed_email: hash(eventData.user_data && eventData.user_data.email_address),
  uuid_c1: getCookieValues('_scid')[0],
  click_id: getCookieValues('_scclid')[0]
}, commerceData(), makeTableMap(data.customDataList || [], 'name', 'value'));

removeEmpty(event);

const headers = {'Content-Type': 'application/json', Authorization: 'Bearer ' + data.accessToken};
const postUrl = 'https://tr.snapchat.com/v2/conversion';

if (data.validate) {
  sendHttpRequest(postUrl + '/validate', {method: 'POST', headers: headers}, JSON.stringify(event)).then((response) => {
    if (response.statusCode === 200) {
      send();
    } else {
      data.gtmOnFailure();
    }
  });
} else {
  send();
}

function send() {
  sendHttpRequest(postUrl, (statusCode, responseHeaders, body) => {
    if (statusCode >= 200 && statusCode < 400) {
      data.gtmOnSuccess();
    } else {
      data.gtmOnFailure();
    }
  }, {method: 'POST', headers: headers, timeout: 5000}, JSON.stringify(event));
}

function mapEventType(name) {
  switch (name) {
    case 'page_view':
    case 'gtm.dom':
      return 'PAGE_VIEW';
    case 'purchase':
      return 'PURCHASE';
    case 'add_to_cart':
      return 'ADD_CART';
    case 'sign_up':
      return 'SIGN_UP';
    default:
      return makeString(name).toUpperCase();
  }
}

function commerceData() {
  const out = {};
  if (eventData.value !== undefined) out.price = makeString(makeNumber(eventData.value));
  if (eventData.currency) out.currency = eventData.currency;
  if (eventData.transaction_id) out.transaction_id = eventData.transaction_id;
  if (getType(eventData.items) === 'array') {
    out.item_ids = eventData.items.map((item) => item.item_id).join(';');
    out.number_items = makeString(eventData.items.length);
  }
  return out;
}

function assign() {
  const target = arguments[0];
  for (let i = 1; i < arguments.length; i++) {
    for (let key in arguments[i]) {
      if (arguments[i].hasOwnProperty(key)) {
        target[key] = arguments[i][key];
      }
    }
  }
  return target;
}

function removeEmpty(obj) {
  Object.keys(obj).forEach((key) => {
    if (obj[key] === undefined || obj[key] === null || obj[key] === '') Object.delete(obj, key);
  });
}

function hash(value) {
  if (!value) return undefined;
  return sha256Sync(makeString(value).trim().toLowerCase(), {outputEncoding: 'hex'});
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['_scid', '_scclid'] },
    send_http: { allowedUrls: 'specific', urls: ['https://tr.snapchat.com/v2/conversion*'] },
  },
  testStyle: 'gtm',
  setup: js`const JSON = require('JSON');
const Promise = require('Promise');
const callLater = require('callLater');

const mockData = {
  accessToken: 'snap-token',
  pixelId: 'snap-pixel-1',
  validate: false,
  excludedEvents: 'scroll, user_engagement',
  customDataList: [{name: 'sign_up_method', value: 'email'}, {name: 'currency', value: 'GBP'}]
};

const eventData = {
  event_name: 'purchase',
  timestamp: '1747945830456',
  page_location: 'https://example.com/thanks',
  user_agent: 'UA',
  ip_override: '',
  user_data: {email_address: 'John@Example.org'},
  value: '12.50',
  currency: 'USD',
  transaction_id: 'T-1',
  items: [{item_id: 'a'}, {item_id: 'b'}]
};

mock('getAllEventData', () => eventData);
mock('getCookieValues', (name) => name === '_scid' ? ['scid-1'] : []);

const calls = [];
let httpStatus = 200;
mock('sendHttpRequest', (url, callback, options, body) => {
  if (typeof callback === 'function') {
    calls.push({form: 'callback', url: url, options: options, body: JSON.parse(body)});
    callback(httpStatus, {}, '');
    return;
  }
  calls.push({form: 'promise', url: url, options: callback, body: JSON.parse(options)});
  return Promise.create((resolve) => resolve({statusCode: httpStatus, headers: {}, body: '{}'}));
});`,
  scenarios: [
    {
      name: 'Sends a purchase with merged custom data through the callback form',
      expect: 'pass',
      code: js`runCode(mockData);

assertThat(calls).hasLength(1);
assertThat(calls[0].form).isEqualTo('callback');
assertThat(calls[0].url).isEqualTo('https://tr.snapchat.com/v2/conversion');
assertThat(calls[0].options).isEqualTo({method: 'POST', headers: {'Content-Type': 'application/json', Authorization: 'Bearer snap-token'}, timeout: 5000});
assertThat(calls[0].body).isEqualTo({
  pixel_id: 'snap-pixel-1',
  event_conversion_type: 'WEB',
  event_type: 'PURCHASE',
  timestamp: 1747945830456,
  page_url: 'https://example.com/thanks',
  user_agent: 'UA',
  hashed_email: 'b5fb79bc07fa24049f99f456f8f530af1cb9a13db14c4b02c83be7c1f0ceb968',
  uuid_c1: 'scid-1',
  price: '12.5',
  currency: 'GBP',
  transaction_id: 'T-1',
  item_ids: 'a;b',
  number_items: '2',
  sign_up_method: 'email'
});
assertThat(require('Object').keys(calls[0].body)).contains('sign_up_method', 'price');
assertThat(require('Object').keys(calls[0].body)).doesNotContain('hashed_ip_address', 'click_id');
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'Validates with the promise form before sending',
      expect: 'pass',
      code: js`mockData.validate = true;

runCode(mockData);

callLater(() => {
  assertThat(calls.map((c) => c.form + ' ' + c.url)).isEqualTo([
    'promise https://tr.snapchat.com/v2/conversion/validate',
    'callback https://tr.snapchat.com/v2/conversion'
  ]);
  assertThat(calls[0].body).isEqualTo(calls[1].body);
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Does not send when validation fails',
      expect: 'pass',
      code: js`mockData.validate = true;
httpStatus = 400;

runCode(mockData);

callLater(() => {
  assertThat(calls).hasLength(1);
  assertApi('gtmOnFailure').wasCalled();
  assertApi('gtmOnSuccess').wasNotCalled();
});`,
    },
    {
      name: 'A rejected validation without a rejection handler leaves the tag pending',
      expect: 'pass',
      code: js`mockData.validate = true;
mock('sendHttpRequest', (url, callbackOrOptions) => {
  if (typeof callbackOrOptions === 'function') fail('must not send after a failed validation');
  return Promise.create((resolve, reject) => reject({reason: 'failed'}));
});

runCode(mockData);

callLater(() => {
  assertApi('sendHttpRequest').wasCalled();
  assertApi('gtmOnSuccess').wasNotCalled();
  assertApi('gtmOnFailure').wasNotCalled();
});`,
    },
    {
      name: 'Excluded events exit with success',
      expect: 'pass',
      code: js`eventData.event_name = 'user_engagement';

runCode(mockData);

assertApi('sendHttpRequest').wasNotCalled();
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'Unknown events are upper-cased, and failures reported',
      expect: 'pass',
      code: js`eventData.event_name = 'generate_lead';
httpStatus = 0;

runCode(mockData);

assertThat(calls[0].body.event_type).isEqualTo('GENERATE_LEAD');
assertApi('gtmOnFailure').wasCalled();`,
    },
    {
      name: 'Deliberate failure inside a mock that runs from a promise callback',
      expect: { fails: 'Expected 5000 to equal 3000' },
      code: js`mockData.validate = true;
mock('sendHttpRequest', (url, callback, options) => {
  if (typeof callback === 'function') {
    assertThat(options.timeout).isEqualTo(3000);
    callback(200);
    return;
  }
  return Promise.create((resolve) => resolve({statusCode: 200}));
});

runCode(mockData);`,
    },
    {
      name: 'Deliberately wrong expected event type',
      expect: { fails: 'Expected "PURCHASE" to equal "PAGE_VIEW"' },
      code: js`runCode(mockData);

assertThat(calls[0].body.event_type).isEqualTo('PAGE_VIEW');`,
    },
  ],
};

export default source;
