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
  "displayName": "Event Logger Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Logs the event data and selected request headers to the console.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "CHECKBOX",
    "name": "logEventData",
    "checkboxText": "Log event data",
    "simpleValueType": true,
    "defaultValue": true
  },
  {
    "type": "SIMPLE_TABLE",
    "name": "headers",
    "displayName": "Request headers to log",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Header",
        "name": "name",
        "type": "TEXT"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "maskKeys",
    "displayName": "Event data keys to mask (comma separated)",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "onlyInPreview",
    "checkboxText": "Only in preview",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getAllEventData = require('getAllEventData');
const getRequestHeader = require('getRequestHeader');
const getContainerVersion = require('getContainerVersion');
const logToConsole = require('logToConsole');
const JSON = require('JSON');
const Object = require('Object');

if (data.onlyInPreview && !getContainerVersion().previewMode) {
  return data.gtmOnSuccess();
}

const line = {Name: 'Logger'};
if (data.logEventData) {
  line.EventData = mask(getAllEventData(), (data.maskKeys || '').split(',').map((k) => k.trim()).filter((k) => k !== ''));
}
const headerRows = data.headers || [];
if (headerRows.length > 0) {
  line.Headers = {};
  headerRows.forEach((row) => {
    const value = getRequestHeader(row.name);
    if (value !== undefined) line.Headers[row.name] = value;
  });
}
logToConsole(JSON.stringify(line));
data.gtmOnSuccess();

function mask(source, keys) {
  const out = {};
  Object.keys(source).forEach((key) => {
    out[key] = keys.indexOf(key) === -1 ? source[key] : '***';
  });
  return out;
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
  }
]


___TESTS___

scenarios:
- name: Logs event data with masked keys and the chosen headers
  code: |-
    runCode(mockData);

    assertThat(logged).hasLength(1);
    assertThat(JSON.parse(logged[0])).isEqualTo({
      Name: 'Logger',
      EventData: {event_name: 'sign_up', user_id: 'u-1', email: '***'},
      Headers: {'user-agent': 'Mozilla/5.0'}
    });
    assertApi('logToConsole').wasCalledWith(logged[0]);
    assertApi('gtmOnSuccess').wasCalled();
- name: Headers only
  code: |-
    mockData.logEventData = false;
    mockData.headers = [{name: 'x-forwarded-for'}];

    runCode(mockData);

    assertThat(logged).isEqualTo(['{"Name":"Logger","Headers":{"x-forwarded-for":"203.0.113.1"}}']);
- name: Runs three times, one line each
  code: |-
    runCode(mockData);
    runCode(mockData);
    mockData.headers = [];
    runCode(mockData);

    assertThat(logged).hasLength(3);
    assertThat(JSON.parse(logged[2]).Headers).isUndefined();
    assertApi('gtmOnSuccess').wasCalled();
- name: 'Only in preview: logs in preview'
  code: |-
    mockData.onlyInPreview = true;
    mock('getContainerVersion', {previewMode: true, debugMode: true, containerId: 'GTM-TEST'});

    runCode(mockData);

    assertThat(logged).hasLength(1);
- name: Outside preview nothing is logged
  code: |-
    mockData.onlyInPreview = true;
    mock('getContainerVersion', {previewMode: false, debugMode: false});

    runCode(mockData);

    assertApi('logToConsole').wasNotCalled();
    assertThat(logged).isEmpty();
    assertApi('gtmOnSuccess').wasCalled();
- name: A wrong expectation about the logged line fails
  code: |-
    mockData.logEventData = false;
    mockData.headers = [{name: 'x-forwarded-for'}];

    runCode(mockData);

    assertThat(logged).isEqualTo([]);
setup: |-
  const JSON = require('JSON');
  const log = require('logToConsole');

  const logged = [];
  mock('logToConsole', function () {
    logged.push(arguments[0]);
    log(arguments[0]);
  });
  mock('getAllEventData', {event_name: 'sign_up', user_id: 'u-1', email: 'someone@example.com'});
  mock('getRequestHeader', (name) => ({'user-agent': 'Mozilla/5.0', 'x-forwarded-for': '203.0.113.1'})[name]);

  const mockData = {logEventData: true, headers: [{name: 'user-agent'}, {name: 'x-missing'}], maskKeys: 'email, phone'};


___NOTES___

Created on 11/25/2026, 12:00:00


