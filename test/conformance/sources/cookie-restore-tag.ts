import { js, type ConformanceSource } from '../lib/source';

/**
 * A cookie keeper tag (stape's Cookie Keeper style): re-sets first-party marketing cookies from
 * the server so Safari's ITP does not cut them short. The published file carries its
 * ___TERMS_OF_SERVICE___ section twice; GTM imports it, so the shim accepts it with a warning.
 */
const source: ConformanceSource = {
  file: 'cookie-restore-tag',
  lookalikeOf: 'stape-io/cookie-keeper-tag',
  type: 'TAG',
  displayName: 'Cookie Keeper Lookalike',
  description: 'Re-sets selected first-party cookies from the server with a long expiry.',
  categories: ['UTILITY'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  repeatSections: ['___TERMS_OF_SERVICE___'],
  parameters: [
    {
      type: 'SIMPLE_TABLE',
      name: 'cookies',
      displayName: 'Cookies',
      simpleTableColumns: [{ defaultValue: '', displayName: 'Name', name: 'name', type: 'TEXT', isUnique: true }],
    },
    { type: 'TEXT', name: 'lifetimeDays', displayName: 'Lifetime (days)', simpleValueType: true, defaultValue: '395' },
  ],
  code: js`
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
`,
  permissions: {
    get_cookies: { cookieAccess: 'any' },
    set_cookies: { allowedCookies: [{ name: '*', domain: '*', path: '*', secure: 'any', session: 'any' }] },
    logging: { environments: 'debug' },
  },
  testStyle: 'gtm',
  setup: js`const cookies = {_fbp: 'fb.1.1700000000000.123', _ga: 'GA1.1.111.222', _gcl_aw: ''};
mock('getCookieValues', (name, noDecode) => cookies[name] ? [cookies[name]] : []);
const mockData = {cookies: [{name: '_fbp'}, {name: '_ga'}, {name: '_gcl_aw'}, {name: '_ttp'}], lifetimeDays: '400'};`,
  scenarios: [
    {
      name: 'Restores the cookies that are present',
      expect: 'pass',
      code: js`runCode(mockData);

const options = {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': 34560000, httpOnly: false};
assertApi('setCookie').wasCalledWith('_fbp', 'fb.1.1700000000000.123', options, true);
assertApi('setCookie').wasCalledWith('_ga', 'GA1.1.111.222', options, true);
assertApi('setCookie').wasNotCalledWith('_gcl_aw', '', options, true);
assertApi('getCookieValues').wasCalledWith('_ttp', true);
assertApi('logToConsole').wasCalledWith('cookie keeper: restored 2 cookie(s)');
assertApi('gtmOnSuccess').wasCalled();`,
    },
    {
      name: 'A bad lifetime falls back to 395 days',
      expect: 'pass',
      code: js`mockData.lifetimeDays = 'soon';
mockData.cookies = [{name: '_fbp'}];

runCode(mockData);

assertApi('setCookie').wasCalledWith('_fbp', 'fb.1.1700000000000.123', {domain: 'auto', path: '/', samesite: 'Lax', secure: true, 'max-age': 34128000, httpOnly: false}, true);`,
    },
    {
      name: 'Unmocked setCookie really sets the cookie',
      expect: 'pass',
      code: js`mockData.cookies = [{name: '_ga'}];
runCode(mockData);
assertApi('setCookie').wasCalled();`,
    },
  ],
};

export default source;
