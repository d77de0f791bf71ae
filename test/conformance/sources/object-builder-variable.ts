import { js, type ConformanceSource } from '../lib/source';

/**
 * stape's Object Builder variable: builds an object from a key-path table, parses JSON-looking
 * values, merges a base object recursively, and can return a JSON string. Exercises recursion,
 * `typeof x === 'object'`, for…in with hasOwnProperty, array mutators, switch fall-through,
 * `arguments`, an IIFE, and value-returning variable tests.
 */
const source: ConformanceSource = {
  file: 'object-builder-variable',
  lookalikeOf: 'stape-io/object-builder-variable',
  type: 'MACRO',
  displayName: 'Object Builder Lookalike',
  description: 'Builds an object (or its JSON) from a table of key paths and values.',
  categories: ['UTILITY'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    {
      type: 'SIMPLE_TABLE',
      name: 'properties',
      displayName: 'Properties',
      simpleTableColumns: [
        { defaultValue: '', displayName: 'Key (dot path)', name: 'key', type: 'TEXT', isUnique: true },
        { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
      ],
    },
    { type: 'TEXT', name: 'baseObject', displayName: 'Base object (variable or JSON)', simpleValueType: true },
    { type: 'CHECKBOX', name: 'parseJson', checkboxText: 'Parse JSON values', simpleValueType: true },
    { type: 'CHECKBOX', name: 'removeEmpty', checkboxText: 'Remove empty values', simpleValueType: true },
    {
      type: 'SELECT',
      name: 'outputType',
      displayName: 'Output',
      macrosInSelect: false,
      selectItems: [
        { value: 'object', displayValue: 'Object' },
        { value: 'json', displayValue: 'JSON string' },
        { value: 'keys', displayValue: 'Sorted key list' },
      ],
      simpleValueType: true,
      defaultValue: 'object',
    },
  ],
  code: js`
const JSON = require('JSON');
const getType = require('getType');
const makeString = require('makeString');
const makeNumber = require('makeNumber');

const base = (function (value) {
  if (typeof value === 'string') {
    const parsed = JSON.parse(value);
    return getType(parsed) === 'object' ? parsed : {};
  }
  return typeof value === 'object' && value !== null ? value : {};
})(data.baseObject);

const built = {};
(data.properties || []).forEach((row) => {
  setPath(built, makeString(row.key).trim().split('.'), convert(row.value));
});

let result = merge({}, base, built);
if (data.removeEmpty === true || data.removeEmpty === 'true') {
  result = removeEmpty(result);
}

switch (data.outputType) {
  case 'json':
    return JSON.stringify(result);
  case 'keys':
    return collectKeys(result, '').sort();
  case 'object':
  default:
    return result;
}

function convert(value) {
  if (data.parseJson !== true || typeof value !== 'string') return value;
  const trimmed = value.trim();
  switch (trimmed.charAt(0)) {
    case '{':
    case '[':
    case '"':
      return JSON.parse(trimmed);
    case 't':
    case 'f':
    case 'n':
      if (trimmed === 'true' || trimmed === 'false' || trimmed === 'null') return JSON.parse(trimmed);
      return value;
    default:
      const asNumber = makeNumber(trimmed);
      return trimmed !== '' && asNumber === asNumber ? asNumber : value;
  }
}

function setPath(target, path, value) {
  const key = path.shift();
  if (path.length === 0) {
    target[key] = value;
    return;
  }
  if (typeof target[key] !== 'object' || target[key] === null) {
    target[key] = path[0].match('^[0-9]+$') ? [] : {};
  }
  setPath(target[key], path, value);
}

function merge(target) {
  for (let i = 1; i < arguments.length; i++) {
    const source = arguments[i];
    for (const key in source) {
      if (!source.hasOwnProperty(key)) continue;
      const value = source[key];
      if (getType(value) === 'object' && getType(target[key]) === 'object') {
        target[key] = merge({}, target[key], value);
      } else {
        target[key] = value;
      }
    }
  }
  return target;
}

function removeEmpty(value) {
  const type = getType(value);
  if (type === 'array') {
    return value.map(removeEmpty).filter((item) => !isEmpty(item));
  }
  if (type !== 'object') return value;
  const out = {};
  for (const key in value) {
    if (value.hasOwnProperty(key) && !isEmpty(removeEmpty(value[key]))) {
      out[key] = removeEmpty(value[key]);
    }
  }
  return out;
}

function isEmpty(value) {
  if (value === undefined || value === null || value === '') return true;
  const type = getType(value);
  if (type === 'array') return value.length === 0;
  if (type === 'object') {
    for (const key in value) {
      if (value.hasOwnProperty(key)) return false;
    }
    return true;
  }
  return false;
}

function collectKeys(value, prefix) {
  let keys = [];
  for (const key in value) {
    if (!value.hasOwnProperty(key)) continue;
    const path = prefix ? prefix + '.' + key : key;
    keys = getType(value[key]) === 'object' ? keys.concat(collectKeys(value[key], path)) : keys.concat([path]);
  }
  return keys;
}
`,
  permissions: {},
  testStyle: 'gtm',
  setup: js`const mockData = {
  properties: [
    {key: 'user.id', value: 'U-1'},
    {key: 'user.address.city', value: 'Oslo'},
    {key: 'items.0.sku', value: 'S1'},
    {key: 'flags', value: '["a","b"]'},
    {key: 'count', value: ' 3 '},
    {key: 'price', value: '1e2'},
    {key: 'ok', value: 'true'},
    {key: 'none', value: 'null'},
    {key: 'word', value: 'nothing'},
    {key: 'broken', value: '{"a":'}
  ],
  baseObject: '{"user":{"id":"old","tier":"gold"},"source":"web"}',
  parseJson: true,
  outputType: 'object'
};`,
  scenarios: [
    {
      name: 'Builds a nested object, parsing JSON values and merging the base',
      expect: 'pass',
      code: js`const result = runCode(mockData);

assertThat(result).isEqualTo({
  user: {id: 'U-1', tier: 'gold', address: {city: 'Oslo'}},
  source: 'web',
  items: [{sku: 'S1'}],
  flags: ['a', 'b'],
  count: 3,
  price: 100,
  ok: true,
  none: null,
  word: 'nothing',
  broken: undefined
});
assertThat(result.flags).containsExactly('b', 'a');
assertThat(result.none).isNull();
assertThat(result.broken).isUndefined();`,
    },
    {
      name: 'Without JSON parsing the values stay strings',
      expect: 'pass',
      code: js`mockData.parseJson = false;
mockData.properties = [{key: 'flags', value: '["a"]'}, {key: 'count', value: '3'}];
mockData.baseObject = undefined;

assertThat(runCode(mockData)).isEqualTo({flags: '["a"]', count: '3'});`,
    },
    {
      name: 'Base object given as an object variable is merged too',
      expect: 'pass',
      code: js`mockData.baseObject = {user: {tier: 'silver', tags: [1, 2]}, list: [1]};
mockData.properties = [{key: 'user.id', value: 'U-2'}, {key: 'list', value: '[2,3]'}];

assertThat(runCode(mockData)).isEqualTo({user: {tier: 'silver', tags: [1, 2], id: 'U-2'}, list: [2, 3]});`,
    },
    {
      name: 'JSON output is a string with nested arrays',
      expect: 'pass',
      code: js`mockData.outputType = 'json';
mockData.baseObject = '';
mockData.properties = [{key: 'a.b', value: '[1,[2,{"c":null}]]'}, {key: 'z', value: '-0.5'}];

const json = runCode(mockData);
assertThat(json).isString();
assertThat(json).isEqualTo('{"a":{"b":[1,[2,{"c":null}]]},"z":-0.5}');`,
    },
    {
      name: 'Remove empty drops empty strings, nulls, empty objects and arrays',
      expect: 'pass',
      code: js`mockData.removeEmpty = 'true';
mockData.baseObject = '{"keep":0,"drop":"","nested":{"x":null,"y":[]},"list":["",null,{},"v"]}';
mockData.properties = [{key: 'f', value: 'false'}];

assertThat(runCode(mockData)).isEqualTo({keep: 0, list: ['v'], f: false});`,
    },
    {
      name: 'Key list output is sorted',
      expect: 'pass',
      code: js`mockData.outputType = 'keys';

assertThat(runCode(mockData)).isEqualTo(['broken', 'count', 'flags', 'items', 'none', 'ok', 'price', 'source', 'user.address.city', 'user.id', 'user.tier', 'word']);`,
    },
    {
      name: 'Wrong merge expectation on purpose',
      expect: { fails: 'Expected {"user":{"id":"old","tier":"gold"},"source":"web"} to equal {"user":{"id":"old"},"source":"web"}' },
      code: js`mockData.properties = [];

assertThat(runCode(mockData)).isEqualTo({user: {id: 'old'}, source: 'web'});`,
    },
  ],
};

export default source;
