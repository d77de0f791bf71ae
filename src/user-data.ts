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
import { Dict, firstDefined, given, hasKeys, isArray, own, recordOf, text } from './values';

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

/**
 * Where each user key is looked up, in priority order: e is the event data, u its user_data, a
 * that object's address (email: user_data.email_address first). Each key is read by name
 * (given()): a literal property read is cheap where one computed read shared by every lookup is not.
 */
type Lookup = (e: Dict, u: Dict, a: Dict) => unknown;
const SOURCES: Record<string, Lookup> = {
  email: (e, u) => firstDefined([given(u.email_address), given(u.email), given(u.sha256_email_address), given(e.email), given(e.email_address), given(e.sha256_email_address)]),
  phone: (e, u) => firstDefined([given(u.phone_number), given(u.sha256_phone_number), given(e.phone), given(e.phone_number), given(e.sha256_phone_number)]),
  external_id: (e, u) => firstDefined([given(e.external_id), given(u.external_id), given(e.user_id)]),
  first_name: (e, u, a) => firstDefined([given(a.first_name), given(a.sha256_first_name), given(e.first_name)]),
  last_name: (e, u, a) => firstDefined([given(a.last_name), given(a.sha256_last_name), given(e.last_name)]),
  city: (e, u, a) => firstDefined([given(a.city), given(e.city)]),
  state: (e, u, a) => firstDefined([given(a.region), given(e.state), given(e.region)]),
  zip_code: (e, u, a) => firstDefined([given(a.postal_code), given(e.zip_code), given(e.postal_code), given(e.zip)]),
  country: (e, u, a) => firstDefined([given(a.country), given(e.country)]),
  ttclid: (e) => given(e.ttclid),
  ttp: (e) => firstDefined([given(e.ttp), given(e._ttp)]),
  ip: (e) => firstDefined([given(e.ip_override), given(e.ip), given(e.ip_address)]),
  user_agent: (e) => given(e.user_agent),
  locale: (e) => firstDefined([given(e.language), given(e.locale)]),
};

/**
 * The three objects user data is read from, each classified once per event: the event data,
 * its user_data (or the first element of a user_data list) and that object's address (likewise).
 */
export interface UserDataSources {
  event: Dict;
  userData: Dict;
  address: Dict;
  /**
   * Each user key's value in the event data, in USER_KEYS order: looked up once per event (the
   * request, the log needles and the warnings all ask for email and phone) and read by position.
   */
  found: unknown[];
}

export function userDataSources(eventData: Dict): UserDataSources {
  const userData = recordOf(given(eventData.user_data));
  const address = recordOf(given(userData.address));
  const found: unknown[] = [];
  for (let i = 0; i < USER_KEYS.length; i++) found.push(SOURCES[USER_KEYS[i]](eventData, userData, address));
  return { event: eventData, userData: userData, address: address, found: found };
}

function lookup(sources: UserDataSources, key: string): unknown {
  return sources.found[USER_KEYS.indexOf(key)];
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
  // Most tags have no user data rows: one look at the empty table, not a lookup per key.
  const override = hasKeys(options.overrides) ? own(options.overrides, key) : undefined;
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
