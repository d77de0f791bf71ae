___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


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
  "displayName": "Cookie Keeper Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Re-sets selected first-party cookies from the server with a long expiry.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SIMPLE_TABLE",
    "name": "cookies",
    "displayName": "Cookies",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Name",
        "name": "name",
        "type": "TEXT",
        "isUnique": true
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "lifetimeDays",
    "displayName": "Lifetime (days)",
    "simpleValueType": true,
    "defaultValue": "395"
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getCookieValues = require('getCookieValues');
const setCookie = require('setCookie');
const makeInteger = require('makeInteger');
const logToConsole = require('logToConsole');

const days = makeInteger(data.lifetimeDays || '395');
const maxAge = (days > 0 ? days : 395) * 24 * 60 * 60;
let restored = 0;
(data.cookies || []).forEach((row) => {
  const value = getCookieValues(row.name, true)[0];
  if (!value) return;
  setCookie(row.name, value, {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': maxAge, httpOnly: false}, true);
  restored++;
});
logToConsole('cookie keeper: restored ' + restored + ' cookie(s)');
data.gtmOnSuccess();


___SERVER_PERMISSIONS___

[
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
        "publicId": "set_cookies",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedCookies",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "name"
                  },
                  {
                    "type": 1,
                    "string": "domain"
                  },
                  {
                    "type": 1,
                    "string": "path"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "session"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "any"
                  },
                  {
                    "type": 1,
                    "string": "any"
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
  }
]


___TESTS___

scenarios:
- name: Restores the cookies that are present
  code: "runCode(mockData);\n\nconst options = {domain: 'auto', path: '/', samesite:\
    \ 'Lax', secure: true, 'max-age': 34560000, httpOnly: false};\nassertApi('setCookie').wasCalledWith('_fbp',\
    \ 'fb.1.1700000000000.123', options, true);\nassertApi('setCookie').wasCalledWith('_ga',\
    \ 'GA1.1.111.222', options, true);\nassertApi('setCookie').wasNotCalledWith('_gcl_aw',\
    \ '', options, true);\nassertApi('getCookieValues').wasCalledWith('_ttp', true);\n\
    assertApi('logToConsole').wasCalledWith('cookie keeper: restored 2 cookie(s)');\n\
    assertApi('gtmOnSuccess').wasCalled();"
- name: A bad lifetime falls back to 395 days
  code: "mockData.lifetimeDays = 'soon';\nmockData.cookies = [{name: '_fbp'}];\n\n\
    runCode(mockData);\n\nassertApi('setCookie').wasCalledWith('_fbp', 'fb.1.1700000000000.123',\
    \ {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': 34128000,\
    \ httpOnly: false}, true);"
- name: Unmocked setCookie really sets the cookie
  code: "mockData.cookies = [{name: '_ga'}];\nrunCode(mockData);\nassertApi('setCookie').wasCalled();"
setup: "const cookies = {_fbp: 'fb.1.1700000000000.123', _ga: 'GA1.1.111.222', _gcl_aw:\
  \ ''};\nmock('getCookieValues', (name, noDecode) => cookies[name] ? [cookies[name]]\
  \ : []);\nconst mockData = {cookies: [{name: '_fbp'}, {name: '_ga'}, {name: '_gcl_aw'},\
  \ {name: '_ttp'}], lifetimeDays: '400'};"


___NOTES___

Created on 11/25/2026, 12:00:00


