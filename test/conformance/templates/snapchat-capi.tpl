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
  "displayName": "Snapchat Conversion API Lookalike",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Sends events to the Snapchat Conversions API; optionally validates them first.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "accessToken",
    "displayName": "Access Token",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "pixelId",
    "displayName": "Pixel ID",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "validate",
    "checkboxText": "Validate the event first",
    "simpleValueType": true,
    "defaultValue": false
  },
  {
    "type": "TEXT",
    "name": "excludedEvents",
    "displayName": "Events not to send (comma separated)",
    "simpleValueType": true
  },
  {
    "type": "GROUP",
    "name": "customDataGroup",
    "displayName": "Custom Data",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "SIMPLE_TABLE",
        "name": "customDataList",
        "displayName": "",
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
      }
    ]
  }
]


___SANDBOXED_JS_FOR_SERVER___

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
                "string": "_scid"
              },
              {
                "type": 1,
                "string": "_scclid"
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
                "string": "https://tr.snapchat.com/v2/conversion*"
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
  }
]


___TESTS___

scenarios:
- name: Sends a purchase with merged custom data through the callback form
  code: "runCode(mockData);\n\nassertThat(calls).hasLength(1);\nassertThat(calls[0].form).isEqualTo('callback');\n\
    assertThat(calls[0].url).isEqualTo('https://tr.snapchat.com/v2/conversion');\n\
    assertThat(calls[0].options).isEqualTo({method: 'POST', headers: {'Content-Type':\
    \ 'application/json', Authorization: 'Bearer snap-token'}, timeout: 5000});\n\
    assertThat(calls[0].body).isEqualTo({\n  pixel_id: 'snap-pixel-1',\n  event_conversion_type:\
    \ 'WEB',\n  event_type: 'PURCHASE',\n  timestamp: 1747945830456,\n  page_url:\
    \ 'https://example.com/thanks',\n  user_agent: 'UA',\n  hashed_email: 'b5fb79bc07fa24049f99f456f8f530af1cb9a13db14c4b02c83be7c1f0ceb968',\n\
    \  uuid_c1: 'scid-1',\n  price: '12.5',\n  currency: 'GBP',\n  transaction_id:\
    \ 'T-1',\n  item_ids: 'a;b',\n  number_items: '2',\n  sign_up_method: 'email'\n\
    });\nassertThat(require('Object').keys(calls[0].body)).contains('sign_up_method',\
    \ 'price');\nassertThat(require('Object').keys(calls[0].body)).doesNotContain('hashed_ip_address',\
    \ 'click_id');\nassertApi('gtmOnSuccess').wasCalled();"
- name: Validates with the promise form before sending
  code: "mockData.validate = true;\n\nrunCode(mockData);\n\ncallLater(() => {\n  assertThat(calls.map((c)\
    \ => c.form + ' ' + c.url)).isEqualTo([\n    'promise https://tr.snapchat.com/v2/conversion/validate',\n\
    \    'callback https://tr.snapchat.com/v2/conversion'\n  ]);\n  assertThat(calls[0].body).isEqualTo(calls[1].body);\n\
    \  assertApi('gtmOnSuccess').wasCalled();\n});"
- name: Does not send when validation fails
  code: "mockData.validate = true;\nhttpStatus = 400;\n\nrunCode(mockData);\n\ncallLater(()\
    \ => {\n  assertThat(calls).hasLength(1);\n  assertApi('gtmOnFailure').wasCalled();\n\
    \  assertApi('gtmOnSuccess').wasNotCalled();\n});"
- name: A rejected validation without a rejection handler leaves the tag pending
  code: "mockData.validate = true;\nmock('sendHttpRequest', (url, callbackOrOptions)\
    \ => {\n  if (typeof callbackOrOptions === 'function') fail('must not send after\
    \ a failed validation');\n  return Promise.create((resolve, reject) => reject({reason:\
    \ 'failed'}));\n});\n\nrunCode(mockData);\n\ncallLater(() => {\n  assertApi('sendHttpRequest').wasCalled();\n\
    \  assertApi('gtmOnSuccess').wasNotCalled();\n  assertApi('gtmOnFailure').wasNotCalled();\n\
    });"
- name: Excluded events exit with success
  code: "eventData.event_name = 'user_engagement';\n\nrunCode(mockData);\n\nassertApi('sendHttpRequest').wasNotCalled();\n\
    assertApi('gtmOnSuccess').wasCalled();"
- name: Unknown events are upper-cased, and failures reported
  code: "eventData.event_name = 'generate_lead';\nhttpStatus = 0;\n\nrunCode(mockData);\n\
    \nassertThat(calls[0].body.event_type).isEqualTo('GENERATE_LEAD');\nassertApi('gtmOnFailure').wasCalled();"
- name: Deliberate failure inside a mock that runs from a promise callback
  code: "mockData.validate = true;\nmock('sendHttpRequest', (url, callback, options)\
    \ => {\n  if (typeof callback === 'function') {\n    assertThat(options.timeout).isEqualTo(3000);\n\
    \    callback(200);\n    return;\n  }\n  return Promise.create((resolve) => resolve({statusCode:\
    \ 200}));\n});\n\nrunCode(mockData);"
- name: Deliberately wrong expected event type
  code: "runCode(mockData);\n\nassertThat(calls[0].body.event_type).isEqualTo('PAGE_VIEW');"
setup: "const JSON = require('JSON');\nconst Promise = require('Promise');\nconst\
  \ callLater = require('callLater');\n\nconst mockData = {\n  accessToken: 'snap-token',\n\
  \  pixelId: 'snap-pixel-1',\n  validate: false,\n  excludedEvents: 'scroll, user_engagement',\n\
  \  customDataList: [{name: 'sign_up_method', value: 'email'}, {name: 'currency',\
  \ value: 'GBP'}]\n};\n\nconst eventData = {\n  event_name: 'purchase',\n  timestamp:\
  \ '1747945830456',\n  page_location: 'https://example.com/thanks',\n  user_agent:\
  \ 'UA',\n  ip_override: '',\n  user_data: {email_address: 'John@Example.org'},\n\
  \  value: '12.50',\n  currency: 'USD',\n  transaction_id: 'T-1',\n  items: [{item_id:\
  \ 'a'}, {item_id: 'b'}]\n};\n\nmock('getAllEventData', () => eventData);\nmock('getCookieValues',\
  \ (name) => name === '_scid' ? ['scid-1'] : []);\n\nconst calls = [];\nlet httpStatus\
  \ = 200;\nmock('sendHttpRequest', (url, callback, options, body) => {\n  if (typeof\
  \ callback === 'function') {\n    calls.push({form: 'callback', url: url, options:\
  \ options, body: JSON.parse(body)});\n    callback(httpStatus, {}, '');\n    return;\n\
  \  }\n  calls.push({form: 'promise', url: url, options: callback, body: JSON.parse(options)});\n\
  \  return Promise.create((resolve) => resolve({statusCode: httpStatus, headers:\
  \ {}, body: '{}'}));\n});"


___NOTES___

Created on 11/25/2026, 12:00:00


