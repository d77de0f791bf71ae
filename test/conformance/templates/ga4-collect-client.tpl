___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "CLIENT",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "GA4 Collect Client Lookalike",
  "categories": [
    "ANALYTICS"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Claims GA4 /g/collect requests, turns each hit into an event and runs the container.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "path",
    "displayName": "Path",
    "simpleValueType": true,
    "defaultValue": "/g/collect"
  },
  {
    "type": "CHECKBOX",
    "name": "setFpid",
    "checkboxText": "Set a server-managed FPID cookie",
    "simpleValueType": true,
    "defaultValue": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestMethod = require('getRequestMethod');
const getRequestQueryString = require('getRequestQueryString');
const getRequestBody = require('getRequestBody');
const getRequestHeader = require('getRequestHeader');
const getRemoteAddress = require('getRemoteAddress');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const runContainer = require('runContainer');
const returnResponse = require('returnResponse');
const setResponseStatus = require('setResponseStatus');
const setResponseHeader = require('setResponseHeader');
const decodeUriComponent = require('decodeUriComponent');
const generateRandom = require('generateRandom');
const getTimestampMillis = require('getTimestampMillis');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
const Math = require('Math');

if (getRequestPath() !== (data.path || '/g/collect')) {
  return;
}

claimRequest();

const common = parseParams(getRequestQueryString());
const body = getRequestMethod() === 'POST' ? (getRequestBody() || '') : '';
const hits = body.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
if (hits.length === 0) hits.push('');

const clientId = getClientId(common);
const events = hits.map((line) => toEvent(merge(common, parseParams(line)), clientId));

const origin = getRequestHeader('origin');
if (origin) {
  setResponseHeader('access-control-allow-origin', origin);
  setResponseHeader('access-control-allow-credentials', 'true');
}

let pending = events.length;
events.forEach((event) => {
  runContainer(event, () => {
    pending--;
    if (pending === 0) {
      setResponseStatus(204);
      returnResponse();
    }
  });
});

function parseParams(text) {
  const params = {};
  if (!text) return params;
  text.split('&').forEach((pair) => {
    if (!pair) return;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.substring(0, eq));
    const value = eq === -1 ? '' : decode(pair.substring(eq + 1));
    params[key] = value;
  });
  return params;
}

function decode(text) {
  const decoded = decodeUriComponent(text.split('+').join(' '));
  return decoded === undefined ? text : decoded;
}

function merge(a, b) {
  const out = {};
  [a, b].forEach((source) => {
    for (const key in source) {
      if (source.hasOwnProperty(key)) out[key] = source[key];
    }
  });
  return out;
}

function toEvent(params, clientId) {
  const event = {
    event_name: params.en || 'page_view',
    client_id: clientId,
    ip_override: getRemoteAddress(),
    user_agent: getRequestHeader('user-agent'),
    'x-ga-measurement_id': params.tid,
    'x-ga-protocol_version': params.v
  };
  const simple = {dl: 'page_location', dr: 'page_referrer', dt: 'page_title', ul: 'language', sr: 'screen_resolution', uid: 'user_id', cu: 'currency', sid: 'ga_session_id', gcs: 'x-ga-gcs'};
  const items = [];
  const userProperties = {};
  for (const key in params) {
    if (!params.hasOwnProperty(key)) continue;
    const value = params[key];
    if (simple[key]) {
      event[simple[key]] = value;
    } else if (key.indexOf('epn.') === 0) {
      event[key.slice(4)] = makeNumber(value);
    } else if (key.indexOf('ep.') === 0) {
      event[key.slice(3)] = value;
    } else if (key.indexOf('up.') === 0) {
      userProperties[key.slice(3)] = value;
    } else if (key.match('^pr[0-9]+$')) {
      items[makeNumber(key.substring(2)) - 1] = parseItem(value);
    } else if (key === 'sct') {
      event.ga_session_number = makeNumber(value);
    }
  }
  if (items.length) event.items = items.filter((item) => item !== undefined);
  if (event.value !== undefined) event.value = makeNumber(event.value);
  for (const name in userProperties) {
    if (userProperties.hasOwnProperty(name)) {
      event.user_properties = userProperties;
      break;
    }
  }
  return event;
}

function parseItem(text) {
  const names = {id: 'item_id', nm: 'item_name', ca: 'item_category', br: 'item_brand', va: 'item_variant'};
  const numbers = {pr: 'price', qt: 'quantity'};
  const item = {};
  text.split('~').forEach((part) => {
    const code = part.substring(0, 2);
    const value = part.substring(2);
    if (names[code]) item[names[code]] = value;
    else if (numbers[code]) item[numbers[code]] = makeNumber(value);
  });
  return item;
}

function getClientId(params) {
  const ga = getCookieValues('_ga')[0];
  if (ga) {
    const parts = ga.split('.');
    if (parts.length >= 4) return parts.slice(-2).join('.');
  }
  let fpid = getCookieValues('FPID')[0];
  if (!fpid && data.setFpid) {
    fpid = 'FPID2.2.' + generateRandom(100000000, 999999999) + '.' + Math.round(getTimestampMillis() / 1000);
  }
  if (fpid && data.setFpid) {
    setCookie('FPID', fpid, {domain: 'auto', path: '/', 'max-age': 63072000, secure: true, httpOnly: true, sameSite: 'lax'});
  }
  return params.cid || fpid;
}


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "read_request",
        "versionId": "1"
      },
      "param": [
        {
          "key": "requestAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        },
        {
          "key": "headerAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        },
        {
          "key": "queryParameterAccess",
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
        "publicId": "get_cookies",
        "versionId": "1"
      },
      "param": [
        {
          "key": "cookieAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "cookieNames",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "_ga"
              },
              {
                "type": 1,
                "string": "FPID"
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
        "publicId": "set_cookies",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedCookies",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "name"
                  },
                  {
                    "type": 1,
                    "string": "domain"
                  },
                  {
                    "type": 1,
                    "string": "path"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "session"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "FPID"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "any"
                  }
                ]
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
        "publicId": "run_container",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "return_response",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "access_response",
        "versionId": "1"
      },
      "param": [
        {
          "key": "writeResponseAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        },
        {
          "key": "writeHeaderAccess",
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
  }
]


___TESTS___

scenarios:
- name: A batch of two hits becomes two events sharing the query parameters
  code: |-
    runCode(mockData);

    assertApi('claimRequest').wasCalled();
    assertThat(events).isEqualTo([
      {
        event_name: 'view_item',
        client_id: '555.777',
        ip_override: '198.51.100.7',
        user_agent: 'Mozilla/5.0',
        'x-ga-measurement_id': 'G-ABC123',
        'x-ga-protocol_version': '2',
        page_location: 'https://shop.example.com/p?a=1',
        page_title: 'Shoes & more',
        language: 'en-us',
        ga_session_id: '1700000000',
        ga_session_number: 3,
        'x-ga-gcs': 'G111',
        list: 'Summer sale',
        value: 19.9,
        currency: 'EUR',
        items: [{item_id: 'S1', item_name: 'Red Shoe', price: 19.9, quantity: 1, item_category: 'Shoes'}]
      },
      {
        event_name: 'scroll',
        client_id: '555.777',
        ip_override: '198.51.100.7',
        user_agent: 'Mozilla/5.0',
        'x-ga-measurement_id': 'G-ABC123',
        'x-ga-protocol_version': '2',
        page_location: 'https://shop.example.com/p?a=1',
        page_title: 'Shoes & more',
        language: 'en-us',
        ga_session_id: '1700000000',
        ga_session_number: 3,
        'x-ga-gcs': 'G111',
        percent_scrolled: 90,
        user_properties: {plan: 'pro'}
      }
    ]);
    assertApi('setResponseStatus').wasCalledWith(204);
    assertApi('setResponseHeader').wasCalledWith('access-control-allow-origin', 'https://shop.example.com');
    assertApi('returnResponse').wasCalled();
- name: Other paths are not claimed
  code: |-
    path = '/data';

    runCode(mockData);

    assertApi('claimRequest').wasNotCalled();
    assertApi('runContainer').wasNotCalled();
    assertThat(events).isEmpty();
- name: 'A GET hit without body is one page_view and the _ga cookie gives the client id'
  code: |-
    method = 'GET';
    query = 'v=2&tid=G-ABC123&dl=https%3A%2F%2Fa.example%2F&bad=%E0%A4%A';
    cookies._ga = 'GA1.1.1234.5678';

    runCode(mockData);

    assertThat(events).hasLength(1);
    assertThat(events[0].event_name).isEqualTo('page_view');
    assertThat(events[0].client_id).isEqualTo('1234.5678');
    assertThat(events[0].page_location).isEqualTo('https://a.example/');
    assertApi('getRequestBody').wasNotCalled();
    assertApi('setCookie').wasNotCalled();
- name: 'Without cid or _ga a new FPID is generated and set'
  code: |-
    query = 'v=2&tid=G-ABC123';
    body = '';

    runCode(mockData);

    assertThat(events[0].client_id).isEqualTo('FPID2.2.123456789.1700000001');
    assertApi('setCookie').wasCalledWith('FPID', 'FPID2.2.123456789.1700000001', {domain: 'auto', path: '/', 'max-age': 63072000, secure: true, httpOnly: true, sameSite: 'lax'});
- name: The response waits for the last container run to complete
  code: |-
    const completions = [];
    mock('runContainer', (event, onComplete) => {
      completions.push(onComplete);
    });

    runCode(mockData);

    assertApi('returnResponse').wasNotCalled();
    completions[1]();
    assertApi('returnResponse').wasNotCalled();
    callLater(() => {
      completions[0]();
      assertApi('returnResponse').wasCalled();
      assertApi('setResponseStatus').wasCalledWith(204);
    });
setup: |-
  const callLater = require('callLater');

  const mockData = {path: '/g/collect', setFpid: true};

  let path = '/g/collect';
  let method = 'POST';
  let query = 'v=2&tid=G-ABC123&cid=555.777&dl=https%3A%2F%2Fshop.example.com%2Fp%3Fa%3D1&dt=Shoes+%26+more&ul=en-us&sid=1700000000&sct=3&gcs=G111';
  let body = 'en=view_item&ep.list=Summer%20sale&epn.value=19.9&cu=EUR&pr1=idS1~nmRed%20Shoe~pr19.9~qt1~caShoes\r\nen=scroll&epn.percent_scrolled=90&up.plan=pro\n';
  const headers = {'user-agent': 'Mozilla/5.0', origin: 'https://shop.example.com'};
  let cookies = {};

  mock('getRequestPath', () => path);
  mock('getRequestMethod', () => method);
  mock('getRequestQueryString', () => query);
  mock('getRequestBody', () => body);
  mock('getRequestHeader', (name) => headers[name]);
  mock('getRemoteAddress', '198.51.100.7');
  mock('getCookieValues', (name) => cookies[name] ? [cookies[name]] : []);
  mock('generateRandom', (min, max) => min + 23456789);
  mock('getTimestampMillis', 1700000000600);

  const events = [];
  mock('runContainer', (event, onComplete) => {
    events.push(event);
    onComplete();
  });


___NOTES___

Created on 11/25/2026, 12:00:00


