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
  "displayName": "JSON HTTP Request Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Sends a JSON request and returns the response or a value from it.",
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
    "type": "SELECT",
    "name": "method",
    "displayName": "Method",
    "macrosInSelect": false,
    "selectItems": [
      {
        "value": "GET",
        "displayValue": "GET"
      },
      {
        "value": "POST",
        "displayValue": "POST"
      },
      {
        "value": "PUT",
        "displayValue": "PUT"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "GET"
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
    "type": "SIMPLE_TABLE",
    "name": "bodyParams",
    "displayName": "Body",
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
    "name": "responseKey",
    "displayName": "Return value at key path (empty = whole body)",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "timeout",
    "displayName": "Timeout (ms)",
    "simpleValueType": true,
    "defaultValue": "2000"
  },
  {
    "type": "CHECKBOX",
    "name": "storeResponse",
    "checkboxText": "Cache the response",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "cacheTtl",
    "displayName": "Cache TTL (seconds)",
    "simpleValueType": true,
    "defaultValue": "60"
  }
]


___SANDBOXED_JS_FOR_SERVER___

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
            "string": "specific"
          }
        },
        {
          "key": "urls",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "https://api.example.com/*"
              }
            ]
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
- name: GET with an encoded query returns the value at the key path
  code: |-
    mockApi(200, '{"data":{"segments":["new","vip"]}}');

    runCode(mockData).then((value) => {
      assertThat(value).isEqualTo('vip');
      assertThat(requests).isEqualTo([[expectedUrl, {headers: {'Content-Type': 'application/json'}, method: 'GET', timeout: 1500}, undefined]]);
    });
- name: POST sends the body table as JSON and returns the whole body
  code: |-
    mockData.method = 'POST';
    mockData.queryParams = undefined;
    mockData.bodyParams = [{name: 'email', value: 'x@y.z'}, {name: 'n', value: '2'}];
    mockData.responseKey = '';
    mockApi(201, '{"ok":true,"ids":[1,2]}');

    runCode(mockData).then((value) => {
      assertThat(value).isEqualTo({ok: true, ids: [1, 2]});
    });
    assertApi('sendHttpRequest').wasCalledWith('https://api.example.com/v1/profile', {headers: {'Content-Type': 'application/json'}, method: 'POST', timeout: 1500}, '{"email":"x@y.z","n":"2"}');
- name: Non-JSON or failed answers resolve to undefined
  code: |-
    mockApi(200, '<html>');
    runCode(mockData).then((value) => assertThat(value).isUndefined());

    mockApi(500, '{"data":{}}');
    runCode(mockData).then((value) => assertThat(value).isUndefined());

    mock('sendHttpRequest', () => Promise.create((resolve, reject) => reject({reason: 'timed_out'})));
    runCode(mockData).then((value) => assertThat(value).isUndefined());
- name: Cached answers are reused within the TTL and refreshed after it
  code: |-
    mockData.storeResponse = true;
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
    });
- name: A mocked storage is read with the hashed cache key
  code: |-
    mockData.storeResponse = true;
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
    assertApi('sendHttpRequest').wasNotCalled();
- name: A failing assertion inside then fails the scenario
  code: |-
    mockApi(200, '{"data":{"segments":["new","vip"]}}');

    runCode(mockData).then((value) => {
      assertThat(value, 'segment').isEqualTo('new');
    });
setup: |-
  const Promise = require('Promise');
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
  }


___NOTES___

Created on 11/25/2026, 12:00:00


