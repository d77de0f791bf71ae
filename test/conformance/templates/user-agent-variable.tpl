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
  "displayName": "User Agent Parser Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Returns the device type, browser or bot flag of the request user agent.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SELECT",
    "name": "part",
    "displayName": "Return",
    "macrosInSelect": false,
    "selectItems": [
      {
        "value": "device",
        "displayValue": "Device type"
      },
      {
        "value": "browser",
        "displayValue": "Browser"
      },
      {
        "value": "isBot",
        "displayValue": "Is a bot"
      },
      {
        "value": "all",
        "displayValue": "Everything (object)"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "device"
  },
  {
    "type": "TEXT",
    "name": "userAgent",
    "displayName": "User agent (empty = request header)",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getRequestHeader = require('getRequestHeader');
const makeString = require('makeString');

const ua = makeString(data.userAgent || getRequestHeader('user-agent') || '').toLowerCase();

const BOTS = ['bot', 'crawler', 'spider', 'headless', 'lighthouse'];
const BROWSERS = [['edg/', 'Edge'], ['opr/', 'Opera'], ['samsungbrowser', 'Samsung Internet'], ['chrome/', 'Chrome'], ['firefox/', 'Firefox'], ['safari/', 'Safari']];

function has(text) {
  return ua.indexOf(text) !== -1;
}

function device() {
  if (ua === '') return 'unknown';
  if (has('ipad') || (has('android') && !has('mobile')) || has('tablet')) return 'tablet';
  if (has('mobi') || has('iphone') || has('android')) return 'mobile';
  return 'desktop';
}

function browser() {
  for (let i = 0; i < BROWSERS.length; i++) {
    if (has(BROWSERS[i][0])) return BROWSERS[i][1];
  }
  return 'Other';
}

const isBot = BOTS.some(has);

switch (data.part) {
  case 'browser':
    return browser();
  case 'isBot':
    return isBot;
  case 'all':
    return {device: device(), browser: browser(), isBot: isBot};
  default:
    return device();
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
          "key": "headerNames",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "user-agent"
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
- name: Device types
  code: |-
    const expected = {iphone: 'mobile', ipad: 'tablet', androidTablet: 'tablet', edge: 'desktop', firefox: 'desktop', googlebot: 'desktop'};
    for (const name in expected) {
      header = AGENTS[name];
      assertThat(runCode({part: 'device'}), name).isEqualTo(expected[name]);
    }
- name: Browsers, Edge before Chrome
  code: |-
    header = AGENTS.edge;
    assertThat(runCode({part: 'browser'})).isEqualTo('Edge');
    header = AGENTS.androidTablet;
    assertThat(runCode({part: 'browser'})).isEqualTo('Chrome');
    header = AGENTS.iphone;
    assertThat(runCode({part: 'browser'})).isEqualTo('Safari');
    header = AGENTS.googlebot;
    assertThat(runCode({part: 'browser'})).isEqualTo('Other');
- name: Bots and the all-in-one object
  code: |-
    header = AGENTS.googlebot;
    const all = runCode({part: 'all'});
    assertThat(getType(all)).isEqualTo('object');
    assertThat(all).isEqualTo({device: 'desktop', browser: 'Other', isBot: true});
    header = AGENTS.firefox;
    assertThat(runCode({part: 'isBot'})).isFalse();
- name: A user agent field overrides the header
  code: |-
    const result = runCode({part: 'device', userAgent: makeString(AGENTS.ipad)});
    assertThat(result).isEqualTo('tablet');
    assertApi('getRequestHeader').wasNotCalled();
- name: No user agent at all
  code: |-
    header = undefined;
    assertThat(runCode({})).isEqualTo('unknown');
    assertThat(runCode({part: 'all'})).isEqualTo({device: 'unknown', browser: 'Other', isBot: false});
- name: A wrong device expectation names the case
  code: |-
    header = AGENTS.ipad;
    assertThat(runCode({part: 'device'}), 'ipad').isEqualTo('mobile');
setup: |-
  const getType = require('getType');
  const makeString = require('makeString');

  const AGENTS = {
    iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    ipad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
    androidTablet: 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
    edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0',
    firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
    googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
  };
  let header = AGENTS.iphone;
  mock('getRequestHeader', (name) => name === 'user-agent' ? header : undefined);


___NOTES___

Created on 11/25/2026, 12:00:00


