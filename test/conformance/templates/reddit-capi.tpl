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
  "displayName": "Reddit Conversions API Lookalike",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Sends conversion events to the Reddit Conversions API v2.0.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "accountId",
    "displayName": "Ad Account ID",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "accessToken",
    "displayName": "Conversion Access Token",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "CHECKBOX",
    "name": "testMode",
    "checkboxText": "Test mode",
    "simpleValueType": true
  },
  {
    "type": "SELECT",
    "name": "eventType",
    "displayName": "Event type",
    "macrosInSelect": true,
    "selectItems": [
      {
        "value": "inherit",
        "displayValue": "Inherit from client"
      },
      {
        "value": "Purchase",
        "displayValue": "Purchase"
      },
      {
        "value": "Lead",
        "displayValue": "Lead"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "inherit"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const sendHttpRequest = require('sendHttpRequest');
const getAllEventData = require('getAllEventData');
const getTimestampMillis = require('getTimestampMillis');
const generateRandom = require('generateRandom');
const sha256Sync = require('sha256Sync');
const getCookieValues = require('getCookieValues');
const JSON = require('JSON');
const Math = require('Math');
const makeString = require('makeString');
const makeNumber = require('makeNumber');
const makeInteger = require('makeInteger');
const getType = require('getType');

const eventData = getAllEventData();
const url = 'https://ads-api.reddit.com/api/v2.0/conversions/events/' + data.accountId;

const event = cleanupData({
  event_at: toIsoString(getTimestampMillis()),
  event_type: getEventType(),
  click_id: getCookieValues('rdt_cid')[0] || eventData.rdt_cid,
  event_metadata: getMetadata(),
  user: getUser()
});

const body = {test_mode: data.testMode === true, events: [event]};

sendHttpRequest(url, (statusCode, headers, responseBody) => {
  if (statusCode >= 200 && statusCode < 300) {
    data.gtmOnSuccess();
  } else {
    data.gtmOnFailure();
  }
}, {
  headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + data.accessToken},
  method: 'POST'
}, JSON.stringify(body));

function getEventType() {
  const map = {
    page_view: 'PageVisit',
    view_item: 'ViewContent',
    search: 'Search',
    add_to_cart: 'AddToCart',
    add_to_wishlist: 'AddToWishlist',
    purchase: 'Purchase',
    generate_lead: 'Lead',
    sign_up: 'SignUp'
  };
  const name = data.eventType && data.eventType !== 'inherit' ? data.eventType : (map[eventData.event_name] || eventData.event_name);
  const known = ['PageVisit', 'ViewContent', 'Search', 'AddToCart', 'AddToWishlist', 'Purchase', 'Lead', 'SignUp'];
  if (known.indexOf(name) === -1) {
    return {tracking_type: 'Custom', custom_event_name: name};
  }
  return {tracking_type: name};
}

function getMetadata() {
  const metadata = {
    currency: eventData.currency,
    value_decimal: eventData.value !== undefined ? Math.round(makeNumber(eventData.value) * 100) / 100 : undefined,
    conversion_id: eventData.transaction_id || eventData.event_id || uuid()
  };
  const items = eventData.items;
  if (getType(items) === 'array' && items.length > 0) {
    metadata.item_count = items.reduce((total, item) => total + makeInteger(item.quantity || 1), 0);
    const getters = [];
    for (let i = 0; i < items.length; i++) {
      getters.push(() => ({id: makeString(items[i].item_id), name: items[i].item_name, category: items[i].item_category}));
    }
    metadata.products = getters.map((get) => get());
  }
  return metadata;
}

function getUser() {
  const userData = eventData.user_data || {};
  const size = makeString(eventData.screen_resolution || '').split('x');
  return {
    email: hash(userData.email_address),
    external_id: hash(eventData.user_id),
    ip_address: hash(eventData.ip_override),
    user_agent: eventData.user_agent,
    uuid: getCookieValues('_rdt_uuid')[0],
    screen_dimensions: size.length === 2 ? {width: makeInteger(size[0]), height: makeInteger(size[1])} : undefined
  };
}

function hash(value) {
  if (value === undefined || value === null || value === '') return undefined;
  const str = makeString(value).trim().toLowerCase();
  if (str.match('^[A-Fa-f0-9]{64}$')) return str;
  return sha256Sync(str, {outputEncoding: 'hex'});
}

function cleanupData(obj) {
  if (obj && typeof obj === 'object' && getType(obj) !== 'array') {
    const result = {};
    for (const key in obj) {
      if (!obj.hasOwnProperty(key)) continue;
      const value = cleanupData(obj[key]);
      if (value === undefined || value === null || value === '') continue;
      if (getType(value) === 'object' && Object_keys(value).length === 0) continue;
      result[key] = value;
    }
    return result;
  }
  if (getType(obj) === 'array') {
    return obj.map(cleanupData);
  }
  return obj;
}

function Object_keys(obj) {
  const keys = [];
  for (const key in obj) {
    if (obj.hasOwnProperty(key)) keys.push(key);
  }
  return keys;
}

function pad(number, width) {
  let s = makeString(number);
  while (s.length < width) s = '0' + s;
  return s;
}

function toIsoString(millis) {
  const days = Math.floor(millis / 86400000);
  const msOfDay = millis - days * 86400000;
  // civil-from-days (Howard Hinnant), since the sandbox has no Date
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(msOfDay / 3600000);
  const m = Math.floor((msOfDay % 3600000) / 60000);
  const s = Math.floor((msOfDay % 60000) / 1000);
  const ms = msOfDay % 1000;
  return year + '-' + pad(month, 2) + '-' + pad(day, 2) + 'T' + pad(h, 2) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(ms, 3) + 'Z';
}

function uuid() {
  const hex = [];
  for (let i = 0; i < 8; i++) {
    hex.push(generateRandom(0, 65535).toString(16));
  }
  return hex.map((part) => pad(part, 4)).join('');
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
                "string": "rdt_cid"
              },
              {
                "type": 1,
                "string": "_rdt_uuid"
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
                "string": "https://ads-api.reddit.com/api/v2.0/conversions/events/*"
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
- name: Purchase with products, rounded value and hand-built timestamp
  code: "runCode(mockData);\n\nassertApi('sendHttpRequest').wasCalledWith(\n  'https://ads-api.reddit.com/api/v2.0/conversions/events/t2_abc',\n\
    \  captured.callback,\n  {headers: {'Content-Type': 'application/json', Authorization:\
    \ 'Bearer reddit-token'}, method: 'POST'},\n  JSON.stringify(captured.body)\n\
    );\nassertThat(captured.body).isEqualTo({\n  test_mode: true,\n  events: [{\n\
    \    event_at: '2024-02-29T23:59:59.123Z',\n    event_type: {tracking_type: 'Purchase'},\n\
    \    click_id: 'cid-1',\n    event_metadata: {\n      currency: 'USD',\n     \
    \ value_decimal: 10.46,\n      conversion_id: 'T-100',\n      item_count: 5,\n\
    \      products: [{id: '1', name: 'A', category: 'Cat'}, {id: 'b', name: 'B'}]\n\
    \    },\n    user: {\n      email: '0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b',\n\
    \      external_id: 'bb82030dbc2bcaba32a90bf2e207a84a856fc5f033b77c480836ab6f77f40f19',\n\
    \      ip_address: 'd861b7e91033ebc1c1e8e7af3929010158b3241b54ca87ef73e79c32f26400ec',\n\
    \      user_agent: 'UA/1.0',\n      screen_dimensions: {width: 1920, height: 1080}\n\
    \    }\n  }]\n});\nassertApi('gtmOnSuccess').wasCalled();"
- name: Unknown event becomes a custom event and a random conversion id
  code: "eventData.event_name = 'quiz_done';\neventData.transaction_id = undefined;\n\
    eventData.items = [];\nmock('generateRandom', (min, max) => {\n  assertThat(min).isEqualTo(0);\n\
    \  assertThat(max).isEqualTo(65535);\n  return 2748;\n});\n\nrunCode(mockData);\n\
    \nassertThat(captured.body.events[0].event_type).isEqualTo({tracking_type: 'Custom',\
    \ custom_event_name: 'quiz_done'});\nassertThat(captured.body.events[0].event_metadata.conversion_id).isEqualTo('0abc0abc0abc0abc0abc0abc0abc0abc');\n\
    assertThat(captured.body.events[0].event_metadata.item_count).isUndefined();"
- name: A 400 answer fails the tag
  code: "mock('sendHttpRequest', function (url, callback) {\n  callback(400, {'content-type':\
    \ 'application/json'}, '{\"error\":\"bad\"}');\n});\n\nrunCode(mockData);\n\n\
    assertApi('gtmOnFailure').wasCalled();\nassertApi('gtmOnSuccess').wasNotCalled();"
- name: Empty user data is removed from the payload
  code: "eventData.user_data = undefined;\neventData.user_id = '';\neventData.ip_override\
    \ = null;\neventData.user_agent = undefined;\neventData.screen_resolution = undefined;\n\
    \nrunCode(mockData);\n\nassertThat(captured.body.events[0].user).isUndefined();\n\
    assertThat(captured.body.events[0].event_at).isEqualTo('2024-02-29T23:59:59.123Z');"
- name: Products in the wrong order (wrong expectation on purpose)
  code: "runCode(mockData);\n\nassertThat(captured.body.events[0].event_metadata.products).isEqualTo([{id:\
    \ 'b', name: 'B'}, {id: '1', name: 'A', category: 'Cat'}]);"
setup: "const JSON = require('JSON');\n\nconst mockData = {accountId: 't2_abc', accessToken:\
  \ 'reddit-token', testMode: true, eventType: 'inherit'};\n\nconst eventData = {\n\
  \  event_name: 'purchase',\n  transaction_id: 'T-100',\n  currency: 'USD',\n  value:\
  \ '10.456',\n  user_id: 'U1',\n  ip_override: '203.0.113.9',\n  user_agent: 'UA/1.0',\n\
  \  screen_resolution: '1920x1080',\n  user_data: {email_address: 'Foo@Bar.com ',\
  \ phone_number: ''},\n  items: [\n    {item_id: 1, item_name: 'A', item_category:\
  \ 'Cat', quantity: '2'},\n    {item_id: 'b', item_name: 'B', quantity: 3}\n  ]\n\
  };\n\nmock('getAllEventData', eventData);\nmock('getTimestampMillis', 1709251199123);\n\
  mock('getCookieValues', (name) => name === 'rdt_cid' ? ['cid-1'] : []);\n\nlet captured;\n\
  mock('sendHttpRequest', function () {\n  assertThat(arguments.length).isEqualTo(4);\n\
  \  captured = {url: arguments[0], callback: arguments[1], options: arguments[2],\
  \ body: JSON.parse(arguments[3])};\n  arguments[1](200, {}, '{}');\n});"


___NOTES___

Created on 11/25/2026, 12:00:00


