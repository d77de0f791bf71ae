/**
 * The `user` object of a TikTok event: read from the GA4 common event data and flat keys,
 * overridden by the user's table, normalised, and hashed where TikTok wants SHA-256.
 */
import { warning, Warning } from './data-quality';
import {
  digitsOf, hasCountryCode, hashNormalized, normalizeCityOrState, normalizeCountry, normalizeEmail, normalizeExternalId,
  normalizeIp, normalizeLocale, normalizeName, normalizePhone, normalizeZip,
} from './normalize';
import { USER_KEYS } from './tiktok-events';
import { Dict, firstDefined, isArray, own, recordOf, text } from './values';

/** Click id and browser id found outside the event data (URL parameter, cookies). */
export interface BrowserIds {
  ttclidFromUrl: string | undefined;
  ttclidCookie: string | undefined;
  ttpCookie: string | undefined;
}

export interface UserDataOptions {
  defaultPhoneCountryCode: string | undefined;
  /** Hash city, state and country too (TikTok takes them normalised in clear by default). */
  hashAddress: boolean;
  overrides: Record<string, unknown>;
}

/** Several emails or phones may be sent as an array; more than this is noise. */
const MAX_VALUES = 5;


/** Keys sent in clear that still count as personal data: masked in logged request bodies. */
export const CLEAR_ADDRESS_KEYS: readonly string[] = ['city', 'state', 'country'];

/** Which object a key is read from: the event data, its user_data, or user_data.address. */
type Scope = 'event' | 'userData' | 'address';
const E: Scope = 'event';
const U: Scope = 'userData';
const A: Scope = 'address';

/**
 * Where each user key is looked up in the event data, in priority order ([U, 'email'] is
 * user_data.email). Keys are literals, so each read is a plain property read: no string is cut
 * from a dotted path on every lookup.
 */
const SOURCES: Record<string, [Scope, string][]> = {
  email: [[U, 'email_address'], [U, 'email'], [U, 'sha256_email_address'], [E, 'email'], [E, 'email_address'], [E, 'sha256_email_address']],
  phone: [[U, 'phone_number'], [U, 'sha256_phone_number'], [E, 'phone'], [E, 'phone_number'], [E, 'sha256_phone_number']],
  external_id: [[E, 'external_id'], [U, 'external_id'], [E, 'user_id']],
  first_name: [[A, 'first_name'], [A, 'sha256_first_name'], [E, 'first_name']],
  last_name: [[A, 'last_name'], [A, 'sha256_last_name'], [E, 'last_name']],
  city: [[A, 'city'], [E, 'city']],
  state: [[A, 'region'], [E, 'state'], [E, 'region']],
  zip_code: [[A, 'postal_code'], [E, 'zip_code'], [E, 'postal_code'], [E, 'zip']],
  country: [[A, 'country'], [E, 'country']],
  ttclid: [[E, 'ttclid']],
  ttp: [[E, 'ttp'], [E, '_ttp']],
  ip: [[E, 'ip_override'], [E, 'ip'], [E, 'ip_address']],
  user_agent: [[E, 'user_agent']],
  locale: [[E, 'language'], [E, 'locale']],
};

/**
 * The three objects user data is read from, each classified once per event: the event data,
 * its user_data (or the first element of a user_data list) and that object's address (likewise).
 */
export interface UserDataSources {
  event: Dict;
  userData: Dict;
  address: Dict;
}

export function userDataSources(eventData: Dict): UserDataSources {
  const userData = recordOf(own(eventData, 'user_data'));
  return { event: eventData, userData: userData, address: recordOf(own(userData, 'address')) };
}

function at(sources: UserDataSources, path: [Scope, string]): unknown {
  const scope = path[0];
  return own(scope === E ? sources.event : scope === U ? sources.userData : sources.address, path[1]);
}

function lookup(sources: UserDataSources, key: string): unknown {
  const paths = SOURCES[key];
  for (let i = 0; i < paths.length; i++) {
    const value = at(sources, paths[i]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function normalizeFor(key: string, raw: string, options: UserDataOptions): string | undefined {
  if (key === 'email') return hashNormalized(normalizeEmail(raw));
  if (key === 'phone') return hashNormalized(normalizePhone(raw, options.defaultPhoneCountryCode));
  if (key === 'external_id') return hashNormalized(normalizeExternalId(raw));
  if (key === 'first_name' || key === 'last_name') return hashNormalized(normalizeName(raw));
  if (key === 'zip_code') return hashNormalized(normalizeZip(raw));
  if (key === 'city' || key === 'state') {
    const value = normalizeCityOrState(raw);
    return options.hashAddress ? hashNormalized(value) : value;
  }
  if (key === 'country') {
    const value = normalizeCountry(raw);
    return options.hashAddress ? hashNormalized(value) : value;
  }
  if (key === 'locale') return normalizeLocale(raw);
  if (key === 'ip') return normalizeIp(raw);
  if (key === 'user_agent') return text(raw, 1024);
  return text(raw, 500);
}

/** One value or an array of them (emails, phones, external ids) → normalised, de-duplicated. */
function normalizeValues(key: string, raw: unknown, options: UserDataOptions): string[] {
  const candidates = isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (let i = 0; i < candidates.length && out.length < MAX_VALUES; i++) {
    const value = text(candidates[i]);
    if (value === undefined) continue;
    const normalized = normalizeFor(key, value, options);
    if (normalized !== undefined && out.indexOf(normalized) === -1) out.push(normalized);
    if (key !== 'email' && key !== 'phone' && key !== 'external_id') break;
  }
  return out;
}

/** The raw value for a key: override row, then (for ttclid/ttp) URL and cookies, then event data. */
function rawValue(key: string, sources: UserDataSources, ids: BrowserIds, options: UserDataOptions): unknown {
  const override = own(options.overrides, key);
  if (text(override) !== undefined || isArray(override)) return override;
  if (key === 'ttclid') return firstDefined([ids.ttclidFromUrl, ids.ttclidCookie, text(lookup(sources, key))]);
  if (key === 'ttp') return firstDefined([ids.ttpCookie, text(lookup(sources, key))]);
  return lookup(sources, key);
}

/**
 * The user object. `stored` (event enhancement) fills email, phone and external_id the event
 * lacks; the keys filled that way are pushed to `enhancedKeys`.
 */
export function buildUser(sources: UserDataSources, ids: BrowserIds, options: UserDataOptions, stored?: Record<string, string[]>, enhancedKeys?: string[]): Dict {
  const user: Dict = {};
  for (let i = 0; i < USER_KEYS.length; i++) {
    const key = USER_KEYS[i];
    let values = normalizeValues(key, rawValue(key, sources, ids, options), options);
    if (values.length === 0 && stored !== undefined && stored[key] !== undefined) {
      values = stored[key];
      if (enhancedKeys !== undefined) enhancedKeys.push(key);
    }
    if (values.length === 1) user[key] = values[0];
    else if (values.length > 1) user[key] = values;
  }
  return user;
}

/** Keys whose raw values must never reach a log line, even echoed back by TikTok. */
const PERSONAL_KEYS: readonly string[] = ['email', 'phone', 'external_id', 'first_name', 'last_name', 'city', 'state', 'zip_code'];

const NO_IDS: BrowserIds = { ttclidFromUrl: undefined, ttclidCookie: undefined, ttpCookie: undefined };

/**
 * The personal values of this event as given and as normalised (an email lower-cased, a phone in
 * E.164 and as bare digits), for scrubbing log lines; src/privacy.ts adds their encodings.
 */
export function rawPersonalValues(sources: UserDataSources, options: UserDataOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < PERSONAL_KEYS.length; i++) {
    const key = PERSONAL_KEYS[i];
    const values = candidateTexts(rawValue(key, sources, NO_IDS, options));
    for (let j = 0; j < values.length; j++) {
      out.push(values[j]);
      if (key === 'email') out.push(values[j].toLowerCase());
      // City, state and zip as sent in clear or hashed: without spaces and punctuation.
      const compact = key === 'city' || key === 'state' ? normalizeCityOrState(values[j]) : key === 'zip_code' ? normalizeZip(values[j]) : undefined;
      if (compact !== undefined) out.push(compact);
      if (key === 'phone') {
        const e164 = normalizePhone(values[j], options.defaultPhoneCountryCode);
        if (e164 !== undefined) out.push(e164, e164.substring(1));
        // Bare digits only when they are clearly a phone's: a short run would redact ordinary numbers.
        const digits = digitsOf(values[j]);
        if (digits.length >= 7) out.push(digits);
      }
    }
  }
  return out;
}

function candidateTexts(raw: unknown): string[] {
  const candidates = isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (let i = 0; i < candidates.length && i < MAX_VALUES; i++) {
    const value = text(candidates[i]);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** email_invalid, phone_no_country_code, phone_invalid: given values the tag could not send as they are. */
export function userDataWarnings(sources: UserDataSources, ids: BrowserIds, options: UserDataOptions, warnings: Warning[]): void {
  const emails = candidateTexts(rawValue('email', sources, ids, options));
  let badEmails = 0;
  for (let i = 0; i < emails.length; i++) if (normalizeEmail(emails[i]) === undefined) badEmails++;
  if (badEmails > 0) {
    const what = emails.length > 1 ? badEmails + ' of ' + emails.length + ' emails are' : 'email is';
    warnings.push(warning('email_invalid', 'user.email', what + ' not a valid address (name@domain, at most 254 characters, no spaces); not sent'));
  }
  const phones = candidateTexts(rawValue('phone', sources, ids, options));
  const defaultCode = options.defaultPhoneCountryCode;
  let local = 0;
  let localSent = 0;
  let badPhones = 0;
  for (let i = 0; i < phones.length; i++) {
    const sent = normalizePhone(phones[i], defaultCode) !== undefined;
    if (!hasCountryCode(phones[i]) && defaultCode === undefined) {
      local++;
      if (sent) localSent++;
    } else if (!sent) badPhones++;
  }
  if (local > 0) {
    const outcome = localSent === local ? 'it was sent as if its first digits were the country code, which may match nobody' : 'it could not be sent';
    warnings.push(warning('phone_no_country_code', 'user.phone', 'phone has no country code ("+" or "00") and the tag has no default phone country code; ' + outcome));
  }
  if (badPhones > 0) warnings.push(warning('phone_invalid', 'user.phone', 'phone is not a number of 8 to 15 digits after its country code; not sent'));
}

/** Presence flags for the health log: exactly the schema's keys, true only for what is sent. */
export function userDataFlags(user: Dict): Record<string, boolean> {
  const has = (key: string) => user[key] !== undefined;
  return {
    email: has('email'),
    phone: has('phone'),
    external_id: has('external_id'),
    ttclid: has('ttclid'),
    ttp: has('ttp'),
    ip: has('ip'),
    user_agent: has('user_agent'),
    name: has('first_name') || has('last_name'),
    address: has('city') || has('state') || has('zip_code') || has('country'),
  };
}
