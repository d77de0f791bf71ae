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
  "displayName": "Object Builder Lookalike",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_stape-io",
    "displayName": "stape-io"
  },
  "description": "Builds an object (or its JSON) from a table of key paths and values.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SIMPLE_TABLE",
    "name": "properties",
    "displayName": "Properties",
    "simpleTableColumns": [
      {
        "defaultValue": "",
        "displayName": "Key (dot path)",
        "name": "key",
        "type": "TEXT",
        "isUnique": true
      },
      {
        "defaultValue": "",
        "displayName": "Value",
        "name": "value",
        "type": "TEXT"
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "baseObject",
    "displayName": "Base object (variable or JSON)",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "parseJson",
    "checkboxText": "Parse JSON values",
    "simpleValueType": true
  },
  {
    "type": "CHECKBOX",
    "name": "removeEmpty",
    "checkboxText": "Remove empty values",
    "simpleValueType": true
  },
  {
    "type": "SELECT",
    "name": "outputType",
    "displayName": "Output",
    "macrosInSelect": false,
    "selectItems": [
      {
        "value": "object",
        "displayValue": "Object"
      },
      {
        "value": "json",
        "displayValue": "JSON string"
      },
      {
        "value": "keys",
        "displayValue": "Sorted key list"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "object"
  }
]


___SANDBOXED_JS_FOR_SERVER___

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


___SERVER_PERMISSIONS___

[]


___TESTS___

scenarios:
- name: Builds a nested object, parsing JSON values and merging the base
  code: "const result = runCode(mockData);\n\nassertThat(result).isEqualTo({\n  user:\
    \ {id: 'U-1', tier: 'gold', address: {city: 'Oslo'}},\n  source: 'web',\n  items:\
    \ [{sku: 'S1'}],\n  flags: ['a', 'b'],\n  count: 3,\n  price: 100,\n  ok: true,\n\
    \  none: null,\n  word: 'nothing',\n  broken: undefined\n});\nassertThat(result.flags).containsExactly('b',\
    \ 'a');\nassertThat(result.none).isNull();\nassertThat(result.broken).isUndefined();"
- name: Without JSON parsing the values stay strings
  code: "mockData.parseJson = false;\nmockData.properties = [{key: 'flags', value:\
    \ '[\"a\"]'}, {key: 'count', value: '3'}];\nmockData.baseObject = undefined;\n\
    \nassertThat(runCode(mockData)).isEqualTo({flags: '[\"a\"]', count: '3'});"
- name: Base object given as an object variable is merged too
  code: "mockData.baseObject = {user: {tier: 'silver', tags: [1, 2]}, list: [1]};\n\
    mockData.properties = [{key: 'user.id', value: 'U-2'}, {key: 'list', value: '[2,3]'}];\n\
    \nassertThat(runCode(mockData)).isEqualTo({user: {tier: 'silver', tags: [1, 2],\
    \ id: 'U-2'}, list: [2, 3]});"
- name: JSON output is a string with nested arrays
  code: "mockData.outputType = 'json';\nmockData.baseObject = '';\nmockData.properties\
    \ = [{key: 'a.b', value: '[1,[2,{\"c\":null}]]'}, {key: 'z', value: '-0.5'}];\n\
    \nconst json = runCode(mockData);\nassertThat(json).isString();\nassertThat(json).isEqualTo('{\"\
    a\":{\"b\":[1,[2,{\"c\":null}]]},\"z\":-0.5}');"
- name: Remove empty drops empty strings, nulls, empty objects and arrays
  code: "mockData.removeEmpty = 'true';\nmockData.baseObject = '{\"keep\":0,\"drop\"\
    :\"\",\"nested\":{\"x\":null,\"y\":[]},\"list\":[\"\",null,{},\"v\"]}';\nmockData.properties\
    \ = [{key: 'f', value: 'false'}];\n\nassertThat(runCode(mockData)).isEqualTo({keep:\
    \ 0, list: ['v'], f: false});"
- name: Key list output is sorted
  code: "mockData.outputType = 'keys';\n\nassertThat(runCode(mockData)).isEqualTo(['broken',\
    \ 'count', 'flags', 'items', 'none', 'ok', 'price', 'source', 'user.address.city',\
    \ 'user.id', 'user.tier', 'word']);"
- name: Wrong merge expectation on purpose
  code: "mockData.properties = [];\n\nassertThat(runCode(mockData)).isEqualTo({user:\
    \ {id: 'old'}, source: 'web'});"
setup: "const mockData = {\n  properties: [\n    {key: 'user.id', value: 'U-1'},\n\
  \    {key: 'user.address.city', value: 'Oslo'},\n    {key: 'items.0.sku', value:\
  \ 'S1'},\n    {key: 'flags', value: '[\"a\",\"b\"]'},\n    {key: 'count', value:\
  \ ' 3 '},\n    {key: 'price', value: '1e2'},\n    {key: 'ok', value: 'true'},\n\
  \    {key: 'none', value: 'null'},\n    {key: 'word', value: 'nothing'},\n    {key:\
  \ 'broken', value: '{\"a\":'}\n  ],\n  baseObject: '{\"user\":{\"id\":\"old\",\"\
  tier\":\"gold\"},\"source\":\"web\"}',\n  parseJson: true,\n  outputType: 'object'\n\
  };"


___NOTES___

Created on 11/25/2026, 12:00:00


