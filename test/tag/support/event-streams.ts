/**
 * Seeded, production-shaped GA4 event streams (gtag /g/collect hits parsed like the local server
 * does, Measurement Protocol hits, and hand-built event data with the oddities real containers
 * see) and the tag settings each event runs with. Shared by the stream conformance test and the
 * byte-for-byte request fixture test: the generators below must not change, or the fixture's
 * inputs change with them (the fixture test checks an input digest to catch that).
 */
import { createHash } from 'crypto';
import { parseGa4Collect, parseMeasurementProtocol } from '../../../scripts/server/ga4';
import { NOW_MS } from './run-tag';

export const SEED = Number(process.env.STREAMS_SEED ?? 20261125);
export const EVENTS_PER_SOURCE = 140;
export const NOW_S = Math.floor(NOW_MS / 1000);

export type Rng = () => number;
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const chance = (rng: Rng, p: number) => rng() < p;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
export const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

// ------------------------------------------------------------------ the odd values production has

const GA4_EVENTS = [
  'page_view', 'page_view', 'view_item', 'view_item_list', 'select_item', 'search', 'add_to_wishlist', 'add_to_cart',
  'begin_checkout', 'add_payment_info', 'add_shipping_info', 'purchase', 'purchase', 'sign_up', 'generate_lead',
  'contact', 'subscribe', 'file_download', 'scroll', 'user_engagement', 'form_start', 'session_start', 'Purchase',
  'CompletePayment', 'refund', 'video_progress',
];
const ODD_EVENT_NAMES = ['clic_botón', '购买', 'add to cart', 'a'.repeat(60), 'promo 🎉', ' purchase ', 'PURCHASE', 'x'];
const UNICODE = ['Straße', 'José Müller', '中文名字', 'Zoë 🎉 O\'Brien', 'Ærø', '日本語の商品', 'emoji 👟👟', 'Ωmega'];
const EMAILS = ['Test@Example.com', ' jane.doe+tiktok@Gmail.COM ', 'müller@bücher.de', 'not-an-email', '', 'a@b', '中文@例子.公司'];
const PHONES = [
  '+1 (555) 123-4567', '+44 20 7946 0958', '020 7946 0958', '0049 30 901820', '(555) 123-4567', '555.123.4567',
  '+33 6 12 34 56 78', '06 12 34 56 78', '+86 138 0013 8000', '+81-90-1234-5678', '12345', '', 'call me',
];
const CURRENCIES = ['USD', 'usd', 'Eur', 'GBP', 'JPY', '', 'US$', 'dollars', 'EURO', '€', 'u5d', null, 42];
const VALUES = [12.5, '12.50', '1,234.56', '', '0', 0, -5, '  99.9 ', 'free', 1e21, NaN, Infinity, null, '1e3', [10], { amount: 3 }];
const HOSTS = ['https://shop.example', 'https://www.boutique.fr', 'http://m.shop.example:8080', 'https://店.example'];
const HUGE = 'x'.repeat(100 * 1024);

function oddString(rng: Rng): unknown {
  return pick(rng, [pick(rng, UNICODE), '', '   ', null, 'undefined', 'null', HUGE, 'ok', 7, true, ['a'], { a: 1 }]);
}

function hashedUpper(rng: Rng): string {
  return sha(pick(rng, ['a@b.co', 'jane@example.com', '+15551234567'])).toUpperCase();
}

function pageLocation(rng: Rng): string {
  const base = `${pick(rng, HOSTS)}/p/${int(rng, 1, 999)}`;
  const q: string[] = [];
  if (chance(rng, 0.3)) q.push(`ttclid=${pick(rng, ['E.C.P.abc123', 'E.C.P.' + 'z'.repeat(80), '', '中文', 'a b'])}`);
  if (chance(rng, 0.3)) q.push('utm_source=tiktok');
  if (chance(rng, 0.1)) q.push(`q=${encodeURIComponent(pick(rng, UNICODE))}`);
  return q.length ? `${base}?${q.join('&')}` : base;
}

function item(rng: Rng): unknown {
  if (chance(rng, 0.05)) return pick(rng, [null, 'SKU-1', 7, ['SKU-2'], {}]);
  const it: Record<string, unknown> = {};
  if (chance(rng, 0.85)) it.item_id = pick(rng, [`SKU-${int(rng, 1, 999)}`, int(rng, 1, 99999), '', null, 0, 12.5, HUGE]);
  if (chance(rng, 0.7)) it.item_name = pick(rng, [...UNICODE, 'Runner', '', null]);
  if (chance(rng, 0.4)) it.item_category = pick(rng, ['Shoes', 'Bücher', '', ['a']]);
  if (chance(rng, 0.3)) it.item_brand = pick(rng, ['Acme', 'Ñandú', null]);
  if (chance(rng, 0.8)) it.price = pick(rng, [64.95, '5', '12.50', '1,234.56', '', 'free', -1, 0, null, NaN, '  3 ']);
  if (chance(rng, 0.8)) it.quantity = pick(rng, [1, 2, '2', '3', 0, -1, 0.5, 2.7, '1.5', '', null, 'many', 1e6]);
  return it;
}

function eventTime(rng: Rng): unknown {
  const s = NOW_S - int(rng, 0, 3 * 86400);
  const fast = NOW_S + int(rng, 1, 7200);
  return pick(rng, [s, s * 1000, s * 1e6, String(s), String(s * 1000), s + 0.75, '', 'yesterday', null, -1, 1e30, NOW_S + 10 * 86400, fast, fast * 1000]);
}

function userData(rng: Rng): unknown {
  if (chance(rng, 0.05)) return pick(rng, [null, 'jane@example.com', [{ email_address: 'a@b.co' }], 12]);
  const ud: Record<string, unknown> = {};
  const emailKind = rng();
  if (emailKind < 0.4) ud.email_address = pick(rng, EMAILS);
  else if (emailKind < 0.55) ud.email_address = [pick(rng, EMAILS), pick(rng, EMAILS), 'second@example.org', null];
  else if (emailKind < 0.7) ud.sha256_email_address = pick(rng, [hashedUpper(rng), sha('x@y.z'), 'ABC']);
  if (chance(rng, 0.5)) ud.phone_number = chance(rng, 0.2) ? [pick(rng, PHONES), pick(rng, PHONES)] : pick(rng, PHONES);
  else if (chance(rng, 0.15)) ud.sha256_phone_number = hashedUpper(rng);
  if (chance(rng, 0.4)) {
    ud.address = chance(rng, 0.1) ? [{ first_name: 'Ann' }, 'junk'] : {
      first_name: pick(rng, [...UNICODE, 'Ann', '', null, hashedUpper(rng)]),
      last_name: pick(rng, [...UNICODE, 'Smith', '', null]),
      city: pick(rng, ['New York', 'São Paulo', '北京', '', null]),
      region: pick(rng, ['CA', 'Île-de-France', '']),
      postal_code: pick(rng, ['94107', 'SW1A 1AA', '10115-1234', '', 94107]),
      country: pick(rng, ['US', 'gb', 'Deutschland', '', 'FRA']),
    };
  }
  return ud;
}

function commerce(rng: Rng, data: Record<string, unknown>): void {
  if (chance(rng, 0.7)) data.value = pick(rng, VALUES);
  if (chance(rng, 0.7)) data.currency = pick(rng, CURRENCIES);
  if (chance(rng, 0.6)) data.items = chance(rng, 0.05) ? pick(rng, [{ item_id: 'A' }, 'SKU-1', null]) : Array.from({ length: int(rng, 0, 4) }, () => item(rng));
  if (chance(rng, 0.2)) data.transaction_id = pick(rng, [`T-${int(rng, 1, 1e6)}`, int(rng, 1, 1e6), '', null]);
  if (chance(rng, 0.1)) data.search_term = pick(rng, [...UNICODE, '', HUGE]);
}

function consent(rng: Rng, data: Record<string, unknown>): void {
  if (chance(rng, 0.5)) data['x-ga-gcs'] = pick(rng, ['G100', 'G111', 'G101', 'G110', 'G1--', '', ['G100']]);
  if (chance(rng, 0.3)) data.consent_state = pick(rng, [{ ad_storage: true }, { ad_storage: false }, { ad_storage: 'denied' }, { ad_storage: 'granted' }, 'denied', null, []]);
}

// ------------------------------------------------------------------ the three sources

export function handBuilt(rng: Rng): Record<string, unknown> {
  const data: Record<string, unknown> = { event_name: chance(rng, 0.1) ? pick(rng, [...ODD_EVENT_NAMES, null, '', ['purchase']]) : pick(rng, GA4_EVENTS) };
  if (chance(rng, 0.8)) data.page_location = chance(rng, 0.1) ? pick(rng, ['not a url', 'ftp://x', null, HUGE]) : pageLocation(rng);
  if (chance(rng, 0.4)) data.page_referrer = pick(rng, ['https://www.tiktok.com/', '', 'android-app://com.zhiliaoapp.musically']);
  if (chance(rng, 0.8)) data.ip_override = pick(rng, ['203.0.113.7', '2001:db8::1', 'unknown', '', '10.0.0.1, 203.0.113.9']);
  if (chance(rng, 0.8)) data.user_agent = pick(rng, ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', '', HUGE, 'Mozilla/5.0 中文']);
  if (chance(rng, 0.5)) data.language = pick(rng, ['en-us', 'de_DE', 'zh-Hans-CN', 'x', '', 'en-US']);
  if (chance(rng, 0.5)) data.user_id = pick(rng, [int(rng, 1, 1e9), `U-${int(rng, 1, 99)}`, '', 0, hashedUpper(rng), null]);
  if (chance(rng, 0.6)) data.user_data = userData(rng);
  if (chance(rng, 0.3)) data.event_time = eventTime(rng);
  else if (chance(rng, 0.2)) data.timestamp = eventTime(rng);
  if (chance(rng, 0.4)) data.event_id = pick(rng, [`evt-${int(rng, 1, 1e9)}`, int(rng, 1, 1e6), '', null, HUGE]);
  if (chance(rng, 0.2)) data.ttp = pick(rng, ['01HXYZttp', '', null]);
  if (chance(rng, 0.2)) data.description = oddString(rng);
  commerce(rng, data);
  consent(rng, data);
  if (chance(rng, 0.05)) for (const key of Object.keys(data)) if (key !== 'event_name') data[key] = null;
  return data;
}

export function gtagHit(rng: Rng): Record<string, unknown> {
  const q = new URLSearchParams({ v: '2', tid: 'G-TEST123', gtm: '45je5b10v9', _p: String(int(rng, 1, 1e9)), cid: `${int(rng, 1, 1e9)}.${NOW_S}` });
  q.set('ul', pick(rng, ['en-us', 'de-de', 'zh-cn', 'fr']));
  q.set('dl', pageLocation(rng));
  if (chance(rng, 0.5)) q.set('dr', 'https://www.tiktok.com/');
  q.set('en', pick(rng, GA4_EVENTS));
  if (chance(rng, 0.6)) q.set('gcs', pick(rng, ['G100', 'G111', 'G101']));
  if (chance(rng, 0.3)) q.set('gcd', pick(rng, ['13r3r3r3r5l1', '13p3p3p2p5l1', '11l1l1l1l1']));
  if (chance(rng, 0.4)) q.set('uid', pick(rng, [String(int(rng, 1, 1e9)), 'USER-42', 'Jöhn']));
  if (chance(rng, 0.5)) q.set('cu', pick(rng, ['USD', 'eur', 'GBP', '']));
  if (chance(rng, 0.5)) q.set(chance(rng, 0.7) ? 'epn.value' : 'ep.value', pick(rng, ['12.50', '1,234.56', '', '99', 'abc']));
  if (chance(rng, 0.3)) q.set('ep.transaction_id', `T-${int(rng, 1, 1e6)}`);
  if (chance(rng, 0.3)) q.set('ep.event_id', `e-${int(rng, 1, 1e9)}`);
  if (chance(rng, 0.3)) {
    const parts = ['tv.1'];
    if (chance(rng, 0.8)) parts.push(`em.${pick(rng, [sha('jane@example.com'), hashedUpper(rng)])}`);
    if (chance(rng, 0.5)) parts.push(`pn.${sha('+15551234567')}`);
    if (chance(rng, 0.3)) parts.push(`fn.${sha('jane')}`, `pc.${pick(rng, ['94107', 'SW1A 1AA'])}`, `co.${pick(rng, ['US', 'gb'])}`);
    q.set('em', parts.join('~'));
  }
  const n = int(rng, 0, 3);
  for (let i = 1; i <= n; i++) {
    const fields = [`id${pick(rng, ['SKU-' + i, String(int(rng, 1, 999)), ''])}`];
    if (chance(rng, 0.7)) fields.push(`nm${pick(rng, UNICODE)}`);
    if (chance(rng, 0.8)) fields.push(`pr${pick(rng, ['9.99', '5', '', 'x'])}`);
    if (chance(rng, 0.8)) fields.push(`qt${pick(rng, ['1', '2', '0', '1.5', ''])}`);
    q.set(`pr${i}`, fields.join('~'));
  }
  const ctx = { remoteAddress: pick(rng, ['203.0.113.7', '::ffff:198.51.100.3']), userAgent: 'Mozilla/5.0 (Linux; Android 14)', consentState: chance(rng, 0.5) };
  return parseGa4Collect(q.toString(), undefined, ctx)[0];
}

export function mpHit(rng: Rng): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (chance(rng, 0.7)) params.page_location = pageLocation(rng);
  commerce(rng, params);
  if (chance(rng, 0.3)) params.event_id = `mp-${int(rng, 1, 1e9)}`;
  const hit: Record<string, unknown> = {
    client_id: `${int(rng, 1, 1e9)}.${NOW_S}`,
    events: [{ name: pick(rng, GA4_EVENTS), params }],
  };
  if (chance(rng, 0.5)) hit.user_id = pick(rng, ['USER-42', String(int(rng, 1, 1e9))]);
  if (chance(rng, 0.5)) hit.timestamp_micros = (NOW_S - int(rng, 0, 86400)) * 1e6;
  if (chance(rng, 0.5)) {
    hit.user_data = {
      sha256_email_address: [sha('jane@example.com'), hashedUpper(rng)],
      sha256_phone_number: chance(rng, 0.5) ? [sha('+15551234567')] : undefined,
      address: chance(rng, 0.4) ? [{ sha256_first_name: sha('jane'), city: 'Berlin', postal_code: '10115', country: 'DE' }] : undefined,
    };
  }
  if (chance(rng, 0.3)) hit.consent = { ad_user_data: pick(rng, ['GRANTED', 'DENIED']), ad_personalization: 'GRANTED' };
  if (chance(rng, 0.6)) hit.ip_override = '198.51.100.23';
  return parseMeasurementProtocol('measurement_id=G-TEST123', JSON.stringify(hit), { remoteAddress: '203.0.113.7', userAgent: 'server/1.0' })[0];
}

export function tagSettings(rng: Rng): Record<string, unknown> {
  return {
    consentMode: pick(rng, ['always', 'ad_storage', 'ad_storage']),
    unmappedEvents: pick(rng, ['custom', 'skip']),
    defaultPhoneCountryCode: pick(rng, ['', '+44', '1', '33']),
    eventNameVersion: pick(rng, ['current', 'legacy']),
    loggingLevel: pick(rng, ['standard', 'debug']),
    testEventCode: chance(rng, 0.2) ? 'TEST123' : '',
    maxRetries: 0,
  };
}

export type Generator = (rng: Rng) => Record<string, unknown>;

/** The GA4 sources: name, generator, seed salt. The rng of a source is mulberry32(SEED * 31 + salt). */
export const GA4_SOURCES: [string, Generator, number][] = [
  ['gtag /g/collect hits', gtagHit, 1],
  ['Measurement Protocol hits', mpHit, 2],
  ['hand-built common event data', handBuilt, 3],
];

export interface StreamEvent {
  source: string;
  index: number;
  settings: Record<string, unknown>;
  data: Record<string, unknown>;
}

/** The events of one source, in order, each with the settings it runs with. */
export function streamEvents(source: [string, Generator, number], seed: number = SEED, count: number = EVENTS_PER_SOURCE): StreamEvent[] {
  const rng = mulberry32(seed * 31 + source[2]);
  const out: StreamEvent[] = [];
  for (let i = 0; i < count; i++) {
    const settings = tagSettings(rng);
    const data = source[1](rng);
    out.push({ source: source[0], index: i, settings, data });
  }
  return out;
}

// ------------------------------------------------------------------ app, CRM and offline sources (issue 11)
// Added after the GA4 sources; the generators above are untouched, so the fixture's inputs stay.

const UUIDS = ['6D92078A-8246-4BA4-AE5B-76104861E7DC', '38400000-8cf0-11bd-b23e-10b96e40000d', '00000000-0000-0000-0000-000000000000', 'not-a-uuid', '', null];

export function appEvent(rng: Rng): Record<string, unknown> {
  const data: Record<string, unknown> = { event_name: pick(rng, ['app_open', 'first_open', 'purchase', 'in_app_purchase', 'add_to_cart', 'view_item', 'level_up', 'Purchase', 'sign_up']) };
  const where = rng();
  const id = pick(rng, ['com.example.shop', '1234567890', '', null, 42]);
  if (where < 0.3) Object.assign(data, { app_id: id, app_name: pick(rng, ['Shop', '', 'Ünïcode 店']), app_version: pick(rng, ['2.3.1', 3, '']) });
  else if (where < 0.5) data.app = pick(rng, [{ app_id: id, name: 'Shop', version: '1.0' }, { id: id }, 'junk', [{ app_id: id }]]);
  else if (where < 0.7) data.app_info = { id: id, version: pick(rng, ['5.0', null]) };
  if (chance(rng, 0.7)) data.platform = pick(rng, ['IOS', 'ANDROID', 'ios', 'web', '', 7]);
  if (chance(rng, 0.5)) data.advertising_id = pick(rng, UUIDS);
  if (chance(rng, 0.3)) data.device = pick(rng, [{ vendor_id: pick(rng, UUIDS), advertising_id: pick(rng, UUIDS), operating_system: 'iOS' }, null, 'x']);
  if (chance(rng, 0.3)) data.idfv = pick(rng, UUIDS);
  if (chance(rng, 0.2)) data.gaid = pick(rng, UUIDS);
  if (chance(rng, 0.5)) data.att_status = pick(rng, [3, 0, 'authorized', 'DENIED', 'not determined', 'bogus', 9, null, '2']);
  if (chance(rng, 0.5)) {
    data.ad = pick(rng, [
      { callback: 'cb-' + int(rng, 1, 99), campaign_id: int(rng, 1, 1e6), ad_id: 'ad-1', creative_id: '', is_retargeting: pick(rng, [true, 'false', 1, 'maybe']), attributed: pick(rng, [false, 'true', null]), attribution_type: 'click', attribution_provider: pick(rng, ['AppsFlyer', 'Adjust', '']) },
      'junk', null, [{ ad_id: 'x' }],
    ]);
  }
  if (chance(rng, 0.3)) data.campaign_id = pick(rng, ['c-9', 99, '']);
  if (chance(rng, 0.6)) data.user_data = userData(rng);
  if (chance(rng, 0.4)) data.user_id = pick(rng, [`U-${int(rng, 1, 99)}`, int(rng, 1, 1e6)]);
  if (chance(rng, 0.3)) data.page_location = pageLocation(rng);
  if (chance(rng, 0.3)) data.event_time = eventTime(rng);
  commerce(rng, data);
  consent(rng, data);
  return data;
}

export function crmEvent(rng: Rng): Record<string, unknown> {
  const data: Record<string, unknown> = { event_name: pick(rng, ['Qualified', 'Converted', 'Lead', 'Purchase', 'Meeting Booked', 'generate_lead', 'stage 🎉', 'closed_won']) };
  const where = rng();
  if (where < 0.4) data.lead_id = pick(rng, [int(rng, 1e9, 9e9), `L-${int(rng, 1, 999)}`, '', null]);
  else if (where < 0.7) data.lead = pick(rng, [{ lead_id: `L-${int(rng, 1, 999)}`, lead_event_source: pick(rng, ['HubSpot', 'Salesforce', '']) }, 'junk', [{ lead_id: 'L-1' }], null]);
  if (chance(rng, 0.4)) data.lead_event_source = pick(rng, ['HubSpot', 'Pipedrive', 7]);
  if (chance(rng, 0.8)) data.user_data = userData(rng);
  if (chance(rng, 0.3)) data.external_id = pick(rng, ['CRM-1', int(rng, 1, 1e6), '']);
  if (chance(rng, 0.3)) data.event_time = eventTime(rng);
  if (chance(rng, 0.2)) data.page_location = pageLocation(rng);
  if (chance(rng, 0.4)) commerce(rng, data);
  return data;
}

export function offlineEvent(rng: Rng): Record<string, unknown> {
  const data: Record<string, unknown> = { event_name: pick(rng, ['purchase', 'Purchase', 'refund', 'store_visit', 'CompletePayment']) };
  if (chance(rng, 0.6)) data.order_id = pick(rng, [`POS-${int(rng, 1, 1e6)}`, int(rng, 1, 1e6), '', null]);
  if (chance(rng, 0.5)) data[pick(rng, ['store_id', 'shop_id'])] = pick(rng, [`STORE-${int(rng, 1, 99)}`, int(rng, 1, 99), '', ['x']]);
  if (chance(rng, 0.8)) data.user_data = userData(rng);
  if (chance(rng, 0.3)) data.page_location = pageLocation(rng);
  if (chance(rng, 0.3)) data.event_time = eventTime(rng);
  commerce(rng, data);
  return data;
}

/** The non-web sources: name, generator, seed salt, the tag's event source. */
export const OTHER_SOURCES: [string, Generator, number, string][] = [
  ['app events', appEvent, 4, 'app'],
  ['CRM events', crmEvent, 5, 'crm'],
  ['offline events', offlineEvent, 6, 'offline'],
];

export function otherSourceEvents(source: [string, Generator, number, string], seed: number = SEED, count: number = EVENTS_PER_SOURCE): StreamEvent[] {
  const rng = mulberry32(seed * 31 + source[2]);
  const out: StreamEvent[] = [];
  for (let i = 0; i < count; i++) {
    const settings: Record<string, unknown> = { ...tagSettings(rng), eventSource: source[3] };
    if (source[3] === 'crm' && chance(rng, 0.3)) settings.leadEventSource = 'HubSpot';
    if (source[3] === 'app' && chance(rng, 0.3)) settings.appId = 'com.example.tagfield';
    out.push({ source: source[0], index: i, settings, data: source[1](rng) });
  }
  return out;
}
