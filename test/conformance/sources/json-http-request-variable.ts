import { js, type ConformanceSource } from '../lib/source';

/**
 * stape's JSON HTTP request variable: builds a query string with encodeUriComponent, sends a
 * JSON request with a timeout, returns a Promise of a value picked from the response by a key
 * path, and caches answers in templateDataStorage with a TTL.
 */
const source: ConformanceSource = {
  file: 'json-http-request-variable',
  lookalikeOf: 'stape-io/json-http-request-variable',
  type: 'MACRO',
  displayName: 'JSON HTTP Request Lookalike',
  description: 'Sends a JSON request and returns the response or a value from it.',
  categories: ['UTILITY'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'url', displayName: 'URL', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    {
      type: 'SELECT',
      name: 'method',
      displayName: 'Method',
      macrosInSelect: false,
      selectItems: ['GET', 'POST', 'PUT'].map((m) => ({ value: m, displayValue: m })),
      simpleValueType: true,
      defaultValue: 'GET',
    },
    {
      type: 'SIMPLE_TABLE',
      name: 'queryParams',
      displayName: 'Query parameters',
      simpleTableColumns: [
        { defaultValue: '', displayName: 'Name', name: 'name', type: 'TEXT' },
        { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
      ],
    },
    {
      type: 'SIMPLE_TABLE',
      name: 'bodyParams',
      displayName: 'Body',
      simpleTableColumns: [
        { defaultValue: '', displayName: 'Name', name: 'name', type: 'TEXT' },
        { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
      ],
    },
    { type: 'TEXT', name: 'responseKey', displayName: 'Return value at key path (empty = whole body)', simpleValueType: true },
    { type: 'TEXT', name: 'timeout', displayName: 'Timeout (ms)', simpleValueType: true, defaultValue: '2000' },
    { type: 'CHECKBOX', name: 'storeResponse', checkboxText: 'Cache the response', simpleValueType: true },
    { type: 'TEXT', name: 'cacheTtl', displayName: 'Cache TTL (seconds)', simpleValueType: true, defaultValue: '60' },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const JSON = require('JSON');
const Promise = require('Promise');
const encodeUriComponent = require('encodeUriComponent');
const makeTableMap = require('makeTableMap');
const makeInteger = require('makeInteger');
const getTimestampMillis = require('getTimestampMillis');
const templateDataStorage = require('templateDataStorage');
const sha256Sync = require('sha256Sync');
const Object = require('Object');

const url = buildUrl(data.url, makeTableMap(data.queryParams || [], 'name', 'value'));
const method = data.method || 'GET';
const body = method === 'GET' ? undefined : JSON.stringify(makeTableMap(data.bodyParams || [], 'name', 'value') || {});
const cacheKey = 'json_http_' + sha256Sync(method + url + (body || ''), {outputEncoding: 'hex'}).substring(0, 16);

if (data.storeResponse) {
  const cached = templateDataStorage.getItemCopy(cacheKey);
  const ttlMs = makeInteger(data.cacheTtl || 60) * 1000;
  if (cached && getTimestampMillis() - cached.storedAt < ttlMs) {
    return Promise.create((resolve) => resolve(pick(cached.value, data.responseKey)));
  }
}

return sendHttpRequest(url, {
  headers: {'Content-Type': 'application/json'},
  method: method,
  timeout: makeInteger(data.timeout || 2000)
}, body).then((response) => {
  if (response.statusCode < 200 || response.statusCode >= 300) return undefined;
  const parsed = JSON.parse(response.body);
  if (parsed === undefined) return undefined;
  if (data.storeResponse) {
    templateDataStorage.setItemCopy(cacheKey, {value: parsed, storedAt: getTimestampMillis()});
  }
  return pick(parsed, data.responseKey);
}, () => undefined);

function buildUrl(base, params) {
  if (!params) return base;
  const query = Object.keys(params)
    .filter((key) => params[key] !== undefined && params[key] !== '')
    .map((key) => encodeUriComponent(key) + '=' + encodeUriComponent(params[key]))
    .join('&');
  if (!query) return base;
  return base + (base.indexOf('?') === -1 ? '?' : '&') + query;
}

function pick(value, keyPath) {
  if (!keyPath) return value;
  return keyPath.split('.').reduce((current, key) => {
    if (current === undefined || current === null) return undefined;
    return current[key];
  }, value);
}
`,
  permissions: {
    send_http: { allowedUrls: 'specific', urls: ['https://api.example.com/*'] },
    access_template_storage: {},
  },
  testStyle: 'block',
  setup: js`const Promise = require('Promise');
const JSON = require('JSON');

const mockData = {
  url: 'https://api.example.com/v1/profile',
  method: 'GET',
  queryParams: [{name: 'id', value: 'a b&c'}, {name: 'empty', value: ''}, {name: 'lang', value: 'ä'}],
  responseKey: 'data.segments.1',
  timeout: '1500'
};

const expectedUrl = 'https://api.example.com/v1/profile?id=a%20b%26c&lang=%C3%A4';

let requests = [];
function mockApi(statusCode, responseBody) {
  mock('sendHttpRequest', (url, options, body) => {
    requests.push([url, options, body]);
    return Promise.create((resolve) => resolve({statusCode: statusCode, headers: {}, body: responseBody}));
  });
}`,
  scenarios: [
    {
      name: 'GET with an encoded query returns the value at the key path',
      expect: 'pass',
      code: js`mockApi(200, '{"data":{"segments":["new","vip"]}}');

runCode(mockData).then((value) => {
  assertThat(value).isEqualTo('vip');
  assertThat(requests).isEqualTo([[expectedUrl, {headers: {'Content-Type': 'application/json'}, method: 'GET', timeout: 1500}, undefined]]);
});`,
    },
    {
      name: 'POST sends the body table as JSON and returns the whole body',
      expect: 'pass',
      code: js`mockData.method = 'POST';
mockData.queryParams = undefined;
mockData.bodyParams = [{name: 'email', value: 'x@y.z'}, {name: 'n', value: '2'}];
mockData.responseKey = '';
mockApi(201, '{"ok":true,"ids":[1,2]}');

runCode(mockData).then((value) => {
  assertThat(value).isEqualTo({ok: true, ids: [1, 2]});
});
assertApi('sendHttpRequest').wasCalledWith('https://api.example.com/v1/profile', {headers: {'Content-Type': 'application/json'}, method: 'POST', timeout: 1500}, '{"email":"x@y.z","n":"2"}');`,
    },
    {
      name: 'Non-JSON or failed answers resolve to undefined',
      expect: 'pass',
      code: js`mockApi(200, '<html>');
runCode(mockData).then((value) => assertThat(value).isUndefined());

mockApi(500, '{"data":{}}');
runCode(mockData).then((value) => assertThat(value).isUndefined());

mock('sendHttpRequest', () => Promise.create((resolve, reject) => reject({reason: 'timed_out'})));
runCode(mockData).then((value) => assertThat(value).isUndefined());`,
    },
    {
      name: 'Cached answers are reused within the TTL and refreshed after it',
      expect: 'pass',
      code: js`mockData.storeResponse = true;
mockData.cacheTtl = '10';
let now = 1000000;
mock('getTimestampMillis', () => now);
mockApi(200, '{"data":{"segments":["a","b"]}}');

runCode(mockData).then((first) => {
  assertThat(first).isEqualTo('b');
  now += 9999;
  mockApi(200, '{"data":{"segments":["c","d"]}}');
  return runCode(mockData);
}).then((second) => {
  assertThat(second).isEqualTo('b');
  assertThat(requests).hasLength(1);
  now += 1;
  return runCode(mockData);
}).then((third) => {
  assertThat(third).isEqualTo('d');
  assertThat(requests).hasLength(2);
});`,
    },
    {
      name: 'A mocked storage is read with the hashed cache key',
      expect: 'pass',
      code: js`mockData.storeResponse = true;
const keys = [];
mockObject('templateDataStorage', {
  getItemCopy: (key) => {
    keys.push(key);
    return {value: {data: {segments: ['x', 'cached']}}, storedAt: 5};
  },
  setItemCopy: () => fail('a cache hit must not write')
});
mock('getTimestampMillis', 10);
mockApi(200, '{}');

runCode(mockData).then((value) => {
  assertThat(value).isEqualTo('cached');
  assertThat(keys).hasLength(1);
  assertThat(keys[0].length).isEqualTo(26);
  assertThat(keys[0].indexOf('json_http_')).isEqualTo(0);
});
assertApi('sendHttpRequest').wasNotCalled();`,
    },
    {
      name: 'A failing assertion inside then fails the scenario',
      expect: { fails: 'segment: Expected "vip" to equal "new"' },
      code: js`mockApi(200, '{"data":{"segments":["new","vip"]}}');

runCode(mockData).then((value) => {
  assertThat(value, 'segment').isEqualTo('new');
});`,
    },
  ],
};

export default source;
