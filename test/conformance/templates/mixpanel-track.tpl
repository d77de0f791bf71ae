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
  "displayName": "Mixpanel Lookalike",
  "categories": [
    "ANALYTICS"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Tracks an event in Mixpanel through the /track ingestion endpoint.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "token",
    "displayName": "Project token",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "eventName",
    "displayName": "Event name",
    "simpleValueType": true
  },
  {
    "type": "PARAM_TABLE",
    "name": "properties",
    "displayName": "Properties",
    "paramTableColumns": [
      {
        "param": {
          "type": "TEXT",
          "name": "name",
          "displayName": "Name",
          "simpleValueType": true
        },
        "isUnique": true
      },
      {
        "param": {
          "type": "TEXT",
          "name": "value",
          "displayName": "Value",
          "simpleValueType": true
        },
        "isUnique": false
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "forwardHeader",
    "displayName": "Request header to add as a property",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "hashEmail",
    "checkboxText": "Send a hash of the email as $email_sha256",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const sendHttpRequest = require('sendHttpRequest');
const getEventData = require('getEventData');
const getCookieValues = require('getCookieValues');
const getRequestHeader = require('getRequestHeader');
const queryPermission = require('queryPermission');
const getTimestampMillis = require('getTimestampMillis');
const generateRandom = require('generateRandom');
const toBase64 = require('toBase64');
const encodeUriComponent = require('encodeUriComponent');
const sha256 = require('sha256');
const callLater = require('callLater');
const JSON = require('JSON');
const Math = require('Math');

const now = getTimestampMillis();
const properties = {
  token: data.token,
  distinct_id: getDistinctId(),
  time: now,
  $insert_id: now.toString(36) + '-' + generateRandom(0, 255).toString(16)
};

const custom = (data.properties || []).slice();
custom.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
custom.forEach((row) => {
  properties[row.name] = row.value;
});

if (data.forwardHeader) {
  properties['$header_' + data.forwardHeader] = getRequestHeader(data.forwardHeader);
}

const email = getEventData('user_data.email_address');
if (data.hashEmail && email) {
  sha256(email.trim().toLowerCase(), (digest) => {
    properties.$email_sha256 = digest;
    send();
  }, {outputEncoding: 'hex'});
} else {
  send();
}

function getDistinctId() {
  if (queryPermission('get_cookies', 'mp_distinct_id')) {
    const fromCookie = getCookieValues('mp_distinct_id')[0];
    if (fromCookie) return fromCookie;
  }
  return getEventData('user_id') || getEventData('client_id');
}

function send() {
  const batch = [{event: data.eventName || getEventData('event_name'), properties: properties}];
  const body = 'data=' + encodeUriComponent(toBase64(JSON.stringify(batch)));
  sendHttpRequest('https://api.mixpanel.com/track?ip=0&verbose=1', (statusCode, headers, responseBody) => {
    const parsed = JSON.parse(responseBody || '{}') || {};
    if (statusCode === 200 && parsed.status === 1) {
      callLater(() => data.gtmOnSuccess());
    } else {
      data.gtmOnFailure();
    }
  }, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'}, timeout: Math.max(1000, 2500)}, body);
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
                "string": "user_data.email_address"
              },
              {
                "type": 1,
                "string": "user_id"
              },
              {
                "type": 1,
                "string": "client_id"
              },
              {
                "type": 1,
                "string": "event_name"
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
                "string": "mp_distinct_id"
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
                "string": "https://api.mixpanel.com/"
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
          "key": "headersAllowed",
          "value": {
            "type": 8,
            "boolean": true
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
                    "string": "user-agent"
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
  }
]


___TESTS___

scenarios:
- name: Tracks the event with sorted table properties and succeeds after callLater
  code: "runCode(mockData);\n\nassertThat(sentBatch).isEqualTo([{\n  event: 'Signup',\n\
    \  properties: {\n    token: 'mp-token',\n    distinct_id: 'cookie-distinct',\n\
    \    time: 1747945830456,\n    $insert_id: 'mazttem0-ff',\n    plan: 'pro',\n\
    \    seats: '3'\n  }\n}]);\nassertThat(require('Object').keys(sentBatch[0].properties)).isEqualTo(['token',\
    \ 'distinct_id', 'time', '$insert_id', 'plan', 'seats']);\nassertThat(sentOptions).isEqualTo({method:\
    \ 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept:\
    \ 'application/json'}, timeout: 2500});\nassertApi('gtmOnSuccess').wasNotCalled();\n\
    callLater(() => {\n  assertApi('gtmOnSuccess').wasCalled();\n});"
- name: Unmocked queryPermission reads the template permissions
  code: "const queryPermission = require('queryPermission');\n\nassertThat(queryPermission('get_cookies',\
    \ 'mp_distinct_id')).isTrue();\nassertThat(queryPermission('get_cookies', 'other_cookie')).isFalse();\n\
    assertThat(queryPermission('send_http', 'https://api.mixpanel.com/track')).isTrue();\n\
    assertThat(queryPermission('send_http', 'https://evil.example.com/')).isFalse();"
- name: 'Falls back to user_id when the cookie permission is refused'
  code: "mock('queryPermission', false);\n\nrunCode(mockData);\n\nassertThat(sentBatch[0].properties.distinct_id).isEqualTo('u-1');\n\
    assertApi('getCookieValues').wasNotCalled();"
- name: Hashes the email with the async sha256 before sending
  code: "mockData.hashEmail = true;\n\nrunCode(mockData);\n\ncallLater(() => {\n \
    \ assertThat(sentBatch[0].properties.$email_sha256).isEqualTo('86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d');\n\
    \  assertApi('sendHttpRequest').wasCalled();\n});"
- name: A rejected batch fails the tag at once
  code: "responseText = '{\"status\":0,\"error\":\"token, missing or empty\"}';\n\n\
    runCode(mockData);\n\nassertApi('gtmOnFailure').wasCalled();\nassertApi('gtmOnSuccess').wasNotCalled();"
- name: Event name comes from event data when the field is empty
  code: "mockData.eventName = '';\nmockData.properties = undefined;\n\nrunCode(mockData);\n\
    \nassertThat(sentBatch[0].event).isEqualTo('sign_up');\nassertThat(require('Object').keys(sentBatch[0].properties)).hasLength(4);"
- name: Forwards an allowed request header through the real getRequestHeader
  code: "mockData.forwardHeader = 'user-agent';\n\nrunCode(mockData);\n\nassertApi('getRequestHeader').wasCalledWith('user-agent');\n\
    assertThat(sentBatch[0].properties['$header_user-agent']).isUndefined();\nassertApi('gtmOnFailure').wasNotCalled();"
- name: A template call outside its permissions fails the scenario
  code: "mockData.forwardHeader = 'x-forwarded-for';\n\nrunCode(mockData);"
- name: Math has no random and the sandbox has no Date
  code: "const Math = require('Math');\n\nassertThat(Math.random).isUndefined();\n\
    assertThat(Math.floor(2.7)).isEqualTo(2);\nassertThat(typeof Date).isEqualTo('undefined');"
setup: "const JSON = require('JSON');\nconst fromBase64 = require('fromBase64');\n\
  const decodeUriComponent = require('decodeUriComponent');\nconst callLater = require('callLater');\n\
  \nconst mockData = {\n  token: 'mp-token',\n  eventName: 'Signup',\n  properties:\
  \ [{name: 'seats', value: '3'}, {name: 'plan', value: 'pro'}],\n  hashEmail: false\n\
  };\nconst eventData = {user_id: 'u-1', client_id: 'c-1', event_name: 'sign_up',\
  \ user_data: {email_address: ' Jane.Doe@example.com '}};\n\nmock('getEventData',\
  \ (key) => {\n  if (key === 'user_data.email_address') return eventData.user_data.email_address;\n\
  \  return eventData[key];\n});\nmock('getTimestampMillis', 1747945830456);\nmock('generateRandom',\
  \ 255);\nmock('getCookieValues', ['cookie-distinct']);\n\nlet sentBatch;\nlet sentOptions;\n\
  let responseText = '{\"status\":1,\"error\":null}';\nmock('sendHttpRequest', (url,\
  \ callback, options, body) => {\n  assertThat(url).isEqualTo('https://api.mixpanel.com/track?ip=0&verbose=1');\n\
  \  assertThat(body.indexOf('data=')).isEqualTo(0);\n  sentBatch = JSON.parse(fromBase64(decodeUriComponent(body.substring(5))));\n\
  \  sentOptions = options;\n  callback(200, {'content-type': 'application/json'},\
  \ responseText);\n});"


___NOTES___

Created on 11/25/2026, 12:00:00


