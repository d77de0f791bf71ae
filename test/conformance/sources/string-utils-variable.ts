import { js, type ConformanceSource } from '../lib/source';

/**
 * A utility variable in the style of trkkn's and Avo's helpers: string hashing with bitwise
 * operators and toString(36), createRegex/testRegex, URL parsing, and every loop form.
 */
const source: ConformanceSource = {
  file: 'string-utils-variable',
  lookalikeOf: 'trkkn / avo utility variables',
  type: 'MACRO',
  displayName: 'String Utilities Lookalike',
  description: 'Returns a slug, a short hash, URL parts or a bot verdict for the input string.',
  categories: ['UTILITY'],
  brand: { id: 'brand_dummy', displayName: '' },
  parameters: [
    {
      type: 'SELECT',
      name: 'mode',
      displayName: 'Mode',
      macrosInSelect: false,
      selectItems: [
        { value: 'slug', displayValue: 'Slug' },
        { value: 'hash', displayValue: 'Short hash' },
        { value: 'url', displayValue: 'URL parts' },
        { value: 'bot', displayValue: 'Is bot user agent' },
        { value: 'list', displayValue: 'Clean list' },
        { value: 'bits', displayValue: 'Bit tricks' },
      ],
      simpleValueType: true,
    },
    { type: 'TEXT', name: 'input', displayName: 'Input', simpleValueType: true },
  ],
  code: js`
const createRegex = require('createRegex');
const testRegex = require('testRegex');
const parseUrl = require('parseUrl');
const computeEffectiveTldPlusOne = require('computeEffectiveTldPlusOne');
const decodeUriComponent = require('decodeUriComponent');
const makeString = require('makeString');
const getType = require('getType');
const Object = require('Object');
const Math = require('Math');

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-_.@ ';

switch (data.mode) {
  case 'slug':
    return slug(makeString(data.input));
  case 'hash':
    return shortHash(makeString(data.input));
  case 'url':
    return urlParts(data.input);
  case 'bot':
    return isBot(data.input);
  case 'list':
    return cleanList(data.input);
  case 'bits':
    return bits();
  default:
    return undefined;
}

function slug(value) {
  const nonAlnum = createRegex('[^a-z0-9]+', 'g');
  const edges = createRegex('^-+|-+$', 'g');
  return value.toLowerCase().replace(nonAlnum, '-').replace(edges, '');
}

function shortHash(value) {
  let hash = 0;
  const lower = value.toLowerCase();
  let i = 0;
  while (i < lower.length) {
    const code = ALPHABET.indexOf(lower[i]) + 1;
    hash = ((hash << 5) - hash) + code;
    hash = hash | 0;
    i++;
  }
  return (hash >>> 0).toString(36);
}

function urlParts(value) {
  const url = parseUrl(value);
  if (!url) return null;
  const query = {};
  for (const key in url.searchParams) {
    query[key] = url.searchParams[key];
  }
  return {
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port,
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    query: query,
    site: computeEffectiveTldPlusOne(url.hostname),
    firstSegment: url.pathname.split('/')[1]
  };
}

function isBot(userAgent) {
  const patterns = ['bot', 'crawl', 'spider', 'HeadlessChrome'];
  for (const pattern of patterns) {
    const regex = createRegex(pattern, 'i');
    if (testRegex(regex, makeString(userAgent))) return true;
  }
  return false;
}

function cleanList(value) {
  const result = [];
  const parts = makeString(value).split(',');
  let index = -1;
  do {
    index++;
    const raw = parts[index].trim();
    switch (raw) {
      case '':
        continue;
      case 'null':
      case 'undefined':
        continue;
      default:
        break;
    }
    const decoded = decodeUriComponent(raw);
    if (decoded === undefined) continue;
    if (result.indexOf(decoded) === -1) result.push(decoded);
  } while (index < parts.length - 1);
  return {items: result, count: result.length, joined: join(' | ', result), first: result.length ? result[0].charAt(0) : ''};
}

function join(separator) {
  const list = arguments[1];
  let out = '';
  for (let i = 0; i < list.length; i++) {
    out += (i > 0 ? separator : '') + list[i];
  }
  return out;
}

function bits() {
  const counts = {};
  ['a', 'b', 'a', 'c', 'a'].forEach((letter) => {
    counts[letter] = (counts[letter] || 0) + 1;
  });
  return {
    hex: (255).toString(16),
    base36: (-7 >>> 0).toString(36),
    not: ~5,
    xor: 6 ^ 3,
    shifted: 1 << 31,
    signed: -16 >> 2,
    keys: Object.keys(counts),
    values: Object.values(counts),
    entries: Object.entries(counts),
    max: Math.max(3, 9, 4),
    pow: Math.pow(2, 10),
    typeofs: [typeof null, typeof [], getType(null), getType([]), getType(undefined), getType(bits)]
  };
}
`,
  permissions: {},
  testStyle: 'gtm',
  setup: '',
  scenarios: [
    {
      name: 'Slug replaces every run with a global createRegex',
      expect: 'pass',
      code: js`const value = runCode({mode: 'slug', input: '  Summer Sale -- 50% off!  '});

assertThat(value).isEqualTo('summer-sale-50-off');`,
    },
    {
      name: 'String replace with a string pattern replaces the first match only',
      expect: 'pass',
      code: js`assertThat('a-b-c'.replace('-', '+')).isEqualTo('a+b-c');
assertThat('2025-05-22'.split('-')).isEqualTo(['2025', '05', '22']);
assertThat('abc'.match('^[A-Fa-f0-9]{64}$')).isNull();
assertThat('hello world'.indexOf('world')).isEqualTo(6);
assertThat((123456789).toString(36)).isEqualTo('21i3v9');`,
    },
    {
      name: 'Short hash is stable across three runs',
      expect: 'pass',
      code: js`const hashes = [
  runCode({mode: 'hash', input: 'user-42'}),
  runCode({mode: 'hash', input: 'Jane.Doe@Example.com'}),
  runCode({mode: 'hash', input: ''})
];

assertThat(hashes).isEqualTo(['x6tt7c', '6iu459', '0']);`,
    },
    {
      name: 'URL parts from the real parseUrl and computeEffectiveTldPlusOne',
      expect: 'pass',
      code: js`const parts = runCode({mode: 'url', input: 'https://Sub.Example.co.uk:8443/shop/item?x=1&y=%20z#frag'});

assertThat(parts).isEqualTo({
  protocol: 'https:',
  hostname: 'sub.example.co.uk',
  port: '8443',
  pathname: '/shop/item',
  search: '?x=1&y=%20z',
  hash: '#frag',
  query: {x: '1', y: ' z'},
  site: 'example.co.uk',
  firstSegment: 'shop'
});`,
    },
    {
      name: 'Repeated query keys come back as an array',
      expect: 'pass',
      code: js`const parts = runCode({mode: 'url', input: 'https://example.com/?tag=a&tag=b'});

assertThat(parts.query).isEqualTo({tag: ['a', 'b']});
assertThat(parts.port).isEqualTo('');`,
    },
    {
      name: 'A malformed URL gives null',
      expect: 'pass',
      code: js`assertThat(runCode({mode: 'url', input: 'not a url'})).isNull();`,
    },
    {
      name: 'Bot detection with case-insensitive testRegex',
      expect: 'pass',
      code: js`assertThat(runCode({mode: 'bot', input: 'Mozilla/5.0 (compatible; Googlebot/2.1)'})).isTrue();
assertThat(runCode({mode: 'bot', input: 'Mozilla/5.0 headlesschrome/120'})).isTrue();
assertThat(runCode({mode: 'bot', input: 'Mozilla/5.0 (iPhone)'})).isFalse();`,
    },
    {
      name: 'An invalid pattern makes createRegex return null',
      expect: 'pass',
      code: js`const createRegex = require('createRegex');

assertThat(createRegex('(unclosed', 'g')).isNull();
assertThat(createRegex('ok', 'g')).isNotNull();`,
    },
    {
      name: 'Clean list: do-while, continue inside switch, arguments, decode',
      expect: 'pass',
      code: js`const value = runCode({mode: 'list', input: 'caf%C3%A9, ,null,tea,%E0%A4%A,tea,undefined,milk'});

assertThat(value).isEqualTo({items: ['café', 'tea', 'milk'], count: 3, joined: 'café | tea | milk', first: 'c'});`,
    },
    {
      name: 'Bitwise operators, radix toString, Object and Math helpers',
      expect: 'pass',
      code: js`const value = runCode({mode: 'bits'});

assertThat(value.hex).isEqualTo('ff');
assertThat(value.base36).isEqualTo('1z141yx');
assertThat([value.not, value.xor, value.shifted, value.signed]).isEqualTo([-6, 5, -2147483648, -4]);
assertThat(value.keys).isEqualTo(['a', 'b', 'c']);
assertThat(value.values).isEqualTo([3, 1, 1]);
assertThat(value.entries).isEqualTo([['a', 3], ['b', 1], ['c', 1]]);
assertThat(value.max).isEqualTo(9);
assertThat(value.pow).isEqualTo(1024);
assertThat(value.typeofs).isEqualTo(['object', 'object', 'null', 'array', 'undefined', 'function']);`,
    },
    {
      name: 'Unknown mode returns undefined',
      expect: 'pass',
      code: js`assertThat(runCode({mode: 'other'})).isUndefined();`,
    },
    {
      name: 'Real conversion and encoding APIs',
      expect: 'pass',
      code: js`const makeString = require('makeString');
const makeNumber = require('makeNumber');
const makeInteger = require('makeInteger');
const makeTableMap = require('makeTableMap');
const encodeUriComponent = require('encodeUriComponent');
const toBase64 = require('toBase64');
const fromBase64 = require('fromBase64');
const sha256Sync = require('sha256Sync');
const JSON = require('JSON');

assertThat(makeString(12)).isStrictlyEqualTo('12');
assertThat(makeString(true)).isEqualTo('true');
assertThat(makeNumber('3.5')).isStrictlyEqualTo(3.5);
assertThat(makeNumber('abc')).isNaN();
assertThat(makeInteger('42')).isStrictlyEqualTo(42);
assertThat(makeTableMap([{k: 'a', v: 1}, {k: 'b', v: 2}], 'k', 'v')).isEqualTo({a: 1, b: 2});
assertThat(encodeUriComponent('a b&c/é')).isEqualTo('a%20b%26c%2F%C3%A9');
assertThat(toBase64('héllo')).isEqualTo('aMOpbGxv');
assertThat(fromBase64('aMOpbGxv')).isEqualTo('héllo');
assertThat(sha256Sync('abc')).isEqualTo('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
assertThat(JSON.parse('{bad')).isUndefined();
assertThat(JSON.stringify({a: [1, 'x', null], b: undefined})).isEqualTo('{"a":[1,"x",null]}');`,
    },
    {
      name: 'makeTableMap of an empty table is null',
      expect: 'pass',
      code: js`const makeTableMap = require('makeTableMap');

assertThat(makeTableMap([], 'name', 'value')).isNull();`,
    },
  ],
};

export default source;
