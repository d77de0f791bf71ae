/**
 * The page an event happened on: its URL (tag field, else `page_location`) parsed once and
 * reused for the monitoring-ping check, the ttclid parameter and `page.url`; the referrer; and
 * personal data (emails, phone numbers) removed from both query strings before they are sent.
 */
import type { ParsedUrl } from '../sandbox-shim/sandbox-apis';
import { getRequestHeader, parseUrl } from './sandbox';
import { decodeAsciiEscapes } from './url-encoding';
import { Dict, given, isArray, onlyChars, text, truncate } from './values';

/** GTM's own uptime monitor: its hits are not user traffic (the published server tags skip them). */
export const MONITORING_HOST = 'gtm-msr.appspot.com';
/** Longest URL read; TikTok gets at most MAX_SENT_URL characters. */
const MAX_READ_URL = 8192;
const MAX_SENT_URL = 2048;

export interface PageInput {
  /** The page URL as read (override or page_location), or undefined. */
  href: string | undefined;
  /** parseUrl's answer for href; undefined when absent or unparsable. */
  url: ParsedUrl | undefined;
  referrer: string | undefined;
}

/** parseUrl answers an object or undefined, so typeof is enough to check it (no getType). */
export function parse(href: string | undefined): ParsedUrl | undefined {
  if (href === undefined) return undefined;
  const url = parseUrl(href);
  return typeof url === 'object' && url !== null ? url : undefined;
}

export function readPage(eventData: Dict, urlOverride: string | undefined, referrerOverride: string | undefined): PageInput {
  const href = urlOverride !== undefined ? urlOverride : text(given(eventData.page_location), MAX_READ_URL);
  const referrer = referrerOverride !== undefined ? referrerOverride : text(given(eventData.page_referrer), MAX_READ_URL);
  return { href: href, url: parse(href), referrer: referrer };
}

function isMonitoringHost(url: ParsedUrl | undefined): boolean {
  if (url === undefined || typeof url.hostname !== 'string') return false;
  const host = url.hostname.toLowerCase();
  return host === MONITORING_HOST || host.substring(host.length - MONITORING_HOST.length - 1) === '.' + MONITORING_HOST;
}

/**
 * True for GTM's monitoring pings: the page URL is on gtm-msr.appspot.com or, when the event has
 * no page URL, the request's Referer header is. The header is read only in that case.
 */
export function isMonitoringPing(page: PageInput): boolean {
  if (page.href !== undefined) return isMonitoringHost(page.url);
  return isMonitoringHost(parse(text(getRequestHeader('referer'), MAX_READ_URL)));
}

/** The ttclid parameter of the page URL, if the page was reached from a TikTok ad. */
export function ttclidOf(page: PageInput): string | undefined {
  const params = page.url === undefined ? undefined : page.url.searchParams;
  if (typeof params !== 'object' || params === null) return undefined;
  const value = given((params as Dict).ttclid);
  return text(isArray(value) ? value[0] : value, 500);
}

// ---------------------------------------------------------------- personal data in URLs

const PHONE_CHARS = '0123456789 -()';
/** Query parameter names that announce a phone number, so a bare run of digits counts as one. */
const PHONE_PARAMS: readonly string[] = ['phone', 'tel', 'telephone', 'mobile', 'cell', 'phone_number', 'phonenumber', 'mobile_number', 'sms', 'whatsapp'];

export function looksLikeEmail(value: string): boolean {
  const v = value.trim();
  const at = v.indexOf('@');
  if (at < 1 || v.indexOf(' ') !== -1) return false;
  const domain = v.substring(at + 1);
  const dot = domain.lastIndexOf('.');
  return dot > 0 && dot < domain.length - 2;
}

function digitCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) if ('0123456789'.indexOf(value.charAt(i)) !== -1) n++;
  return n;
}

/**
 * A phone number: only digits, spaces, "-", "(", ")", after an optional "+" or "00"; 8–15
 * digits when international, else 9–15 digits written with a separator, or any 8–15 digits in
 * a parameter named like a phone. Dots are not phone characters here, so IPs and prices never
 * match; a bare run of digits in an ordinary parameter (an order id) is not taken for a phone.
 */
export function looksLikePhone(value: string, paramName: string): boolean {
  let v = value.trim();
  let international = false;
  if (v.charAt(0) === '+') {
    international = true;
    v = v.substring(1);
  } else if (v.substring(0, 2) === '00') international = true;
  if (v === '' || !onlyChars(v, PHONE_CHARS)) return false;
  const digits = digitCount(v);
  if (digits < 8 || digits > 15) return false;
  if (international) return true;
  if (PHONE_PARAMS.indexOf(paramName.toLowerCase()) !== -1) return true;
  return digits >= 9 && (v.indexOf(' ') !== -1 || v.indexOf('-') !== -1 || v.indexOf('(') !== -1);
}

function isPersonalParam(param: string): boolean {
  const eq = param.indexOf('=');
  const name = decodeAsciiEscapes(eq === -1 ? param : param.substring(0, eq));
  // In a query "+" is a space, but a leading "+" of a phone typed into a form arrives as "+" or %2B.
  const rawValue = eq === -1 ? '' : param.substring(eq + 1);
  const value = decodeAsciiEscapes(rawValue);
  if (looksLikeEmail(value.split('+').join(' ').trim()) || looksLikeEmail(value) || looksLikeEmail(name)) return true;
  return looksLikePhone(value, name) || looksLikePhone(value.split('+').join(' '), name);
}

/** The URL with every query parameter holding an email or a phone number removed (GA4 does the same). */
export function withoutPersonalData(href: string): string {
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt === -1 ? href : href.substring(0, hashAt);
  const q = beforeHash.indexOf('?');
  if (q === -1) return href;
  const params = beforeHash.substring(q + 1).split('&');
  const kept: string[] = [];
  for (let i = 0; i < params.length; i++) {
    if (!isPersonalParam(params[i])) kept.push(params[i]);
  }
  if (kept.length === params.length) return href;
  return beforeHash.substring(0, q) + (kept.length > 0 ? '?' + kept.join('&') : '') + (hashAt === -1 ? '' : href.substring(hashAt));
}

function sendable(href: string, url: ParsedUrl | undefined, removePersonal: boolean): string | undefined {
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
  return truncate(removePersonal ? withoutPersonalData(href) : href, MAX_SENT_URL);
}

/** `page` for web events: an absolute http(s) URL and referrer (TikTok rejects anything else). */
export function buildPage(page: PageInput, removePersonal: boolean): Dict {
  const out: Dict = {};
  const url = page.href === undefined ? undefined : sendable(page.href, page.url, removePersonal);
  const referrer = page.referrer === undefined ? undefined : sendable(page.referrer, parse(page.referrer), removePersonal);
  if (url !== undefined) out.url = url;
  if (referrer !== undefined) out.referrer = referrer;
  return out;
}
