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
  "displayName": "Pinterest Conversions API Lookalike",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Sends conversions to the Pinterest API v5 events endpoint.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "advertiserId",
    "displayName": "Ad account ID",
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
    "displayName": "Conversion token",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "SELECT",
    "name": "logType",
    "displayName": "Log to console",
    "selectItems": [
      {
        "value": "no",
        "displayValue": "Do not log"
      },
      {
        "value": "always",
        "displayValue": "Log always"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "always"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const sendHttpRequest = require('sendHttpRequest');
const getAllEventData = require('getAllEventData');
const getCookieValues = require('getCookieValues');
const getClientName = require('getClientName');
const addEventCallback = require('addEventCallback');
const logToConsole = require('logToConsole');
const getTimestampMillis = require('getTimestampMillis');
const sha256Sync = require('sha256Sync');
const makeString = require('makeString');
const getType = require('getType');
const JSON = require('JSON');
const Math = require('Math');
const Object = require('Object');

const EVENT_MAP = Object.freeze({
  purchase: 'checkout',
  add_to_cart: 'add_to_cart',
  page_view: 'page_visit',
  sign_up: 'signup',
  view_search_results: 'search'
});

const eventData = getAllEventData();
const userData = eventData.user_data || {};
const items = getType(eventData.items) === 'array' ? eventData.items : [];

const event = {
  event_name: EVENT_MAP[eventData.event_name] || 'custom',
  action_source: getClientName() === 'Data Client' ? 'app_android' : 'web',
  event_time: Math.round(getTimestampMillis() / 1000),
  event_id: eventData.event_id,
  event_source_url: eventData.page_location,
  opt_out: false,
  user_data: {
    em: hashList(userData.email_address),
    ph: hashList(userData.phone_number),
    client_ip_address: eventData.ip_override,
    client_user_agent: eventData.user_agent,
    click_id: getCookieValues('_epik')[0]
  },
  custom_data: {
    currency: eventData.currency,
    value: eventData.value !== undefined ? makeString(eventData.value) : undefined,
    content_ids: items.map((item) => makeString(item.item_id)),
    num_items: items.reduce((total, item) => total + (item.quantity || 1), 0),
    order_id: eventData.transaction_id
  }
};

addEventCallback((containerId, callbackData) => {
  const statuses = callbackData.tags.map((tag) => tag.status);
  log('Event processed in ' + containerId + ': ' + statuses.join(','));
});

sendHttpRequest(
  'https://api.pinterest.com/v5/ad_accounts/' + data.advertiserId + '/events',
  {headers: {'Content-Type': 'application/json', Authorization: 'Bearer ' + data.apiAccessToken}, method: 'POST'},
  JSON.stringify({data: [event]})
).then((result) => {
  log('Response ' + result.statusCode);
  if (result.statusCode >= 200 && result.statusCode < 300) {
    data.gtmOnSuccess();
  } else {
    data.gtmOnFailure();
  }
}).catch((error) => {
  log('Request failed: ' + error.reason);
  data.gtmOnFailure();
});

function hashList(value) {
  if (!value) return undefined;
  const list = getType(value) === 'array' ? value : [value];
  return list.map((entry) => {
    const normalized = makeString(entry).trim().toLowerCase();
    return normalized.match('^[a-f0-9]{64}$') ? normalized : sha256Sync(normalized, {outputEncoding: 'hex'});
  });
}

function log(message) {
  if (data.logType !== 'no') logToConsole('[Pinterest] ' + message);
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
                "string": "_epik"
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
        "publicId": "read_container_data",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "read_event_metadata",
        "versionId": "1"
      },
      "param": []
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
            "string": "all"
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
                "string": "https://api.pinterest.com/v5/"
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
- name: 'Sends a checkout with lists of hashes and the _epik click id'
  code: |-
    runCode(mockData);

    assertThat(request.url).isEqualTo('https://api.pinterest.com/v5/ad_accounts/549755885175/events');
    assertThat(request.options.headers.Authorization).isEqualTo('Bearer pina_token');
    assertThat(request.body.data[0]).isEqualTo({
      event_name: 'checkout',
      action_source: 'web',
      event_time: 1747945830,
      event_id: 'e-77',
      event_source_url: 'https://shop.example.com/done',
      opt_out: false,
      user_data: {
        em: ['86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d', '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d'],
        ph: ['d6736136ea896c1bfdc553e0e86e702c70d060d805696ca3e4e9e0961353860a'],
        client_ip_address: '203.0.113.1',
        client_user_agent: 'UA/1.0',
        click_id: 'epik-value'
      },
      custom_data: {currency: 'USD', value: '64', content_ids: ['1', 'B2'], num_items: 3, order_id: 'T-77'}
    });
    callLater(() => {
      assertApi('gtmOnSuccess').wasCalled();
      assertApi('logToConsole').wasCalledWith('[Pinterest] Response 200');
    });
- name: The event callback reports the tag statuses
  code: |-
    runCode(mockData);

    assertThat(eventCallback).isFunction();
    eventCallback('GTM-SRV', {tags: [{id: '7', status: 'success'}, {id: '8', status: 'timeout'}]});
    assertApi('logToConsole').wasCalledWith('[Pinterest] Event processed in GTM-SRV: success,timeout');
- name: A response resolved from callLater is seen by a later callLater
  code: |-
    mock('sendHttpRequest', () => Promise.create((resolve) => {
      callLater(() => resolve({statusCode: 201, headers: {}}));
    }));

    runCode(mockData);

    assertApi('gtmOnSuccess').wasNotCalled();
    callLater(() => {
      assertApi('gtmOnSuccess').wasCalled();
      assertApi('logToConsole').wasCalledWith('[Pinterest] Response 201');
    });
- name: A transport failure reaches catch
  code: |-
    result = {reason: 'failed'};

    runCode(mockData);

    callLater(() => {
      assertApi('gtmOnFailure').wasCalled();
      assertApi('logToConsole').wasCalledWith('[Pinterest] Request failed: failed');
    });
- name: Unknown events are custom, an app client changes the action source, logging off
  code: |-
    eventData.event_name = 'scroll';
    mock('getClientName', 'Data Client');
    mockData.logType = 'no';
    result = {statusCode: 500, headers: {}, body: ''};

    runCode(mockData);

    assertThat(request.body.data[0].event_name).isEqualTo('custom');
    assertThat(request.body.data[0].action_source).isEqualTo('app_android');
    callLater(() => {
      assertApi('gtmOnFailure').wasCalled();
      assertApi('logToConsole').wasNotCalled();
    });
- name: Object.freeze returns the same readable object
  code: |-
    const Object = require('Object');
    const frozen = Object.freeze({a: 1});

    assertThat(Object.keys(frozen)).isEqualTo(['a']);
    assertThat(frozen.a).isEqualTo(1);
setup: |-
  const JSON = require('JSON');
  const Promise = require('Promise');
  const callLater = require('callLater');

  const mockData = {advertiserId: '549755885175', apiAccessToken: 'pina_token', logType: 'always'};
  const eventData = {
    event_name: 'purchase',
    event_id: 'e-77',
    page_location: 'https://shop.example.com/done',
    ip_override: '203.0.113.1',
    user_agent: 'UA/1.0',
    currency: 'USD',
    value: 64,
    transaction_id: 'T-77',
    items: [{item_id: 1, quantity: 2}, {item_id: 'B2'}],
    user_data: {email_address: ['jane.doe@example.com', '86E0B9E56C17CC4D12387E1949B85053FBE73BC3CE5A1188713A9D300CC6133D'], phone_number: '15551234567'}
  };
  mock('getAllEventData', eventData);
  mock('getTimestampMillis', 1747945830456);
  mock('getCookieValues', ['epik-value']);
  mock('getClientName', 'GA4');

  let eventCallback;
  mock('addEventCallback', (callback) => {
    eventCallback = callback;
  });

  let request;
  let result = {statusCode: 200, headers: {}, body: '{"num_events_received":1}'};
  mock('sendHttpRequest', (url, options, body) => {
    request = {url: url, options: options, body: JSON.parse(body)};
    if (result.reason) return Promise.create((resolve, reject) => reject(result));
    return Promise.create((resolve) => resolve(result));
  });


___NOTES___

Created on 11/25/2026, 12:00:00


