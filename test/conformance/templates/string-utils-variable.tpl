___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "MACRO",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "String Utilities Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Returns a slug, a short hash, URL parts or a bot verdict for the input string.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SELECT",
    "name": "mode",
    "displayName": "Mode",
    "macrosInSelect": false,
    "selectItems": [
      {
        "value": "slug",
        "displayValue": "Slug"
      },
      {
        "value": "hash",
        "displayValue": "Short hash"
      },
      {
        "value": "url",
        "displayValue": "URL parts"
      },
      {
        "value": "bot",
        "displayValue": "Is bot user agent"
      },
      {
        "value": "list",
        "displayValue": "Clean list"
      },
      {
        "value": "bits",
        "displayValue": "Bit tricks"
      }
    ],
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "input",
    "displayName": "Input",
    "simpleValueType": true
  }
]


___SANDBOXED_JS_FOR_SERVER___

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


___SERVER_PERMISSIONS___

[]


___TESTS___

scenarios:
- name: Slug replaces every run with a global createRegex
  code: "const value = runCode({mode: 'slug', input: '  Summer Sale -- 50% off!  '});\n\
    \nassertThat(value).isEqualTo('summer-sale-50-off');"
- name: String replace with a string pattern replaces the first match only
  code: "assertThat('a-b-c'.replace('-', '+')).isEqualTo('a+b-c');\nassertThat('2025-05-22'.split('-')).isEqualTo(['2025',\
    \ '05', '22']);\nassertThat('abc'.match('^[A-Fa-f0-9]{64}$')).isNull();\nassertThat('hello\
    \ world'.indexOf('world')).isEqualTo(6);\nassertThat((123456789).toString(36)).isEqualTo('21i3v9');"
- name: Short hash is stable across three runs
  code: "const hashes = [\n  runCode({mode: 'hash', input: 'user-42'}),\n  runCode({mode:\
    \ 'hash', input: 'Jane.Doe@Example.com'}),\n  runCode({mode: 'hash', input: ''})\n\
    ];\n\nassertThat(hashes).isEqualTo(['x6tt7c', '6iu459', '0']);"
- name: URL parts from the real parseUrl and computeEffectiveTldPlusOne
  code: "const parts = runCode({mode: 'url', input: 'https://Sub.Example.co.uk:8443/shop/item?x=1&y=%20z#frag'});\n\
    \nassertThat(parts).isEqualTo({\n  protocol: 'https:',\n  hostname: 'sub.example.co.uk',\n\
    \  port: '8443',\n  pathname: '/shop/item',\n  search: '?x=1&y=%20z',\n  hash:\
    \ '#frag',\n  query: {x: '1', y: ' z'},\n  site: 'example.co.uk',\n  firstSegment:\
    \ 'shop'\n});"
- name: Repeated query keys come back as an array
  code: "const parts = runCode({mode: 'url', input: 'https://example.com/?tag=a&tag=b'});\n\
    \nassertThat(parts.query).isEqualTo({tag: ['a', 'b']});\nassertThat(parts.port).isEqualTo('');"
- name: A malformed URL gives null
  code: "assertThat(runCode({mode: 'url', input: 'not a url'})).isNull();"
- name: Bot detection with case-insensitive testRegex
  code: "assertThat(runCode({mode: 'bot', input: 'Mozilla/5.0 (compatible; Googlebot/2.1)'})).isTrue();\n\
    assertThat(runCode({mode: 'bot', input: 'Mozilla/5.0 headlesschrome/120'})).isTrue();\n\
    assertThat(runCode({mode: 'bot', input: 'Mozilla/5.0 (iPhone)'})).isFalse();"
- name: An invalid pattern makes createRegex return null
  code: "const createRegex = require('createRegex');\n\nassertThat(createRegex('(unclosed',\
    \ 'g')).isNull();\nassertThat(createRegex('ok', 'g')).isNotNull();"
- name: 'Clean list: do-while, continue inside switch, arguments, decode'
  code: "const value = runCode({mode: 'list', input: 'caf%C3%A9, ,null,tea,%E0%A4%A,tea,undefined,milk'});\n\
    \nassertThat(value).isEqualTo({items: ['café', 'tea', 'milk'], count: 3, joined:\
    \ 'café | tea | milk', first: 'c'});"
- name: Bitwise operators, radix toString, Object and Math helpers
  code: "const value = runCode({mode: 'bits'});\n\nassertThat(value.hex).isEqualTo('ff');\n\
    assertThat(value.base36).isEqualTo('1z141yx');\nassertThat([value.not, value.xor,\
    \ value.shifted, value.signed]).isEqualTo([-6, 5, -2147483648, -4]);\nassertThat(value.keys).isEqualTo(['a',\
    \ 'b', 'c']);\nassertThat(value.values).isEqualTo([3, 1, 1]);\nassertThat(value.entries).isEqualTo([['a',\
    \ 3], ['b', 1], ['c', 1]]);\nassertThat(value.max).isEqualTo(9);\nassertThat(value.pow).isEqualTo(1024);\n\
    assertThat(value.typeofs).isEqualTo(['object', 'object', 'null', 'array', 'undefined',\
    \ 'function']);"
- name: Unknown mode returns undefined
  code: "assertThat(runCode({mode: 'other'})).isUndefined();"
- name: Real conversion and encoding APIs
  code: "const makeString = require('makeString');\nconst makeNumber = require('makeNumber');\n\
    const makeInteger = require('makeInteger');\nconst makeTableMap = require('makeTableMap');\n\
    const encodeUriComponent = require('encodeUriComponent');\nconst toBase64 = require('toBase64');\n\
    const fromBase64 = require('fromBase64');\nconst sha256Sync = require('sha256Sync');\n\
    const JSON = require('JSON');\n\nassertThat(makeString(12)).isStrictlyEqualTo('12');\n\
    assertThat(makeString(true)).isEqualTo('true');\nassertThat(makeNumber('3.5')).isStrictlyEqualTo(3.5);\n\
    assertThat(makeNumber('abc')).isNaN();\nassertThat(makeInteger('42')).isStrictlyEqualTo(42);\n\
    assertThat(makeTableMap([{k: 'a', v: 1}, {k: 'b', v: 2}], 'k', 'v')).isEqualTo({a:\
    \ 1, b: 2});\nassertThat(encodeUriComponent('a b&c/é')).isEqualTo('a%20b%26c%2F%C3%A9');\n\
    assertThat(toBase64('héllo')).isEqualTo('aMOpbGxv');\nassertThat(fromBase64('aMOpbGxv')).isEqualTo('héllo');\n\
    assertThat(sha256Sync('abc')).isEqualTo('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');\n\
    assertThat(JSON.parse('{bad')).isUndefined();\nassertThat(JSON.stringify({a: [1,\
    \ 'x', null], b: undefined})).isEqualTo('{\"a\":[1,\"x\",null]}');"
- name: makeTableMap of an empty table is null
  code: "const makeTableMap = require('makeTableMap');\n\nassertThat(makeTableMap([],\
    \ 'name', 'value')).isNull();"
setup: ''


___NOTES___

Created on 11/25/2026, 12:00:00


