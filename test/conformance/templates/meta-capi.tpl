___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "TAG",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "Conversions API Lookalike",
  "categories": [
    "ADVERTISING",
    "ANALYTICS"
  ],
  "brand": {
    "id": "github.com_conformance",
    "displayName": "conformance"
  },
  "description": "Sends GA4-shaped events to a Graph API /events endpoint, hashing user data and keeping _fbp/_fbc.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "pixelId",
    "displayName": "Pixel ID",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "apiAccessToken",
    "displayName": "API Access Token",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "testEventCode",
    "displayName": "Test Event Code",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "extendCookies",
    "checkboxText": "Extend Meta Pixel cookies (fbp/fbc)",
    "simpleValueType": true,
    "defaultValue": false
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getAllEventData = require('getAllEventData');
const JSON = require('JSON');
const sendHttpRequest = require('sendHttpRequest');
const getTimestampMillis = require('getTimestampMillis');
const Math = require('Math');
const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const sha256Sync = require('sha256Sync');
const getType = require('getType');
const computeEffectiveTldPlusOne = require('computeEffectiveTldPlusOne');
const parseUrl = require('parseUrl');
const generateRandom = require('generateRandom');
const makeString = require('makeString');
const makeNumber = require('makeNumber');
const encodeUriComponent = require('encodeUriComponent');
const logToConsole = require('logToConsole');
const getContainerVersion = require('getContainerVersion');
const getRequestHeader = require('getRequestHeader');
const Object = require('Object');

const API_ENDPOINT = 'https://graph.facebook.com';
const API_VERSION = 'v19.0';
const PARTNER_AGENT = 'gtmss-1.0.0-0.0.5';
const GTM_EVENT_MAPPINGS = {
  'add_payment_info': 'AddPaymentInfo',
  'add_to_cart': 'AddToCart',
  'add_to_wishlist': 'AddToWishlist',
  'gtm.dom': 'PageView',
  'page_view': 'PageView',
  'purchase': 'Purchase',
  'search': 'Search',
  'begin_checkout': 'InitiateCheckout',
  'generate_lead': 'Lead',
  'view_item': 'ViewContent',
  'sign_up': 'CompleteRegistration'
};

const isLoggingEnabled = determinateIsLoggingEnabled();
const traceId = isLoggingEnabled ? getRequestHeader('trace-id') : undefined;

const eventModel = getAllEventData();
const event = {};
event.event_name = GTM_EVENT_MAPPINGS[eventModel.event_name] || eventModel.event_name;
event.event_time = eventModel.event_time || Math.round(getTimestampMillis() / 1000);
event.event_id = eventModel.event_id;
event.event_source_url = eventModel.page_location;
event.action_source = eventModel.action_source || 'website';

const userData = eventModel.user_data || {};
event.user_data = {
  client_ip_address: eventModel.ip_override,
  client_user_agent: eventModel.user_agent,
  em: hashFunction(userData.email_address),
  ph: hashFunction(userData.phone_number),
  external_id: hashFunction(eventModel.user_id),
  fbc: getFbcValue(),
  fbp: getFbpValue()
};
cleanObject(event.user_data);

event.custom_data = {
  currency: eventModel.currency,
  value: eventModel.value !== undefined ? makeNumber(eventModel.value) : undefined
};
if (getType(eventModel.items) === 'array' && eventModel.items.length > 0) {
  event.custom_data.content_ids = eventModel.items.map(function (item) { return makeString(item.item_id); });
  event.custom_data.num_items = eventModel.items.reduce(function (sum, item) { return sum + (item.quantity || 1); }, 0);
}
cleanObject(event.custom_data);

const eventRequest = {data: [event], partner_agent: PARTNER_AGENT};
if (data.testEventCode) {
  eventRequest.test_event_code = data.testEventCode;
}

const routeUrl = API_ENDPOINT + '/' + API_VERSION + '/' + encodeUriComponent(data.pixelId) + '/events';
const graphEndpoint = routeUrl + '?access_token=' + encodeUriComponent(data.apiAccessToken);
const requestHeaders = {headers: {'content-type': 'application/json'}, method: 'POST'};

if (isLoggingEnabled) {
  logToConsole(JSON.stringify({
    'Name': 'Facebook',
    'Type': 'Request',
    'TraceId': traceId,
    'EventName': event.event_name,
    'RequestMethod': 'POST',
    'RequestUrl': routeUrl,
    'RequestBody': eventRequest
  }));
}

sendHttpRequest(
  graphEndpoint,
  (statusCode, headers, response) => {
    if (isLoggingEnabled) {
      logToConsole(JSON.stringify({
        'Name': 'Facebook',
        'Type': 'Response',
        'TraceId': traceId,
        'EventName': event.event_name,
        'ResponseStatusCode': statusCode,
        'ResponseBody': response
      }));
    }
    if (statusCode >= 200 && statusCode < 300) {
      if (data.extendCookies) {
        const cookieOptions = {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': 7776000, HttpOnly: false};
        if (event.user_data.fbp) setCookie('_fbp', event.user_data.fbp, cookieOptions);
        if (event.user_data.fbc) setCookie('_fbc', event.user_data.fbc, cookieOptions);
      }
      data.gtmOnSuccess();
    } else {
      data.gtmOnFailure();
    }
  },
  requestHeaders,
  JSON.stringify(eventRequest)
);

function isAlreadyHashed(input) {
  return input && (input.match('^[A-Fa-f0-9]{64}$') != null);
}

function hashFunction(input) {
  const type = getType(input);
  if (type == 'undefined' || input == 'undefined') {
    return undefined;
  }
  if (input == null || isAlreadyHashed(input)) {
    return input;
  }
  return sha256Sync(makeString(input).trim().toLowerCase(), {outputEncoding: 'hex'});
}

function subdomainIndex(url) {
  return computeEffectiveTldPlusOne(url).split('.').length - 1;
}

function getFbcValue() {
  let fbc = getCookieValues('_fbc')[0];
  const url = eventModel.page_location;
  if (!fbc && url) {
    const fbclid = parseUrl(url).searchParams.fbclid;
    if (fbclid) {
      fbc = 'fb.' + subdomainIndex(url) + '.' + getTimestampMillis() + '.' + fbclid;
    }
  }
  return fbc;
}

function getFbpValue() {
  let fbp = getCookieValues('_fbp')[0];
  if (!fbp) {
    const url = eventModel.page_location || 'https://' + getRequestHeader('host');
    fbp = 'fb.' + subdomainIndex(url) + '.' + getTimestampMillis() + '.' + generateRandom(1000000000, 2147483647);
  }
  return fbp;
}

function cleanObject(obj) {
  for (let key in obj) {
    if (obj[key] === undefined || obj[key] === '') {
      Object.delete(obj, key);
    }
  }
  return obj;
}

function determinateIsLoggingEnabled() {
  const containerVersion = getContainerVersion();
  const isDebug = !!(containerVersion && (containerVersion.debugMode || containerVersion.previewMode));
  if (!data.logType) {
    return isDebug;
  }
  if (data.logType === 'no') {
    return false;
  }
  if (data.logType === 'debug') {
    return isDebug;
  }
  return data.logType === 'always';
}


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "read_event_data",
        "versionId": "1"
      },
      "param": [
        {
          "key": "eventDataAccess",
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
                "string": "https://graph.facebook.com/"
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
                "string": "_fbp"
              },
              {
                "type": 1,
                "string": "_fbc"
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
                    "string": "_fbp"
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
                    "string": "any"
                  },
                  {
                    "type": 1,
                    "string": "any"
                  }
                ]
              },
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
                    "string": "_fbc"
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
                    "string": "any"
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
        "publicId": "read_request",
        "versionId": "1"
      },
      "param": [
        {
          "key": "requestAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "headerAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "headerWhitelist",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "headerName"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "trace-id"
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "headerName"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "host"
                  }
                ]
              }
            ]
          }
        },
        {
          "key": "headersAllowed",
          "value": {
            "type": 8,
            "boolean": true
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
        "publicId": "logging",
        "versionId": "1"
      },
      "param": [
        {
          "key": "environments",
          "value": {
            "type": 1,
            "string": "debug"
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
        "publicId": "read_container_data",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: on receiving event, hashes user data and posts the Purchase event
  code: "runCode(testConfigurationData);\n\nconst expectedEvent = {\n  event_name:\
    \ 'Purchase',\n  event_time: 1747945830,\n  event_id: 'evt-1',\n  event_source_url:\
    \ 'https://www.example.com/checkout?step=3',\n  action_source: 'website',\n  user_data:\
    \ {\n    client_ip_address: '203.0.113.7',\n    client_user_agent: 'Mozilla/5.0',\n\
    \    em: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',\n\
    \    ph: '8a59780bb8cd2ba022bfa5ba2ea3b6e07af17a7d8b30c1f9b3390e36f69019e4',\n\
    \    external_id: '6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997',\n\
    \    fbp: 'fb.1.1600000000000.111',\n  },\n  custom_data: {\n    currency: 'USD',\n\
    \    value: 49.9,\n    content_ids: ['SKU-1', '7'],\n    num_items: 3,\n  },\n\
    };\nconst expectedRequest = {data: [expectedEvent], partner_agent: 'gtmss-1.0.0-0.0.5',\
    \ test_event_code: 'test123'};\n\nassertThat(actualUrl).isEqualTo('https://graph.facebook.com/v19.0/123/events?access_token=EAAtoken');\n\
    assertThat(actualBody).isEqualTo(expectedRequest);\nassertApi('sendHttpRequest').wasCalledWith(actualUrl,\
    \ requestCallback, {headers: {'content-type': 'application/json'}, method: 'POST'},\
    \ JSON.stringify(actualBody));\nassertApi('gtmOnSuccess').wasCalled();\nassertApi('gtmOnFailure').wasNotCalled();"
- name: runs three times and maps each event name
  code: "const names = [];\n\ninputEventModel.event_name = 'page_view';\nrunCode(testConfigurationData);\n\
    names.push(actualBody.data[0].event_name);\n\ninputEventModel.event_name = 'add_to_cart';\n\
    runCode(testConfigurationData);\nnames.push(actualBody.data[0].event_name);\n\n\
    inputEventModel.event_name = 'my_custom_event';\ntestConfigurationData.testEventCode\
    \ = '';\nrunCode(testConfigurationData);\nnames.push(actualBody.data[0].event_name);\n\
    \nassertThat(names).isEqualTo(['PageView', 'AddToCart', 'my_custom_event']);\n\
    assertThat(actualBody.test_event_code).isUndefined();\nassertApi('gtmOnSuccess').wasCalled();"
- name: builds fbc from fbclid with the subdomain index of the eTLD+1
  code: "inputEventModel.page_location = 'https://shop.example.co.uk/p?fbclid=IwAR123&x=1';\n\
    \nrunCode(testConfigurationData);\n\nassertThat(actualBody.data[0].user_data.fbc).isEqualTo('fb.2.1747945830456.IwAR123');"
- name: generates fbp when the cookie is missing
  code: "mock('getCookieValues', () => []);\n\nrunCode(testConfigurationData);\n\n\
    const fbp = actualBody.data[0].user_data.fbp;\nassertThat(fbp.match('^fb[.]1[.]1747945830456[.][0-9]{10}$')).isNotNull();\n\
    const random = makeNumberFromFbp(fbp);\nassertThat(random).isGreaterThanOrEqualTo(1000000000);\n\
    assertThat(random).isLessThanOrEqualTo(2147483647);\n\nfunction makeNumberFromFbp(value)\
    \ {\n  const parts = value.split('.');\n  return require('makeNumber')(parts[3]);\n\
    }"
- name: passes already hashed values through untouched
  code: "const hashed = '86E0B9E56C17CC4D12387E1949B85053FBE73BC3CE5A1188713A9D300CC6133D';\n\
    inputEventModel.user_data = {email_address: hashed};\ninputEventModel.user_id\
    \ = undefined;\n\nrunCode(testConfigurationData);\n\nassertThat(actualBody.data[0].user_data.em).isStrictlyEqualTo(hashed);\n\
    assertThat(actualBody.data[0].user_data.ph).isUndefined();\nassertThat(actualBody.data[0].user_data.external_id).isUndefined();"
- name: extends cookies with the stape option spellings
  code: "testConfigurationData.extendCookies = true;\ninputEventModel.page_location\
    \ = 'https://www.example.com/?fbclid=abc';\n\nrunCode(testConfigurationData);\n\
    \nconst options = {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age':\
    \ 7776000, HttpOnly: false};\nassertApi('setCookie').wasCalledWith('_fbp', 'fb.1.1600000000000.111',\
    \ options);\nassertApi('setCookie').wasCalledWith('_fbc', 'fb.1.1747945830456.abc',\
    \ options);\nassertApi('gtmOnSuccess').wasCalled();"
- name: fails on a 400 from the Graph API and sets no cookie
  code: "testConfigurationData.extendCookies = true;\nstatusToReturn = 400;\n\nrunCode(testConfigurationData);\n\
    \nassertApi('gtmOnFailure').wasCalled();\nassertApi('gtmOnSuccess').wasNotCalled();\n\
    assertApi('setCookie').wasNotCalled();"
- name: logs request and response without the access token in debug mode
  code: "mock('getContainerVersion', {containerId: 'GTM-TEST', debugMode: true, previewMode:\
    \ false, environmentMode: false, environmentName: '', version: '3'});\nmock('getRequestHeader',\
    \ (name) => name === 'trace-id' ? 'trace-9' : undefined);\nconst lines = [];\n\
    mock('logToConsole', (line) => { lines.push(JSON.parse(line)); });\n\nrunCode(testConfigurationData);\n\
    \nassertThat(lines).hasLength(2);\nassertThat(lines[0].Type).isEqualTo('Request');\n\
    assertThat(lines[0].TraceId).isEqualTo('trace-9');\nassertThat(lines[0].RequestUrl).isEqualTo('https://graph.facebook.com/v19.0/123/events');\n\
    assertThat(JSON.stringify(lines)).doesNotContain('access_token', 'EAAtoken');\n\
    assertThat(lines[1]).isEqualTo({Name: 'Facebook', Type: 'Response', TraceId: 'trace-9',\
    \ EventName: 'Purchase', ResponseStatusCode: 200, ResponseBody: '{\"events_received\"\
    :1}'});"
- name: does not log outside debug and preview
  code: "mock('getContainerVersion', {containerId: 'GTM-TEST', debugMode: false, previewMode:\
    \ false, environmentMode: false, environmentName: '', version: '3'});\n\nrunCode(testConfigurationData);\n\
    \nassertApi('logToConsole').wasNotCalled();\nassertApi('getRequestHeader').wasNotCalled();\n\
    assertApi('gtmOnSuccess').wasCalled();"
setup: "const JSON = require('JSON');\n\nconst testConfigurationData = {\n  pixelId:\
  \ '123',\n  apiAccessToken: 'EAAtoken',\n  testEventCode: 'test123',\n  extendCookies:\
  \ false,\n};\n\nconst inputEventModel = {\n  event_name: 'purchase',\n  event_id:\
  \ 'evt-1',\n  page_location: 'https://www.example.com/checkout?step=3',\n  ip_override:\
  \ '203.0.113.7',\n  user_agent: 'Mozilla/5.0',\n  user_id: 'user-42',\n  currency:\
  \ 'USD',\n  value: '49.90',\n  items: [\n    {item_id: 'SKU-1', quantity: 2},\n\
  \    {item_id: 7},\n  ],\n  user_data: {\n    email_address: ' Jane.Doe@Example.com\
  \ ',\n    phone_number: '+15551234567',\n  },\n};\n\nlet actualUrl;\nlet actualOptions;\n\
  let actualBody;\nlet requestCallback;\nlet statusToReturn = 200;\n\nmock('getAllEventData',\
  \ () => inputEventModel);\nmock('getTimestampMillis', 1747945830456);\nmock('getCookieValues',\
  \ (name) => {\n  if (name === '_fbp') return ['fb.1.1600000000000.111'];\n  return\
  \ [];\n});\nmock('sendHttpRequest', (postUrl, response, options, body) => {\n  actualUrl\
  \ = postUrl;\n  requestCallback = response;\n  actualOptions = options;\n  actualBody\
  \ = JSON.parse(body);\n  response(statusToReturn, {}, '{\"events_received\":1}');\n\
  });"


___NOTES___

Created on 11/25/2026, 12:00:00


