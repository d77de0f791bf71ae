import { js, type ConformanceSource } from '../lib/source';

/**
 * A user-agent parser variable (device type / browser / bot flag from the User-Agent header).
 * Its suite computes expected values with APIs its own code requires (makeString, getType) and
 * runs runCode many times per scenario with a mocked header.
 */
const source: ConformanceSource = {
  file: 'user-agent-variable',
  lookalikeOf: 'community / user-agent-parser-variable',
  type: 'MACRO',
  displayName: 'User Agent Parser Lookalike',
  description: 'Returns the device type, browser or bot flag of the request user agent.',
  categories: ['UTILITY'],
  parameters: [
    {
      type: 'SELECT',
      name: 'part',
      displayName: 'Return',
      macrosInSelect: false,
      selectItems: [
        { value: 'device', displayValue: 'Device type' },
        { value: 'browser', displayValue: 'Browser' },
        { value: 'isBot', displayValue: 'Is a bot' },
        { value: 'all', displayValue: 'Everything (object)' },
      ],
      simpleValueType: true,
      defaultValue: 'device',
    },
    { type: 'TEXT', name: 'userAgent', displayName: 'User agent (empty = request header)', simpleValueType: true },
  ],
  code: js`
const getRequestHeader = require('getRequestHeader');
const makeString = require('makeString');

const ua = makeString(data.userAgent || getRequestHeader('user-agent') || '').toLowerCase();

const BOTS = ['bot', 'crawler', 'spider', 'headless', 'lighthouse'];
const BROWSERS = [['edg/', 'Edge'], ['opr/', 'Opera'], ['samsungbrowser', 'Samsung Internet'], ['chrome/', 'Chrome'], ['firefox/', 'Firefox'], ['safari/', 'Safari']];

function has(text) {
  return ua.indexOf(text) !== -1;
}

function device() {
  if (ua === '') return 'unknown';
  if (has('ipad') || (has('android') && !has('mobile')) || has('tablet')) return 'tablet';
  if (has('mobi') || has('iphone') || has('android')) return 'mobile';
  return 'desktop';
}

function browser() {
  for (let i = 0; i < BROWSERS.length; i++) {
    if (has(BROWSERS[i][0])) return BROWSERS[i][1];
  }
  return 'Other';
}

const isBot = BOTS.some(has);

switch (data.part) {
  case 'browser':
    return browser();
  case 'isBot':
    return isBot;
  case 'all':
    return {device: device(), browser: browser(), isBot: isBot};
  default:
    return device();
}
`,
  permissions: {
    read_request: { requestAccess: 'specific', headerAccess: 'specific', headerNames: ['user-agent'] },
  },
  testStyle: 'block',
  setup: js`const getType = require('getType');
const makeString = require('makeString');

const AGENTS = {
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  androidTablet: 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
};
let header = AGENTS.iphone;
mock('getRequestHeader', (name) => name === 'user-agent' ? header : undefined);`,
  scenarios: [
    {
      name: 'Device types',
      expect: 'pass',
      code: js`const expected = {iphone: 'mobile', ipad: 'tablet', androidTablet: 'tablet', edge: 'desktop', firefox: 'desktop', googlebot: 'desktop'};
for (const name in expected) {
  header = AGENTS[name];
  assertThat(runCode({part: 'device'}), name).isEqualTo(expected[name]);
}`,
    },
    {
      name: 'Browsers, Edge before Chrome',
      expect: 'pass',
      code: js`header = AGENTS.edge;
assertThat(runCode({part: 'browser'})).isEqualTo('Edge');
header = AGENTS.androidTablet;
assertThat(runCode({part: 'browser'})).isEqualTo('Chrome');
header = AGENTS.iphone;
assertThat(runCode({part: 'browser'})).isEqualTo('Safari');
header = AGENTS.googlebot;
assertThat(runCode({part: 'browser'})).isEqualTo('Other');`,
    },
    {
      name: 'Bots and the all-in-one object',
      expect: 'pass',
      code: js`header = AGENTS.googlebot;
const all = runCode({part: 'all'});
assertThat(getType(all)).isEqualTo('object');
assertThat(all).isEqualTo({device: 'desktop', browser: 'Other', isBot: true});
header = AGENTS.firefox;
assertThat(runCode({part: 'isBot'})).isFalse();`,
    },
    {
      name: 'A user agent field overrides the header',
      expect: 'pass',
      code: js`const result = runCode({part: 'device', userAgent: makeString(AGENTS.ipad)});
assertThat(result).isEqualTo('tablet');
assertApi('getRequestHeader').wasNotCalled();`,
    },
    {
      name: 'No user agent at all',
      expect: 'pass',
      code: js`header = undefined;
assertThat(runCode({})).isEqualTo('unknown');
assertThat(runCode({part: 'all'})).isEqualTo({device: 'unknown', browser: 'Other', isBot: false});`,
    },
    {
      name: 'A wrong device expectation names the case',
      expect: { fails: 'ipad: Expected "tablet" to equal "mobile"' },
      code: js`header = AGENTS.ipad;
assertThat(runCode({part: 'device'}), 'ipad').isEqualTo('mobile');`,
    },
  ],
};

export default source;
