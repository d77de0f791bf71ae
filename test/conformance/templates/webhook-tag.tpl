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
  "displayName": "Webhook Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Sends the event data as JSON to one or more webhook URLs.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SIMPLE_TABLE",
    "name": "urls",
    "displayName": "Webhook URLs",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "URL",
        "name": "url",
        "type": "TEXT",
        "isUnique": true
      }
    ]
  },
  {
    "type": "SELECT",
    "name": "requestMethod",
    "displayName": "Method",
    "macrosInSelect": false,
    "selectItems": [
      {
        "value": "POST",
        "displayValue": "POST"
      },
      {
        "value": "PUT",
        "displayValue": "PUT"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "POST"
  },
  {
    "type": "CHECKBOX",
    "name": "sendAllEventData",
    "checkboxText": "Send all event data",
    "simpleValueType": true,
    "defaultValue": true
  },
  {
    "type": "RADIO",
    "name": "logType",
    "displayName": "Logging",
    "radioItems": [
      {
        "value": "no",
        "displayValue": "Do not log"
      },
      {
        "value": "debug",
        "displayValue": "Log during debug and preview"
      },
      {
        "value": "always",
        "displayValue": "Always log"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "debug"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const sendHttpRequest = require('sendHttpRequest');
const getAllEventData = require('getAllEventData');
const getContainerVersion = require('getContainerVersion');
const getRequestHeader = require('getRequestHeader');
const logToConsole = require('logToConsole');
const JSON = require('JSON');
const Promise = require('Promise');

const isLoggingEnabled = determinateIsLoggingEnabled();
const traceId = isLoggingEnabled ? getRequestHeader('trace-id') : undefined;
const eventData = data.sendAllEventData ? getAllEventData() : {event_name: getAllEventData().event_name};
const urls = (data.urls || []).map((row) => row.url).filter((url) => !!url);

if (urls.length === 0) {
  return data.gtmOnFailure();
}

Promise.all(urls.map((url) => sendOne(url))).then((statuses) => {
  const allOk = statuses.every((code) => code >= 200 && code < 300);
  if (allOk) data.gtmOnSuccess();
  else data.gtmOnFailure();
}, () => data.gtmOnFailure());

function sendOne(url) {
  const body = JSON.stringify(eventData);
  const method = data.requestMethod || 'POST';
  if (isLoggingEnabled) {
    logToConsole(JSON.stringify({Name: 'Webhook', Type: 'Request', TraceId: traceId, EventName: eventData.event_name, RequestMethod: method, RequestUrl: url, RequestBody: eventData}));
  }
  return sendHttpRequest(url, {method: method, headers: {'Content-Type': 'application/json'}, timeout: 5000}, body).then((result) => {
    if (isLoggingEnabled) {
      logToConsole(JSON.stringify({Name: 'Webhook', Type: 'Response', TraceId: traceId, EventName: eventData.event_name, ResponseStatusCode: result.statusCode, ResponseBody: result.body}));
    }
    return result.statusCode;
  });
}

function determinateIsLoggingEnabled() {
  const containerVersion = getContainerVersion();
  const isDebug = !!(containerVersion && (containerVersion.debugMode || containerVersion.previewMode));
  if (!data.logType) return isDebug;
  if (data.logType === 'no') return false;
  if (data.logType === 'debug') return isDebug;
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
                "string": "trace-id"
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
        "publicId": "send_http",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedUrls",
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
- name: Logs the request it sends (sendHttpRequest not mocked)
  code: "runCode(mockData);\n\nassertApi('logToConsole').wasCalledWith(requestLog('https://hooks.example.com/a'));\n\
    assertApi('gtmOnFailure').wasNotCalled();"
- name: One request per URL, each logged (sendHttpRequest not mocked)
  code: "mockData.urls.push({url: 'https://hooks.example.com/b'}, {url: ''});\n\n\
    runCode(mockData);\n\nassertApi('logToConsole').wasCalledWith(requestLog('https://hooks.example.com/a'));\n\
    assertApi('logToConsole').wasCalledWith(requestLog('https://hooks.example.com/b'));\n\
    assertApi('sendHttpRequest').wasCalledWith('https://hooks.example.com/b', {method:\
    \ 'POST', headers: {'Content-Type': 'application/json'}, timeout: 5000}, JSON.stringify(eventData));"
- name: 'Logging off: nothing is logged (sendHttpRequest not mocked)'
  code: "mockData.logType = 'no';\n\nrunCode(mockData);\n\nassertApi('logToConsole').wasNotCalled();\n\
    assertApi('getRequestHeader').wasNotCalled();"
- name: No URL fails the tag without a request
  code: "mockData.urls = [];\n\nrunCode(mockData);\n\nassertApi('gtmOnFailure').wasCalled();\n\
    assertApi('sendHttpRequest').wasNotCalled();"
- name: Success when every webhook answers 2xx (mocked), response logged
  code: "const Promise = require('Promise');\nmock('sendHttpRequest', () => Promise.create((resolve)\
    \ => resolve({statusCode: 201, body: 'created'})));\n\nrunCode(mockData);\n\n\
    require('callLater')(() => {\n  assertApi('gtmOnSuccess').wasCalled();\n  assertApi('logToConsole').wasCalledWith(JSON.stringify({Name:\
    \ 'Webhook', Type: 'Response', TraceId: 'trace-123', EventName: 'purchase', ResponseStatusCode:\
    \ 201, ResponseBody: 'created'}));\n});"
- name: Only the event name when not sending all event data
  code: "mockData.sendAllEventData = false;\nlet sentBody;\nmock('sendHttpRequest',\
    \ (url, options, body) => {\n  sentBody = body;\n  return {then: (ok) => ok({statusCode:\
    \ 500})};\n});\n\nrunCode(mockData);\n\nassertThat(JSON.parse(sentBody)).isEqualTo({event_name:\
    \ 'purchase'});\n// Promise.all settles after runCode returns, even over a synchronous\
    \ thenable.\nassertApi('gtmOnFailure').wasNotCalled();\nrequire('callLater')(()\
    \ => assertApi('gtmOnFailure').wasCalled());"
setup: "const JSON = require('JSON');\n\nconst eventData = {event_name: 'purchase',\
  \ value: 42, currency: 'EUR', transaction_id: 'T-1'};\nconst mockData = {\n  urls:\
  \ [{url: 'https://hooks.example.com/a'}],\n  requestMethod: 'POST',\n  sendAllEventData:\
  \ true,\n  logType: 'always'\n};\n\nmock('getAllEventData', eventData);\nmock('getRequestHeader',\
  \ (name) => name === 'trace-id' ? 'trace-123' : undefined);\n\nconst requestLog\
  \ = (url) => JSON.stringify({Name: 'Webhook', Type: 'Request', TraceId: 'trace-123',\
  \ EventName: 'purchase', RequestMethod: 'POST', RequestUrl: url, RequestBody: eventData});"


___NOTES___

Created on 11/25/2026, 12:00:00


