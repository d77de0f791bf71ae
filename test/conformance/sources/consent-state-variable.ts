import { js, type ConformanceSource } from '../lib/source';

/**
 * A consent-state variable (Google Consent Mode helpers for sGTM): reads `x-ga-gcs` (G1xy) from
 * event data, or the `gcs` query parameter of the request, and returns whether ad or analytics
 * storage is granted, or the whole state as an object. Its suite mocks getEventData with a
 * function that falls back to the real getEventData taken in setup for keys it does not fake.
 */
const source: ConformanceSource = {
  file: 'consent-state-variable',
  lookalikeOf: 'community / consent-mode-state-variable',
  type: 'MACRO',
  displayName: 'Consent State Lookalike',
  description: 'Returns the Google Consent Mode state of the event.',
  categories: ['UTILITY'],
  parameters: [
    {
      type: 'SELECT',
      name: 'output',
      displayName: 'Return',
      macrosInSelect: false,
      selectItems: [
        { value: 'ad_storage', displayValue: 'ad_storage granted (boolean)' },
        { value: 'analytics_storage', displayValue: 'analytics_storage granted (boolean)' },
        { value: 'object', displayValue: 'Both, as an object' },
      ],
      simpleValueType: true,
      defaultValue: 'ad_storage',
    },
    { type: 'CHECKBOX', name: 'grantedWhenUnknown', checkboxText: 'Treat a missing state as granted', simpleValueType: true },
  ],
  code: js`
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
`,
  permissions: {
    read_event_data: { eventDataAccess: 'specific', keyPatterns: ['x-ga-gcs', 'x-ga-*'] },
    read_request: { requestAccess: 'specific', queryParameterAccess: 'specific', queryParameters: ['gcs'] },
  },
  testStyle: 'gtm',
  setup: js`const realGetEventData = require('getEventData');
let gcs = 'G111';
mock('getEventData', function (key) {
  if (key === 'x-ga-gcs') return gcs;
  return realGetEventData(key);
});
let queryGcs;
mock('getRequestQueryParameter', (name) => name === 'gcs' ? queryGcs : undefined);

const mockData = {output: 'ad_storage', grantedWhenUnknown: false};`,
  scenarios: [
    {
      name: 'G111 grants both',
      expect: 'pass',
      code: js`assertThat(runCode(mockData)).isTrue();
mockData.output = 'analytics_storage';
assertThat(runCode(mockData)).isTrue();
mockData.output = 'object';
assertThat(runCode(mockData)).isEqualTo({ad_storage: true, analytics_storage: true, source: 'event'});`,
    },
    {
      name: 'G101 denies ads and grants analytics',
      expect: 'pass',
      code: js`gcs = 'G101';
assertThat(runCode(mockData)).isFalse();
mockData.output = 'analytics_storage';
assertThat(runCode(mockData)).isTrue();`,
    },
    {
      name: 'Falls back to the gcs query parameter',
      expect: 'pass',
      code: js`gcs = undefined;
queryGcs = 'G110';
mockData.output = 'object';
assertThat(runCode(mockData)).isEqualTo({ad_storage: true, analytics_storage: false, source: 'query'});
assertApi('getRequestQueryParameter').wasCalledWith('gcs');`,
    },
    {
      name: 'Unknown state uses the setting',
      expect: 'pass',
      code: js`gcs = 'junk';
assertThat(runCode(mockData)).isFalse();
mockData.grantedWhenUnknown = true;
assertThat(runCode(mockData)).isTrue();
mockData.output = 'object';
assertThat(runCode(mockData).source).isEqualTo('none');`,
    },
    {
      name: "The mock's fallback reads real (empty) event data",
      expect: 'pass',
      code: js`assertThat(realGetEventData('page_location')).isUndefined();
gcs = '';
assertThat(runCode(mockData)).isFalse();`,
    },
  ],
};

export default source;
