/**
 * Value comparison and printing for the test API (spec §5.2): deep value equality (arrays and
 * objects recursively, functions by identity, NaN equals NaN) and GTM-like JSON-ish rendering.
 */

export type SandboxType = 'undefined' | 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'function';

export function typeOf(value: unknown): SandboxType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as SandboxType;
}

export interface EqualityOptions {
  /**
   * `{a: undefined}` equals `{}` (default true). A guess at GTM: its runner compares values
   * converted through its own data model, which drops map entries whose value is undefined.
   */
  undefinedPropertiesEqualAbsent: boolean;
}

export const DEFAULT_EQUALITY: EqualityOptions = { undefinedPropertiesEqualAbsent: true };

/** The keys that count for equality: own enumerable keys, minus undefined-valued ones unless strict. */
function keysOf(obj: Record<string, unknown>, options: EqualityOptions): string[] {
  const keys = Object.keys(obj);
  return options.undefinedPropertiesEqualAbsent ? keys.filter((k) => obj[k] !== undefined) : keys;
}

export function deepEqual(a: unknown, b: unknown, options: EqualityOptions = DEFAULT_EQUALITY, seen: Map<object, object> = new Map()): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  const ta = typeOf(a);
  if (ta !== typeOf(b) || (ta !== 'array' && ta !== 'object')) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  if (seen.get(x) === y) return true;
  seen.set(x, y);
  if (ta === 'array') {
    const xs = a as unknown[];
    const ys = b as unknown[];
    // Host intrinsics, never methods looked up on a sandbox array (its own `every` would get a host callback).
    return xs.length === ys.length && Array.prototype.every.call(xs, (v: unknown, i: number) => deepEqual(v, ys[i], options, seen));
  }
  const kx = keysOf(x, options);
  const ky = keysOf(y, options);
  if (kx.length !== ky.length) return false;
  return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && deepEqual(x[k], y[k], options, seen));
}

/** `{"a":1}`, `["x",2]`, `"text"`, `undefined`, `NaN`, `function gtmOnSuccess`. */
export function format(value: unknown, seen: Set<object> = new Set()): string {
  switch (typeOf(value)) {
    case 'undefined':
      return 'undefined';
    case 'null':
      return 'null';
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'function': {
      const name = (value as { name?: unknown }).name;
      return typeof name === 'string' && name !== '' ? `function ${name}` : 'function';
    }
    default: {
      const obj = value as object;
      if (seen.has(obj)) return '[Circular]';
      seen.add(obj);
      const out = Array.isArray(obj)
        ? `[${Array.prototype.map.call(obj, (v: unknown) => format(v, seen)).join(',')}]`
        : `{${Object.keys(obj)
            .map((k) => `${JSON.stringify(k)}:${format((obj as Record<string, unknown>)[k], seen)}`)
            .join(',')}}`;
      seen.delete(obj);
      return out;
    }
  }
}

/** Arguments list for messages: `["a",1]` without trailing undefined values. */
export function formatArgs(args: unknown[]): string {
  return format(trimTrailingUndefined(args));
}

export function trimTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}
