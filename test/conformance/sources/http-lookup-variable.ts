import { js, type ConformanceSource } from '../lib/source';

/** stape's HTTP Lookup variable: returns a promise, caches in templateDataStorage with a TTL. */
const source: ConformanceSource = {
  file: 'http-lookup-variable',
  lookalikeOf: 'stape-io/http-lookup-variable',
  type: 'MACRO',
  displayName: 'HTTP Lookup Lookalike',
  description: 'Requests a URL and returns a value from its JSON response; responses are cached per URL.',
  categories: ['UTILITY'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'url', displayName: 'URL', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    {
      type: 'SIMPLE_TABLE',
      name: 'queryParams',
      displayName: 'Query parameters',
      simpleTableColumns: [
        { defaultValue: '', displayName: 'Name', name: 'name', type: 'TEXT' },
        { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
      ],
    },
    { type: 'TEXT', name: 'responsePath', displayName: 'Value path in the JSON response (dot separated)', simpleValueType: true },
    { type: 'TEXT', name: 'basicAuthUser', displayName: 'Basic auth user', simpleValueType: true },
    { type: 'TEXT', name: 'basicAuthPassword', displayName: 'Basic auth password', simpleValueType: true },
    { type: 'CHECKBOX', name: 'storeResponse', checkboxText: 'Cache the response', simpleValueType: true },
    { type: 'TEXT', name: 'cacheTtlSeconds', displayName: 'Cache TTL (s)', simpleValueType: true, defaultValue: '60', valueValidators: [{ type: 'NON_NEGATIVE_NUMBER' }] },
  ],
  code: js`
const sendHttpRequest = require('sendHttpRequest');
const templateDataStorage = require('templateDataStorage');
const getTimestampMillis = require('getTimestampMillis');
const encodeUriComponent = require('encodeUriComponent');
const makeTableMap = require('makeTableMap');
const makeInteger = require('makeInteger');
const toBase64 = require('toBase64');
const JSON = require('JSON');
const Promise = require('Promise');
const sha256Sync = require('sha256Sync');

const url = buildUrl();
const cacheKey = 'resp_' + sha256Sync(url);
const now = getTimestampMillis();

if (data.storeResponse) {
  const cached = templateDataStorage.getItemCopy(cacheKey);
  if (cached && cached.expires > now) {
    return Promise.create((resolve) => resolve(extract(cached.body)));
  }
}

const headers = {};
if (data.basicAuthUser) {
  headers.Authorization = 'Basic ' + toBase64(data.basicAuthUser + ':' + data.basicAuthPassword);
}

return sendHttpRequest(url, {method: 'GET', headers: headers, timeout: 3000}).then((response) => {
  if (response.statusCode < 200 || response.statusCode >= 300) {
    return undefined;
  }
  if (data.storeResponse) {
    templateDataStorage.setItemCopy(cacheKey, {body: response.body, expires: now + makeInteger(data.cacheTtlSeconds) * 1000});
  }
  return extract(response.body);
}, () => undefined);

function buildUrl() {
  const params = makeTableMap(data.queryParams || [], 'name', 'value');
  let result = data.url;
  if (params) {
    const pairs = [];
    for (const name in params) {
      pairs.push(encodeUriComponent(name) + '=' + encodeUriComponent(params[name]));
    }
    result += (result.indexOf('?') === -1 ? '?' : '&') + pairs.join('&');
  }
  return result;
}

function extract(body) {
  const parsed = JSON.parse(body);
  if (!data.responsePath) return parsed;
  let value = parsed;
  const keys = data.responsePath.split('.');
  for (let i = 0; i < keys.length; i++) {
    if (value === undefined || value === null) return undefined;
    value = value[keys[i]];
  }
  return value;
}
`,
  permissions: {
    send_http: { allowedUrls: 'any' },
    access_template_storage: {},
  },
  testStyle: 'gtm',
  setup: js`const Promise = require('Promise');

const mockData = {
  url: 'https://api.example.com/users?src=gtm',
  queryParams: [{name: 'id', value: 'u 1'}, {name: 'fields', value: 'a&b'}],
  responsePath: 'profile.tier',
  storeResponse: false,
  cacheTtlSeconds: '60'
};

let requestedUrl;
let requestedOptions;
function thenable(response) {
  return {
    then: (onFulfilled) => onFulfilled(response)
  };
}
mock('sendHttpRequest', (url, options) => {
  requestedUrl = url;
  requestedOptions = options;
  return thenable({statusCode: 200, headers: {}, body: '{"profile":{"tier":"gold","points":[1,2]}}'});
});
mock('getTimestampMillis', 1000000);`,
  scenarios: [
    {
      name: 'Returns the value at the path synchronously through a thenable mock',
      expect: 'pass',
      code: js`const value = runCode(mockData);

assertThat(value).isEqualTo('gold');
assertThat(requestedUrl).isEqualTo('https://api.example.com/users?src=gtm&id=u%201&fields=a%26b');
assertThat(requestedOptions).isEqualTo({method: 'GET', headers: {}, timeout: 3000});`,
    },
    {
      name: 'Returns the whole parsed body without a path',
      expect: 'pass',
      code: js`mockData.responsePath = '';
mockData.queryParams = [];

assertThat(runCode(mockData)).isEqualTo({profile: {tier: 'gold', points: [1, 2]}});
assertThat(requestedUrl).isEqualTo('https://api.example.com/users?src=gtm');`,
    },
    {
      name: 'Sends basic auth as base64',
      expect: 'pass',
      code: js`mockData.basicAuthUser = 'user';
mockData.basicAuthPassword = 'p@ss';

runCode(mockData);

assertThat(requestedOptions.headers).isEqualTo({Authorization: 'Basic dXNlcjpwQHNz'});`,
    },
    {
      name: 'Resolves with a real promise when the mock returns one',
      expect: 'pass',
      code: js`mock('sendHttpRequest', () => Promise.create((resolve) => resolve({statusCode: 200, body: '{"profile":{"tier":"silver"}}'})));
let resolved;

runCode(mockData).then((value) => {
  resolved = value;
  assertThat(value).isEqualTo('silver');
});

require('callLater')(() => {
  assertThat(resolved).isEqualTo('silver');
});`,
    },
    {
      name: 'Non-2xx responses give undefined',
      expect: 'pass',
      code: js`mock('sendHttpRequest', () => thenable({statusCode: 404, body: 'not found'}));

assertThat(runCode(mockData)).isUndefined();`,
    },
    {
      name: 'Caches in the real templateDataStorage across three runs',
      expect: 'pass',
      code: js`mockData.storeResponse = true;
let requests = 0;
let tier = 'gold';
mock('sendHttpRequest', () => {
  requests++;
  return thenable({statusCode: 200, body: '{"profile":{"tier":"' + tier + '"}}'});
});
const values = [];

values.push(runCode(mockData));
runCode(mockData).then((v) => values.push('cached ' + v));
tier = 'bronze';
mock('getTimestampMillis', 1000000 + 61000);
values.push(runCode(mockData));

require('callLater')(() => {
  assertThat(values).isEqualTo(['gold', 'bronze', 'cached gold']);
  assertThat(requests).isEqualTo(2);
});`,
    },
    {
      name: 'The real templateDataStorage starts empty in every scenario',
      expect: 'pass',
      code: js`mockData.storeResponse = true;

assertThat(runCode(mockData)).isEqualTo('gold');
assertApi('sendHttpRequest').wasCalled();`,
    },
    {
      name: 'Reads a cached entry through mockObject templateDataStorage',
      expect: 'pass',
      code: js`mockData.storeResponse = true;
const stored = {};
mockObject('templateDataStorage', {
  getItemCopy: (key) => {
    stored.readKey = key;
    return {body: '{"profile":{"tier":"platinum"}}', expires: 2000000};
  },
  setItemCopy: (key, value) => {
    fail('a fresh cache entry must not be rewritten');
  }
});
let result;

runCode(mockData).then((v) => {
  result = v;
});

require('callLater')(() => {
  assertThat(result).isEqualTo('platinum');
  assertThat(stored.readKey.indexOf('resp_')).isEqualTo(0);
  assertThat(stored.readKey).hasLength(49);
  assertApi('sendHttpRequest').wasNotCalled();
});`,
    },
  ],
};

export default source;
