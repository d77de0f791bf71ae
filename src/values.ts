/**
 * Defensive readers for values of unknown shape. The sandbox has no try/catch, so every step
 * checks types first and turns anything unexpected into "absent" rather than failing.
 */
import { getType, makeNumber, makeString, Object } from './sandbox';

export type Dict = Record<string, unknown>;

/** Longest string the tag keeps from event data; protects logs and TikTok from runaway input. */
export const MAX_STRING = 2048;

export function isObject(value: unknown): value is Dict {
  return getType(value) === 'object';
}

export function isArray(value: unknown): value is unknown[] {
  return getType(value) === 'array';
}

export function asObject(value: unknown): Dict {
  return isObject(value) ? value : {};
}

/**
 * A property of an object, or undefined when value is not an object. Functions (inherited
 * methods such as toString) count as absent, so odd keys in event data cannot reach them.
 */
export function field(value: unknown, key: string): unknown {
  if (!isObject(value)) return undefined;
  const result = value[key];
  return getType(result) === 'function' ? undefined : result;
}

/** Keys that must never be written to: they would reach the prototype chain. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/** A dotted path through nested objects ("user_data.address.city"); arrays use their first element. */
export function path(value: unknown, dotted: string): unknown {
  const keys = dotted.split('.');
  let current: unknown = value;
  for (let i = 0; i < keys.length; i++) {
    if (isArray(current)) current = current.length > 0 ? current[0] : undefined;
    current = field(current, keys[i]);
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * A trimmed, non-empty string from a string, number or boolean, cut to maxLength;
 * undefined for anything else (objects, arrays, NaN, "", whitespace, "undefined", "null").
 */
export function text(value: unknown, maxLength?: number): string | undefined {
  const type = getType(value);
  let result: string;
  if (type === 'string') result = (value as string).trim();
  else if (type === 'number') {
    if (!isFiniteNumber(value)) return undefined;
    result = makeString(value);
  } else if (type === 'boolean') result = makeString(value);
  else return undefined;
  if (result === '' || result === 'undefined' || result === 'null') return undefined;
  return truncate(result, maxLength === undefined ? MAX_STRING : maxLength);
}

export function isFiniteNumber(value: unknown): value is number {
  // NaN is the only value not equal to itself; Infinity overflows to itself when doubled.
  return getType(value) === 'number' && value === value && (value as number) * 0 === 0;
}

/** A finite number from a number or a numeric string ("12.50", " 3 "); undefined otherwise. */
export function numeric(value: unknown): number | undefined {
  const type = getType(value);
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

/** Every occurrence of each secret replaced; used on anything that reaches a log line. */
export function redact(value: string, secrets: string[]): string {
  let out = value;
  for (let i = 0; i < secrets.length; i++) {
    if (secrets[i].length >= 3) out = out.split(secrets[i]).join('[REDACTED]');
  }
  return out;
}

/** Object keys in insertion order, only for plain objects. */
export function keysOf(value: unknown): string[] {
  if (!isObject(value)) return [];
  return Object.keys(value);
}

export function isTruthyFlag(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}
