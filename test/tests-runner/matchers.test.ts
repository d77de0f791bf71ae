import { makeMatchers } from '../../sandbox-shim/tests-runner/matchers';
import { deepEqual, format } from '../../sandbox-shim/tests-runner/values';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';
import { makeTemplate } from '../runtime/helpers';

/** The failure message of `assertThat(actual)[matcher](...args)`, or null when it passes. */
function check(actual: unknown, matcher: string, args: unknown[] = [], message?: string): string | null {
  let failure: string | null = null;
  const matchers = makeMatchers(actual, message, (m) => {
    failure = m;
    throw new Error(m);
  });
  try {
    matchers[matcher](...args);
  } catch {
    // the failure is captured above
  }
  return failure;
}

const fn = function namedFn() {};

describe('every matcher passes and fails with a GTM-like message', () => {
  test.each([
    // equality
    [{ a: [1, { b: 2 }] }, 'isEqualTo', [{ a: [1, { b: 2 }] }], null],
    [{ a: 1 }, 'isEqualTo', [{ a: 2 }], 'Expected {"a":1} to equal {"a":2}'],
    [[1, 2], 'isEqualTo', [[2, 1]], 'Expected [1,2] to equal [2,1]'],
    [NaN, 'isEqualTo', [NaN], null],
    [1, 'isEqualTo', ['1'], 'Expected 1 to equal "1"'],
    // An own property whose value is undefined counts as absent (TestOptions.undefinedPropertiesEqualAbsent, default true).
    [{ a: undefined }, 'isEqualTo', [{}], null],
    [{ a: 1, b: { c: undefined } }, 'isEqualTo', [{ a: 1, b: {} }], null],
    [{}, 'isNotEqualTo', [{ a: undefined }], 'Expected {} not to equal {"a":undefined}'],
    [[{ a: 1, b: undefined }, {}], 'containsExactly', [{}, { a: 1 }], null],
    [[undefined], 'isEqualTo', [[]], 'Expected [undefined] to equal []'],
    [fn, 'isEqualTo', [fn], null],
    ['x', 'isNotEqualTo', ['y'], null],
    [[1], 'isNotEqualTo', [[1]], 'Expected [1] not to equal [1]'],
    [fn, 'isStrictlyEqualTo', [fn], null],
    [{}, 'isStrictlyEqualTo', [{}], 'Expected {} to strictly equal {}'],
    [{}, 'isNotStrictlyEqualTo', [{}], null],
    [3, 'isNotStrictlyEqualTo', [3], 'Expected 3 not to strictly equal 3'],
    [[1], 'isAnyOf', [[2], [1]], null],
    ['c', 'isAnyOf', ['a', 'b'], 'Expected "c" to be any of "a", "b"'],
    ['c', 'isNoneOf', ['a', 'b'], null],
    [{ k: 1 }, 'isNoneOf', [{ k: 1 }], 'Expected {"k":1} to be none of {"k":1}'],
    // definedness
    [0, 'isDefined', [], null],
    [undefined, 'isDefined', [], 'Expected undefined to be defined'],
    [undefined, 'isUndefined', [], null],
    [null, 'isUndefined', [], 'Expected null to be undefined'],
    [null, 'isNull', [], null],
    [undefined, 'isNull', [], 'Expected undefined to be null'],
    [undefined, 'isNotNull', [], null],
    [null, 'isNotNull', [], 'Expected null not to be null'],
    // booleans
    [true, 'isTrue', [], null],
    [1, 'isTrue', [], 'Expected 1 to be true'],
    [false, 'isFalse', [], null],
    [0, 'isFalse', [], 'Expected 0 to be false'],
    ['x', 'isTruthy', [], null],
    ['', 'isTruthy', [], 'Expected "" to be truthy'],
    [0, 'isFalsy', [], null],
    [[], 'isFalsy', [], 'Expected [] to be falsy'],
    // numbers
    [NaN, 'isNaN', [], null],
    ['abc', 'isNaN', [], 'Expected "abc" to be NaN'],
    [1, 'isNotNaN', [], null],
    [NaN, 'isNotNaN', [], 'Expected NaN not to be NaN'],
    [-Infinity, 'isInfinity', [], null],
    [1e308, 'isInfinity', [], 'Expected 1e+308 to be Infinity'],
    [1, 'isNotInfinity', [], null],
    [Infinity, 'isNotInfinity', [], 'Expected Infinity not to be Infinity'],
    [2, 'isGreaterThan', [1], null],
    [1, 'isGreaterThan', [1], 'Expected 1 to be greater than 1'],
    [1, 'isGreaterThanOrEqualTo', [1], null],
    ['2', 'isGreaterThanOrEqualTo', [1], 'Expected "2" to be greater than or equal to 1'],
    [0, 'isLessThan', [1], null],
    [2, 'isLessThan', [1], 'Expected 2 to be less than 1'],
    [1, 'isLessThanOrEqualTo', [1], null],
    [2, 'isLessThanOrEqualTo', [1], 'Expected 2 to be less than or equal to 1'],
    // collections and strings
    [[1, { a: 2 }, 3], 'contains', [{ a: 2 }, 1], null],
    [[1, 2], 'contains', [3], 'Expected [1,2] to contain 3'],
    ['hello world', 'contains', ['lo w'], null],
    ['hello', 'contains', ['x'], 'Expected "hello" to contain "x"'],
    [[1, 2], 'doesNotContain', [3, 4], null],
    [[1, 2], 'doesNotContain', [3, 2], 'Expected [1,2] not to contain 3, 2'],
    [[2, 1, 2], 'containsExactly', [2, 2, 1], null],
    [[1, 2], 'containsExactly', [1], 'Expected [1,2] to contain exactly 1'],
    [[1, 1], 'containsExactly', [1, 2], 'Expected [1,1] to contain exactly 1, 2'],
    [[1, 2], 'doesNotContainExactly', [1], null],
    [[1, 2], 'doesNotContainExactly', [2, 1], 'Expected [1,2] not to contain exactly 2, 1'],
    [[1, 2, 3], 'hasLength', [3], null],
    ['ab', 'hasLength', [2], null],
    [[1], 'hasLength', [2], 'Expected [1] to have length 2 (it has 1)'],
    [5, 'hasLength', [1], 'Expected 5 to have length 1'],
    [[], 'isEmpty', [], null],
    [{}, 'isEmpty', [], null],
    ['', 'isEmpty', [], null],
    [[0], 'isEmpty', [], 'Expected [0] to be empty'],
    [{ a: 1 }, 'isNotEmpty', [], null],
    ['', 'isNotEmpty', [], 'Expected "" not to be empty'],
    // types
    [[], 'isArray', [], null],
    [{}, 'isArray', [], 'Expected {} to be an array'],
    [false, 'isBoolean', [], null],
    ['true', 'isBoolean', [], 'Expected "true" to be a boolean'],
    [fn, 'isFunction', [], null],
    [{}, 'isFunction', [], 'Expected {} to be a function'],
    [0, 'isNumber', [], null],
    ['0', 'isNumber', [], 'Expected "0" to be a number'],
    [{}, 'isObject', [], null],
    [[], 'isObject', [], 'Expected [] to be an object'],
    [null, 'isObject', [], 'Expected null to be an object'],
    ['s', 'isString', [], null],
    [fn, 'isString', [], 'Expected function namedFn to be a string'],
  ])('%j %s %j → %s', (actual, matcher, args, expected) => {
    expect(check(actual, matcher, args as unknown[])).toBe(expected);
  });

  test('the custom message leads the failure', () => {
    expect(check(1, 'isEqualTo', [2], 'event_id')).toBe('event_id: Expected 1 to equal 2');
    expect(check(1, 'isEqualTo', [1], 'event_id')).toBeNull();
  });

  test('matchers return undefined (no chaining)', () => {
    expect(makeMatchers(1, undefined, () => { throw new Error('x'); }).isEqualTo(1)).toBeUndefined();
  });

  test('strict equality (undefinedPropertiesEqualAbsent: false) tells {a: undefined} from {}', () => {
    const strict = { undefinedPropertiesEqualAbsent: false };
    expect(deepEqual({ a: undefined }, {}, strict)).toBe(false);
    expect(deepEqual({ a: undefined }, { a: undefined }, strict)).toBe(true);
    let failure: string | undefined;
    const matchers = makeMatchers({ a: undefined }, undefined, (m) => {
      failure = m;
      throw new Error(m);
    }, strict);
    expect(() => matchers.isEqualTo({})).toThrow();
    expect(failure).toBe('Expected {"a":undefined} to equal {}');
  });

  test('deepEqual and format handle cycles', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    const b: Record<string, unknown> = { x: 1 };
    b.self = b;
    expect(deepEqual(a, b)).toBe(true);
    expect(format(a)).toBe('{"x":1,"self":[Circular]}');
  });
});

test('matchers compare sandbox values (arrays and objects from the sandbox realm)', async () => {
  const report = await runTemplateTests(
    makeTemplate({
      type: 'MACRO',
      code: "return {list: [1, 'a', {deep: true}], n: require('makeNumber')('12')};",
      scenarios: [
        { name: 'deep', code: "const v = runCode({});\nassertThat(v).isEqualTo({list: [1, 'a', {deep: true}], n: 12});\nassertThat(v.list).contains({deep: true});\nassertThat(v).isObject();\nassertThat(v.list).isArray();" },
        { name: 'mismatch', code: "assertThat(runCode({}).list, 'list').containsExactly(1, 'a');" },
      ],
    }),
    {},
  );
  expect(report.scenarios.map((s) => s.error ?? null)).toEqual([null, 'list: Expected [1,"a",{"deep":true}] to contain exactly 1, "a"']);
});

test('TestOptions.undefinedPropertiesEqualAbsent switches isEqualTo and wasCalledWith between loose (default) and strict', async () => {
  const template = makeTemplate({
    type: 'MACRO',
    permissions: { logging: { environments: 'all' } },
    code: "require('logToConsole')({id: data.id, extra: data.extra});\nreturn {id: data.id, extra: data.extra};",
    scenarios: [
      { name: 'return value', code: "assertThat(runCode({id: 'x'})).isEqualTo({id: 'x'});" },
      { name: 'api argument', code: "runCode({id: 'x'});\nassertApi('logToConsole').wasCalledWith({id: 'x'});" },
    ],
  });
  const loose = await runTemplateTests(template);
  expect(loose.scenarios.map((s) => [s.name, s.passed, s.error])).toEqual([
    ['return value', true, undefined],
    ['api argument', true, undefined],
  ]);
  const strict = await runTemplateTests(template, { undefinedPropertiesEqualAbsent: false });
  expect(strict.scenarios.map((s) => [s.name, s.passed, s.error])).toEqual([
    ['return value', false, 'Expected {"id":"x","extra":undefined} to equal {"id":"x"}'],
    ['api argument', false, 'Expected logToConsole to be called with [{"id":"x"}], but its calls were: [{"id":"x","extra":undefined}]'],
  ]);
});
