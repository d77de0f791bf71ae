/**
 * Keeps secrets out of preview records and console streams: every occurrence of a secret value
 * (also in its URL-encoded form) becomes [REDACTED], and the values of sensitive headers too.
 */
import { defineOwn } from './own-property';

export const REDACTED = '[REDACTED]';
export const DEFAULT_REDACT_HEADERS = ['access-token', 'authorization', 'x-api-key', 'cookie'];

export class Redactor {
  private readonly needles: string[];
  private readonly headers: Set<string>;

  constructor(secrets: string[] = [], redactHeaders: string[] = DEFAULT_REDACT_HEADERS) {
    const needles = new Set<string>();
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < 4) continue; // tiny values would blank out ordinary text
      needles.add(secret);
      needles.add(encodeURIComponent(secret));
      needles.add(JSON.stringify(secret).slice(1, -1));
    }
    // Longest first, so a secret that contains another is replaced whole.
    this.needles = [...needles].sort((a, b) => b.length - a.length);
    this.headers = new Set(redactHeaders.map((h) => h.toLowerCase()));
  }

  text(value: string): string {
    if (this.needles.length === 0) return value;
    let out = value;
    for (const needle of this.needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  }

  /** Deep copy with every string redacted, and sensitive header values replaced. */
  value<T>(value: T, seen?: Map<object, unknown>): T {
    if (typeof value === 'string') return this.text(value) as unknown as T;
    if (value === null || typeof value !== 'object') return value;
    seen ??= new Map();
    if (seen.has(value)) return seen.get(value) as T;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(this.value(item, seen));
      return out as unknown as T;
    }
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const key of Object.keys(value)) defineOwn(out, this.text(key), this.value((value as Record<string, unknown>)[key], seen));
    return out as T;
  }

  /** Header map with sensitive values replaced, then secrets redacted. */
  headerMap<T extends Record<string, unknown>>(headers: T): T {
    const out: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(headers)) {
      defineOwn(out, name, this.headers.has(name.toLowerCase()) ? (Array.isArray(v) ? v.map(() => REDACTED) : REDACTED) : this.value(v));
    }
    return out as T;
  }
}

/** Redactors already made, by what they redact: a server passes the same secrets on every run. */
const redactors = new Map<string, Redactor>();
const REDACTORS_LIMIT = 64;

/**
 * The Redactor for these secrets and headers, made once per distinct set (a Redactor is
 * immutable). The key holds only what the constructor uses: the string secrets of 4 characters
 * or more, length-prefixed so no two lists share a key.
 */
export function redactorFor(secrets: readonly unknown[] = [], redactHeaders: readonly string[] = DEFAULT_REDACT_HEADERS): Redactor {
  // The same lists as last time, unchanged (a server's options): no key to build.
  if (last && last.secrets === secrets && last.headers === redactHeaders && sameItems(secrets, last.secretItems) && sameItems(redactHeaders, last.headerItems)) {
    return last.redactor;
  }
  let key = '';
  for (const secret of secrets) if (typeof secret === 'string' && secret.length >= 4) key += `${secret.length}:${secret}`;
  key += '|';
  for (const header of redactHeaders) {
    const name = String(header).toLowerCase();
    key += `${name.length}:${name}`;
  }
  let redactor = redactors.get(key);
  if (!redactor) {
    redactor = new Redactor(secrets as string[], redactHeaders as string[]);
    if (redactors.size >= REDACTORS_LIMIT) redactors.clear();
    redactors.set(key, redactor);
  }
  last = { secrets, headers: redactHeaders, secretItems: [...secrets], headerItems: [...redactHeaders], redactor };
  return redactor;
}

/** The lists redactorFor was last called with, and their items then. */
let last: { secrets: readonly unknown[]; headers: readonly string[]; secretItems: unknown[]; headerItems: string[]; redactor: Redactor } | undefined;

function sameItems(list: readonly unknown[], items: readonly unknown[]): boolean {
  if (list.length !== items.length) return false;
  for (let i = 0; i < items.length; i++) if (list[i] !== items[i]) return false;
  return true;
}

