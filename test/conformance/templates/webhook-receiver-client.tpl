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
  "displayName": "Webhook Receiver Client Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Turns authenticated webhook calls into events.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "pathPrefix",
    "displayName": "Path prefix",
    "simpleValueType": true,
    "defaultValue": "/webhook/"
  },
  {
    "type": "TEXT",
    "name": "secret",
    "displayName": "Shared secret (X-Webhook-Secret header)",
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "eventNameKey",
    "displayName": "Item key holding the event name",
    "simpleValueType": true,
    "defaultValue": "type"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestMethod = require('getRequestMethod');
const getRequestHeader = require('getRequestHeader');
const getRequestBody = require('getRequestBody');
const runContainer = require('runContainer');
const setResponseStatus = require('setResponseStatus');
const setResponseBody = require('setResponseBody');
const setResponseHeader = require('setResponseHeader');
const returnResponse = require('returnResponse');
const getType = require('getType');
const JSON = require('JSON');
const Promise = require('Promise');

const prefix = data.pathPrefix || '/webhook/';
const path = getRequestPath();
if (getRequestMethod() !== 'POST' || path.indexOf(prefix) !== 0) {
  return;
}
claimRequest();

if (!data.secret || getRequestHeader('x-webhook-secret') !== data.secret) {
  respond(401, {error: 'unauthorized'});
  return;
}

const parsed = JSON.parse(getRequestBody() || '');
if (getType(parsed) !== 'object' && getType(parsed) !== 'array') {
  respond(400, {error: 'body is not JSON'});
  return;
}
const items = getType(parsed) === 'array' ? parsed : [parsed];
const source = path.substring(prefix.length) || 'default';
const key = data.eventNameKey || 'type';

Promise.all(items.map((item) => Promise.create((resolve) => {
  const event = {event_name: item[key] || 'webhook', webhook_source: source};
  for (const k in item) {
    if (k !== key) event[k] = item[k];
  }
  runContainer(event, resolve);
}))).then(() => {
  respond(200, {received: items.length});
});

function respond(status, body) {
  setResponseStatus(status);
  setResponseHeader('content-type', 'application/json');
  setResponseBody(JSON.stringify(body));
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
- name: A bad secret gets 401, then a good one runs the container (two requests)
  code: |-
    secret = 'wrong';
    runCode(mockData);
    assertThat(events).isEmpty();

    secret = 's3cret';
    runCode(mockData);

    callLater(() => {
      assertThat(answers).isEqualTo([{status: 401, body: {error: 'unauthorized'}}, {status: 200, body: {received: 1}}]);
      assertThat(events).isEqualTo([{event_name: 'lead_created', webhook_source: 'crm', lead_id: 'L-9', value: 100}]);
      assertApi('claimRequest').wasCalled();
    });
- name: An array body runs one event per item and answers once
  code: |-
    body = JSON.stringify([{type: 'order_paid', id: 1}, {id: 2}]);
    path = '/webhook/';

    runCode(mockData);

    callLater(() => {
      assertThat(events.map((e) => e.event_name)).isEqualTo(['order_paid', 'webhook']);
      assertThat(events[1].webhook_source).isEqualTo('default');
      assertThat(answers).hasLength(1);
      assertThat(answers[0].body.received).isEqualTo(2);
    });
- name: 'Three requests: not JSON, other path, good'
  code: |-
    body = 'not json';
    runCode(mockData);
    path = '/other';
    runCode(mockData);
    path = '/webhook/shop';
    body = '{"type":"refund"}';
    runCode(mockData);

    callLater(() => {
      assertThat(answers).isEqualTo([{status: 400, body: {error: 'body is not JSON'}}, {status: 200, body: {received: 1}}]);
      assertThat(events).isEqualTo([{event_name: 'refund', webhook_source: 'shop'}]);
    });
- name: No secret configured refuses every call
  code: |-
    mockData.secret = '';
    runCode(mockData);
    runCode(mockData);

    assertThat(answers.map((a) => a.status)).isEqualTo([401, 401]);
    assertApi('runContainer').wasNotCalled();
setup: |-
  const JSON = require('JSON');
  const callLater = require('callLater');

  let path = '/webhook/crm';
  let secret = 's3cret';
  let body = '{"type":"lead_created","lead_id":"L-9","value":100}';
  const events = [];
  const answers = [];
  let lastStatus;

  mock('getRequestPath', () => path);
  mock('getRequestMethod', 'POST');
  mock('getRequestHeader', (name) => name === 'x-webhook-secret' ? secret : undefined);
  mock('getRequestBody', () => body);
  mock('runContainer', (event, onComplete) => {
    events.push(event);
    onComplete();
  });
  mock('setResponseStatus', (status) => {
    lastStatus = status;
  });
  mock('setResponseBody', (text) => {
    answers.push({status: lastStatus, body: JSON.parse(text)});
  });

  const mockData = {pathPrefix: '/webhook/', secret: 's3cret', eventNameKey: 'type'};


___NOTES___

Created on 11/25/2026, 12:00:00


