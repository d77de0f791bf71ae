/**
 * Event enhancement (opt-in, off by default): the SHA-256 hashes of email, phone and external_id
 * that an identified event sent are kept in one first-party cookie, and later events from the
 * same browser that lack them get them from it, which lifts TikTok's match rate. Only with
 * ad_storage consent explicitly granted; a denial deletes the cookie. Nothing but hashes is
 * stored: "v1~e.<hash>[.<hash>…]~p.<hash>…~x.<hash>…" (at most 3 hashes per key).
 */
import { ENHANCEMENT_COOKIE } from './cookie-names';
import { getCookieValues, setCookie } from './sandbox';
import { isSha256Hex } from './normalize';
import { Dict, firstItem, isArray, text } from './values';

/** 30 days: TikTok's click attribution window; a browser unseen that long starts afresh. */
export const ENHANCEMENT_MAX_AGE_S = 30 * 24 * 60 * 60;
const VERSION = 'v1';
const MAX_HASHES = 3;
/** user key → its one-letter tag in the cookie. */
const TAGS: Record<string, string> = { email: 'e', phone: 'p', external_id: 'x' };
export const ENHANCED_KEYS: readonly string[] = ['email', 'phone', 'external_id'];

export type StoredIds = Record<string, string[]>;

/** The cookie's value → hashes per user key; anything malformed is ignored, not trusted. */
export function parseStoredIds(value: string | undefined): StoredIds {
  const out: StoredIds = {};
  if (value === undefined) return out;
  const parts = value.split('~');
  if (parts[0] !== VERSION) return out;
  for (let i = 1; i < parts.length; i++) {
    const fields = parts[i].split('.');
    for (let k = 0; k < ENHANCED_KEYS.length; k++) {
      const key = ENHANCED_KEYS[k];
      if (fields[0] !== TAGS[key] || out[key] !== undefined) continue;
      const hashes: string[] = [];
      for (let j = 1; j < fields.length && hashes.length < MAX_HASHES; j++) {
        if (isSha256Hex(fields[j]) && fields[j] === fields[j].toLowerCase()) hashes.push(fields[j]);
      }
      if (hashes.length > 0) out[key] = hashes;
    }
  }
  return out;
}

export function readStoredIds(): StoredIds {
  return parseStoredIds(text(firstItem(getCookieValues(ENHANCEMENT_COOKIE)), 4096));
}

function hashesOf(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : isArray(value) ? (value as unknown[]) : [];
  const out: string[] = [];
  for (let i = 0; i < list.length && out.length < MAX_HASHES; i++) {
    const item = list[i];
    if (typeof item === 'string' && isSha256Hex(item)) out.push(item);
  }
  return out;
}

/** The cookie value for this event: the hashes it sent, else those already stored; "" when none. */
export function storedValue(user: Dict, stored: StoredIds): string {
  let out = VERSION;
  let any = false;
  for (let i = 0; i < ENHANCED_KEYS.length; i++) {
    const key = ENHANCED_KEYS[i];
    const sent = hashesOf(user[key]);
    const hashes = sent.length > 0 ? sent : stored[key] === undefined ? [] : stored[key];
    if (hashes.length === 0) continue;
    out += '~' + TAGS[key] + '.' + hashes.join('.');
    any = true;
  }
  return any ? out : '';
}

/** True when the event itself identified the user: a hash it sent did not come from the cookie. */
export function identifies(user: Dict, enhancedKeys: string[]): boolean {
  for (let i = 0; i < ENHANCED_KEYS.length; i++) {
    const key = ENHANCED_KEYS[i];
    if (user[key] !== undefined && enhancedKeys.indexOf(key) === -1) return true;
  }
  return false;
}

function cookieOptions(domain: string, maxAge: number): Dict {
  // HttpOnly: only this server reads it; the browser's scripts never need the hashes.
  return { domain: domain, path: '/', 'max-age': maxAge, secure: true, httpOnly: true, sameSite: 'lax' };
}

/**
 * Writes the cookie when this event brought identifiers of its own (refreshing its lifetime);
 * an event enhanced only from the cookie leaves it as it is.
 */
export function writeStoredIds(user: Dict, stored: StoredIds, enhancedKeys: string[], domain: string): void {
  if (!identifies(user, enhancedKeys)) return;
  const value = storedValue(user, stored);
  if (value !== '') setCookie(ENHANCEMENT_COOKIE, value, cookieOptions(domain, ENHANCEMENT_MAX_AGE_S));
}

/** A consent denial removes what was stored (only when there is something to remove). */
export function clearStoredIds(domain: string): void {
  const values = getCookieValues(ENHANCEMENT_COOKIE);
  if (isArray(values) && values.length > 0) setCookie(ENHANCEMENT_COOKIE, 'deleted', cookieOptions(domain, 0));
}
