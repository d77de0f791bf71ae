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
  "displayName": "LinkedIn CAPI Lookalike",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS"
  ],
  "brand": {
    "id": "github.com_linkedin-developers",
    "displayName": "linkedin-developers"
  },
  "description": "Streams conversions to the LinkedIn Conversions API.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "accessToken",
    "displayName": "Access token",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "conversionRuleId",
    "displayName": "Conversion rule ID",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "POSITIVE_NUMBER"
      }
    ]
  },
  {
    "type": "LABEL",
    "name": "consentLabel",
    "displayName": "The tag sends only when a user identifier (email or li_fat_id) is present."
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getEventData = require('getEventData');
const getCookieValues = require('getCookieValues');
const sendHttpRequest = require('sendHttpRequest');
const parseUrl = require('parseUrl');
const decodeUriComponent = require('decodeUriComponent');
const sha256Sync = require('sha256Sync');
const JSON = require('JSON');
const makeString = require('makeString');
const makeInteger = require('makeInteger');
const getTimestampMillis = require('getTimestampMillis');
const logToConsole = require('logToConsole');
const getContainerVersion = require('getContainerVersion');

const API_URL = 'https://api.linkedin.com/rest/conversionEvents';
const containerVersion = getContainerVersion();
const isDebug = containerVersion.debugMode || containerVersion.previewMode;

const userIds = [];
const email = getEventData('user_data.email_address');
if (email) {
  userIds.push({idType: 'SHA256_EMAIL', idValue: hashEmail(email)});
}
const liFatId = getLiFatId();
if (liFatId) {
  userIds.push({idType: 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', idValue: liFatId});
}

if (userIds.length === 0) {
  if (isDebug) logToConsole('LinkedIn CAPI: no user identifier, event not sent');
  data.gtmOnFailure();
  return;
}

const body = {
  conversion: 'urn:lla:llaPartnerConversion:' + makeString(data.conversionRuleId).trim(),
  conversionHappenedAt: makeInteger(getEventData('timestamp_ms') || getTimestampMillis()),
  user: {userIds: userIds}
};
const value = getEventData('value');
if (value !== undefined) {
  body.conversionValue = {currencyCode: getEventData('currency') || 'USD', amount: makeString(value)};
}
const firstName = getEventData('user_data.address.0.first_name');
const lastName = getEventData('user_data.address.0.last_name');
if (firstName && lastName) {
  body.user.userInfo = {firstName: firstName, lastName: lastName};
}
const eventId = getEventData('event_id');
if (eventId) body.eventId = makeString(eventId);

sendHttpRequest(API_URL, {
  method: 'POST',
  headers: {
    'Authorization': 'Bearer ' + data.accessToken,
    'Content-Type': 'application/json',
    'LinkedIn-Version': '202402',
    'X-Restli-Protocol-Version': '2.0.0'
  },
  timeout: 10000
}, JSON.stringify(body)).then((response) => {
  if (isDebug) logToConsole('LinkedIn CAPI response', response.statusCode);
  if (response.statusCode === 201 || response.statusCode === 200) {
    data.gtmOnSuccess();
  } else {
    data.gtmOnFailure();
  }
}, () => data.gtmOnFailure());

function hashEmail(value) {
  const normalized = value.trim().toLowerCase();
  if (normalized.match('^[a-f0-9]{64}$')) return normalized;
  return sha256Sync(normalized, {outputEncoding: 'hex'});
}

function getLiFatId() {
  const fromCookie = getCookieValues('li_fat_id')[0];
  if (fromCookie) return fromCookie;
  const pageLocation = getEventData('page_location');
  if (!pageLocation) return undefined;
  const url = parseUrl(pageLocation);
  const raw = url && url.searchParams.li_fat_id;
  return raw ? decodeUriComponent(raw) : undefined;
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
            "string": "specific"
          }
        },
        {
          "key": "keyPatterns",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "user_data.*"
              },
              {
                "type": 1,
                "string": "page_location"
              },
              {
                "type": 1,
                "string": "timestamp_ms"
              },
              {
                "type": 1,
                "string": "value"
              },
              {
                "type": 1,
                "string": "currency"
              },
              {
                "type": 1,
                "string": "event_id"
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
                "string": "li_fat_id"
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
                "string": "https://api.linkedin.com/rest/conversionEvents"
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
- name: 'Sends the conversion with hashed email and li_fat_id from the URL'
  code: "runCode(mockData);\n\nassertThat(sent.options.headers['LinkedIn-Version']).isEqualTo('202402');\n\
    assertThat(sent.options.headers.Authorization).isEqualTo('Bearer li-token');\n\
    assertThat(sent.options.timeout).isEqualTo(10000);\nassertThat(sent.body).isEqualTo({\n\
    \  conversion: 'urn:lla:llaPartnerConversion:104',\n  conversionHappenedAt: 1747945830456,\n\
    \  user: {\n    userIds: [\n      {idType: 'SHA256_EMAIL', idValue: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d'},\n\
    \      {idType: 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', idValue: 'abc-123'}\n\
    \    ],\n    userInfo: {firstName: 'Jane', lastName: 'Doe'}\n  },\n  conversionValue:\
    \ {currencyCode: 'USD', amount: '250'},\n  eventId: '9001'\n});\ncallLater(()\
    \ => {\n  assertApi('gtmOnSuccess').wasCalled();\n});"
- name: 'Prefers the li_fat_id cookie'
  code: "mock('getCookieValues', (name) => name === 'li_fat_id' ? ['cookie-uuid']\
    \ : []);\nevent.user_data = undefined;\nmock('sendHttpRequest', (url, options,\
    \ body) => {\n  assertThat(JSON.parse(body).user).isEqualTo({userIds: [{idType:\
    \ 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', idValue: 'cookie-uuid'}]});\n  return\
    \ Promise.create((resolve) => resolve({statusCode: 201}));\n});\n\nrunCode(mockData);\n\
    \ncallLater(() => {\n  assertApi('gtmOnSuccess').wasCalled();\n});"
- name: Fails without any user identifier and logs why in debug
  code: "event.user_data = {};\nevent.page_location = 'https://example.com/';\nmock('getContainerVersion',\
    \ {containerId: 'GTM-1', debugMode: false, previewMode: true, environmentMode:\
    \ false, environmentName: '', version: 'QUICK_PREVIEW'});\n\nrunCode(mockData);\n\
    \nassertApi('sendHttpRequest').wasNotCalled();\nassertApi('gtmOnFailure').wasCalled();\n\
    assertApi('logToConsole').wasCalledWith('LinkedIn CAPI: no user identifier, event\
    \ not sent');"
- name: 'Deliberate failure: the tag succeeded but the test expects failure'
  code: "runCode(mockData);\n\ncallLater(() => {\n  assertApi('gtmOnFailure').wasCalled();\n\
    });"
- name: fail() inside a mock ends the scenario with its message
  code: "mock('sendHttpRequest', (url) => {\n  fail('unexpected url ' + url);\n});\n\
    \nrunCode(mockData);"
- name: A runtime error in the template fails the scenario
  code: "event.user_data.email_address = 12345;\n\nrunCode(mockData);"
setup: "const Promise = require('Promise');\nconst JSON = require('JSON');\nconst\
  \ callLater = require('callLater');\n\nconst mockData = {accessToken: 'li-token',\
  \ conversionRuleId: ' 104 '};\nconst event = {\n  event_id: 9001,\n  value: 250,\n\
  \  currency: 'USD',\n  page_location: 'https://example.com/lp?li_fat_id=abc%2D123',\n\
  \  user_data: {\n    email_address: 'Jane.Doe@example.com',\n    address: [{first_name:\
  \ 'Jane', last_name: 'Doe'}]\n  }\n};\n\nmock('getEventData', (keyPath) => {\n \
  \ let value = event;\n  const parts = keyPath.split('.');\n  for (let i = 0; i <\
  \ parts.length; i++) {\n    if (value === undefined || value === null) return undefined;\n\
  \    value = value[parts[i]];\n  }\n  return value;\n});\nmock('getTimestampMillis',\
  \ 1747945830456);\nmock('getCookieValues', []);\n\nlet sent;\nlet status = 201;\n\
  mock('sendHttpRequest', (url, options, body) => {\n  if (url !== 'https://api.linkedin.com/rest/conversionEvents')\
  \ {\n    fail('unexpected url ' + url);\n  }\n  sent = {options: options, body:\
  \ JSON.parse(body)};\n  return Promise.create((resolve) => resolve({statusCode:\
  \ status, headers: {}}));\n});"


___NOTES___

Created on 11/25/2026, 12:00:00


