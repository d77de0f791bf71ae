/**
 * JSON text written inside the sandbox, byte for byte what JSON.stringify gives. The JSON API
 * copies its whole argument out of the sandbox before it writes a character (one deep copy of
 * the request body, another of every log line); written here, only the finished text crosses,
 * and a line is scrubbed as it is written instead of being copied once more to scrub it.
 * Records and lists the tag built itself are written by their known shape, so nothing asks
 * getType what they are; a value of unknown shape costs one getType per object inside it.
 */
import { JSON } from './sandbox';
import { Dict, isFiniteNumber, kindOf } from './values';

/** What a text goes through before it is written (the health log's scrubber), or nothing. */
export type TextFilter = ((value: string) => string) | undefined;

/**
 * True when JSON.stringify writes the text as it is between quotes: no quote, no backslash, no
 * control character, no surrogate (a lone one is escaped; a pair is not, but is rare enough to
 * leave to the API as well).
 */
function isPlain(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch < ' ' || ch === '"' || ch === '\\' || (ch >= '\ud800' && ch <= '\udfff')) return false;
  }
  return true;
}

/** A string literal; the rare text that needs escapes is left to the API (a string crosses cheaply). */
export function jsonString(value: string): string {
  return isPlain(value) ? '"' + value + '"' : (JSON.stringify(value) as string);
}

/** As JSON.stringify: Number's own text for a finite number, null for NaN and ±Infinity. */
export function jsonNumber(value: number): string {
  return isFiniteNumber(value) ? '' + value : 'null';
}

/**
 * Any value, its objects told apart by getType. Undefined for what JSON.stringify leaves out
 * of a record (undefined, functions).
 */
export function jsonOf(value: unknown, filter: TextFilter): string | undefined {
  const type = typeof value;
  if (type === 'string') return jsonString(filter === undefined ? (value as string) : filter(value as string));
  if (type === 'number') return jsonNumber(value as number);
  if (type === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (type !== 'object') return undefined;
  if (kindOf(value) === 'array') return jsonList(value as unknown[], (item) => jsonOf(item, filter));
  return jsonRecord(value as Dict, (key, item) => jsonOf(item, filter), false);
}

/**
 * A record, key by key in for…in order (JSON.stringify's order for the plain objects the tag
 * reads and builds); `member` writes each value, undefined leaving the key out. `tagKeys`: the
 * keys are names the tag itself gives (event, user, content_id…: nothing to escape), so they are
 * quoted without a look at each character; keys from outside (override rows, their values) are
 * checked like any text.
 */
export function jsonRecord(record: Dict, member: (key: string, value: unknown) => string | undefined, tagKeys: boolean): string {
  let out = '';
  for (const key in record) {
    const text = member(key, record[key]);
    if (text === undefined) continue;
    out += (out === '' ? '' : ',') + (tagKeys ? '"' + key + '"' : jsonString(key)) + ':' + text;
  }
  return '{' + out + '}';
}

/** A list; an item written as undefined becomes null, as in JSON.stringify. */
export function jsonList<T>(list: T[], item: (value: T) => string | undefined): string {
  let out = '';
  for (let i = 0; i < list.length; i++) {
    const text = item(list[i]);
    out += (i === 0 ? '' : ',') + (text === undefined ? 'null' : text);
  }
  return '[' + out + ']';
}

/**
 * A record the tag built, of texts, numbers, booleans and null (or of unknown values, at one
 * getType per object inside).
 */
export function jsonFlat(record: Dict, filter: TextFilter): string {
  return jsonRecord(record, (key, value) => jsonOf(value, filter), true);
}
