import { js, type ConformanceSource } from '../lib/source';

/**
 * stape's Unique Event ID variable and a Cookie Keeper-style reader in one MACRO: a 32-bit
 * string hash with bitwise operators, base-36/base-16 ids, a per-instance counter in
 * templateDataStorage, closures made in a `let` loop, an IIFE, recursion, `arguments`, switch
 * fall-through, and the first non-empty cookie from a list (noDecode or decoded).
 */
const source: ConformanceSource = {
  file: 'unique-event-id-variable',
  lookalikeOf: 'stape-io/unique-event-id-variable + cookie keeper',
  type: 'MACRO',
  displayName: 'Unique Event ID Lookalike',
  description: 'Returns a unique event id, a stable hash, or the first cookie that is set.',
  categories: ['UTILITY'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    {
      type: 'SELECT',
      name: 'mode',
      displayName: 'Mode',
      macrosInSelect: false,
      selectItems: [
        { value: 'eventId', displayValue: 'Unique event id' },
        { value: 'hash', displayValue: 'Stable hash of the inputs' },
        { value: 'cookie', displayValue: 'First cookie that is set' },
        { value: 'path', displayValue: 'Deep value by key path' },
      ],
      simpleValueType: true,
    },
    { type: 'TEXT', name: 'inputs', displayName: 'Inputs (comma separated)', simpleValueType: true },
    { type: 'CHECKBOX', name: 'noDecode', checkboxText: 'Do not URI-decode cookies', simpleValueType: true },
  ],
  code: js`
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
`,
  permissions: {
    read_request: { requestAccess: 'specific', headerAccess: 'specific', queryParameterAccess: 'any', headersAllowed: true, headerWhitelist: [{ headerName: 'trace-id' }] },
    read_event_data: { eventDataAccess: 'specific', keyPatterns: ['items', 'user_data'] },
    get_cookies: { cookieAccess: 'any' },
    access_template_storage: {},
  },
  testStyle: 'gtm',
  setup: js`const mockData = {mode: 'eventId'};

mock('getTimestampMillis', 1700000000000);
mock('generateRandom', (min, max) => max);
mock('getRequestHeader', (name) => name === 'trace-id' ? 'tr1' : undefined);`,
  scenarios: [
    {
      name: 'Event ids combine base-36 time, padded random, a counter and the trace id',
      expect: 'pass',
      code: js`assertThat(runCode(mockData)).isEqualTo('loyw3v28_zzz_1_tr1');
mock('generateRandom', 35);
assertThat(runCode(mockData)).isEqualTo('loyw3v28_00z_2_tr1');
mock('getRequestHeader', () => undefined);
assertThat(runCode(mockData)).isEqualTo('loyw3v28_00z_3');`,
    },
    {
      name: 'The counter starts again in a new scenario',
      expect: 'pass',
      code: js`assertThat(runCode(mockData)).isEqualTo('loyw3v28_zzz_1_tr1');`,
    },
    {
      name: 'Hashes are stable 32-bit values in hex and base 36',
      expect: 'pass',
      code: js`mockData.mode = 'hash';
mockData.inputs = 'a, hello world ,,';

assertThat(runCode(mockData)).isEqualTo('292c-3fa7:19a5ea4');
mockData.inputs = '';
assertThat(runCode(mockData)).isEqualTo('ztntfp');`,
    },
    {
      name: 'The first cookie that is set wins, decoded unless noDecode',
      expect: 'pass',
      code: js`mockData.mode = 'cookie';
mockData.inputs = '_fbc,_fbp,FPID';
mock('getCookieValues', (name, noDecode) => {
  if (name === '_fbp') return [noDecode ? 'fb.1.a%20b' : 'fb.1.a b', 'second'];
  if (name === 'FPID') return ['never-read'];
  return [];
});

assertThat(runCode(mockData)).isEqualTo({name: '_fbp', value: 'fb.1.a b'});
mockData.noDecode = true;
assertThat(runCode(mockData)).isEqualTo({name: '_fbp', value: 'fb.1.a%20b'});
assertApi('getCookieValues').wasNotCalledWith('FPID', false);
assertApi('getCookieValues').wasCalledWith('_fbc', true);`,
    },
    {
      name: 'No cookie set gives undefined',
      expect: 'pass',
      code: js`mockData.mode = 'cookie';
mockData.inputs = '_a,_b';
mock('getCookieValues', []);

assertThat(runCode(mockData)).isUndefined();`,
    },
    {
      name: 'Deep values are read recursively from event data',
      expect: 'pass',
      code: js`mockData.mode = 'path';
mock('getEventData', (key) => key === 'items' ? [{id: 'a', tags: ['x']}, {id: 'b', tags: ['y', 'z']}] : undefined);

mockData.inputs = 'items,last,tags,1';
assertThat(runCode(mockData)).isEqualTo('z');
mockData.inputs = 'items,0';
assertThat(runCode(mockData)).isEqualTo({id: 'a', tags: ['x']});
mockData.inputs = 'user_data,email';
assertThat(runCode(mockData)).isUndefined();`,
    },
  ],
};

export default source;
