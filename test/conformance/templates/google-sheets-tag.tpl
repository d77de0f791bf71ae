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
  "displayName": "Google Sheets Lookalike",
  "categories": [
    "UTILITY",
    "DATA_WAREHOUSING"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Appends the event as a row to a Google Sheet.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "spreadsheetId",
    "displayName": "Spreadsheet id",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "range",
    "displayName": "Sheet range",
    "simpleValueType": true,
    "defaultValue": "Sheet1!A1"
  },
  {
    "type": "SIMPLE_TABLE",
    "name": "cells",
    "displayName": "Cells",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Value",
        "name": "value",
        "type": "TEXT"
      }
    ]
  },
  {
    "type": "CHECKBOX",
    "name": "logRequests",
    "checkboxText": "Log requests",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const sendHttpRequest = require('sendHttpRequest');
const getGoogleAuth = require('getGoogleAuth');
const encodeUriComponent = require('encodeUriComponent');
const logToConsole = require('logToConsole');
const JSON = require('JSON');

const auth = getGoogleAuth({scopes: ['https://www.googleapis.com/auth/spreadsheets']});
const url = 'https://sheets.googleapis.com/v4/spreadsheets/' + encodeUriComponent(data.spreadsheetId) +
  '/values/' + encodeUriComponent(data.range || 'Sheet1!A1') + ':append?valueInputOption=USER_ENTERED';
const body = JSON.stringify({values: [(data.cells || []).map((c) => c.value)]});

if (data.logRequests) logToConsole('sheets request', url, body);

sendHttpRequest(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, authorization: auth}, body).then((response) => {
  if (data.logRequests) logToConsole('sheets response', response.statusCode);
  if (response.statusCode >= 200 && response.statusCode < 300) data.gtmOnSuccess();
  else data.gtmOnFailure();
}, () => data.gtmOnFailure());


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "use_google_credentials",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedScopes",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "https://www.googleapis.com/auth/spreadsheets"
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
                "string": "https://sheets.googleapis.com/"
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
- name: Appends the row, signed with the service account
  code: "mockSheets(200);\nrunCode(mockData);\n\nassertThat(captured.url).isEqualTo(URL);\n\
    assertThat(JSON.parse(captured.body)).isEqualTo({values: [['lead', '42']]});\n\
    assertThat(captured.options).isEqualTo({\n  method: 'POST',\n  headers: {'Content-Type':\
    \ 'application/json'},\n  authorization: getGoogleAuth({scopes: ['https://www.googleapis.com/auth/spreadsheets']})\n\
    });\nassertApi('getGoogleAuth').wasCalledWith({scopes: ['https://www.googleapis.com/auth/spreadsheets']});\n\
    callLater(() => assertApi('gtmOnSuccess').wasCalled());"
- name: A 403 from Sheets fails the tag and is logged
  code: "mockSheets(403);\n\nrunCode(mockData);\n\ncallLater(() => {\n  assertApi('gtmOnFailure').wasCalled();\n\
    \  assertApi('logToConsole').wasCalledWith('sheets response', 403);\n});"
- name: 'Unmocked: only the request log is asserted'
  code: "runCode(mockData);\n\nassertApi('logToConsole').wasCalledWith('sheets request',\
    \ URL, '{\"values\":[[\"lead\",\"42\"]]}');"
setup: "const Promise = require('Promise');\nconst JSON = require('JSON');\nconst\
  \ callLater = require('callLater');\nconst getGoogleAuth = require('getGoogleAuth');\n\
  \nconst URL = 'https://sheets.googleapis.com/v4/spreadsheets/sheet-1/values/Leads!A1:append?valueInputOption=USER_ENTERED';\n\
  const mockData = {spreadsheetId: 'sheet-1', range: 'Leads!A1', cells: [{value: 'lead'},\
  \ {value: '42'}], logRequests: true};\nlet captured;\nconst mockSheets = (statusCode)\
  \ => mock('sendHttpRequest', (url, options, body) => {\n  captured = {url: url,\
  \ options: options, body: body};\n  return Promise.create((resolve) => resolve({statusCode:\
  \ statusCode, body: '{}'}));\n});"


___NOTES___

Created on 11/25/2026, 12:00:00


