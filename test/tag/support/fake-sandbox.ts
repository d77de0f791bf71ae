/**
 * Installs a tiny `sandboxRequire` for unit tests of the pure tag modules (src/*.ts), which read
 * their APIs through src/sandbox.ts at import time. Import this module FIRST in a unit test.
 * Only value APIs are real here; I/O APIs record calls so tests can inspect them.
 */
import { createHash } from 'crypto';

export const calls = {
  logToConsole: [] as string[],
  setCookie: [] as { name: string; value: string; options: unknown }[],
};
export const state = {
  now: 1764070000000,
  cookies: {} as Record<string, string[]>,
  eventData: {} as Record<string, unknown>,
  headers: {} as Record<string, string>,
  containerVersion: { previewMode: false, debugMode: false },
};

function getType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const fakes: Record<string, unknown> = {
  getType,
  makeString: (v: unknown) => String(v),
  makeNumber: (v: unknown) => Number(v),
  makeInteger: (v: unknown) => Math.trunc(Number(v)),
  JSON: {
    parse: (t: unknown) => {
      try { return JSON.parse(String(t)); } catch { return undefined; }
    },
    stringify: (v: unknown) => JSON.stringify(v),
  },
  Math,
  Object: { keys: Object.keys, values: Object.values, entries: Object.entries, freeze: Object.freeze, delete: (o: any, k: string) => delete o[k] },
  Promise: { create: (fn: any) => new Promise(fn), all: (v: unknown[]) => Promise.all(v) },
  sha256Sync: (input: string, options?: { outputEncoding?: string }) =>
    createHash('sha256').update(input, 'utf8').digest(options?.outputEncoding === 'hex' ? 'hex' : 'base64'),
  parseUrl: (href: string) => {
    try {
      const u = new URL(href);
      const searchParams: Record<string, string | string[]> = {};
      u.searchParams.forEach((v, k) => {
        const prev = searchParams[k];
        searchParams[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      });
      return { href: u.href, protocol: u.protocol, searchParams };
    } catch {
      return undefined;
    }
  },
  encodeUriComponent: (v: string) => {
    try { return encodeURIComponent(v); } catch { return undefined; }
  },
  getTimestampMillis: () => state.now,
  getAllEventData: () => structuredClone(state.eventData),
  getRequestHeader: (name: string) => state.headers[name.toLowerCase()],
  getCookieValues: (name: string) => state.cookies[name] ?? [],
  setCookie: (name: string, value: string, options: unknown) => calls.setCookie.push({ name, value, options }),
  sendHttpRequest: () => Promise.reject({ reason: 'failed' }),
  logToConsole: (...args: unknown[]) => calls.logToConsole.push(args.map(String).join(' ')),
  getContainerVersion: () => ({ ...state.containerVersion }),
};

(globalThis as any).sandboxRequire = (name: string) => {
  if (!(name in fakes)) throw new Error(`fake sandbox: no fake for ${name}`);
  return fakes[name];
};

export function resetFakes(): void {
  calls.logToConsole.length = 0;
  calls.setCookie.length = 0;
  state.cookies = {};
  state.eventData = {};
  state.headers = {};
  state.containerVersion = { previewMode: false, debugMode: false };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
