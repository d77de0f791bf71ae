/**
 * Defensive readers for values of unknown shape. The sandbox has no try/catch, so every step
 * checks types first and turns anything unexpected into "absent" rather than failing.
 */
import { getType, makeNumber } from './sandbox';

export type Dict = Record<string, unknown>;

/** Longest string the tag keeps from event data; protects logs and TikTok from runaway input. */
export const MAX_STRING = 2048;

/** What getType answers, told by typeof wherever typeof can tell (no API call). */
export type Kind = 'undefined' | 'null' | 'boolean' | 'number' | 'string' | 'function' | 'array' | 'object';

/**
 * The kind of a value. typeof answers for everything but objects; only an object costs a getType
 * call (array or plain object?), because every sandbox API call crosses the sandbox boundary.
 * Classify a value once and keep the answer rather than asking again on every read.
 */
export function kindOf(value: unknown): Kind {
  const type = typeof value;
  if (type !== 'object') return type as Kind;
  if (value === null) return 'null';
  return getType(value) as Kind;
}

export function isObject(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && getType(value) === 'object';
}

export function isArray(value: unknown): value is unknown[] {
  return typeof value === 'object' && value !== null && getType(value) === 'array';
}

export function asObject(value: unknown): Dict {
  return isObject(value) ? value : {};
}

/**
 * A property of an object already known to be a plain object. Functions (inherited methods such
 * as toString) count as absent, so odd keys in event data cannot reach them.
 */
export function own(value: Dict, key: string): unknown {
  return given(value[key]);
}

/**
 * A property read by name where the name is known (`fields.accessToken`), with own()'s rule: a
 * function counts as absent. A literal name makes a cheap read at each site; dozens of keys
 * through own()'s one computed read are not.
 */
export function given(value: unknown): unknown {
  return typeof value === 'function' ? undefined : value;
}

/** A property of a value of unknown kind: undefined unless the value is a plain object. */
export function field(value: unknown, key: string): unknown {
  return isObject(value) ? own(value, key) : undefined;
}

/**
 * An object to read properties from: the value itself, or the first element of an array (GA4's
 * user_data.address may come as a list); {} for anything else. One getType for an object, two
 * for an array.
 */
export function recordOf(value: unknown): Dict {
  const kind = kindOf(value);
  if (kind === 'object') return value as Dict;
  if (kind !== 'array') return {};
  const list = value as unknown[];
  return list.length > 0 ? asObject(list[0]) : {};
}

/**
 * The first element of a list an API answers (getCookieValues: always an array), or undefined.
 * typeof is enough to read it, so no getType call; a non-list answer has no element 0 that is text.
 */
export function firstItem(list: unknown): unknown {
  if (typeof list !== 'object' || list === null) return undefined;
  const items = list as unknown[];
  return items.length > 0 ? own(items as unknown as Dict, '0') : undefined;
}

/** Keys that must never be written to: they would reach the prototype chain. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * A trimmed, non-empty string from a string, number or boolean, cut to maxLength;
 * undefined for anything else (objects, arrays, NaN, "", whitespace, "undefined", "null").
 */
export function text(value: unknown, maxLength?: number): string | undefined {
  const type = typeof value;
  let result: string;
  if (type === 'string') result = (value as string).trim();
  else if (type === 'number') {
    if (!isFiniteNumber(value)) return undefined;
    // String(n) for a finite number, as makeString gives it, without an API call.
    result = '' + (value as number);
  } else if (type === 'boolean') result = value ? 'true' : 'false';
  else return undefined;
  if (result === '' || result === 'undefined' || result === 'null') return undefined;
  return truncate(result, maxLength === undefined ? MAX_STRING : maxLength);
}

/**
 * The integer part of a finite number, toward zero (what makeInteger gives for a number), by
 * arithmetic instead of an API call; for positive numbers it is also the floor.
 */
export function wholePart(n: number): number {
  return n - (n % 1);
}

/**
 * Math.round(n) by arithmetic (no Math API): the nearest integer, halves toward +∞. n minus its
 * floor is exact in floating point, so the result is Math.round's for every number.
 */
export function roundHalfUp(n: number): number {
  if (!isFiniteNumber(n)) return n;
  const whole = wholePart(n);
  const floor = n < whole ? whole - 1 : whole;
  return n - floor >= 0.5 ? floor + 1 : floor;
}

export function isFiniteNumber(value: unknown): value is number {
  // NaN is the only value not equal to itself; Infinity overflows to itself when doubled.
  return typeof value === 'number' && value === value && value * 0 === 0;
}

/** A finite number from a number or a numeric string ("12.50", " 3 "); undefined otherwise. */
export function numeric(value: unknown): number | undefined {
  const type = typeof value;
  if (type === 'number') return isFiniteNumber(value) ? value : undefined;
  if (type !== 'string') return undefined;
  const trimmed = (value as string).trim();
  if (trimmed === '' || trimmed.length > 40) return undefined;
  const n = makeNumber(trimmed);
  return isFiniteNumber(n) ? n : undefined;
}

/** The first value that is not undefined. */
export function firstDefined(values: unknown[]): unknown {
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== undefined) return values[i];
  }
  return undefined;
}

export function contains(list: readonly string[], value: string): boolean {
  return list.indexOf(value) !== -1;
}

export function truncate(value: string, maxLength: number): string {
  return value.length > maxLength ? value.substring(0, maxLength) : value;
}

/** True when every character of value is one of chars (the sandbox has no regular expressions). */
export function onlyChars(value: string, chars: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (chars.indexOf(value.charAt(i)) === -1) return false;
  }
  return true;
}

/**
 * Every occurrence of each secret replaced, whatever its case ("Jane@Example.com" also hides
 * "jane@example.com"); used on anything that reaches a log line. The secrets come lower-cased
 * (src/privacy.ts), so only the text is lower-cased here.
 */
export function redact(value: string, secrets: string[]): string {
  let out = value;
  // Lower-cased once, and again only after a replacement changed the text.
  let lower = out.toLowerCase();
  for (let i = 0; i < secrets.length; i++) {
    if (secrets[i].length < 3) continue;
    const needle = secrets[i];
    let at = lower.indexOf(needle);
    if (at === -1) continue;
    // A few characters change length when lower-cased; then the lower-cased text is what is kept.
    if (lower.length !== out.length) {
      out = lower.split(needle).join('[REDACTED]');
      lower = out.toLowerCase();
      continue;
    }
    let result = '';
    let from = 0;
    while (at !== -1) {
      result += out.substring(from, at) + '[REDACTED]';
      from = at + needle.length;
      at = lower.indexOf(needle, from);
    }
    out = result + out.substring(from);
    lower = out.toLowerCase();
  }
  return out;
}

/** True when an object the tag built has at least one key; no API call. */
export function hasKeys(value: Dict): boolean {
  for (const key in value) return true;
  return false;
}

export function isTruthyFlag(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}
