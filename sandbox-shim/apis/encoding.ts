/** URL parsing, URI and base64 coding, and eTLD+1. None of these needs a permission. */
import { getDomain } from 'tldts';
import type { ApiFamily } from './family';
import { queryParameters } from './request';
import type { ParsedUrl, SandboxApis } from '../sandbox-apis';

/** Plain-object form of a URL (spec §2.3), or undefined when it does not parse as absolute. */
export function parseUrlToObject(url: unknown): ParsedUrl | undefined {
  if (typeof url !== 'string') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return {
    href: parsed.href,
    origin: parsed.origin,
    protocol: parsed.protocol,
    username: parsed.username,
    password: parsed.password,
    host: parsed.host,
    hostname: parsed.hostname,
    port: parsed.port,
    pathname: parsed.pathname,
    search: parsed.search,
    searchParams: queryParameters(parsed.search),
    hash: parsed.hash,
  };
}

/**
 * eTLD+1 from the Public Suffix List, private suffixes included (browsers refuse cookies on
 * them too). A URL is reduced to its host. '' when there is none (IP, localhost, bare suffix).
 */
export function effectiveTldPlusOne(domainOrUrl: string): string {
  return getDomain(domainOrUrl, { allowPrivateDomains: true }) ?? '';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Standard or URL-safe base64, padding optional; undefined for anything else. */
export function decodeBase64(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!BASE64.test(value) && !BASE64URL.test(value)) return undefined;
  const unpadded = value.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  if (value.includes('=') && value.length % 4 !== 0) return undefined;
  return Buffer.from(unpadded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

function tryCode(fn: (s: string) => string, value: unknown): string | undefined {
  try {
    return fn(String(value));
  } catch {
    return undefined;
  }
}

export const family: ApiFamily = {
  name: 'encoding',
  create(ctx) {
    const apis = {
      parseUrl: (url: string) => parseUrlToObject(url),
      // encode* only fail on lone surrogates; undefined then, as the decoders do.
      encodeUri: (value: string) => tryCode(encodeURI, value) as string,
      encodeUriComponent: (value: string) => tryCode(encodeURIComponent, value) as string,
      decodeUri: (value: string) => tryCode(decodeURI, value),
      decodeUriComponent: (value: string) => tryCode(decodeURIComponent, value),
      toBase64: (value: string, options?: { urlEncoding?: boolean }) => {
        const bytes = Buffer.from(String(value), 'utf8');
        return options && options.urlEncoding === true ? bytes.toString('base64url') : bytes.toString('base64');
      },
      fromBase64: (value: string) => decodeBase64(value),
      computeEffectiveTldPlusOne: (domainOrUrl: string) => {
        if (domainOrUrl === null || domainOrUrl === undefined) return domainOrUrl;
        if (typeof domainOrUrl !== 'string') return '';
        return effectiveTldPlusOne(domainOrUrl);
      },
    } satisfies Pick<
      SandboxApis,
      | 'parseUrl'
      | 'encodeUri'
      | 'encodeUriComponent'
      | 'decodeUri'
      | 'decodeUriComponent'
      | 'toBase64'
      | 'fromBase64'
      | 'computeEffectiveTldPlusOne'
    >;
    return apis;
  },
};
