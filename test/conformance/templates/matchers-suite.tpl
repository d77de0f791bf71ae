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
  "displayName": "Typed Sample Variable",
  "categories": [
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": ""
  },
  "description": "Returns a value of each sandbox type, or the event data value at a key.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SELECT",
    "name": "source",
    "displayName": "Source",
    "selectItems": [
      {
        "value": "sample",
        "displayValue": "Typed sample"
      },
      {
        "value": "event",
        "displayValue": "Event data key"
      }
    ],
    "simpleValueType": true
  },
  {
    "type": "TEXT",
    "name": "key",
    "displayName": "Key",
    "simpleValueType": true,
    "enablingConditions": [
      {
        "paramName": "source",
        "paramValue": "event",
        "type": "EQUALS"
      }
    ]
  }
]


___SANDBOXED_JS_FOR_SERVER___

const getEventData = require('getEventData');
const makeNumber = require('makeNumber');

if (data.source === 'event') {
  return getEventData(data.key);
}

return {
  str: 'abc',
  num: 42,
  zero: 0,
  nil: null,
  missing: undefined,
  truthyString: 'yes',
  emptyString: '',
  numericString: '42',
  arr: [1, 'two', {three: 3}],
  emptyArr: [],
  obj: {a: 1, b: [1, 2]},
  emptyObj: {},
  nan: makeNumber('not a number'),
  inf: 1 / 0,
  bool: true,
  fn: function () { return 1; }
};


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "read_event_data",
        "versionId": "1"
      },
      "param": [
        {
          "key": "eventDataAccess",
          "value": {
            "type": 1,
            "string": "any"
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: Every matcher passes on a matching value
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.obj).isEqualTo({b:\
    \ [1, 2], a: 1});\nassertThat(out.obj).isNotEqualTo({a: 1, b: [2, 1]});\nassertThat(out.str).isStrictlyEqualTo('abc');\n\
    assertThat(out.obj).isNotStrictlyEqualTo({a: 1, b: [1, 2]});\nassertThat(out.arr).isAnyOf('x',\
    \ [1, 'two', {three: 3}]);\nassertThat(out.str).isNoneOf('x', 'y');\nassertThat(out.nil).isDefined();\n\
    assertThat(out.missing).isUndefined();\nassertThat(out.nil).isNull();\nassertThat(out.missing).isNotNull();\n\
    assertThat(out.bool).isTrue();\nassertThat(out.bool === false).isFalse();\nassertThat(out.truthyString).isTruthy();\n\
    assertThat(out.emptyString).isFalsy();\nassertThat(out.nan).isNaN();\nassertThat(out.numericString).isNotNaN();\n\
    assertThat(out.inf).isInfinity();\nassertThat(out.num).isNotInfinity();\nassertThat(out.num).isGreaterThan(41);\n\
    assertThat(out.num).isGreaterThanOrEqualTo(42);\nassertThat(out.num).isLessThan(43);\n\
    assertThat(out.num).isLessThanOrEqualTo(42);\nassertThat(out.arr).contains({three:\
    \ 3}, 1);\nassertThat(out.arr).doesNotContain('three', 3);\nassertThat(out.arr).containsExactly({three:\
    \ 3}, 'two', 1);\nassertThat(out.arr).doesNotContainExactly(1, 'two');\nassertThat(out.arr).hasLength(3);\n\
    assertThat(out.emptyArr).isEmpty();\nassertThat(out.emptyObj).isEmpty();\nassertThat(out.emptyString).isEmpty();\n\
    assertThat(out.str).isNotEmpty();\nassertThat(out.arr).isArray();\nassertThat(out.bool).isBoolean();\n\
    assertThat(out.fn).isFunction();\nassertThat(out.zero).isNumber();\nassertThat(out.obj).isObject();\n\
    assertThat(out.str).isString();"
- name: A string contains its substrings
  code: "assertThat('https://example.com/?a=1').contains('example.com', 'a=1');\n\
    assertThat('https://example.com/').doesNotContain('token');"
- name: 'Deliberate failure: isEqualTo'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.str).isEqualTo('abd');"
- name: 'Deliberate failure: isNotEqualTo'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.obj).isNotEqualTo({b:\
    \ [1, 2], a: 1});"
- name: 'Deliberate failure: isStrictlyEqualTo'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.obj).isStrictlyEqualTo({a:\
    \ 1, b: [1, 2]});"
- name: 'Deliberate failure: isNotStrictlyEqualTo'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isNotStrictlyEqualTo(42);"
- name: 'Deliberate failure: isAnyOf'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.str).isAnyOf('x',\
    \ 'y');"
- name: 'Deliberate failure: isNoneOf'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.str).isNoneOf('x',\
    \ 'abc');"
- name: 'Deliberate failure: isDefined'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.missing).isDefined();"
- name: 'Deliberate failure: isUndefined'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.nil).isUndefined();"
- name: 'Deliberate failure: isNull'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.missing).isNull();"
- name: 'Deliberate failure: isNotNull'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.nil).isNotNull();"
- name: 'Deliberate failure: isTrue'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.truthyString).isTrue();"
- name: 'Deliberate failure: isFalse'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.zero).isFalse();"
- name: 'Deliberate failure: isTruthy'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.emptyString).isTruthy();"
- name: 'Deliberate failure: isFalsy'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.arr).isFalsy();"
- name: 'Deliberate failure: isNaN'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isNaN();"
- name: 'Deliberate failure: isNotNaN'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.nan).isNotNaN();"
- name: 'Deliberate failure: isInfinity'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isInfinity();"
- name: 'Deliberate failure: isNotInfinity'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.inf).isNotInfinity();"
- name: 'Deliberate failure: isGreaterThan'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isGreaterThan(42);"
- name: 'Deliberate failure: isGreaterThanOrEqualTo'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isGreaterThanOrEqualTo(43);"
- name: 'Deliberate failure: isLessThan'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isLessThan(42);"
- name: 'Deliberate failure: isLessThanOrEqualTo'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isLessThanOrEqualTo(41);"
- name: 'Deliberate failure: contains'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.arr).contains(1,\
    \ 'three');"
- name: 'Deliberate failure: doesNotContain'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.arr).doesNotContain({three:\
    \ 3});"
- name: 'Deliberate failure: containsExactly'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.arr).containsExactly(1,\
    \ 'two');"
- name: 'Deliberate failure: doesNotContainExactly'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.arr).doesNotContainExactly({three:\
    \ 3}, 'two', 1);"
- name: 'Deliberate failure: hasLength'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.str).hasLength(4);"
- name: 'Deliberate failure: isEmpty'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.obj).isEmpty();"
- name: 'Deliberate failure: isNotEmpty'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.emptyArr).isNotEmpty();"
- name: 'Deliberate failure: isArray'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.obj).isArray();"
- name: 'Deliberate failure: isBoolean'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.zero).isBoolean();"
- name: 'Deliberate failure: isFunction'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.str).isFunction();"
- name: 'Deliberate failure: isNumber'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.numericString).isNumber();"
- name: 'Deliberate failure: isObject'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.nil).isObject();"
- name: 'Deliberate failure: isString'
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isString();"
- name: A custom message prefixes the failure
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.str, 'email must\
    \ be hashed').hasLength(64);"
- name: The first failure wins and the rest of the scenario is skipped
  code: "const out = runCode({source: 'sample'});\n\nassertThat(out.num).isEqualTo(1);\n\
    fail('never reached');"
- name: fail() without a message
  code: "fail();"
- name: A failing assertion inside callLater fails the scenario
  code: "const callLater = require('callLater');\n\ncallLater(() => {\n  assertThat('late').isEqualTo('on\
    \ time');\n});"
- name: assertApi on the event data read
  code: "mock('getEventData', (key) => ({page_title: 'Home'})[key]);\n\nassertThat(runCode({source:\
    \ 'event', key: 'page_title'})).isEqualTo('Home');\nassertApi('getEventData').wasCalled();\n\
    assertApi('getEventData').wasCalledWith('page_title');\nassertApi('getEventData').wasNotCalledWith('page_location');\n\
    assertApi('makeNumber').wasNotCalled();"
- name: 'Deliberate failure: wasCalledWith other arguments'
  code: "mock('getEventData', 'Home');\n\nrunCode({source: 'event', key: 'page_title'});\n\
    \nassertApi('getEventData').wasCalledWith('page_location');"
- name: 'Deliberate failure: wasNotCalled on a called API'
  code: "mock('getEventData', 'Home');\n\nrunCode({source: 'event', key: 'a'});\n\
    runCode({source: 'event', key: 'b'});\n\nassertApi('getEventData').wasNotCalled();"
- name: 'Deliberate failure: wasNotCalledWith matching arguments'
  code: "mock('getEventData', 'Home');\n\nrunCode({source: 'event', key: 'a'});\n\n\
    assertApi('getEventData').wasNotCalledWith('a');"
- name: Tab-indented test code survives the YAML export
  code: "const out = runCode({source: 'sample'});\nif (out.num === 42) {\n\tassertThat(out.arr[2]).isEqualTo({three:\
    \ 3});\n} else {\n\tfail('tab block skipped');\n}"
- name: Mocks do not leak from the previous scenario
  code: "assertThat(runCode({source: 'event', key: 'page_title'})).isUndefined();"
setup: ''


___NOTES___

Created on 11/25/2026, 12:00:00


