___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "MACRO",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "HTTP Lookup Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Requests a URL and returns a value from its JSON response; responses are cached per URL.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "url",
    "displayName": "URL",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "SIMPLE_TABLE",
    "name": "queryParams",
    "displayName": "Query parameters",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Name",
        "name": "name",
        "type": "TEXT"
      },
      {
        "defaultValue": "",
        "displayName": "Value",
        "name": "value",
        "type": "TEXT"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "responsePath",
    "displayName": "Value path in the JSON response (dot separated)",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "basicAuthUser",
    "displayName": "Basic auth user",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "basicAuthPassword",
    "displayName": "Basic auth password",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "storeResponse",
    "checkboxText": "Cache the response",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "cacheTtlSeconds",
    "displayName": "Cache TTL (s)",
    "simpleValueType": true,
    "defaultValue": "60",
    "valueValidators": [
      {
        "type": "NON_NEGATIVE_NUMBER"
      }
    ]
  }
]


___SANDBOXED_JS_FOR_SERVER___

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


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "send_http",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedUrls",
          "value": {
            "type": 1,
            "string": "any"
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "access_template_storage",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: Returns the value at the path synchronously through a thenable mock
  code: "const value = runCode(mockData);\n\nassertThat(value).isEqualTo('gold');\n\
    assertThat(requestedUrl).isEqualTo('https://api.example.com/users?src=gtm&id=u%201&fields=a%26b');\n\
    assertThat(requestedOptions).isEqualTo({method: 'GET', headers: {}, timeout: 3000});"
- name: Returns the whole parsed body without a path
  code: "mockData.responsePath = '';\nmockData.queryParams = [];\n\nassertThat(runCode(mockData)).isEqualTo({profile:\
    \ {tier: 'gold', points: [1, 2]}});\nassertThat(requestedUrl).isEqualTo('https://api.example.com/users?src=gtm');"
- name: Sends basic auth as base64
  code: "mockData.basicAuthUser = 'user';\nmockData.basicAuthPassword = 'p@ss';\n\n\
    runCode(mockData);\n\nassertThat(requestedOptions.headers).isEqualTo({Authorization:\
    \ 'Basic dXNlcjpwQHNz'});"
- name: Resolves with a real promise when the mock returns one
  code: "mock('sendHttpRequest', () => Promise.create((resolve) => resolve({statusCode:\
    \ 200, body: '{\"profile\":{\"tier\":\"silver\"}}'})));\nlet resolved;\n\nrunCode(mockData).then((value)\
    \ => {\n  resolved = value;\n  assertThat(value).isEqualTo('silver');\n});\n\n\
    require('callLater')(() => {\n  assertThat(resolved).isEqualTo('silver');\n});"
- name: Non-2xx responses give undefined
  code: "mock('sendHttpRequest', () => thenable({statusCode: 404, body: 'not found'}));\n\
    \nassertThat(runCode(mockData)).isUndefined();"
- name: Caches in the real templateDataStorage across three runs
  code: "mockData.storeResponse = true;\nlet requests = 0;\nlet tier = 'gold';\nmock('sendHttpRequest',\
    \ () => {\n  requests++;\n  return thenable({statusCode: 200, body: '{\"profile\"\
    :{\"tier\":\"' + tier + '\"}}'});\n});\nconst values = [];\n\nvalues.push(runCode(mockData));\n\
    runCode(mockData).then((v) => values.push('cached ' + v));\ntier = 'bronze';\n\
    mock('getTimestampMillis', 1000000 + 61000);\nvalues.push(runCode(mockData));\n\
    \nrequire('callLater')(() => {\n  assertThat(values).isEqualTo(['gold', 'bronze',\
    \ 'cached gold']);\n  assertThat(requests).isEqualTo(2);\n});"
- name: The real templateDataStorage starts empty in every scenario
  code: "mockData.storeResponse = true;\n\nassertThat(runCode(mockData)).isEqualTo('gold');\n\
    assertApi('sendHttpRequest').wasCalled();"
- name: Reads a cached entry through mockObject templateDataStorage
  code: "mockData.storeResponse = true;\nconst stored = {};\nmockObject('templateDataStorage',\
    \ {\n  getItemCopy: (key) => {\n    stored.readKey = key;\n    return {body: '{\"\
    profile\":{\"tier\":\"platinum\"}}', expires: 2000000};\n  },\n  setItemCopy:\
    \ (key, value) => {\n    fail('a fresh cache entry must not be rewritten');\n\
    \  }\n});\nlet result;\n\nrunCode(mockData).then((v) => {\n  result = v;\n});\n\
    \nrequire('callLater')(() => {\n  assertThat(result).isEqualTo('platinum');\n\
    \  assertThat(stored.readKey.indexOf('resp_')).isEqualTo(0);\n  assertThat(stored.readKey).hasLength(49);\n\
    \  assertApi('sendHttpRequest').wasNotCalled();\n});"
setup: "const Promise = require('Promise');\n\nconst mockData = {\n  url: 'https://api.example.com/users?src=gtm',\n\
  \  queryParams: [{name: 'id', value: 'u 1'}, {name: 'fields', value: 'a&b'}],\n\
  \  responsePath: 'profile.tier',\n  storeResponse: false,\n  cacheTtlSeconds: '60'\n\
  };\n\nlet requestedUrl;\nlet requestedOptions;\nfunction thenable(response) {\n\
  \  return {\n    then: (onFulfilled) => onFulfilled(response)\n  };\n}\nmock('sendHttpRequest',\
  \ (url, options) => {\n  requestedUrl = url;\n  requestedOptions = options;\n  return\
  \ thenable({statusCode: 200, headers: {}, body: '{\"profile\":{\"tier\":\"gold\"\
  ,\"points\":[1,2]}}'});\n});\nmock('getTimestampMillis', 1000000);"


___NOTES___

Created on 11/25/2026, 12:00:00


