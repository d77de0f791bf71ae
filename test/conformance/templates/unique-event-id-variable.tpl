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
  "displayName": "Unique Event ID Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Returns a unique event id, a stable hash, or the first cookie that is set.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SELECT",
    "name": "mode",
    "displayName": "Mode",
    "macrosInSelect": false,
    "selectItems": [
      {
        "value": "eventId",
        "displayValue": "Unique event id"
      },
      {
        "value": "hash",
        "displayValue": "Stable hash of the inputs"
      },
      {
        "value": "cookie",
        "displayValue": "First cookie that is set"
      },
      {
        "value": "path",
        "displayValue": "Deep value by key path"
      }
    ],
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "inputs",
    "displayName": "Inputs (comma separated)",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "noDecode",
    "checkboxText": "Do not URI-decode cookies",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getCookieValues = require('getCookieValues');
const getTimestampMillis = require('getTimestampMillis');
const generateRandom = require('generateRandom');
const templateDataStorage = require('templateDataStorage');
const getRequestHeader = require('getRequestHeader');
const getEventData = require('getEventData');
const makeString = require('makeString');
const getType = require('getType');

const inputs = (data.inputs || '').split(',').map((s) => s.trim()).filter((s) => s);

switch (data.mode) {
  case 'hash':
    return hashAll(inputs);
  case 'cookie':
    return firstCookie(inputs);
  case 'path':
    return deepGet(getEventData(inputs[0]), inputs.slice(1));
  case 'eventId':
  default:
    return eventId();
}

function hash32(str) {
  // charCodeAt is not in GTM's documented string methods, so codes come from a lookup string
  const CODES = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_\`abcdefghijklmnopqrstuvwxyz{|}~';
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h = h ^ (CODES.indexOf(str.charAt(i)) + 32);
    h = (h + ((h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24))) >>> 0;
  }
  return h >>> 0;
}

function hashAll(list) {
  const parts = [];
  for (let i = 0; i < list.length; i++) {
    parts.push(() => (hash32(list[i]) & 0xffff).toString(16));
  }
  const combined = hash32(list.join('|')).toString(36);
  return parts.map((part) => part()).join('-') + (parts.length ? ':' : '') + combined;
}

function eventId() {
  const counter = (function () {
    const current = templateDataStorage.getItemCopy('uid_counter') || 0;
    templateDataStorage.setItemCopy('uid_counter', current + 1);
    return current + 1;
  })();
  const traceId = getRequestHeader('trace-id');
  const time = getTimestampMillis();
  return join('_', time.toString(36), pad(generateRandom(0, 46655).toString(36), 3), counter, traceId);
}

function join(separator) {
  const out = [];
  for (let i = 1; i < arguments.length; i++) {
    if (arguments[i] !== undefined && arguments[i] !== '') out.push(arguments[i]);
  }
  return out.join(separator);
}

function pad(text, width) {
  return text.length >= width ? text : pad('0' + text, width);
}

function firstCookie(names) {
  let found;
  names.some((name) => {
    const value = getCookieValues(name, data.noDecode === true)[0];
    if (value) {
      found = {name: name, value: value};
      return true;
    }
    return false;
  });
  return found;
}

function deepGet(value, path) {
  if (path.length === 0 || value === undefined || value === null) return value;
  const key = path[0];
  const next = getType(value) === 'array' && key === 'last' ? value[value.length - 1] : value[key];
  return deepGet(next, path.slice(1));
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
          "key": "queryParameterAccess",
          "value": {
            "type": 1,
            "string": "any"
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
                    "string": "trace-id"
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
  },
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
                "string": "items"
              },
              {
                "type": 1,
                "string": "user_data"
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
        "publicId": "access_template_storage",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: Event ids combine base-36 time, padded random, a counter and the trace id
  code: "assertThat(runCode(mockData)).isEqualTo('loyw3v28_zzz_1_tr1');\nmock('generateRandom',\
    \ 35);\nassertThat(runCode(mockData)).isEqualTo('loyw3v28_00z_2_tr1');\nmock('getRequestHeader',\
    \ () => undefined);\nassertThat(runCode(mockData)).isEqualTo('loyw3v28_00z_3');"
- name: The counter starts again in a new scenario
  code: "assertThat(runCode(mockData)).isEqualTo('loyw3v28_zzz_1_tr1');"
- name: Hashes are stable 32-bit values in hex and base 36
  code: "mockData.mode = 'hash';\nmockData.inputs = 'a, hello world ,,';\n\nassertThat(runCode(mockData)).isEqualTo('292c-3fa7:19a5ea4');\n\
    mockData.inputs = '';\nassertThat(runCode(mockData)).isEqualTo('ztntfp');"
- name: The first cookie that is set wins, decoded unless noDecode
  code: "mockData.mode = 'cookie';\nmockData.inputs = '_fbc,_fbp,FPID';\nmock('getCookieValues',\
    \ (name, noDecode) => {\n  if (name === '_fbp') return [noDecode ? 'fb.1.a%20b'\
    \ : 'fb.1.a b', 'second'];\n  if (name === 'FPID') return ['never-read'];\n  return\
    \ [];\n});\n\nassertThat(runCode(mockData)).isEqualTo({name: '_fbp', value: 'fb.1.a\
    \ b'});\nmockData.noDecode = true;\nassertThat(runCode(mockData)).isEqualTo({name:\
    \ '_fbp', value: 'fb.1.a%20b'});\nassertApi('getCookieValues').wasNotCalledWith('FPID',\
    \ false);\nassertApi('getCookieValues').wasCalledWith('_fbc', true);"
- name: No cookie set gives undefined
  code: "mockData.mode = 'cookie';\nmockData.inputs = '_a,_b';\nmock('getCookieValues',\
    \ []);\n\nassertThat(runCode(mockData)).isUndefined();"
- name: Deep values are read recursively from event data
  code: "mockData.mode = 'path';\nmock('getEventData', (key) => key === 'items' ?\
    \ [{id: 'a', tags: ['x']}, {id: 'b', tags: ['y', 'z']}] : undefined);\n\nmockData.inputs\
    \ = 'items,last,tags,1';\nassertThat(runCode(mockData)).isEqualTo('z');\nmockData.inputs\
    \ = 'items,0';\nassertThat(runCode(mockData)).isEqualTo({id: 'a', tags: ['x']});\n\
    mockData.inputs = 'user_data,email';\nassertThat(runCode(mockData)).isUndefined();"
setup: "const mockData = {mode: 'eventId'};\n\nmock('getTimestampMillis', 1700000000000);\n\
  mock('generateRandom', (min, max) => max);\nmock('getRequestHeader', (name) => name\
  \ === 'trace-id' ? 'tr1' : undefined);"


___NOTES___

Created on 11/25/2026, 12:00:00


