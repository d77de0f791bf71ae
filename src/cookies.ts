/**
 * The ttclid and _ttp first-party cookies: read to fill user.ttclid / user.ttp, written back so the
 * browser keeps them (Secure, SameSite=Lax, not HttpOnly: the TikTok pixel reads _ttp).
 */
import { getCookieValues, parseUrl, setCookie } from './sandbox';
import type { BrowserIds } from './user-data';
import { isArray, text } from './values';

export const TTCLID_COOKIE = 'ttclid';
export const TTP_COOKIE = '_ttp';
/** ttclid: TikTok's 30-day click attribution window. */
export const TTCLID_MAX_AGE_S = 30 * 24 * 60 * 60;
/** _ttp: the 13 months the TikTok pixel gives its own cookie. */
export const TTP_MAX_AGE_S = 395 * 24 * 60 * 60;

function firstCookie(name: string): string | undefined {
  const values = getCookieValues(name);
  return isArray(values) && values.length > 0 ? text(values[0], 500) : undefined;
}

/** The ttclid parameter of the page URL, if the page was reached from a TikTok ad. */
export function ttclidFromUrl(pageLocation: unknown): string | undefined {
  const href = text(pageLocation, 8192);
  if (href === undefined) return undefined;
  const url = parseUrl(href);
  // parseUrl answers an object with a searchParams object, or undefined: typeof is enough.
  if (typeof url !== 'object' || url === null || typeof url.searchParams !== 'object' || url.searchParams === null) return undefined;
  const value = url.searchParams.ttclid;
  return text(isArray(value) ? value[0] : value, 500);
}

export function readBrowserIds(pageLocation: unknown, useCookies: boolean): BrowserIds {
  return {
    ttclidFromUrl: ttclidFromUrl(pageLocation),
    ttclidCookie: useCookies ? firstCookie(TTCLID_COOKIE) : undefined,
    ttpCookie: useCookies ? firstCookie(TTP_COOKIE) : undefined,
  };
}

function writeCookie(name: string, value: string, maxAge: number, domain: string): void {
  setCookie(name, value, { domain: domain, path: '/', 'max-age': maxAge, secure: true, httpOnly: false, sameSite: 'lax' });
}

/** Writes the ids that were sent, refreshing their lifetime. */
export function writeBrowserIds(ttclid: unknown, ttp: unknown, domain: string): void {
  const click = text(ttclid, 500);
  const browser = text(ttp, 500);
  if (click !== undefined) writeCookie(TTCLID_COOKIE, click, TTCLID_MAX_AGE_S, domain);
  if (browser !== undefined) writeCookie(TTP_COOKIE, browser, TTP_MAX_AGE_S, domain);
}
