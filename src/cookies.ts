/**
 * The ttclid and _ttp first-party cookies: read to fill user.ttclid / user.ttp, written back so the
 * browser keeps them (Secure, SameSite=Lax, not HttpOnly: the TikTok pixel reads _ttp).
 */
import { TTCLID_COOKIE, TTP_COOKIE } from './cookie-names';
import { getCookieValues, setCookie } from './sandbox';
import type { BrowserIds } from './user-data';
import { firstItem, text } from './values';

/** ttclid: TikTok's 30-day click attribution window. */
export const TTCLID_MAX_AGE_S = 30 * 24 * 60 * 60;
/** _ttp: the 13 months the TikTok pixel gives its own cookie. */
export const TTP_MAX_AGE_S = 395 * 24 * 60 * 60;

function firstCookie(name: string): string | undefined {
  return text(firstItem(getCookieValues(name)), 500);
}

/** ttclidFromUrl: the ttclid parameter of the page URL (src/page.ts), read whatever the cookie setting. */
export function readBrowserIds(ttclidFromUrl: string | undefined, useCookies: boolean): BrowserIds {
  return {
    ttclidFromUrl: ttclidFromUrl,
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
