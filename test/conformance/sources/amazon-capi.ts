import { js, type ConformanceSource } from '../lib/source';

/** Amazon's server tag: sendHttpGet, manual redirect following, set-cookie array from the response. */
const source: ConformanceSource = {
  file: 'amazon-capi',
  lookalikeOf: 'amzn ad-tag server template',
  type: 'TAG',
  displayName: 'Amazon Conversions Lookalike',
  description: 'Fires a conversion pixel server side, follows one redirect by hand and forwards the ad cookie.',
  categories: ['ADVERTISING', 'AFFILIATE_MARKETING'],
  brand: { id: 'brand_dummy', displayName: '' },
  parameters: [
    { type: 'TEXT', name: 'tagId', displayName: 'Tag ID', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'eventName', displayName: 'Event name', simpleValueType: true, defaultValue: 'Off-AmazonPurchases' },
  ],
  code: js`
const sendHttpGet = require('sendHttpGet');
const getRequestQueryParameter = require('getRequestQueryParameter');
const getRemoteAddress = require('getRemoteAddress');
const getRequestHeader = require('getRequestHeader');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const encodeUriComponent = require('encodeUriComponent');
const getEventData = require('getEventData');
const makeString = require('makeString');

const params = {
  tag: data.tagId,
  ev: data.eventName,
  ip: getRemoteAddress(),
  ua: getRequestHeader('user-agent'),
  aaid: getRequestQueryParameter('aaid') || getCookieValues('ad-id')[0],
  value: getEventData('value')
};

let query = '';
Object_keys(params).forEach((key) => {
  if (params[key] === undefined || params[key] === null) return;
  query += (query === '' ? '?' : '&') + key + '=' + encodeUriComponent(makeString(params[key]));
});

fire('https://s.amazon-adsystem.com/iu3' + query, 0);

function fire(url, redirects) {
  sendHttpGet(url, (statusCode, headers) => {
    if ((statusCode === 301 || statusCode === 302) && redirects < 1 && headers.location) {
      fire(headers.location, redirects + 1);
      return;
    }
    if (statusCode >= 200 && statusCode < 300) {
      const setCookieHeaders = headers['set-cookie'];
      if (setCookieHeaders && setCookieHeaders.length > 0) {
        const adId = setCookieHeaders[0].split(';')[0].split('=')[1];
        setCookie('ad-id', adId, {domain: 'auto', path: '/', 'max-age': 34128000, secure: true, sameSite: 'none', httpOnly: true}, true);
      }
      data.gtmOnSuccess();
    } else {
      data.gtmOnFailure();
    }
  }, {timeout: 2500});
}

function Object_keys(obj) {
  const keys = [];
  for (const key in obj) keys.push(key);
  return keys;
}
`,
  permissions: {
    read_request: {
      requestAccess: 'specific',
      headerAccess: 'specific',
      queryParameterAccess: 'specific',
      headerWhitelist: [{ headerName: 'user-agent' }],
      queryParameterWhitelist: [{ queryParameter: 'aaid' }],
      headersAllowed: true,
      queryParametersAllowed: true,
      remoteAddressAllowed: true,
    },
    read_event_data: { eventDataAccess: 'specific', keyPatterns: ['value'] },
    get_cookies: { cookieAccess: 'specific', cookieNames: ['ad-id'] },
    set_cookies: { allowedCookies: [{ name: 'ad-id', domain: '*', path: '/', secure: 'secure', session: 'any' }] },
    send_http: { allowedUrls: 'specific', urls: ['https://s.amazon-adsystem.com/*', 'https://*.amazon-adsystem.com/*'] },
  },
  testStyle: 'block',
  setup: js`const callLater = require('callLater');

const mockData = {tagId: 'amzn-tag-1', eventName: 'Off-AmazonPurchases'};

mock('getRemoteAddress', '192.0.2.10');
mock('getRequestHeader', (name) => name === 'user-agent' ? 'Mozilla/5.0 (Mac)' : undefined);
mock('getRequestQueryParameter', () => undefined);
mock('getCookieValues', ['stored-id']);
mock('getEventData', (key) => key === 'value' ? 30.5 : undefined);

const urls = [];
const responses = [
  {status: 302, headers: {location: 'https://eu.amazon-adsystem.com/iu3?r=1'}},
  {status: 200, headers: {'content-type': 'image/gif', 'set-cookie': ['ad-id=NEW-ID-9; Max-Age=34128000; Path=/; Secure']}}
];
mock('sendHttpGet', (url, callback, options) => {
  urls.push(url);
  const response = responses[urls.length - 1];
  callLater(() => callback(response.status, response.headers, ''));
});`,
  scenarios: [
    {
      name: 'Follows one redirect and forwards the ad-id cookie',
      expect: 'pass',
      code: js`runCode(mockData);

// The redirect's response arrives in a second callLater round.
callLater(() => callLater(() => {
    assertThat(urls).isEqualTo([
      'https://s.amazon-adsystem.com/iu3?tag=amzn-tag-1&ev=Off-AmazonPurchases&ip=192.0.2.10&ua=Mozilla%2F5.0%20(Mac)&aaid=stored-id&value=30.5',
      'https://eu.amazon-adsystem.com/iu3?r=1'
    ]);
    assertApi('setCookie').wasCalledWith('ad-id', 'NEW-ID-9', {domain: 'auto', path: '/', 'max-age': 34128000, secure: true, sameSite: 'none', httpOnly: true}, true);
    assertApi('gtmOnSuccess').wasCalled();
}));`,
    },
    {
      name: 'Only one redirect is followed',
      expect: 'pass',
      code: js`responses[1] = {status: 302, headers: {location: 'https://loop.amazon-adsystem.com/'}};

runCode(mockData);

// The redirect's response arrives in a second callLater round.
callLater(() => callLater(() => {
    assertThat(urls).hasLength(2);
    assertApi('gtmOnFailure').wasCalled();
    assertApi('setCookie').wasNotCalled();
}));`,
    },
    {
      name: 'Query parameter wins over the cookie and missing values are skipped',
      expect: 'pass',
      code: js`mock('getRequestQueryParameter', (name) => name === 'aaid' ? 'from-query' : undefined);
mock('getEventData', () => undefined);
responses[0] = {status: 204, headers: {}};

runCode(mockData);

callLater(() => {
  assertThat(urls[0]).isEqualTo('https://s.amazon-adsystem.com/iu3?tag=amzn-tag-1&ev=Off-AmazonPurchases&ip=192.0.2.10&ua=Mozilla%2F5.0%20(Mac)&aaid=from-query');
  assertThat(urls[0]).contains('aaid=from-query');
  assertThat(urls[0]).doesNotContain('value=');
  assertApi('gtmOnSuccess').wasCalled();
});`,
    },
    {
      name: 'Nothing is decided before the deferred callback runs',
      expect: 'pass',
      code: js`runCode(mockData);

assertApi('gtmOnSuccess').wasNotCalled();
assertApi('gtmOnFailure').wasNotCalled();
assertThat(urls).hasLength(1);`,
    },
  ],
};

export default source;
