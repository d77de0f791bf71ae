/** getCookieValues and setCookie with their get_cookies / set_cookies checks. */
import type { ApiFamily, IncomingRequest, PermissionCheck } from './family';
import type { CookieOptions, SandboxApis } from '../sandbox-apis';
import { listForMessage, listParam, stringListParam, stringParam, wildcardMatch } from './permission-params';
import { effectiveTldPlusOne } from './encoding';

const getCookies: PermissionCheck = (params, name) => {
  if (stringParam(params, 'cookieAccess') === 'any') return undefined;
  const allowed = stringListParam(params, 'cookieNames');
  if (allowed.some((pattern) => wildcardMatch(pattern, String(name)))) return undefined;
  return `does not allow reading cookie "${String(name)}" (allowed cookies: ${listForMessage(allowed)})`;
};

/** Options after case-insensitive key normalisation and domain resolution. */
export interface NormalisedCookieOptions {
  domain?: string;
  path: string;
  'max-age'?: number;
  expires?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
}

/**
 * set_cookies is called as (name, normalisedOptions). Each allowedCookies entry
 * {name, domain, path, secure, session} may use `*`; secure is any|secure; session is
 * any|session|non_session (persistent/non-session spellings accepted).
 */
const setCookies: PermissionCheck = (params, name, options) => {
  const opts = (options ?? {}) as Partial<NormalisedCookieOptions>;
  const entries = listParam(params, 'allowedCookies').filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
  const cookieName = String(name);
  const domain = opts.domain ?? '';
  const path = opts.path ?? '/';
  const persistent = opts['max-age'] !== undefined || opts.expires !== undefined;
  const fits = entries.some((entry) => {
    if (!wildcardMatch(str(entry.name, '*'), cookieName)) return false;
    if (!wildcardMatch(str(entry.domain, '*').replace(/^\./, ''), domain.replace(/^\./, ''), true)) return false;
    if (!wildcardMatch(str(entry.path, '*'), path)) return false;
    const secure = str(entry.secure, 'any').toLowerCase();
    if (secure === 'secure' && opts.secure !== true) return false;
    const session = str(entry.session, 'any').toLowerCase().replace(/[-\s]/g, '_');
    if (/non|persist/.test(session) && !persistent) return false;
    if (session === 'session' && persistent) return false;
    return true;
  });
  if (fits) return undefined;
  const allowed = entries.map((e) => `${str(e.name, '*')}@${str(e.domain, '*')}${str(e.path, '*')}`);
  return `does not allow setting cookie "${cookieName}" (domain ${domain || '(host only)'}, path ${path}${opts.secure ? ', secure' : ''}${persistent ? ', persistent' : ', session'}; allowed: ${listForMessage(allowed)})`;
};

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** Every value of the named cookie across Cookie headers, URI-decoded unless noDecode. */
export function cookieValues(request: IncomingRequest, name: string, noDecode: boolean): string[] {
  const out: string[] = [];
  for (const header of request.headers['cookie'] ?? []) {
    for (const pair of header.split(';')) {
      const eq = pair.indexOf('=');
      if (eq === -1) continue;
      if (pair.slice(0, eq).trim() !== name) continue;
      let value = pair.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      out.push(noDecode ? value : safeDecode(value));
    }
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const OPTION_KEYS = new Map<string, keyof CookieOptions>([
  ['domain', 'domain'],
  ['path', 'path'],
  ['max-age', 'max-age'],
  ['maxage', 'max-age'],
  ['expires', 'expires'],
  ['secure', 'secure'],
  ['httponly', 'httpOnly'],
  ['samesite', 'sameSite'],
  ['fallbackdomain', 'fallbackDomain'],
]);

/** Case-insensitive option keys (stape passes `samesite`, `HttpOnly`); unknown keys are dropped. */
export function normaliseCookieOptions(options: unknown, request: IncomingRequest): NormalisedCookieOptions {
  const raw: Partial<Record<keyof CookieOptions, unknown>> = {};
  if (options && typeof options === 'object') {
    for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
      const canonical = OPTION_KEYS.get(key.toLowerCase().replace(/_/g, ''));
      if (canonical && value !== undefined && value !== null) raw[canonical] = value;
    }
  }
  const out: NormalisedCookieOptions = { path: raw.path !== undefined ? String(raw.path) : '/' };
  const domain = resolveDomain(raw.domain, raw.fallbackDomain, request);
  if (domain) out.domain = domain;
  if (raw['max-age'] !== undefined) {
    const maxAge = Math.trunc(Number(raw['max-age']));
    if (!Number.isNaN(maxAge)) out['max-age'] = maxAge;
  }
  // max-age wins over expires, as in browsers; GTM documents the same precedence.
  if (raw.expires !== undefined && out['max-age'] === undefined) out.expires = String(raw.expires);
  if (raw.secure !== undefined) out.secure = raw.secure === true || raw.secure === 'true';
  if (raw.httpOnly !== undefined) out.httpOnly = raw.httpOnly === true || raw.httpOnly === 'true';
  if (raw.sameSite !== undefined) {
    const s = String(raw.sameSite).toLowerCase();
    if (s === 'strict') out.sameSite = 'Strict';
    else if (s === 'lax') out.sameSite = 'Lax';
    else if (s === 'none') out.sameSite = 'None';
  }
  return out;
}

/** The Host header without port or IPv6 brackets ('' when absent). */
function requestHost(request: IncomingRequest): string {
  return (request.headers['host']?.[0] ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
}

function resolveDomain(domain: unknown, fallback: unknown, request: IncomingRequest): string | undefined {
  if (domain === undefined || domain === '') return undefined;
  if (String(domain).toLowerCase() !== 'auto') return String(domain);
  const host = requestHost(request);
  const computed = host ? effectiveTldPlusOne(host) : '';
  if (computed) return computed;
  return fallback !== undefined && fallback !== '' ? String(fallback) : undefined;
}

/** The Set-Cookie line, attributes in the order of the `cookie` package's serializer. */
export function setCookieHeader(name: string, value: string, o: NormalisedCookieOptions): string {
  const parts = [`${name}=${value}`];
  if (o['max-age'] !== undefined) parts.push(`Max-Age=${o['max-age']}`);
  if (o.domain) parts.push(`Domain=${o.domain}`);
  parts.push(`Path=${o.path}`);
  if (o.expires !== undefined) parts.push(`Expires=${o.expires}`);
  if (o.httpOnly) parts.push('HttpOnly');
  if (o.secure) parts.push('Secure');
  if (o.sameSite) parts.push(`SameSite=${o.sameSite}`);
  return parts.join('; ');
}

export const family: ApiFamily = {
  name: 'cookies',
  permissions: { get_cookies: getCookies, set_cookies: setCookies },
  create(ctx) {
    const apis = {
      getCookieValues: (name: string, noDecode?: boolean) => {
        const cookieName = String(name);
        ctx.checkPermission('get_cookies', 'getCookieValues', cookieName);
        return cookieValues(ctx.env.request, cookieName, noDecode === true);
      },
      setCookie: (name: string, value: string, options?: CookieOptions, noEncode?: boolean) => {
        const cookieName = String(name);
        if (!cookieName || /[\s;=,]/.test(cookieName)) {
          throw new Error(`setCookie: invalid cookie name "${cookieName}" (no spaces, ";", "=" or ",")`);
        }
        const opts = normaliseCookieOptions(ctx.fromSandbox(options), ctx.env.request);
        // A host-only cookie lands on the request host, so that is the domain the permission sees.
        const host = requestHost(ctx.env.request);
        ctx.checkPermission('set_cookies', 'setCookie', cookieName, opts.domain || !host ? opts : { ...opts, domain: host });
        const text = value === undefined || value === null ? '' : String(value);
        const encoded = noEncode === true ? text : encodeURIComponent(text);
        ctx.recorder.cookieSet({
          name: cookieName,
          value: encoded,
          options: { ...opts },
          header: setCookieHeader(cookieName, encoded, opts),
        });
      },
    } satisfies Pick<SandboxApis, 'getCookieValues' | 'setCookie'>;
    return apis;
  },
};
