import { js, type ConformanceSource } from '../lib/source';

/** stape's Google Ads offline conversion tag: getGoogleAuth, one upload per conversion action, Promise.all. */
const source: ConformanceSource = {
  file: 'gads-offline-conversions',
  lookalikeOf: 'stape-io/google-conversion-events-tag (gads-offline-conversion)',
  type: 'TAG',
  displayName: 'Google Ads Offline Conversion Lookalike',
  description: 'Uploads click conversions to the Google Ads API for each configured conversion action.',
  categories: ['ADVERTISING', 'CONVERSIONS'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'customerId', displayName: 'Customer ID', simpleValueType: true, valueValidators: [{ type: 'REGEX', args: ['^[0-9-]+$'] }] },
    { type: 'TEXT', name: 'developerToken', displayName: 'Developer token', simpleValueType: true },
    {
      type: 'SIMPLE_TABLE',
      name: 'conversionActions',
      displayName: 'Conversion actions',
      simpleTableColumns: [{ defaultValue: '', displayName: 'Conversion action ID', name: 'id', type: 'TEXT' }],
      valueValidators: [{ type: 'TABLE_ROW_COUNT', args: [1, 10] }],
    },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const getGoogleAuth = require('getGoogleAuth');
const getAllEventData = require('getAllEventData');
const getCookieValues = require('getCookieValues');
const getTimestampMillis = require('getTimestampMillis');
const JSON = require('JSON');
const Math = require('Math');
const Promise = require('Promise');
const sha256Sync = require('sha256Sync');
const makeString = require('makeString');
const makeNumber = require('makeNumber');

const eventData = getAllEventData();
const customerId = makeString(data.customerId).split('-').join('');
const gclid = eventData.gclid || gclidFromCookie();

if (!gclid && !(eventData.user_data && eventData.user_data.email_address)) {
  return data.gtmOnSuccess();
}

const auth = getGoogleAuth({scopes: ['https://www.googleapis.com/auth/adwords']});
const uploadUrl = 'https://googleads.googleapis.com/v16/customers/' + customerId + ':uploadClickConversions';
const conversionDateTime = formatDateTime(eventData.conversion_time_ms || getTimestampMillis());

const uploads = (data.conversionActions || []).map((row) => {
  const conversion = {
    conversionAction: 'customers/' + customerId + '/conversionActions/' + row.id,
    conversionDateTime: conversionDateTime,
    conversionValue: makeNumber(eventData.value || 0),
    currencyCode: eventData.currency || 'USD'
  };
  if (gclid) {
    conversion.gclid = gclid;
  } else {
    conversion.userIdentifiers = [{hashedEmail: sha256Sync(eventData.user_data.email_address.trim().toLowerCase(), {outputEncoding: 'hex'})}];
  }
  if (eventData.transaction_id) conversion.orderId = eventData.transaction_id;
  return sendHttpRequest(uploadUrl, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'developer-token': data.developerToken},
    authorization: auth
  }, JSON.stringify({conversions: [conversion], partialFailure: true}));
});

Promise.all(uploads).then((results) => {
  const allOk = results.every((result) => result.statusCode >= 200 && result.statusCode < 300);
  if (allOk) data.gtmOnSuccess();
  else data.gtmOnFailure();
}).catch(() => {
  data.gtmOnFailure();
});

function gclidFromCookie() {
  const cookie = getCookieValues('_gcl_aw')[0];
  if (!cookie) return undefined;
  const parts = cookie.split('.');
  return parts.length >= 3 ? parts[2] : undefined;
}

function pad(n) {
  return n < 10 ? '0' + n : '' + n;
}

function formatDateTime(ms) {
  const secondsTotal = Math.floor(ms / 1000);
  const days = Math.floor(secondsTotal / 86400);
  const secondsOfDay = secondsTotal % 86400;
  let z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year + '-' + pad(month) + '-' + pad(day) + ' ' +
    pad(Math.floor(secondsOfDay / 3600)) + ':' + pad(Math.floor(secondsOfDay / 60) % 60) + ':' + pad(secondsOfDay % 60) + '+00:00';
}
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['_gcl_aw'] },
    use_google_credentials: { allowedScopes: ['https://www.googleapis.com/auth/adwords'] },
    send_http: { allowedUrls: 'specific', urls: ['https://googleads.googleapis.com/'] },
  },
  testStyle: 'block',
  setup: js`const JSON = require('JSON');
const Promise = require('Promise');
const callLater = require('callLater');

const mockData = {
  customerId: '123-456-7890',
  developerToken: 'dev-token',
  conversionActions: [{id: '111'}, {id: '222'}]
};

const eventData = {
  event_name: 'purchase',
  value: '99.99',
  currency: 'EUR',
  transaction_id: 'order-5'
};

const authObject = {scopes: ['https://www.googleapis.com/auth/adwords'], kind: 'mock-auth'};
mock('getAllEventData', eventData);
mock('getTimestampMillis', 1747945830456);
mock('getGoogleAuth', authObject);
mock('getCookieValues', (name) => name === '_gcl_aw' ? ['GCL.1747900000.Cj0KCQ-test'] : []);

const requests = [];
const statuses = [200, 200];
mock('sendHttpRequest', (url, options, body) => {
  requests.push({url: url, options: options, body: JSON.parse(body)});
  const status = statuses[requests.length - 1];
  return Promise.create((resolve) => resolve({statusCode: status, headers: {}, body: '{}'}));
});`,
  scenarios: [
    {
      name: 'Uploads one conversion per action with the gclid from _gcl_aw',
      expect: 'pass',
      code: js`runCode(mockData);

callLater(() => {
  assertThat(requests).hasLength(2);
  assertThat(requests[0].url).isEqualTo('https://googleads.googleapis.com/v16/customers/1234567890:uploadClickConversions');
  assertThat(requests[0].options.authorization).isEqualTo(authObject);
  assertThat(requests[0].options.headers).isEqualTo({'Content-Type': 'application/json', 'developer-token': 'dev-token'});
  assertThat(requests[1].body).isEqualTo({
    conversions: [{
      conversionAction: 'customers/1234567890/conversionActions/222',
      conversionDateTime: '2025-05-22 20:30:30+00:00',
      conversionValue: 99.99,
      currencyCode: 'EUR',
      gclid: 'Cj0KCQ-test',
      orderId: 'order-5'
    }],
    partialFailure: true
  });
  assertApi('getGoogleAuth').wasCalledWith({scopes: ['https://www.googleapis.com/auth/adwords']});
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Formats leap days and end of century timestamps',
      expect: 'pass',
      code: js`const seen = [];
eventData.conversion_time_ms = 951782400000;
runCode(mockData);
seen.push(requests[0].body.conversions[0].conversionDateTime);
eventData.conversion_time_ms = 4102444799000;
runCode(mockData);
seen.push(requests[2].body.conversions[0].conversionDateTime);
assertThat(seen).isEqualTo(['2000-02-29 00:00:00+00:00', '2099-12-31 23:59:59+00:00']);`,
    },
    {
      name: 'Falls back to the hashed email without a click id',
      expect: 'pass',
      code: js`mock('getCookieValues', []);
eventData.user_data = {email_address: ' Jane.Doe@example.com'};
mockData.conversionActions = [{id: '111'}];

runCode(mockData);

assertThat(requests[0].body.conversions[0].gclid).isUndefined();
assertThat(requests[0].body.conversions[0].userIdentifiers).isEqualTo([{hashedEmail: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d'}]);`,
    },
    {
      name: 'Exits with success when there is nothing to match on',
      expect: 'pass',
      code: js`mock('getCookieValues', []);

runCode(mockData);

assertApi('gtmOnSuccess').wasCalled();
assertApi('getGoogleAuth').wasNotCalled();
assertApi('sendHttpRequest').wasNotCalled();`,
    },
    {
      name: 'One failed upload fails the tag',
      expect: 'pass',
      code: js`statuses[1] = 403;

runCode(mockData);

callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('gtmOnSuccess').wasNotCalled();
});`,
    },
    {
      name: 'A rejected Promise.all fails the tag (mockObject Promise keeps create)',
      expect: 'pass',
      code: js`mockObject('Promise', {
  create: Promise.create,
  all: () => Promise.create((resolve, reject) => reject({reason: 'failed'}))
});

runCode(mockData);

callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('gtmOnSuccess').wasNotCalled();
});`,
    },
  ],
};

export default source;
