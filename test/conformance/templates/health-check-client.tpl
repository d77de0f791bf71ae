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
  "displayName": "Health Check Client Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Answers uptime checks without running the container.",
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
    "defaultValue": "/healthz,/ready"
  },
  {
    "type": "CHECKBOX",
    "name": "includeVersion",
    "checkboxText": "Include the container version",
    "simpleValueType": true,
    "defaultValue": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestMethod = require('getRequestMethod');
const getContainerVersion = require('getContainerVersion');
const setResponseStatus = require('setResponseStatus');
const setResponseHeader = require('setResponseHeader');
const setResponseBody = require('setResponseBody');
const returnResponse = require('returnResponse');
const JSON = require('JSON');

const paths = (data.paths || '/healthz').split(',').map((p) => p.trim());
const path = getRequestPath();
if (paths.indexOf(path) === -1) return;
claimRequest();

const method = getRequestMethod();
if (method !== 'GET' && method !== 'HEAD') {
  setResponseStatus(405);
  setResponseHeader('allow', 'GET, HEAD');
  returnResponse();
  return;
}
const body = {status: 'ok', path: path};
if (data.includeVersion) {
  const version = getContainerVersion();
  body.container = version.containerId;
  body.version = version.version;
}
setResponseStatus(200);
setResponseHeader('cache-control', 'no-store');
setResponseHeader('content-type', 'application/json');
setResponseBody(JSON.stringify(body));
returnResponse();


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
          "key": "pathAllowed",
          "value": {
            "type": 8,
            "boolean": true
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
          "key": "queryParameterAccess",
          "value": {
            "type": 1,
            "string": "specific"
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
- name: Answers both paths and ignores the rest, in one scenario
  code: "runCode(mockData);\npath = '/ready';\nrunCode(mockData);\npath = '/g/collect';\n\
    runCode(mockData);\npath = '/healthz';\nmethod = 'HEAD';\nrunCode(mockData);\n\
    \nassertThat(statuses).isEqualTo([200, 200, 200]);\nassertThat(bodies).isEqualTo([\n\
    \  {status: 'ok', path: '/healthz', container: 'GTM-ABC123', version: '42'},\n\
    \  {status: 'ok', path: '/ready', container: 'GTM-ABC123', version: '42'},\n \
    \ {status: 'ok', path: '/healthz', container: 'GTM-ABC123', version: '42'}\n]);\n\
    assertApi('returnResponse').wasCalled();"
- name: POST gets 405 with an Allow header, then a GET works
  code: "method = 'POST';\nrunCode(mockData);\nmethod = 'GET';\nrunCode(mockData);\n\
    \nassertThat(statuses).isEqualTo([405, 200]);\nassertApi('setResponseHeader').wasCalledWith('allow',\
    \ 'GET, HEAD');\nassertThat(bodies).hasLength(1);"
- name: Without the version
  code: "mockData.includeVersion = false;\nrunCode(mockData);\nassertThat(bodies[0]).isEqualTo({status:\
    \ 'ok', path: '/healthz'});\nassertApi('getContainerVersion').wasNotCalled();"
setup: "const JSON = require('JSON');\nlet path = '/healthz';\nlet method = 'GET';\n\
  const bodies = [];\nconst statuses = [];\nmock('getRequestPath', () => path);\n\
  mock('getRequestMethod', () => method);\nmock('getContainerVersion', {containerId:\
  \ 'GTM-ABC123', version: '42', previewMode: false, debugMode: false, environmentMode:\
  \ false, environmentName: ''});\nmock('setResponseBody', (body) => bodies.push(JSON.parse(body)));\n\
  mock('setResponseStatus', (status) => statuses.push(status));\nconst mockData =\
  \ {paths: '/healthz, /ready', includeVersion: true};"


___NOTES___

Created on 11/25/2026, 12:00:00


