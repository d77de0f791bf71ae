/**
 * Normalisation and SHA-256 of user data the way TikTok matches it (docs/tag.md, "User data").
 * Each normaliser returns undefined for a value that cannot be valid, so it is dropped instead
 * of being sent as a hash of garbage.
 */
import { sha256Sync } from './sandbox';
import { onlyChars } from './values';

const HEX = '0123456789abcdef';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** True for a 64-character hex string: already SHA-256, sent as it is (lower-cased). */
export function isSha256Hex(value: string): boolean {
  return value.length === 64 && onlyChars(value.toLowerCase(), HEX);
}

export function sha256Hex(value: string): string {
  return sha256Sync(value, { outputEncoding: 'hex' });
}

/** Hashes a normalised value unless it is a hash already. */
export function hashNormalized(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (isSha256Hex(value)) return value.toLowerCase();
  return sha256Hex(value);
}

export function normalizeEmail(raw: string): string | undefined {
  const value = raw.trim().toLowerCase();
  if (isSha256Hex(value)) return value;
  const at = value.indexOf('@');
  if (at < 1 || at === value.length - 1 || value.length > 254) return undefined;
  if (value.indexOf(' ') !== -1) return undefined;
  return value;
}

export function digitsOf(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    // A comparison, not a search of a digit table, per character.
    if (ch >= '0' && ch <= '9') out += ch;
  }
  return out;
}

/** A phone written with its country code: "+" or "00" in front (or already a hash). */
export function hasCountryCode(raw: string): boolean {
  const value = raw.trim();
  return value.charAt(0) === '+' || digitsOf(value).substring(0, 2) === '00' || isSha256Hex(value);
}

/**
 * E.164: "+" then 8–15 digits. "00" is read as "+". A number without either is local: with a
 * default country code its trunk "0" is dropped and the code put in front; without one it is
 * taken to start with its country code already.
 */
export function normalizePhone(raw: string, defaultCountryCode: string | undefined): string | undefined {
  const value = raw.trim();
  if (isSha256Hex(value)) return value.toLowerCase();
  let digits = digitsOf(value);
  let international = value.charAt(0) === '+';
  if (!international && digits.substring(0, 2) === '00') {
    international = true;
    digits = digits.substring(2);
  }
  if (!international) {
    const country = defaultCountryCode === undefined ? '' : digitsOf(defaultCountryCode);
    if (country !== '') {
      while (digits.charAt(0) === '0') digits = digits.substring(1);
      if (digits.substring(0, country.length) !== country || digits.length < 10) digits = country + digits;
    }
  }
  if (digits.length < 8 || digits.length > 15 || digits.charAt(0) === '0') return undefined;
  return '+' + digits;
}

export function normalizeExternalId(raw: string): string | undefined {
  const value = raw.trim().toLowerCase();
  return value === '' ? undefined : value;
}

export function normalizeName(raw: string): string | undefined {
  const value = raw.trim().toLowerCase();
  return value === '' ? undefined : value;
}

/** Characters TikTok wants removed from city and state: spaces and punctuation. */
const ADDRESS_STRIP = " .,-'_/()\t";

function stripChars(value: string, chars: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (chars.indexOf(ch) === -1) out += ch;
  }
  return out;
}

export function normalizeCityOrState(raw: string): string | undefined {
  const value = stripChars(raw.trim().toLowerCase(), ADDRESS_STRIP);
  return value === '' ? undefined : value;
}

export function normalizeZip(raw: string): string | undefined {
  const value = stripChars(raw.trim().toLowerCase(), ' -');
  return value === '' ? undefined : value;
}

/** ISO 3166-1 alpha-2, lower case ("US" → "us"); anything else is dropped. */
export function normalizeCountry(raw: string): string | undefined {
  const value = raw.trim().toLowerCase();
  return value.length === 2 && onlyChars(value, LETTERS) ? value : undefined;
}

/** BCP 47 as TikTok shows it: "en-us" / "en_US" → "en-US". The language must be 2–3 letters. */
export function normalizeLocale(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '' || value.length > 35) return undefined;
  const parts = value.split('_').join('-').split('-');
  let out = parts[0].toLowerCase();
  if (out.length < 2 || out.length > 3 || !onlyChars(out, LETTERS)) return undefined;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i] === '') continue;
    out += '-' + (parts[i].length === 2 ? parts[i].toUpperCase() : parts[i]);
  }
  return out;
}

/**
 * An IPv4 or IPv6 address (by its characters; TikTok does the rest); anything else is dropped.
 * A forwarded-for list ("client, proxy1, proxy2") yields its first entry: the client.
 */
export function normalizeIp(raw: string): string | undefined {
  const comma = raw.indexOf(',');
  const value = (comma === -1 ? raw : raw.substring(0, comma)).trim();
  if (value.length < 3 || value.length > 45) return undefined;
  if (value.indexOf('.') === -1 && value.indexOf(':') === -1) return undefined;
  return onlyChars(value.toLowerCase(), '0123456789abcdef.:') ? value : undefined;
}
