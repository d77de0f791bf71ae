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
  "displayName": "TikTok Events API (TikTok) Lookalike",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS"
  ],
  "brand": {
    "id": "brand_tiktok",
    "displayName": "TikTok"
  },
  "description": "Sends server events to the TikTok Events API 1.3: GA4 events mapped to TikTok events, user data hashed with SHA-256.",
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
    "name": "pixelCode",
    "displayName": "Pixel Code",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "SELECT",
    "name": "eventType",
    "displayName": "Event",
    "selectItems": [
      {
        "value": "inherit",
        "displayValue": "Map the GA4 event name"
      },
      {
        "value": "custom",
        "displayValue": "Custom event name"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "inherit"
  },
  {
    "type": "TEXT",
    "name": "customEventName",
    "displayName": "Custom Event Name",
    "simpleValueType": true,
    "enablingConditions": [
      {
        "paramName": "eventType",
        "paramValue": "custom",
        "type": "EQUALS"
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
    "name": "limitedDataUse",
    "checkboxText": "Limited Data Use",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getAllEventData = require('getAllEventData');
const getCookieValues = require('getCookieValues');
const sendHttpRequest = require('sendHttpRequest');
const sha256Sync = require('sha256Sync');
const getTimestampMillis = require('getTimestampMillis');
const getType = require('getType');
const makeNumber = require('makeNumber');
const JSON = require('JSON');
const Math = require('Math');

const API_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
const EVENT_NAMES = {
  page_view: 'Pageview',
  view_item: 'ViewContent',
  view_item_list: 'ViewContent',
  search: 'Search',
  add_to_wishlist: 'AddToWishlist',
  add_to_cart: 'AddToCart',
  begin_checkout: 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  purchase: 'CompletePayment',
  generate_lead: 'SubmitForm',
  sign_up: 'CompleteRegistration'
};

const eventData = getAllEventData();
const event = buildEvent(eventData);
const body = {
  event_source: 'web',
  event_source_id: data.pixelCode,
  partner_name: 'GoogleTagManagerServer',
  data: [event]
};
if (data.testEventCode) body.test_event_code = data.testEventCode;

sendHttpRequest(API_URL, (statusCode, headers, responseBody) => {
  if (statusCode < 200 || statusCode >= 300) return data.gtmOnFailure();
  const response = JSON.parse(responseBody || '') || {};
  if (response.code !== 0) return data.gtmOnFailure();
  data.gtmOnSuccess();
}, {
  headers: {'Content-Type': 'application/json', 'Access-Token': data.accessToken},
  method: 'POST',
  timeout: 5000
}, JSON.stringify(body));

function buildEvent(ev) {
  const out = {
    event: eventName(ev),
    event_time: Math.round(getTimestampMillis() / 1000),
    event_id: ev.event_id || ev.transaction_id,
    user: buildUser(ev),
    page: {url: ev.page_location},
    properties: buildProperties(ev)
  };
  if (ev.page_referrer) out.page.referrer = ev.page_referrer;
  if (data.limitedDataUse) out.limited_data_use = true;
  return out;
}

function eventName(ev) {
  if (data.eventType === 'custom' && data.customEventName) return data.customEventName;
  return EVENT_NAMES[ev.event_name] || ev.event_name;
}

function buildUser(ev) {
  const userData = ev.user_data || {};
  const user = {};
  const email = normaliseEmail(userData.email_address || ev.email);
  if (email) user.email = hashOf(email);
  const phone = normalisePhone(userData.phone_number || ev.phone);
  if (phone) user.phone = hashOf(phone);
  if (ev.user_id) user.external_id = hashOf('' + ev.user_id);
  const ttp = getCookieValues('_ttp')[0];
  if (ttp) user.ttp = ttp;
  const ttclid = getCookieValues('ttclid')[0] || urlParameter(ev.page_location, 'ttclid');
  if (ttclid) user.ttclid = ttclid;
  if (ev.ip_override) user.ip = ev.ip_override;
  if (ev.user_agent) user.user_agent = ev.user_agent;
  if (ev.language) user.locale = ev.language;
  return user;
}

function buildProperties(ev) {
  const properties = {};
  if (getType(ev.items) === 'array') {
    properties.contents = ev.items.map((item) => {
      const content = {content_id: '' + item.item_id, content_type: 'product', quantity: item.quantity, price: item.price};
      if (item.item_name) content.content_name = item.item_name;
      return content;
    });
    properties.content_type = 'product';
  }
  if (ev.currency) properties.currency = ev.currency;
  if (ev.value !== undefined) properties.value = makeNumber(ev.value);
  if (ev.transaction_id) properties.order_id = ev.transaction_id;
  return properties;
}

function isHashed(value) {
  if (value.length !== 64) return false;
  for (let i = 0; i < value.length; i++) {
    if ('0123456789abcdef'.indexOf(value.charAt(i)) === -1) return false;
  }
  return true;
}

function hashOf(value) {
  return isHashed(value) ? value : sha256Sync(value, {outputEncoding: 'hex'});
}

function normaliseEmail(value) {
  if (!value) return '';
  return ('' + value).trim().toLowerCase();
}

function normalisePhone(value) {
  if (!value) return '';
  const text = ('' + value).trim();
  if (isHashed(text.toLowerCase())) return text.toLowerCase();
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c >= '0' && c <= '9') digits = digits + c;
  }
  if (!digits) return '';
  return text.charAt(0) === '+' ? '+' + digits : digits;
}

function urlParameter(url, name) {
  if (!url) return undefined;
  const query = url.split('#')[0].split('?')[1];
  if (!query) return undefined;
  const pairs = query.split('&');
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i].split('=');
    if (pair[0] === name && pair[1]) return pair[1];
  }
  return undefined;
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
                "string": "_ttp"
              },
              {
                "type": 1,
                "string": "ttclid"
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
                "string": "https://business-api.tiktok.com/open_api/*"
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
- name: A GA4 purchase is sent as CompletePayment with normalised, hashed user data
  code: "respond(200, '{\"code\":0,\"message\":\"OK\"}');\n\nrunCode(mockData);\n\n\
    assertThat(sent.url).isEqualTo('https://business-api.tiktok.com/open_api/v1.3/event/track/');\n\
    assertThat(sent.options).isEqualTo({\n  headers: {'Content-Type': 'application/json',\
    \ 'Access-Token': 'tt-own-token'},\n  method: 'POST',\n  timeout: 5000\n});\n\
    assertThat(sent.body).isEqualTo({\n  event_source: 'web',\n  event_source_id:\
    \ 'CTTOWNPIXEL',\n  partner_name: 'GoogleTagManagerServer',\n  data: [{\n    event:\
    \ 'CompletePayment',\n    event_time: 1747945830,\n    event_id: 'T-1001',\n \
    \   user: {\n      email: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',\n\
    \      phone: '20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa',\n\
    \      external_id: '64004220753726dd487d011ae2435a01246d4be124e9ab72fe72ca32ed0546ed',\n\
    \      ttp: 'ttp-cookie-1',\n      ttclid: 'E.C.P.xyz',\n      ip: '203.0.113.7',\n\
    \      user_agent: 'Mozilla/5.0 (X11)'\n    },\n    page: {url: 'https://shop.example/thanks?ttclid=E.C.P.xyz&utm_source=tiktok',\
    \ referrer: 'https://shop.example/cart'},\n    properties: {\n      contents:\
    \ [\n        {content_id: 'SKU-1', content_type: 'product', quantity: 1, price:\
    \ 49.5, content_name: 'Runner'},\n        {content_id: '42', content_type: 'product',\
    \ quantity: 2, price: 50}\n      ],\n      content_type: 'product',\n      currency:\
    \ 'GBP',\n      value: 149.5,\n      order_id: 'T-1001'\n    }\n  }]\n});\nassertApi('gtmOnSuccess').wasCalled();\n\
    assertApi('gtmOnFailure').wasNotCalled();"
- name: Already hashed email and phone are sent as they are
  code: "eventData.user_data = {\n  email_address: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',\n\
    \  phone_number: '20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa'\n\
    };\nrespond(200, '{\"code\":0}');\n\nrunCode(mockData);\n\nassertThat(sent.body.data[0].user.email).isEqualTo('86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d');\n\
    assertThat(sent.body.data[0].user.phone).isEqualTo('20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa');\n\
    assertApi('sha256Sync').wasCalledWith('USER-42', {outputEncoding: 'hex'});"
- name: Without user data no user field is hashed and nothing empty is sent
  code: "eventData.user_data = undefined;\neventData.user_id = undefined;\nrespond(200,\
    \ '{\"code\":0}');\n\nrunCode(mockData);\n\nassertThat(sent.body.data[0].user).isEqualTo({\n\
    \  ttp: 'ttp-cookie-1',\n  ttclid: 'E.C.P.xyz',\n  ip: '203.0.113.7',\n  user_agent:\
    \ 'Mozilla/5.0 (X11)'\n});\nassertApi('sha256Sync').wasNotCalled();"
- name: A custom event name, a test event code and limited data use are sent
  code: "mockData.eventType = 'custom';\nmockData.customEventName = 'PlaceAnOrder';\n\
    mockData.testEventCode = 'TEST9';\nmockData.limitedDataUse = true;\nrespond(200,\
    \ '{\"code\":0}');\n\nrunCode(mockData);\n\nassertThat(sent.body.test_event_code).isEqualTo('TEST9');\n\
    assertThat(sent.body.data[0].event).isEqualTo('PlaceAnOrder');\nassertThat(sent.body.data[0].limited_data_use).isEqualTo(true);"
- name: A TikTok error code in a 200 response fails the tag
  code: "respond(200, '{\"code\":40001,\"message\":\"Access token is incorrect or\
    \ has been revoked.\"}');\n\nrunCode(mockData);\n\nassertApi('gtmOnFailure').wasCalled();\n\
    assertApi('gtmOnSuccess').wasNotCalled();"
- name: A 5xx response fails the tag
  code: "respond(503, 'Service Unavailable');\n\nrunCode(mockData);\n\nassertApi('gtmOnFailure').wasCalled();\n\
    assertApi('gtmOnSuccess').wasNotCalled();"
setup: "const JSON = require('JSON');\n\nconst mockData = {\n  accessToken: 'tt-own-token',\n\
  \  pixelCode: 'CTTOWNPIXEL',\n  eventType: 'inherit'\n};\n\nconst eventData = {\n\
  \  event_name: 'purchase',\n  transaction_id: 'T-1001',\n  currency: 'GBP',\n  value:\
  \ '149.5',\n  items: [\n    {item_id: 'SKU-1', item_name: 'Runner', price: 49.5,\
  \ quantity: 1},\n    {item_id: 42, price: 50, quantity: 2}\n  ],\n  user_data: {email_address:\
  \ ' Jane.Doe@Example.com ', phone_number: '+44 7911 123456'},\n  user_id: 'USER-42',\n\
  \  ip_override: '203.0.113.7',\n  user_agent: 'Mozilla/5.0 (X11)',\n  page_location:\
  \ 'https://shop.example/thanks?ttclid=E.C.P.xyz&utm_source=tiktok',\n  page_referrer:\
  \ 'https://shop.example/cart'\n};\n\nmock('getAllEventData', eventData);\nmock('getTimestampMillis',\
  \ 1747945830456);\nmock('getCookieValues', function (name) {\n  return name ===\
  \ '_ttp' ? ['ttp-cookie-1'] : [];\n});\n\nlet sent;\nfunction respond(statusCode,\
  \ responseBody) {\n  mock('sendHttpRequest', function (url, callback, options, body)\
  \ {\n    sent = {url: url, options: options, body: JSON.parse(body)};\n    callback(statusCode,\
  \ {}, responseBody);\n  });\n}"


___NOTES___

Created on 11/25/2026, 12:00:00


