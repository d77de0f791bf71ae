/**
 * assertThat(actual, opt_message) and every matcher of spec §5.2. A matcher returns nothing
 * (chaining is unverified in GTM); a failing one reports a message like
 * `Expected {"a":1} to equal {"a":2}` and ends the scenario.
 */
import { DEFAULT_EQUALITY, deepEqual, format, typeOf, type EqualityOptions } from './values';

export type Fail = (message: string) => never;

type Matcher = (...expected: unknown[]) => void;

function lengthOf(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  return undefined;
}

/** Every element of `wanted` is in `actual` (deep equality; substrings for strings). */
function containsAll(actual: unknown, wanted: unknown[], eq: EqualityOptions): boolean {
  if (typeof actual === 'string') return wanted.every((w) => actual.includes(String(w)));
  if (Array.isArray(actual)) return wanted.every((w) => Array.prototype.some.call(actual, (a: unknown) => deepEqual(a, w, eq)));
  return false;
}

/** Same elements, any order, same multiplicity. */
function sameElements(actual: unknown, wanted: unknown[], eq: EqualityOptions): boolean {
  if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
  const used = new Array<boolean>(actual.length).fill(false);
  return wanted.every((w) => {
    const i = actual.findIndex((a, j) => !used[j] && deepEqual(a, w, eq));
    if (i === -1) return false;
    used[i] = true;
    return true;
  });
}

function isEmpty(value: unknown): boolean {
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (typeOf(value) === 'object') return Object.keys(value as object).length === 0;
  return false;
}

export function makeMatchers(actual: unknown, customMessage: unknown, fail: Fail, eq: EqualityOptions = DEFAULT_EQUALITY): Record<string, Matcher> {
  const shown = format(actual);
  const check = (ok: boolean, expectation: string) => {
    if (ok) return;
    const base = `Expected ${shown} ${expectation}`;
    fail(customMessage === undefined || customMessage === null || customMessage === '' ? base : `${String(customMessage)}: ${base}`);
  };
  const list = (xs: unknown[]) => xs.map((x) => format(x)).join(', ');
  const num = (x: unknown) => typeof x === 'number';
  return {
    isEqualTo: (x) => check(deepEqual(actual, x, eq), `to equal ${format(x)}`),
    isNotEqualTo: (x) => check(!deepEqual(actual, x, eq), `not to equal ${format(x)}`),
    isStrictlyEqualTo: (x) => check(actual === x, `to strictly equal ${format(x)}`),
    isNotStrictlyEqualTo: (x) => check(actual !== x, `not to strictly equal ${format(x)}`),
    isAnyOf: (...xs) => check(xs.some((x) => deepEqual(actual, x, eq)), `to be any of ${list(xs)}`),
    isNoneOf: (...xs) => check(!xs.some((x) => deepEqual(actual, x, eq)), `to be none of ${list(xs)}`),
    isDefined: () => check(actual !== undefined, 'to be defined'),
    isUndefined: () => check(actual === undefined, 'to be undefined'),
    isNull: () => check(actual === null, 'to be null'),
    isNotNull: () => check(actual !== null, 'not to be null'),
    isTrue: () => check(actual === true, 'to be true'),
    isFalse: () => check(actual === false, 'to be false'),
    isTruthy: () => check(Boolean(actual), 'to be truthy'),
    isFalsy: () => check(!actual, 'to be falsy'),
    isNaN: () => check(num(actual) && Number.isNaN(actual), 'to be NaN'),
    isNotNaN: () => check(!(num(actual) && Number.isNaN(actual)), 'not to be NaN'),
    isInfinity: () => check(actual === Infinity || actual === -Infinity, 'to be Infinity'),
    isNotInfinity: () => check(actual !== Infinity && actual !== -Infinity, 'not to be Infinity'),
    isGreaterThan: (x) => check(num(actual) && num(x) && (actual as number) > (x as number), `to be greater than ${format(x)}`),
    isGreaterThanOrEqualTo: (x) => check(num(actual) && num(x) && (actual as number) >= (x as number), `to be greater than or equal to ${format(x)}`),
    isLessThan: (x) => check(num(actual) && num(x) && (actual as number) < (x as number), `to be less than ${format(x)}`),
    isLessThanOrEqualTo: (x) => check(num(actual) && num(x) && (actual as number) <= (x as number), `to be less than or equal to ${format(x)}`),
    contains: (...xs) => check(containsAll(actual, xs, eq), `to contain ${list(xs)}`),
    doesNotContain: (...xs) => check((typeof actual === 'string' || Array.isArray(actual)) && !xs.some((x) => containsAll(actual, [x], eq)), `not to contain ${list(xs)}`),
    containsExactly: (...xs) => check(sameElements(actual, xs, eq), `to contain exactly ${list(xs)}`),
    doesNotContainExactly: (...xs) => check(Array.isArray(actual) && !sameElements(actual, xs, eq), `not to contain exactly ${list(xs)}`),
    hasLength: (n) => check(lengthOf(actual) === n, `to have length ${format(n)}${lengthOf(actual) === undefined ? '' : ` (it has ${lengthOf(actual)})`}`),
    isEmpty: () => check(isEmpty(actual), 'to be empty'),
    isNotEmpty: () => check((typeof actual === 'string' || typeOf(actual) === 'array' || typeOf(actual) === 'object') && !isEmpty(actual), 'not to be empty'),
    isArray: () => check(typeOf(actual) === 'array', 'to be an array'),
    isBoolean: () => check(typeOf(actual) === 'boolean', 'to be a boolean'),
    isFunction: () => check(typeOf(actual) === 'function', 'to be a function'),
    isNumber: () => check(typeOf(actual) === 'number', 'to be a number'),
    // Arrays and null are not objects here, as getType says (spec §5.2 guess).
    isObject: () => check(typeOf(actual) === 'object', 'to be an object'),
    isString: () => check(typeOf(actual) === 'string', 'to be a string'),
  };
}
