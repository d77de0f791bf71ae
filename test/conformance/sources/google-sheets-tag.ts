import { js, type ConformanceSource } from '../lib/source';

/**
 * A "append a row to Google Sheets" tag (stape's Google Sheets tag): signs the request with the
 * server's service account through getGoogleAuth and POSTs to values:append. Its suite compares
 * the authorization option with an auth object its own code builds with require('getGoogleAuth'),
 * and one scenario leaves sendHttpRequest unmocked and asserts only what was logged.
 */
const source: ConformanceSource = {
  file: 'google-sheets-tag',
  lookalikeOf: 'stape-io/google-sheets-tag',
  type: 'TAG',
  displayName: 'Google Sheets Lookalike',
  description: 'Appends the event as a row to a Google Sheet.',
  categories: ['UTILITY', 'DATA_WAREHOUSING'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    { type: 'TEXT', name: 'spreadsheetId', displayName: 'Spreadsheet id', simpleValueType: true, valueValidators: [{ type: 'NON_EMPTY' }] },
    { type: 'TEXT', name: 'range', displayName: 'Sheet range', simpleValueType: true, defaultValue: 'Sheet1!A1' },
    {
      type: 'SIMPLE_TABLE',
      name: 'cells',
      displayName: 'Cells',
      simpleTableColumns: [{ defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' }],
    },
    { type: 'CHECKBOX', name: 'logRequests', checkboxText: 'Log requests', simpleValueType: true },
  ],
  code: js`
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
`,
  permissions: {
    use_google_credentials: { allowedScopes: ['https://www.googleapis.com/auth/spreadsheets'] },
    send_http: { allowedUrls: 'specific', urls: ['https://sheets.googleapis.com/'] },
    logging: { environments: 'debug' },
  },
  testStyle: 'gtm',
  setup: js`const Promise = require('Promise');
const JSON = require('JSON');
const callLater = require('callLater');
const getGoogleAuth = require('getGoogleAuth');

const URL = 'https://sheets.googleapis.com/v4/spreadsheets/sheet-1/values/Leads!A1:append?valueInputOption=USER_ENTERED';
const mockData = {spreadsheetId: 'sheet-1', range: 'Leads!A1', cells: [{value: 'lead'}, {value: '42'}], logRequests: true};
let captured;
const mockSheets = (statusCode) => mock('sendHttpRequest', (url, options, body) => {
  captured = {url: url, options: options, body: body};
  return Promise.create((resolve) => resolve({statusCode: statusCode, body: '{}'}));
});`,
  scenarios: [
    {
      name: 'Appends the row, signed with the service account',
      expect: 'pass',
      code: js`mockSheets(200);
runCode(mockData);

assertThat(captured.url).isEqualTo(URL);
assertThat(JSON.parse(captured.body)).isEqualTo({values: [['lead', '42']]});
assertThat(captured.options).isEqualTo({
  method: 'POST',
  headers: {'Content-Type': 'application/json'},
  authorization: getGoogleAuth({scopes: ['https://www.googleapis.com/auth/spreadsheets']})
});
assertApi('getGoogleAuth').wasCalledWith({scopes: ['https://www.googleapis.com/auth/spreadsheets']});
callLater(() => assertApi('gtmOnSuccess').wasCalled());`,
    },
    {
      name: 'A 403 from Sheets fails the tag and is logged',
      expect: 'pass',
      code: js`mockSheets(403);

runCode(mockData);

callLater(() => {
  assertApi('gtmOnFailure').wasCalled();
  assertApi('logToConsole').wasCalledWith('sheets response', 403);
});`,
    },
    {
      name: 'Unmocked: only the request log is asserted',
      expect: 'pass',
      warnings: ['network_not_sent ' + 'https://sheets.googleapis.com/v4/spreadsheets/sheet-1/values/Leads!A1:append?valueInputOption=USER_ENTERED'],
      code: js`runCode(mockData);

assertApi('logToConsole').wasCalledWith('sheets request', URL, '{"values":[["lead","42"]]}');`,
    },
  ],
};

export default source;
