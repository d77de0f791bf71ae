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
  "displayName": "CRM Lead Lookalike",
  "categories": [
    "LEAD_GENERATION"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Creates a CRM contact for every generate_lead event.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "portalId",
    "displayName": "Portal id",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "formId",
    "displayName": "Form id",
    "simpleValueType": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      }
    ]
  },
  {
    "type": "CHECKBOX",
    "name": "debug",
    "checkboxText": "Log requests and responses",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

const sendHttpRequest = require('sendHttpRequest');
const getEventData = require('getEventData');
const logToConsole = require('logToConsole');
const encodeUriComponent = require('encodeUriComponent');
const JSON = require('JSON');

if (getEventData('event_name') !== 'generate_lead') {
  if (data.debug) logToConsole('crm: skipped ' + getEventData('event_name'));
  return data.gtmOnSuccess();
}
const email = getEventData('user_data.email_address') || getEventData('email');
if (!email) {
  logToConsole('crm: no email, no contact');
  return data.gtmOnFailure();
}
const fields = [{name: 'email', value: email}];
const firstName = getEventData('user_data.address.first_name');
if (firstName) fields.push({name: 'firstname', value: firstName});
const url = 'https://api.crm.example.com/submissions/v3/integration/submit/' + encodeUriComponent(data.portalId) + '/' + encodeUriComponent(data.formId);
const body = JSON.stringify({fields: fields, context: {pageUri: getEventData('page_location')}});
if (data.debug) logToConsole('crm: request', url, fields.length + ' field(s)');

sendHttpRequest(url, (statusCode, headers, response) => {
  if (data.debug) logToConsole('crm: response', statusCode);
  if (statusCode >= 200 && statusCode < 300) data.gtmOnSuccess();
  else data.gtmOnFailure();
}, {method: 'POST', headers: {'Content-Type': 'application/json'}, timeout: 3000}, body);


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
                "string": "https://api.crm.example.com/submissions/*"
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
- name: Logs the request (sendHttpRequest not mocked)
  code: |-
    runCode(mockData);

    assertApi('logToConsole').wasCalledWith('crm: request', URL, '2 field(s)');
    assertApi('logToConsole').wasNotCalledWith('crm: no email, no contact');
    assertApi('getEventData').wasCalledWith('user_data.email_address');
- name: Redeclares mockData with other ids (sendHttpRequest not mocked)
  code: |-
    const mockData = {portalId: '9', formId: 'form 1', debug: true};

    runCode(mockData);

    assertApi('logToConsole').wasCalledWith('crm: request', 'https://api.crm.example.com/submissions/v3/integration/submit/9/form%201', '2 field(s)');
- name: Other events are skipped
  code: |-
    eventData.event_name = 'page_view';

    runCode(mockData);

    assertApi('logToConsole').wasCalledWith('crm: skipped page_view');
    assertApi('sendHttpRequest').wasNotCalled();
    assertApi('gtmOnSuccess').wasCalled();
- name: No email fails without a request
  code: |-
    eventData['user_data.email_address'] = undefined;

    runCode(mockData);

    assertApi('gtmOnFailure').wasCalled();
    assertApi('sendHttpRequest').wasNotCalled();
- name: Mocked 200 answers with success and logs the status
  code: |-
    mock('sendHttpRequest', function (url, callback, options, body) {
      assertThat(require('JSON').parse(body)).isEqualTo({fields: [{name: 'email', value: 'lead@example.com'}, {name: 'firstname', value: 'Ada'}], context: {pageUri: 'https://example.com/contact'}});
      callback(200, {}, '{}');
    });

    runCode(mockData);

    assertApi('gtmOnSuccess').wasCalled();
    assertApi('logToConsole').wasCalledWith('crm: response', 200);
setup: |-
  const eventData = {
    event_name: 'generate_lead',
    page_location: 'https://example.com/contact',
    'user_data.email_address': 'lead@example.com',
    'user_data.address.first_name': 'Ada'
  };
  mock('getEventData', (key) => eventData[key]);
  const mockData = {portalId: '123', formId: 'abc-def', debug: true};
  const URL = 'https://api.crm.example.com/submissions/v3/integration/submit/123/abc-def';


___NOTES___

Created on 11/25/2026, 12:00:00


