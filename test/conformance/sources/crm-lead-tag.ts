import { js, type ConformanceSource } from '../lib/source';

/**
 * A CRM lead tag (HubSpot / Pipedrive-style form submissions from sGTM): on generate_lead it
 * POSTs the contact with the callback form of sendHttpRequest and logs the outcome. Its suite
 * runs the tag unmocked and asserts only on logToConsole and getEventData, and one scenario
 * redeclares setup's `const mockData`, which GTM's editor runs.
 */
const source: ConformanceSource = {
  file: 'crm-lead-tag',
  lookalikeOf: 'community / crm-lead-forms-tag',
  type: 'TAG',
  displayName: 'CRM Lead Lookalike',
  description: 'Creates a CRM contact for every generate_lead event.',
  categories: ['LEAD_GENERATION'],
  parameters: [
    { type: 'TEXT', name: 'portalId', displayName: 'Portal id', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'formId', displayName: 'Form id', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'CHECKBOX', name: 'debug', checkboxText: 'Log requests and responses', simpleValueType: true },
  ],
  code: js`
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
`,
  permissions: {
    read_event_data: { eventDataAccess: 'any' },
    logging: { environments: 'debug' },
    send_http: { allowedUrls: 'specific', urls: ['https://api.crm.example.com/submissions/*'] },
  },
  testStyle: 'block',
  setup: js`const eventData = {
  event_name: 'generate_lead',
  page_location: 'https://example.com/contact',
  'user_data.email_address': 'lead@example.com',
  'user_data.address.first_name': 'Ada'
};
mock('getEventData', (key) => eventData[key]);
const mockData = {portalId: '123', formId: 'abc-def', debug: true};
const URL = 'https://api.crm.example.com/submissions/v3/integration/submit/123/abc-def';`,
  scenarios: [
    {
      name: 'Logs the request (sendHttpRequest not mocked)',
      expect: 'pass',
      warnings: ['network_not_sent https://api.crm.example.com/submissions/v3/integration/submit/123/abc-def'],
      code: js`runCode(mockData);

assertApi('logToConsole').wasCalledWith('crm: request', URL, '2 field(s)');
assertApi('logToConsole').wasNotCalledWith('crm: no email, no contact');
assertApi('getEventData').wasCalledWith('user_data.email_address');`,
    },
    {
      name: 'Redeclares mockData with other ids (sendHttpRequest not mocked)',
      expect: 'pass',
      warnings: ['network_not_sent https://api.crm.example.com/submissions/v3/integration/submit/9/form%201'],
      code: js`const mockData = {portalId: '9', formId: 'form 1', debug: true};

runCode(mockData);

assertApi('logToConsole').wasCalledWith('crm: request', 'https://api.crm.example.com/submissions/v3/integration/submit/9/form%201', '2 field(s)');`,
    },
    {
      name: 'Other events are skipped',
      expect: 'pass',
      code: js`eventData.event_name = 'page_view';

runCode(mockData);

assertApi('logToConsole').wasCalledWith('crm: skipped page_view');
assertApi('sendHttpRequest').wasNotCalled();
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'No email fails without a request',
      expect: 'pass',
      code: js`eventData['user_data.email_address'] = undefined;

runCode(mockData);

assertApi('gtmOnFailure').wasCalled();
assertApi('sendHttpRequest').wasNotCalled();`,
    },
    {
      name: 'Mocked 200 answers with success and logs the status',
      expect: 'pass',
      code: js`mock('sendHttpRequest', function (url, callback, options, body) {
  assertThat(require('JSON').parse(body)).isEqualTo({fields: [{name: 'email', value: 'lead@example.com'}, {name: 'firstname', value: 'Ada'}], context: {pageUri: 'https://example.com/contact'}});
  callback(200, {}, '{}');
});

runCode(mockData);

assertApi('gtmOnSuccess').wasCalled();
assertApi('logToConsole').wasCalledWith('crm: response', 200);`,
    },
  ],
};

export default source;
