/**
 * Small readers for decoded permission params, shared by the families' checks. Exported .tpl
 * files are not uniform (strings vs maps in lists, missing keys), so these read tolerantly.
 */

/** A list param as an array ([] when absent or not a list). */
export function listParam(params: Record<string, unknown>, key: string): unknown[] {
  const value = params[key];
  return Array.isArray(value) ? value : [];
}

/** A list of strings, reading `field` (or the first string value) from map items. */
export function stringListParam(params: Record<string, unknown>, key: string, field?: string): string[] {
  return listParam(params, key)
    .map((item) => {
      if (typeof item === 'string') return item;
      if (item && typeof item === 'object') {
        const map = item as Record<string, unknown>;
        if (field && typeof map[field] === 'string') return map[field] as string;
        const first = Object.values(map).find((v) => typeof v === 'string');
        return first as string | undefined;
      }
      return undefined;
    })
    .filter((s): s is string => typeof s === 'string');
}

/** A boolean param that may arrive as true/'true'. */
export function boolParam(params: Record<string, unknown>, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true';
}

export function stringParam(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Glob match where `*` stands for any run of characters (including none) and everything else
 * is literal; an absent or empty pattern matches only an absent/empty value.
 */
export function wildcardMatch(pattern: string | undefined, value: string | undefined, ignoreCase = false): boolean {
  const p = pattern ?? '';
  const v = value ?? '';
  if (p === '*') return true;
  return globRegExp(p, ignoreCase).test(v);
}

const compiled = new Map<string, RegExp>();
const COMPILED_LIMIT = 1000;

/**
 * A glob (`*` = any run of characters, everything else literal) as an anchored RegExp, compiled
 * once per glob: permission checks run on every API call against the same few declared patterns
 * (a RegExp without the g flag keeps no state between tests, so one serves all). `openEnd`: the
 * glob is a prefix (a send_http URL path ending in `/`).
 */
export function globRegExp(glob: string, ignoreCase = false, openEnd = false): RegExp {
  const key = (ignoreCase ? 'i' : '-') + (openEnd ? 'o' : '-') + glob;
  let regex = compiled.get(key);
  if (!regex) {
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    const source = glob
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}${openEnd ? '.*' : ''}$`, ignoreCase ? 'i' : '');
    compiled.set(key, regex);
  }
  return regex;
}

/** "a, b, c" for messages, or "none" for an empty list. */
export function listForMessage(values: string[]): string {
  return values.length ? values.join(', ') : 'none';
}
