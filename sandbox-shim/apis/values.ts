/** Conversions, getType, JSON, Math, Object, createRegex/testRegex. None needs a permission. */
import { takesSandboxArguments, type ApiContext, type ApiFamily } from './family';
import type { SandboxApis, SandboxRegex, SandboxType } from '../sandbox-apis';
import { defineOwn } from '../runtime/own-property';

/** String(v): null → 'null', undefined → 'undefined', [1,2] → '1,2', {} → '[object Object]'. */
export function makeString(value: unknown): string {
  return String(value);
}

/** Number(v): null → 0, undefined → NaN, true → 1, ' 42 ' → 42, '12.7' → 12.7, 'abc' → NaN, [] → 0, {} → NaN. */
export function makeNumber(value: unknown): number {
  return Number(value);
}

/** makeNumber truncated toward zero: '12.7' → 12, -3.9 → -3, 'abc' → NaN. */
export function makeInteger(value: unknown): number {
  return Math.trunc(Number(value));
}

export function getType(value: unknown): SandboxType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'undefined' || t === 'boolean' || t === 'number' || t === 'string' || t === 'function') return t;
  return 'object';
}

/**
 * {row[keyColumn]: row[valueColumn]} over rows that have both columns; null when the table is
 * not an array of row objects or no row contributed (GTM's own helper ends `return found ? map : null`,
 * and templates rely on `if (params)` to skip an empty table).
 */
export function makeTableMap(table: unknown, keyColumn: unknown, valueColumn: unknown): Record<string, unknown> | null {
  if (!Array.isArray(table) || typeof keyColumn !== 'string' || typeof valueColumn !== 'string') return null;
  const out: Record<string, unknown> = {};
  let found = false;
  for (const row of table) {
    if (!row || typeof row !== 'object' || Array.isArray(row)) return null;
    const has = (column: string) => Object.prototype.hasOwnProperty.call(row, column);
    if (!has(keyColumn) || !has(valueColumn)) continue;
    const r = row as Record<string, unknown>;
    defineOwn(out, String(r[keyColumn]), r[valueColumn]);
    found = true;
  }
  return found ? out : null;
}

/**
 * RE2 compatibility of a JS pattern: returns the pattern to compile (with RE2-only spellings
 * translated: `(?P<name>`, leading inline flags `(?ims)`, `\p{…}` via the u flag), or undefined when RE2 would reject it
 * (lookaround, backreferences, repeat counts over 1000).
 */
export function re2Compatible(pattern: string): { source: string; inlineFlags: string } | undefined {
  let source = pattern;
  let inlineFlags = '';
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (leading) {
    // RE2's leading inline flags: i, m, s map onto JS flags; U (ungreedy) has no JS equivalent.
    if (!/^[ims]+$/.test(leading[1])) return undefined;
    inlineFlags = [...new Set(leading[1])].sort().join('');
    source = source.slice(leading[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) return undefined;
      out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2);
      if (/^(=|!|<=|<!)/.test(rest)) return undefined;
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
    }
    if (c === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i));
      if (m && (Number(m[1]) > 1000 || (m[2] !== undefined && m[2] !== '' && Number(m[2]) > 1000))) return undefined;
    }
    out += c;
  }
  // RE2 understands \p{…} classes; JS only in unicode mode.
  if (/\\[pP]\{/.test(out)) inlineFlags += 'u';
  return { source: out, inlineFlags };
}

function isRegExp(value: unknown): value is RegExp {
  return Object.prototype.toString.call(value) === '[object RegExp]';
}

export function createRegex(ctx: ApiContext, pattern: unknown, flags: unknown): RegExp | null {
  const compatible = re2Compatible(String(pattern));
  if (!compatible) return null;
  const wanted = typeof flags === 'string' ? flags : '';
  // Only g and i mean something to GTM; anything else is ignored, not an error.
  const f = [...new Set((wanted.includes('g') ? 'g' : '') + (wanted.includes('i') ? 'i' : '') + compatible.inlineFlags)].sort().join('');
  try {
    new RegExp(compatible.source, f);
  } catch {
    return null;
  }
  return ctx.makeRegExp ? ctx.makeRegExp(compatible.source, f) : new RegExp(compatible.source, f);
}

/** A sandbox array holding these values as they are (no copy of the elements). */
function sandboxArray(ctx: ApiContext, values: unknown[]): unknown[] {
  const out = ctx.toSandbox([] as unknown[]);
  for (const v of values) out.push(v);
  return out;
}

function ownEntries(value: unknown): [string, unknown][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
}

/**
 * The same APIs as sandbox code (ApiFamily.inRealm): what `create` below does, step for step,
 * on the caller's values themselves instead of host copies. Only the realm's captured
 * built-ins are used, never a global or a method looked up on a template value.
 */
const IN_REALM = `(function (n) {
  'use strict';
  const S = n.String, N = n.Number, M = n.Math, J = n.JSON, isArray = n.isArray, keys = n.keys, hasOwn = n.hasOwn, apply = n.apply;
  const own = function (out, key, value) {
    if (key === '__proto__') n.defineProperty(out, key, { value: value, writable: true, enumerable: true, configurable: true });
    else out[key] = value;
  };
  const numbers = function (args) {
    const out = [];
    for (let i = 0; i < args.length; i++) out[i] = N(args[i]);
    return out;
  };
  const ownKeys = function (value) {
    return value === null || typeof value !== 'object' ? [] : keys(value);
  };
  return {
    makeString(value) { return S(value); },
    makeNumber(value) { return N(value); },
    makeInteger(value) { return M.trunc(N(value)); },
    getType(value) {
      if (value === null) return 'null';
      if (isArray(value)) return 'array';
      const t = typeof value;
      return t === 'undefined' || t === 'boolean' || t === 'number' || t === 'string' || t === 'function' ? t : 'object';
    },
    makeTableMap(table, keyColumn, valueColumn) {
      if (!isArray(table) || typeof keyColumn !== 'string' || typeof valueColumn !== 'string') return null;
      const out = {};
      let found = false;
      for (let i = 0; i < table.length; i++) {
        const row = table[i];
        if (!row || typeof row !== 'object' || isArray(row)) return null;
        if (!hasOwn(row, keyColumn) || !hasOwn(row, valueColumn)) continue;
        own(out, S(row[keyColumn]), row[valueColumn]);
        found = true;
      }
      return found ? out : null;
    },
    JSON: {
      parse(text) {
        if (text === undefined) return undefined;
        try { return J.parse(S(text)); } catch (e) { return undefined; }
      },
      stringify(value) {
        try { return J.stringify(value); } catch (e) { return undefined; }
      },
    },
    Math: {
      abs(x) { return M.abs(N(x)); },
      ceil(x) { return M.ceil(N(x)); },
      floor(x) { return M.floor(N(x)); },
      round(x) { return M.round(N(x)); },
      max() { return apply(M.max, M, numbers(arguments)); },
      min() { return apply(M.min, M, numbers(arguments)); },
      pow(x, y) { return M.pow(N(x), N(y)); },
      sqrt(x) { return M.sqrt(N(x)); },
    },
    Object: {
      keys(obj) { return ownKeys(obj); },
      values(obj) {
        const k = ownKeys(obj);
        const out = [];
        for (let i = 0; i < k.length; i++) out[i] = obj[k[i]];
        return out;
      },
      entries(obj) {
        const k = ownKeys(obj);
        const out = [];
        for (let i = 0; i < k.length; i++) out[i] = [k[i], obj[k[i]]];
        return out;
      },
      freeze(obj) { return obj !== null && typeof obj === 'object' ? n.freeze(obj) : obj; },
      delete(obj, key) {
        if (obj === null || typeof obj !== 'object') return false;
        return n.deleteProperty(obj, S(key));
      },
    },
  };
})`;

export const family: ApiFamily = {
  name: 'values',
  inRealm: IN_REALM,
  create(ctx) {
    const num = (x: unknown) => Number(x);
    const apis = {
      // The caller's own value, not a copy: its toString/valueOf/toJSON run as they would in GTM,
      // with `this` the value itself, exactly as in the in-realm versions above.
      makeString: takesSandboxArguments(makeString),
      makeNumber: takesSandboxArguments(makeNumber),
      makeInteger: takesSandboxArguments(makeInteger),
      makeTableMap: (table: unknown, keyColumn: string, valueColumn: string) => {
        const map = makeTableMap(table, keyColumn, valueColumn);
        if (map === null) return null;
        const out = ctx.toSandbox({} as Record<string, unknown>);
        for (const [k, v] of Object.entries(map)) defineOwn(out, k, v);
        return out;
      },
      // Only inspects its argument's kind: no copy out of the sandbox (issue 9: it was ~700 deep copies per event).
      getType: takesSandboxArguments(getType),
      JSON: {
        parse: (text: unknown) => {
          if (text === undefined) return undefined;
          try {
            return ctx.toSandbox(JSON.parse(String(text)));
          } catch {
            return undefined;
          }
        },
        stringify: takesSandboxArguments((value: unknown) => {
          try {
            return JSON.stringify(value);
          } catch {
            return undefined;
          }
        }),
      },
      Math: {
        abs: (x: unknown) => Math.abs(num(x)),
        ceil: (x: unknown) => Math.ceil(num(x)),
        floor: (x: unknown) => Math.floor(num(x)),
        round: (x: unknown) => Math.round(num(x)),
        max: (...xs: unknown[]) => Math.max(...xs.map(num)),
        min: (...xs: unknown[]) => Math.min(...xs.map(num)),
        pow: (x: unknown, y: unknown) => Math.pow(num(x), num(y)),
        sqrt: (x: unknown) => Math.sqrt(num(x)),
      },
      // Marked: these see the caller's object itself, not a copy (see SANDBOX_ARGUMENTS).
      Object: {
        keys: takesSandboxArguments((obj: unknown) => sandboxArray(ctx, ownEntries(obj).map(([k]) => k)) as string[]),
        values: takesSandboxArguments((obj: unknown) => sandboxArray(ctx, ownEntries(obj).map(([, v]) => v))),
        entries: takesSandboxArguments(
          (obj: unknown) => sandboxArray(ctx, ownEntries(obj).map(([k, v]) => sandboxArray(ctx, [k, v]))) as [string, unknown][],
        ),
        freeze: takesSandboxArguments(<T>(obj: T) => (obj !== null && typeof obj === 'object' ? Object.freeze(obj) : obj)),
        delete: takesSandboxArguments((obj: unknown, key: string) => {
          if (obj === null || typeof obj !== 'object') return false;
          return Reflect.deleteProperty(obj, String(key));
        }),
      },
      createRegex: (pattern: string, flags?: string) => createRegex(ctx, pattern, flags) as unknown as SandboxRegex | null,
      testRegex: (regex: SandboxRegex, value: string) => {
        if (!isRegExp(regex)) throw new Error('testRegex: the first argument must be a regex made by createRegex');
        return regex.test(String(value));
      },
    } satisfies Pick<
      SandboxApis,
      | 'makeString'
      | 'makeNumber'
      | 'makeInteger'
      | 'makeTableMap'
      | 'getType'
      | 'JSON'
      | 'Math'
      | 'Object'
      | 'createRegex'
      | 'testRegex'
    >;
    return apis;
  },
};
