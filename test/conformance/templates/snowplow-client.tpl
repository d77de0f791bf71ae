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
  "displayName": "Snowplow Client Lookalike",
  "categories": [
    "ANALYTICS"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Claims Snowplow tracker requests and runs the container for each event.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "pixelPath",
    "displayName": "Pixel path",
    "simpleValueType": true,
    "defaultValue": "/i"
  },
  {
    "type": "TEXT",
    "name": "postPath",
    "displayName": "POST path",
    "simpleValueType": true,
    "defaultValue": "/com.snowplowanalytics.snowplow/tp2"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestQueryParameters = require('getRequestQueryParameters');
const getRequestBody = require('getRequestBody');
const getRequestHeader = require('getRequestHeader');
const runContainer = require('runContainer');
const returnResponse = require('returnResponse');
const setPixelResponse = require('setPixelResponse');
const setResponseBody = require('setResponseBody');
const setResponseStatus = require('setResponseStatus');
const setResponseHeader = require('setResponseHeader');
const fromBase64 = require('fromBase64');
const createRegex = require('createRegex');
const JSON = require('JSON');
const makeNumber = require('makeNumber');
const getType = require('getType');
const Promise = require('Promise');

const path = getRequestPath();
let payloads;
if (path === data.pixelPath) {
  payloads = [getRequestQueryParameters()];
} else if (path === data.postPath) {
  const body = JSON.parse(getRequestBody() || '');
  payloads = body && getType(body.data) === 'array' ? body.data : [];
} else {
  return;
}

claimRequest();

const runs = payloads.map((payload) => Promise.create((resolve) => {
  runContainer(toEvent(payload), resolve);
}));

Promise.all(runs).then(() => {
  if (path === data.pixelPath) {
    setPixelResponse();
  } else {
    setResponseStatus(200);
    setResponseHeader('content-type', 'application/json');
    setResponseBody(JSON.stringify({events: runs.length}));
  }
  returnResponse();
});

function toEvent(p) {
  const eventTypes = {pv: 'page_view', pp: 'page_ping', se: 'struct_event', ue: 'unstruct_event', tr: 'transaction'};
  const event = {
    event_name: eventTypes[p.e] || p.e,
    client_id: p.duid,
    user_id: p.uid,
    page_location: p.url,
    page_title: p.page,
    page_referrer: p.refr,
    language: p.lang,
    user_agent: getRequestHeader('user-agent'),
    'x-sp-app_id': p.aid,
    'x-sp-platform': p.p
  };
  if (p.e === 'se') {
    event.event_name = p.se_ac || 'struct_event';
    event.event_category = p.se_ca;
    if (p.se_va !== undefined) event.value = makeNumber(p.se_va);
  }
  const contexts = decodeJson(p.cx) || (p.co ? JSON.parse(p.co) : undefined);
  if (contexts && getType(contexts.data) === 'array') {
    contexts.data.forEach((context) => {
      const name = context.schema.split('/')[1];
      event['x-sp-contexts_' + name.split('.').join('_')] = context.data;
    });
  }
  const unstructured = decodeJson(p.ue_px) || (p.ue_pr ? JSON.parse(p.ue_pr) : undefined);
  if (unstructured && unstructured.data) {
    const inner = unstructured.data;
    event.event_name = inner.schema.split('/')[1];
    event['x-sp-self_describing_event'] = inner.data;
  }
  return event;
}

function decodeJson(base64url) {
  if (!base64url) return undefined;
  let text = base64url.replace(createRegex('-', 'g'), '+').replace(createRegex('_', 'g'), '/');
  while (text.length % 4 !== 0) text = text + '=';
  const decoded = fromBase64(text);
  return decoded === undefined ? undefined : JSON.parse(decoded);
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
- name: A pixel page view with a base64url context answers with the pixel
  code: |-
    runCode(mockData);

    assertThat(query.cx.indexOf('=')).isEqualTo(-1);
    assertThat(query.cx.indexOf('_')).isGreaterThan(-1);
    assertThat(base64url(selfDescribing).indexOf('-')).isGreaterThan(-1);
    callLater(() => callLater(() => {
      assertThat(events).isEqualTo([{
        event_name: 'page_view',
        client_id: 'd-1',
        user_id: undefined,
        page_location: 'https://shop.example.com/',
        page_title: 'Home',
        page_referrer: undefined,
        language: undefined,
        user_agent: 'UA',
        'x-sp-app_id': 'shop',
        'x-sp-platform': 'web',
        'x-sp-contexts_user': {plan: 'pro?>'}
      }]);
      assertApi('setPixelResponse').wasCalled();
      assertApi('returnResponse').wasCalled();
    }));
- name: A POST batch runs every event and answers with a JSON count
  code: |-
    path = '/com.snowplowanalytics.snowplow/tp2';
    body = JSON.stringify({schema: 'iglu:payload_data', data: [
      {e: 'se', se_ca: 'video', se_ac: 'play', se_va: '12.5', duid: 'd-2'},
      {e: 'ue', ue_px: base64url(selfDescribing), duid: 'd-2'},
      {e: 'ue', ue_pr: JSON.stringify(selfDescribing), co: JSON.stringify(context), duid: 'd-2'}
    ]});

    runCode(mockData);

    callLater(() => callLater(() => {
      assertThat(events.map((e) => e.event_name)).isEqualTo(['play', 'link_click', 'link_click']);
      assertThat(events[0].value).isStrictlyEqualTo(12.5);
      assertThat(events[0].event_category).isEqualTo('video');
      assertThat(events[1]['x-sp-self_describing_event']).isEqualTo({target: 'https://x.example/?a=1&b=2~'});
      assertThat(events[2]['x-sp-contexts_user']).isEqualTo({plan: 'pro?>'});
      assertApi('setResponseStatus').wasCalledWith(200);
      assertApi('setResponseBody').wasCalledWith('{"events":3}');
      assertApi('setPixelResponse').wasNotCalled();
    }));
- name: The response is not returned before every container run completes
  code: |-
    runCode(mockData);

    assertApi('claimRequest').wasCalled();
    assertApi('returnResponse').wasNotCalled();
- name: Other paths are left to other clients
  code: |-
    path = '/g/collect';

    runCode(mockData);

    assertApi('claimRequest').wasNotCalled();
    assertApi('getRequestQueryParameters').wasNotCalled();
setup: |-
  const JSON = require('JSON');
  const toBase64 = require('toBase64');
  const callLater = require('callLater');

  const mockData = {pixelPath: '/i', postPath: '/com.snowplowanalytics.snowplow/tp2'};

  function base64url(value) {
    return toBase64(JSON.stringify(value), {urlEncoding: true});
  }

  const context = {schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0', data: [{schema: 'iglu:com.acme/user/jsonschema/1-0-0', data: {plan: 'pro?>'}}]};
  const selfDescribing = {schema: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0', data: {schema: 'iglu:com.acme/link_click/jsonschema/1-0-0', data: {target: 'https://x.example/?a=1&b=2~'}}};

  let path = '/i';
  let query = {e: 'pv', duid: 'd-1', aid: 'shop', p: 'web', url: 'https://shop.example.com/', page: 'Home', cx: base64url(context)};
  let body;
  mock('getRequestPath', () => path);
  mock('getRequestQueryParameters', () => query);
  mock('getRequestBody', () => body);
  mock('getRequestHeader', (name) => name === 'user-agent' ? 'UA' : undefined);

  const events = [];
  mock('runContainer', (event, onComplete) => {
    events.push(event);
    callLater(onComplete);
  });


___NOTES___

Created on 11/25/2026, 12:00:00


