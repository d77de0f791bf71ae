___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "CLIENT",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "Pixel Client Lookalike",
  "categories": [
    "ANALYTICS"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Claims pixel requests, turns their query into an event and answers with a transparent GIF.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "paths",
    "displayName": "Paths (comma separated)",
    "simpleValueType": true,
    "defaultValue": "/px,/pixel.gif"
  },
  {
    "type": "CHECKBOX",
    "name": "respondImmediately",
    "checkboxText": "Answer before the tags finish",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "defaultEventName",
    "displayName": "Event name when none is given",
    "simpleValueType": true,
    "defaultValue": "page_view"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestQueryParameters = require('getRequestQueryParameters');
const getRequestHeader = require('getRequestHeader');
const getRemoteAddress = require('getRemoteAddress');
const runContainer = require('runContainer');
const setPixelResponse = require('setPixelResponse');
const setResponseHeader = require('setResponseHeader');
const returnResponse = require('returnResponse');
const makeNumber = require('makeNumber');

const paths = (data.paths || '/px').split(',').map((p) => p.trim());
if (paths.indexOf(getRequestPath()) === -1) {
  return;
}
claimRequest();

const query = getRequestQueryParameters();
const event = {
  event_name: query.en || data.defaultEventName || 'page_view',
  page_location: query.dl || getRequestHeader('referer'),
  client_id: query.cid,
  ip_override: getRemoteAddress(),
  user_agent: getRequestHeader('user-agent')
};
if (query.v) event.value = makeNumber(query.v);

if (data.respondImmediately) {
  answer();
}
runContainer(event, () => {
  answer();
});

function answer() {
  setResponseHeader('Access-Control-Allow-Origin', getRequestHeader('origin') || '*');
  setPixelResponse();
  returnResponse();
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
            "string": "any"
          }
        },
        {
          "key": "headerAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        },
        {
          "key": "queryParameterAccess",
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
        "publicId": "run_container",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "return_response",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "access_response",
        "versionId": "1"
      },
      "param": [
        {
          "key": "writeResponseAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        },
        {
          "key": "writeHeaderAccess",
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
- name: Claims /px and answers when the container completes
  code: "runCode(mockData);\n\nassertApi('claimRequest').wasCalled();\nassertThat(events).isEqualTo([{event_name:\
    \ 'purchase', page_location: 'https://shop.example.com/thanks', client_id: '555.666',\
    \ ip_override: '198.51.100.7', user_agent: 'UA/1', value: 19.9}]);\nassertApi('returnResponse').wasNotCalled();\n\
    completes[0]();\nassertApi('setPixelResponse').wasCalled();\nassertApi('returnResponse').wasCalled();\n\
    assertApi('setResponseHeader').wasCalledWith('Access-Control-Allow-Origin', 'https://shop.example.com');"
- name: 'Several requests in one scenario: unclaimed path, then two pixels'
  code: "path = '/other';\nrunCode(mockData);\nassertApi('claimRequest').wasNotCalled();\n\
    \npath = '/pixel.gif';\nquery = {cid: '1.1'};\nrunCode(mockData);\ncompletes[0]();\n\
    \npath = '/px';\nquery = {en: 'scroll', cid: '1.1'};\nrunCode(mockData);\ncompletes[1]();\n\
    \nassertThat(events.map((e) => e.event_name)).isEqualTo(['page_view', 'scroll']);\n\
    assertThat(events[0].page_location).isEqualTo('https://shop.example.com/');\n\
    assertThat(events[0].value).isUndefined();\nassertApi('claimRequest').wasCalled();\n\
    assertApi('returnResponse').wasCalled();"
- name: Answers at once and again on completion (a second returnResponse)
  code: "mockData.respondImmediately = true;\n\nrunCode(mockData);\nassertApi('returnResponse').wasCalled();\n\
    completes[0]();\n\nrunCode(mockData);\ncompletes[1]();\n\nassertThat(events).hasLength(2);"
- name: A real runContainer completes the request too
  code: "mock('runContainer', (event, onComplete) => {\n  events.push(event);\n  require('callLater')(onComplete);\n\
    });\n\nrunCode(mockData);\n\nrequire('callLater')(() => {\n  assertApi('returnResponse').wasCalled();\n\
    \  assertThat(events).hasLength(1);\n});"
- name: A wrong default event name fails
  code: "query = {};\n\nrunCode(mockData);\n\nassertThat(events[0].event_name).isEqualTo('pageview');"
setup: "let path = '/px';\nlet query = {en: 'purchase', dl: 'https://shop.example.com/thanks',\
  \ cid: '555.666', v: '19.90'};\nconst events = [];\nlet completes = [];\n\nmock('getRequestPath',\
  \ () => path);\nmock('getRequestQueryParameters', () => query);\nmock('getRequestHeader',\
  \ (name) => ({referer: 'https://shop.example.com/', 'user-agent': 'UA/1', origin:\
  \ 'https://shop.example.com'})[name]);\nmock('getRemoteAddress', '198.51.100.7');\n\
  mock('runContainer', (event, onComplete) => {\n  events.push(event);\n  completes.push(onComplete);\n\
  });\n\nconst mockData = {paths: '/px, /pixel.gif', respondImmediately: false, defaultEventName:\
  \ 'page_view'};"


___NOTES___

Created on 11/25/2026, 12:00:00


