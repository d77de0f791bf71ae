/**
 * What a server container's GA4 client does with a hit: turn it into common event data.
 *
 * - `/g/collect`: gtag.js hits. Shared parameters in the query string; one event in the query,
 *   or a batch in the POST body (one query-string line per event, merged over the shared ones).
 * - `/mp/collect`: Measurement Protocol JSON (`{client_id, events: [{name, params}], …}`).
 * - `POST /events`: ready event data (an object, an array of them, or `{events: [...]}`).
 *
 * A malformed hit throws a HitError carrying the 4xx status and a message that names the problem.
 */
import { isObject } from '../../sandbox-shim/template/is-object';

export type EventData = Record<string, unknown>;

export class HitError extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
    this.name = 'HitError';
  }
}

export interface HitContext {
  /** The caller's address (the container's getRemoteAddress). */
  remoteAddress?: string;
  /** The incoming User-Agent header. */
  userAgent?: string;
  /** Add a decoded `consent_state` object next to x-ga-gcs / x-ga-gcd (off by default; see docs/server.md). */
  consentState?: boolean;
}

/** Most events one hit may carry (gtag batches are small; MP allows 25). */
export const MAX_EVENTS_PER_HIT = 500;

// ------------------------------------------------------------------ query strings

/** Decodes `a=1&b=x+y` strictly: bad percent-encoding is an error, repeated keys keep the first value. */
export function parseQueryString(query: string, where = 'query string'): Map<string, string> {
  const out = new Map<string, string>();
  if (!query) return out;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const key = decode(rawKey, where);
    if (key === '') continue;
    if (!out.has(key)) out.set(key, decode(rawValue, where));
  }
  return out;
}

function decode(text: string, where: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new HitError(400, `malformed ${where}: "${text.slice(0, 60)}" is not valid percent-encoding`);
  }
}

// ------------------------------------------------------------------ /g/collect

/** Parameters of a gtag hit that map one-to-one onto common event data. */
const DIRECT: Record<string, string> = {
  en: 'event_name',
  cid: 'client_id',
  uid: 'user_id',
  dl: 'page_location',
  dr: 'page_referrer',
  dt: 'page_title',
  ul: 'language',
  de: 'page_encoding',
  sr: 'screen_resolution',
  vp: 'viewport_size',
  cu: 'currency',
  sid: 'ga_session_id',
  v: 'x-ga-protocol_version',
  tid: 'x-ga-measurement_id',
  gtm: 'x-ga-gtm_version',
  _p: 'x-ga-page_id',
  _s: 'x-ga-request_count',
  seg: 'x-ga-mp2-seg',
  gcs: 'x-ga-gcs',
  gcd: 'x-ga-gcd',
  dma: 'x-ga-dma',
  dma_cps: 'x-ga-dma_cps',
  npa: 'x-ga-npa',
  ur: 'x-ga-ur',
  are: 'x-ga-are',
};
const NUMERIC: Record<string, string> = { sct: 'ga_session_number', _et: 'engagement_time_msec' };
const SYSTEM_PROPERTIES: Record<string, string> = { _ss: 'ss', _fv: 'fv', _nsi: 'nsi', _ee: 'ee', _dbg: 'dbg', _tu: 'tu', _gaz: 'gaz', _rdi: 'rdi' };
const CLIENT_HINTS: Record<string, string> = { uaa: 'architecture', uab: 'bitness', uafvl: 'full_version_list', uamb: 'mobile', uam: 'model', uap: 'platform', uapv: 'platform_version', uaw: 'wow64' };

const ITEM_FIELDS: Record<string, string> = {
  id: 'item_id', nm: 'item_name', af: 'affiliation', cp: 'coupon', br: 'item_brand', ca: 'item_category',
  c2: 'item_category2', c3: 'item_category3', c4: 'item_category4', c5: 'item_category5',
  li: 'item_list_id', ln: 'item_list_name', va: 'item_variant', lo: 'location_id', cr: 'creative_name',
  cs: 'creative_slot', pi: 'promotion_id', pn: 'promotion_name',
};
const ITEM_NUMBERS: Record<string, string> = { pr: 'price', qt: 'quantity', ds: 'discount', lp: 'index' };

/** gtag's user-provided data (`em=tv.1~em.HASH~pn.HASH~…`) → user_data keys. */
const USER_PROVIDED: Record<string, string[]> = {
  em: ['sha256_email_address'], pn: ['sha256_phone_number'],
  fn: ['address', 'sha256_first_name'], ln: ['address', 'sha256_last_name'], sa: ['address', 'sha256_street'],
  ct: ['address', 'city'], rg: ['address', 'region'], re: ['address', 'region'], pc: ['address', 'postal_code'], co: ['address', 'country'],
};

function toNumber(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** `pr1=id123~nmShirt~pr9.99~qt2~k0color~v0blue` → an items[] entry. */
export function parseItem(text: string): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const custom: Record<string, string> = {};
  const customValues: Record<string, string> = {};
  for (const field of text.split('~')) {
    if (field.length < 2) continue;
    const key = field.slice(0, 2);
    const value = field.slice(2);
    if (ITEM_FIELDS[key]) item[ITEM_FIELDS[key]] = value;
    else if (ITEM_NUMBERS[key]) {
      const n = toNumber(value);
      if (n !== undefined) item[ITEM_NUMBERS[key]] = n;
    } else if (/^k\d$/.test(key)) custom[key[1]] = value;
    else if (/^v\d$/.test(key)) customValues[key[1]] = value;
  }
  for (const [i, name] of Object.entries(custom)) {
    if (name && customValues[i] !== undefined && !(name in item)) item[name] = customValues[i];
  }
  return item;
}

function userProvidedData(text: string): Record<string, unknown> | undefined {
  const user: Record<string, unknown> = {};
  for (const field of text.split('~')) {
    const dot = field.indexOf('.');
    if (dot === -1) continue;
    const path = USER_PROVIDED[field.slice(0, dot)];
    const value = field.slice(dot + 1);
    if (!path || value === '') continue;
    if (path.length === 1) user[path[0]] = value;
    else ((user.address ??= {}) as Record<string, unknown>)[path[1]] = value;
  }
  return Object.keys(user).length ? user : undefined;
}

function setPath(target: EventData, key: string, value: unknown) {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
  target[key] = value;
}

/** One gtag parameter set (shared + event-level, already merged) → event data. */
function gtagEvent(params: Map<string, string>, ctx: HitContext): EventData {
  const data: EventData = {};
  const system: Record<string, string> = {};
  const hints: Record<string, string> = {};
  const userProps: Record<string, unknown> = {};
  const items: { index: number; item: Record<string, unknown> }[] = [];
  for (const [key, value] of params) {
    if (DIRECT[key]) data[DIRECT[key]] = value;
    else if (NUMERIC[key]) {
      const n = toNumber(value);
      if (n !== undefined) data[NUMERIC[key]] = n;
    } else if (SYSTEM_PROPERTIES[key]) system[SYSTEM_PROPERTIES[key]] = value;
    else if (CLIENT_HINTS[key]) hints[CLIENT_HINTS[key]] = value;
    else if (key.startsWith('ep.')) setPath(data, key.slice(3), value);
    else if (key.startsWith('epn.')) {
      const n = toNumber(value);
      if (n !== undefined) setPath(data, key.slice(4), n);
    } else if (key.startsWith('up.')) userProps[key.slice(3)] = value;
    else if (key.startsWith('upn.')) {
      const n = toNumber(value);
      if (n !== undefined) userProps[key.slice(4)] = n;
    } else if (/^pr\d+$/.test(key)) items.push({ index: Number(key.slice(2)), item: parseItem(value) });
    else if (key === 'em') {
      const user = userProvidedData(value);
      if (user) data.user_data = user;
    } else if (key === '_uip') data.ip_override = value;
  }
  if (data.ip_override === undefined && ctx.remoteAddress) data.ip_override = ctx.remoteAddress;
  if (ctx.userAgent !== undefined) data.user_agent = ctx.userAgent;
  if (items.length) data.items = items.sort((a, b) => a.index - b.index).map((x) => x.item);
  if (Object.keys(system).length) data['x-ga-system_properties'] = system;
  if (Object.keys(hints).length) data.client_hints = hints;
  if (Object.keys(userProps).length) data['x-ga-mp2-user_properties'] = userProps;
  if (typeof data.page_location === 'string') Object.assign(data, pageParts(data.page_location));
  if (ctx.consentState) addConsentState(data);
  return data;
}

function pageParts(location: string): EventData {
  try {
    const url = new URL(location);
    return { page_hostname: url.hostname, page_path: url.pathname };
  } catch {
    return {};
  }
}

export function parseGa4Collect(queryString: string, body: string | undefined, ctx: HitContext = {}): EventData[] {
  const shared = parseQueryString(queryString);
  const lines = (body ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
  const perEvent = lines.length ? lines.map((line, i) => parseQueryString(line.trim(), `body line ${i + 1}`)) : [new Map<string, string>()];
  if (perEvent.length > MAX_EVENTS_PER_HIT) throw new HitError(413, `too many events in one hit: ${perEvent.length} (at most ${MAX_EVENTS_PER_HIT})`);
  const version = shared.get('v');
  if (version === undefined) throw new HitError(400, 'not a GA4 hit: the "v" parameter is missing (expected v=2)');
  if (version !== '2') throw new HitError(400, `unsupported GA4 protocol version v=${version} (expected v=2)`);
  if (!shared.get('tid')) throw new HitError(400, 'not a GA4 hit: the "tid" parameter (measurement id, G-XXXX) is missing');
  return perEvent.map((own, i) => {
    const params = new Map([...shared, ...own]);
    if (!params.get('en')) {
      throw new HitError(400, lines.length ? `body line ${i + 1} has no event name ("en" parameter)` : 'the hit has no event name ("en" parameter)');
    }
    return gtagEvent(params, ctx);
  });
}

// ------------------------------------------------------------------ consent

/** gcd letters: granted t r n v; denied p q m u; l = not set (the meaning of each letter in docs/server.md). */
const GCD_GRANTED = 'trnv';
const GCD_DENIED = 'pqmu';

function gcdSignal(letter: string | undefined): boolean | undefined {
  if (!letter) return undefined;
  if (GCD_GRANTED.includes(letter)) return true;
  if (GCD_DENIED.includes(letter)) return false;
  return undefined;
}

/** `x-ga-gcs` (G1xy: ad_storage, analytics_storage) and `x-ga-gcd` (positions 2/4/6/8) → booleans. */
export function decodeConsent(gcs: unknown, gcd: unknown): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  if (typeof gcd === 'string' && gcd.length >= 9) {
    const names = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization'];
    names.forEach((name, i) => {
      const v = gcdSignal(gcd[2 + i * 2]);
      if (v !== undefined) out[name] = v;
    });
  }
  if (typeof gcs === 'string' && /^G1[01][01]$/.test(gcs)) {
    out.ad_storage = gcs[2] === '1';
    out.analytics_storage = gcs[3] === '1';
  }
  return out;
}

function addConsentState(data: EventData) {
  const state = decodeConsent(data['x-ga-gcs'], data['x-ga-gcd']);
  if (Object.keys(state).length) data.consent_state = state;
}

// ------------------------------------------------------------------ /mp/collect


function parseJson(body: string | undefined, what: string): unknown {
  if (body === undefined || body.trim() === '') throw new HitError(400, `${what}: the request body is empty (expected JSON)`);
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new HitError(400, `${what}: invalid JSON (${(err as Error).message})`);
  }
}

/** MP user_data: arrays of hashes keep their first value, as common event data holds one per key. */
function mpUserData(raw: unknown): Record<string, unknown> | undefined {
  if (!isObject(raw)) return undefined;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const user: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'address') {
      const address = first(value);
      if (isObject(address)) user.address = { ...address };
    } else if (first(value) !== undefined) user[key] = first(value);
  }
  return Object.keys(user).length ? user : undefined;
}

export function parseMeasurementProtocol(queryString: string, body: string | undefined, ctx: HitContext = {}): EventData[] {
  const query = parseQueryString(queryString);
  const hit = parseJson(body, 'Measurement Protocol');
  if (!isObject(hit)) throw new HitError(400, 'Measurement Protocol: the body must be a JSON object with "client_id" and "events"');
  const clientId = hit.client_id ?? hit.app_instance_id;
  if (typeof clientId !== 'string' || clientId === '') {
    throw new HitError(400, 'Measurement Protocol: "client_id" (web) or "app_instance_id" (app) is required');
  }
  if (!Array.isArray(hit.events) || hit.events.length === 0) throw new HitError(400, 'Measurement Protocol: "events" must be a non-empty array');
  if (hit.events.length > 25) throw new HitError(400, `Measurement Protocol: at most 25 events per request (got ${hit.events.length})`);
  const userData = mpUserData(hit.user_data);
  const userProps: Record<string, unknown> = {};
  if (isObject(hit.user_properties)) {
    for (const [k, v] of Object.entries(hit.user_properties)) userProps[k] = isObject(v) && 'value' in v ? v.value : v;
  }
  return hit.events.map((event, i) => {
    if (!isObject(event) || typeof event.name !== 'string' || event.name === '') {
      throw new HitError(400, `Measurement Protocol: events[${i}] needs a "name"`);
    }
    if (event.params !== undefined && !isObject(event.params)) throw new HitError(400, `Measurement Protocol: events[${i}].params must be an object`);
    const params = { ...((event.params as Record<string, unknown>) ?? {}) };
    const data: EventData = { event_name: event.name };
    for (const [key, value] of Object.entries(params)) {
      if (key === 'session_id') data.ga_session_id = String(value);
      else if (key === 'session_number') data.ga_session_number = value;
      else setPath(data, key, value);
    }
    data.client_id = clientId;
    if (typeof hit.user_id === 'string') data.user_id = hit.user_id;
    const ip = typeof hit.ip_override === 'string' ? hit.ip_override : ctx.remoteAddress;
    if (ip) data.ip_override = ip;
    const ua = typeof hit.user_agent === 'string' ? hit.user_agent : ctx.userAgent;
    if (ua !== undefined) data.user_agent = ua;
    if (userData && data.user_data === undefined) data.user_data = userData;
    if (Object.keys(userProps).length) data['x-ga-mp2-user_properties'] = userProps;
    if (typeof hit.timestamp_micros === 'number' || typeof hit.timestamp_micros === 'string') data['x-ga-mp2-timestamp_micros'] = Number(hit.timestamp_micros);
    if (isObject(hit.consent)) data['x-ga-mp2-consent'] = { ...hit.consent };
    data['x-ga-protocol_version'] = '2';
    const measurementId = query.get('measurement_id') ?? query.get('firebase_app_id');
    if (measurementId) data['x-ga-measurement_id'] = measurementId;
    if (typeof data.page_location === 'string') Object.assign(data, pageParts(data.page_location));
    if (ctx.consentState) addConsentState(data);
    return data;
  });
}

// ------------------------------------------------------------------ POST /events

export function parseReadyEvents(body: string | undefined, ctx: HitContext = {}): EventData[] {
  const parsed = parseJson(body, 'POST /events');
  const list = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.events) ? parsed.events : [parsed];
  if (list.length === 0) throw new HitError(400, 'POST /events: no events (send an object, an array of objects, or {"events": [...]})');
  if (list.length > MAX_EVENTS_PER_HIT) throw new HitError(413, `POST /events: too many events in one request: ${list.length} (at most ${MAX_EVENTS_PER_HIT})`);
  return list.map((event, i) => {
    if (!isObject(event)) throw new HitError(400, `POST /events: event ${i} must be a JSON object of event data`);
    if (typeof event.event_name !== 'string' || event.event_name === '') throw new HitError(400, `POST /events: event ${i} needs an "event_name" string`);
    const data: EventData = { ...event };
    if (data.ip_override === undefined && ctx.remoteAddress) data.ip_override = ctx.remoteAddress;
    if (data.user_agent === undefined && ctx.userAgent !== undefined) data.user_agent = ctx.userAgent;
    if (ctx.consentState) addConsentState(data);
    return data;
  });
}
