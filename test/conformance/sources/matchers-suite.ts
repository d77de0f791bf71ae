import { js, type ConformanceScenario, type ConformanceSource } from '../lib/source';

/**
 * The test API itself, over a small variable (an "event data extractor" like many gallery
 * variables): every assertThat matcher once passing and once failing on purpose, assertApi,
 * fail(), custom messages, first-failure-wins and failures inside callLater.
 */

/** [matcher call on the template's output, expected failure message] */
const deliberateFailures: [string, string][] = [
  ["assertThat(out.str).isEqualTo('abd')", 'Expected "abc" to equal "abd"'],
  ["assertThat(out.obj).isNotEqualTo({b: [1, 2], a: 1})", 'Expected {"a":1,"b":[1,2]} not to equal {"b":[1,2],"a":1}'],
  ["assertThat(out.obj).isStrictlyEqualTo({a: 1, b: [1, 2]})", 'Expected {"a":1,"b":[1,2]} to strictly equal {"a":1,"b":[1,2]}'],
  ["assertThat(out.num).isNotStrictlyEqualTo(42)", 'Expected 42 not to strictly equal 42'],
  ["assertThat(out.str).isAnyOf('x', 'y')", 'Expected "abc" to be any of "x", "y"'],
  ["assertThat(out.str).isNoneOf('x', 'abc')", 'Expected "abc" to be none of "x", "abc"'],
  ['assertThat(out.missing).isDefined()', 'Expected undefined to be defined'],
  ['assertThat(out.nil).isUndefined()', 'Expected null to be undefined'],
  ['assertThat(out.missing).isNull()', 'Expected undefined to be null'],
  ['assertThat(out.nil).isNotNull()', 'Expected null not to be null'],
  ['assertThat(out.truthyString).isTrue()', 'Expected "yes" to be true'],
  ['assertThat(out.zero).isFalse()', 'Expected 0 to be false'],
  ['assertThat(out.emptyString).isTruthy()', 'Expected "" to be truthy'],
  ['assertThat(out.arr).isFalsy()', 'Expected [1,"two",{"three":3}] to be falsy'],
  ['assertThat(out.num).isNaN()', 'Expected 42 to be NaN'],
  ['assertThat(out.nan).isNotNaN()', 'Expected NaN not to be NaN'],
  ['assertThat(out.num).isInfinity()', 'Expected 42 to be Infinity'],
  ['assertThat(out.inf).isNotInfinity()', 'Expected Infinity not to be Infinity'],
  ['assertThat(out.num).isGreaterThan(42)', 'Expected 42 to be greater than 42'],
  ['assertThat(out.num).isGreaterThanOrEqualTo(43)', 'Expected 42 to be greater than or equal to 43'],
  ['assertThat(out.num).isLessThan(42)', 'Expected 42 to be less than 42'],
  ['assertThat(out.num).isLessThanOrEqualTo(41)', 'Expected 42 to be less than or equal to 41'],
  ["assertThat(out.arr).contains(1, 'three')", 'Expected [1,"two",{"three":3}] to contain 1, "three"'],
  ["assertThat(out.arr).doesNotContain({three: 3})", 'Expected [1,"two",{"three":3}] not to contain {"three":3}'],
  ["assertThat(out.arr).containsExactly(1, 'two')", 'Expected [1,"two",{"three":3}] to contain exactly 1, "two"'],
  ["assertThat(out.arr).doesNotContainExactly({three: 3}, 'two', 1)", 'Expected [1,"two",{"three":3}] not to contain exactly {"three":3}, "two", 1'],
  ['assertThat(out.str).hasLength(4)', 'Expected "abc" to have length 4 (it has 3)'],
  ['assertThat(out.obj).isEmpty()', 'Expected {"a":1,"b":[1,2]} to be empty'],
  ['assertThat(out.emptyArr).isNotEmpty()', 'Expected [] not to be empty'],
  ['assertThat(out.obj).isArray()', 'Expected {"a":1,"b":[1,2]} to be an array'],
  ['assertThat(out.zero).isBoolean()', 'Expected 0 to be a boolean'],
  ['assertThat(out.str).isFunction()', 'Expected "abc" to be a function'],
  ["assertThat(out.numericString).isNumber()", 'Expected "42" to be a number'],
  ['assertThat(out.nil).isObject()', 'Expected null to be an object'],
  ['assertThat(out.num).isString()', 'Expected 42 to be a string'],
];

const failScenarios: ConformanceScenario[] = deliberateFailures.map(([call, message]) => ({
  name: `Deliberate failure: ${call.slice(call.indexOf(').') + 2, call.indexOf('(', call.indexOf(').') + 2))}`,
  expect: { fails: message },
  code: `const out = runCode({source: 'sample'});\n\n${call};`,
}));

const source: ConformanceSource = {
  file: 'matchers-suite',
  lookalikeOf: 'gallery "event data extractor" variables (test API coverage)',
  type: 'MACRO',
  displayName: 'Typed Sample Variable',
  description: 'Returns a value of each sandbox type, or the event data value at a key.',
  categories: ['UTILITY'],
  brand: { id: 'brand_dummy', displayName: '' },
  parameters: [
    {
      type: 'SELECT',
      name: 'source',
      displayName: 'Source',
      selectItems: [
        { value: 'sample', displayValue: 'Typed sample' },
        { value: 'event', displayValue: 'Event data key' },
      ],
      simpleValueType: true,
    },
    { type: 'TEXT', name: 'key', displayName: 'Key', simpleValueType: true, enablingConditions: [{ paramName: 'source', paramValue: 'event', type: 'EQUALS' }] },
  ],
  code: js`
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
`,
  permissions: { read_event_data: { eventDataAccess: 'any' } },
  testStyle: 'gtm',
  setup: '',
  scenarios: [
    {
      name: 'Every matcher passes on a matching value',
      expect: 'pass',
      code: js`const out = runCode({source: 'sample'});

assertThat(out.obj).isEqualTo({b: [1, 2], a: 1});
assertThat(out.obj).isNotEqualTo({a: 1, b: [2, 1]});
assertThat(out.str).isStrictlyEqualTo('abc');
assertThat(out.obj).isNotStrictlyEqualTo({a: 1, b: [1, 2]});
assertThat(out.arr).isAnyOf('x', [1, 'two', {three: 3}]);
assertThat(out.str).isNoneOf('x', 'y');
assertThat(out.nil).isDefined();
assertThat(out.missing).isUndefined();
assertThat(out.nil).isNull();
assertThat(out.missing).isNotNull();
assertThat(out.bool).isTrue();
assertThat(out.bool === false).isFalse();
assertThat(out.truthyString).isTruthy();
assertThat(out.emptyString).isFalsy();
assertThat(out.nan).isNaN();
assertThat(out.numericString).isNotNaN();
assertThat(out.inf).isInfinity();
assertThat(out.num).isNotInfinity();
assertThat(out.num).isGreaterThan(41);
assertThat(out.num).isGreaterThanOrEqualTo(42);
assertThat(out.num).isLessThan(43);
assertThat(out.num).isLessThanOrEqualTo(42);
assertThat(out.arr).contains({three: 3}, 1);
assertThat(out.arr).doesNotContain('three', 3);
assertThat(out.arr).containsExactly({three: 3}, 'two', 1);
assertThat(out.arr).doesNotContainExactly(1, 'two');
assertThat(out.arr).hasLength(3);
assertThat(out.emptyArr).isEmpty();
assertThat(out.emptyObj).isEmpty();
assertThat(out.emptyString).isEmpty();
assertThat(out.str).isNotEmpty();
assertThat(out.arr).isArray();
assertThat(out.bool).isBoolean();
assertThat(out.fn).isFunction();
assertThat(out.zero).isNumber();
assertThat(out.obj).isObject();
assertThat(out.str).isString();`,
    },
    {
      name: 'A string contains its substrings',
      expect: 'pass',
      code: js`assertThat('https://example.com/?a=1').contains('example.com', 'a=1');
assertThat('https://example.com/').doesNotContain('token');`,
    },
    ...failScenarios,
    {
      name: 'A custom message prefixes the failure',
      expect: { fails: 'email must be hashed: Expected "abc" to have length 64 (it has 3)' },
      code: js`const out = runCode({source: 'sample'});

assertThat(out.str, 'email must be hashed').hasLength(64);`,
    },
    {
      name: 'The first failure wins and the rest of the scenario is skipped',
      expect: { fails: 'Expected 42 to equal 1' },
      code: js`const out = runCode({source: 'sample'});

assertThat(out.num).isEqualTo(1);
fail('never reached');`,
    },
    {
      name: 'fail() without a message',
      expect: { fails: 'fail() was called' },
      code: js`fail();`,
    },
    {
      name: 'A failing assertion inside callLater fails the scenario',
      expect: { fails: 'Expected "late" to equal "on time"' },
      code: js`const callLater = require('callLater');

callLater(() => {
  assertThat('late').isEqualTo('on time');
});`,
    },
    {
      name: 'assertApi on the event data read',
      expect: 'pass',
      code: js`mock('getEventData', (key) => ({page_title: 'Home'})[key]);

assertThat(runCode({source: 'event', key: 'page_title'})).isEqualTo('Home');
assertApi('getEventData').wasCalled();
assertApi('getEventData').wasCalledWith('page_title');
assertApi('getEventData').wasNotCalledWith('page_location');
assertApi('makeNumber').wasNotCalled();`,
    },
    {
      name: 'Deliberate failure: wasCalledWith other arguments',
      expect: { fails: 'Expected getEventData to be called with ["page_location"], but its calls were: ["page_title"]' },
      code: js`mock('getEventData', 'Home');

runCode({source: 'event', key: 'page_title'});

assertApi('getEventData').wasCalledWith('page_location');`,
    },
    {
      name: 'Deliberate failure: wasNotCalled on a called API',
      expect: { fails: 'Expected getEventData not to be called, but it was called 2 times' },
      code: js`mock('getEventData', 'Home');

runCode({source: 'event', key: 'a'});
runCode({source: 'event', key: 'b'});

assertApi('getEventData').wasNotCalled();`,
    },
    {
      name: 'Deliberate failure: wasNotCalledWith matching arguments',
      expect: { fails: 'Expected getEventData not to be called with ["a"]' },
      code: js`mock('getEventData', 'Home');

runCode({source: 'event', key: 'a'});

assertApi('getEventData').wasNotCalledWith('a');`,
    },
    {
      name: 'Tab-indented test code survives the YAML export',
      expect: 'pass',
      code: 'const out = runCode({source: \'sample\'});\nif (out.num === 42) {\n\tassertThat(out.arr[2]).isEqualTo({three: 3});\n} else {\n\tfail(\'tab block skipped\');\n}',
    },
    {
      name: 'Mocks do not leak from the previous scenario',
      expect: 'pass',
      code: js`assertThat(runCode({source: 'event', key: 'page_title'})).isUndefined();`,
    },
  ],
};

export default source;
