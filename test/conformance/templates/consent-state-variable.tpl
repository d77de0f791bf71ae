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
  "displayName": "Consent State Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Returns the Google Consent Mode state of the event.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SELECT",
    "name": "output",
    "displayName": "Return",
    "macrosInSelect": false,
    "selectItems": [
      {
        "value": "ad_storage",
        "displayValue": "ad_storage granted (boolean)"
      },
      {
        "value": "analytics_storage",
        "displayValue": "analytics_storage granted (boolean)"
      },
      {
        "value": "object",
        "displayValue": "Both, as an object"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "ad_storage"
  },
  {
    "type": "CHECKBOX",
    "name": "grantedWhenUnknown",
    "checkboxText": "Treat a missing state as granted",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getEventData = require('getEventData');
const getRequestQueryParameter = require('getRequestQueryParameter');
const makeString = require('makeString');

const raw = makeString(getEventData('x-ga-gcs') || getRequestQueryParameter('gcs') || '');
const known = raw.length === 4 && raw.charAt(0) === 'G';
const unknown = !!data.grantedWhenUnknown;

const state = {
  ad_storage: known ? raw.charAt(2) === '1' : unknown,
  analytics_storage: known ? raw.charAt(3) === '1' : unknown,
  source: known ? (getEventData('x-ga-gcs') ? 'event' : 'query') : 'none'
};

if (data.output === 'object') return state;
if (data.output === 'analytics_storage') return state.analytics_storage;
return state.ad_storage;


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
                "string": "x-ga-gcs"
              },
              {
                "type": 1,
                "string": "x-ga-*"
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
          "key": "queryParameterAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "queryParameters",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "gcs"
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
- name: G111 grants both
  code: "assertThat(runCode(mockData)).isTrue();\nmockData.output = 'analytics_storage';\n\
    assertThat(runCode(mockData)).isTrue();\nmockData.output = 'object';\nassertThat(runCode(mockData)).isEqualTo({ad_storage:\
    \ true, analytics_storage: true, source: 'event'});"
- name: G101 denies ads and grants analytics
  code: "gcs = 'G101';\nassertThat(runCode(mockData)).isFalse();\nmockData.output\
    \ = 'analytics_storage';\nassertThat(runCode(mockData)).isTrue();"
- name: Falls back to the gcs query parameter
  code: "gcs = undefined;\nqueryGcs = 'G110';\nmockData.output = 'object';\nassertThat(runCode(mockData)).isEqualTo({ad_storage:\
    \ true, analytics_storage: false, source: 'query'});\nassertApi('getRequestQueryParameter').wasCalledWith('gcs');"
- name: Unknown state uses the setting
  code: "gcs = 'junk';\nassertThat(runCode(mockData)).isFalse();\nmockData.grantedWhenUnknown\
    \ = true;\nassertThat(runCode(mockData)).isTrue();\nmockData.output = 'object';\n\
    assertThat(runCode(mockData).source).isEqualTo('none');"
- name: The mock's fallback reads real (empty) event data
  code: "assertThat(realGetEventData('page_location')).isUndefined();\ngcs = '';\n\
    assertThat(runCode(mockData)).isFalse();"
setup: "const realGetEventData = require('getEventData');\nlet gcs = 'G111';\nmock('getEventData',\
  \ function (key) {\n  if (key === 'x-ga-gcs') return gcs;\n  return realGetEventData(key);\n\
  });\nlet queryGcs;\nmock('getRequestQueryParameter', (name) => name === 'gcs' ?\
  \ queryGcs : undefined);\n\nconst mockData = {output: 'ad_storage', grantedWhenUnknown:\
  \ false};"


___NOTES___

Created on 11/25/2026, 12:00:00


