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
  "displayName": "GA4 to Slack Notifier Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Posts a Slack message for each purchase above a threshold.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "webhookUrl",
    "displayName": "Slack webhook URL",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "REGEX",
        "args": [
          "^https://hooks\\.slack\\.com/services/.+$"
        ]
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "minValue",
    "displayName": "Only purchases worth at least",
    "simpleValueType": true,
    "defaultValue": "0"
  },
  {
    "type": "TEXT",
    "name": "maxItems",
    "displayName": "Items to list",
    "simpleValueType": true,
    "defaultValue": "3"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const sendHttpRequest = require('sendHttpRequest');
const getAllEventData = require('getAllEventData');
const createRegex = require('createRegex');
const JSON = require('JSON');
const Math = require('Math');
const makeNumber = require('makeNumber');
const makeInteger = require('makeInteger');
const makeString = require('makeString');
const getType = require('getType');

const eventData = getAllEventData();
const value = makeNumber(eventData.value || 0);

if (eventData.event_name !== 'purchase' || value < makeNumber(data.minValue || 0)) {
  data.gtmOnSuccess();
  return;
}

const items = getType(eventData.items) === 'array' ? eventData.items.slice() : [];
const top = items
  .filter((item) => item && item.item_name)
  .sort((a, b) => lineTotal(a) - lineTotal(b))
  .reverse()
  .slice(0, makeInteger(data.maxItems || 3));

const lines = top.map((item) => '• ' + escape(item.item_name) + ' × ' + (item.quantity || 1) + ' = ' + money(lineTotal(item), eventData.currency));
const hidden = items.length - top.length;
if (hidden > 0) lines.push('…and ' + hidden + ' more');
lines.unshift('*Order ' + escape(makeString(eventData.transaction_id)) + '*');

const blocks = [
  {type: 'header', text: {type: 'plain_text', text: 'New purchase: ' + money(value, eventData.currency)}},
  {type: 'section', text: {type: 'mrkdwn', text: lines.join('\n')}}
];
const flags = [];
if (items.some((item) => item.coupon)) flags.push('coupon used');
if (items.length > 0 && items.every((item) => (item.quantity || 1) === 1)) flags.push('single units');
if (flags.length) {
  blocks.splice(1, 0, {type: 'context', elements: flags.map((f) => ({type: 'mrkdwn', text: f}))});
}

sendHttpRequest(data.webhookUrl, {
  method: 'POST',
  headers: {'Content-Type': 'application/json'},
  timeout: 3000
}, JSON.stringify({text: 'New purchase', blocks: blocks})).then((response) => {
  if (response.statusCode === 200 && response.body === 'ok') {
    data.gtmOnSuccess();
  } else {
    data.gtmOnFailure();
  }
}).catch(() => {
  data.gtmOnFailure();
});

function lineTotal(item) {
  return makeNumber(item.price || 0) * makeNumber(item.quantity || 1);
}

function escape(text) {
  return text
    .replace(createRegex('&', 'g'), '&amp;')
    .replace(createRegex('<', 'g'), '&lt;')
    .replace(createRegex('>', 'g'), '&gt;');
}

function money(amount, currency) {
  const cents = Math.round(amount * 100);
  const whole = makeString(Math.floor(cents / 100));
  const fraction = ('0' + (cents % 100).toString()).slice(-2);
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    const fromEnd = whole.length - i;
    grouped += whole.charAt(i) + (fromEnd > 1 && fromEnd % 3 === 1 ? ',' : '');
  }
  return grouped + '.' + fraction + ' ' + (currency || 'USD');
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
                "string": "https://hooks.slack.com/services/*"
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
- name: Posts the biggest lines, escaped, with grouped money and context
  code: "runCode(mockData);\n\ncallLater(() => {\n  assertThat(posted).isEqualTo({\n\
    \    text: 'New purchase',\n    blocks: [\n      {type: 'header', text: {type:\
    \ 'plain_text', text: 'New purchase: 1,234,567.90 EUR'}},\n      {type: 'context',\
    \ elements: [{type: 'mrkdwn', text: 'coupon used'}]},\n      {type: 'section',\
    \ text: {type: 'mrkdwn', text: '*Order A&lt;1&gt;&amp;2*\\n• Boots &amp; Laces\
    \ × 1 = 120.50 EUR\\n• Hat × 3 = 90.00 EUR\\n…and 2 more'}}\n    ]\n  });\n  assertApi('gtmOnSuccess').wasCalled();\n\
    });"
- name: Small purchases and other events are skipped
  code: "eventData.value = 99.99;\nrunCode(mockData);\neventData.value = 500;\neventData.event_name\
    \ = 'add_to_cart';\nrunCode(mockData);\n\nassertApi('sendHttpRequest').wasNotCalled();\n\
    assertApi('gtmOnSuccess').wasCalled();"
- name: Single units without coupons get their own context line
  code: "eventData.value = 100;\neventData.currency = undefined;\neventData.items\
    \ = [{item_name: 'A', price: 60}, {item_name: 'B', price: 40, quantity: 1}];\n\
    \nrunCode(mockData);\n\ncallLater(() => {\n  assertThat(posted.blocks[0].text.text).isEqualTo('New\
    \ purchase: 100.00 USD');\n  assertThat(posted.blocks[1]).isEqualTo({type: 'context',\
    \ elements: [{type: 'mrkdwn', text: 'single units'}]});\n  assertThat(posted.blocks[2].text.text).isEqualTo('*Order\
    \ A&lt;1&gt;&amp;2*\\n• A × 1 = 60.00 USD\\n• B × 1 = 40.00 USD');\n});"
- name: A non-ok answer fails the tag
  code: "mock('sendHttpRequest', () => Promise.create((resolve) => resolve({statusCode:\
    \ 404, headers: {}, body: 'no_service'})));\nrunCode(mockData);\ncallLater(()\
    \ => {\n  assertApi('gtmOnFailure').wasCalled();\n  assertApi('gtmOnSuccess').wasNotCalled();\n\
    });"
- name: A rejection reaches catch
  code: "mock('sendHttpRequest', () => Promise.create((resolve, reject) => reject({reason:\
    \ 'failed'})));\nrunCode(mockData);\ncallLater(() => assertApi('gtmOnFailure').wasCalled());"
setup: "const JSON = require('JSON');\nconst Promise = require('Promise');\nconst\
  \ callLater = require('callLater');\n\nconst mockData = {webhookUrl: 'https://hooks.slack.com/services/T0/B0/xyz',\
  \ minValue: '100', maxItems: '2'};\nconst eventData = {\n  event_name: 'purchase',\n\
  \  transaction_id: 'A<1>&2',\n  currency: 'EUR',\n  value: 1234567.895,\n  items:\
  \ [\n    {item_name: 'Socks', price: 5, quantity: 2},\n    {item_name: 'Boots &\
  \ Laces', price: 120.5, quantity: 1, coupon: 'X'},\n    {item_name: 'Hat', price:\
  \ 30, quantity: 3},\n    {price: 1}\n  ]\n};\nmock('getAllEventData', eventData);\n\
  \nlet posted;\nmock('sendHttpRequest', (url, options, body) => {\n  assertThat(url).isEqualTo('https://hooks.slack.com/services/T0/B0/xyz');\n\
  \  assertThat(options).isEqualTo({method: 'POST', headers: {'Content-Type': 'application/json'},\
  \ timeout: 3000});\n  posted = JSON.parse(body);\n  return Promise.create((resolve)\
  \ => resolve({statusCode: 200, headers: {}, body: 'ok'}));\n});"


___NOTES___

Created on 11/25/2026, 12:00:00


