/**
 * The built template against seeded, production-shaped GA4 event streams (gtag /g/collect hits
 * parsed like the local server does, Measurement Protocol hits, and hand-built event data with
 * the oddities real containers see), sent to the mock TikTok API in its strictest settings.
 * Every event must end in success or a classified skip, every request must be accepted, and
 * every body must follow TikTok's rules. Reproduce a failure with STREAMS_SEED=<seed printed>.
 */
import { createHash } from 'crypto';
import { startMockTikTok, type MockTikTok } from '../../scripts/mock-tiktok';
import { parseGa4Collect, parseMeasurementProtocol } from '../../scripts/server/ga4';
import { fireTag, NOW_MS, PIXEL, TOKEN } from './support/run-tag';
import { tiktokRuleViolations } from './support/tiktok-rules';

const SEED = Number(process.env.STREAMS_SEED ?? 20261125);
const EVENTS_PER_SOURCE = 140;
const NOW_S = Math.floor(NOW_MS / 1000);
const MOCK_PAST_S = 7 * 86400;
const MOCK_FUTURE_S = 300;

type Rng = () => number;
function mulberry32(seed: number): Rng {
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
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

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

function handBuilt(rng: Rng): Record<string, unknown> {
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

function gtagHit(rng: Rng): Record<string, unknown> {
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

function mpHit(rng: Rng): Record<string, unknown> {
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

function tagSettings(rng: Rng): Record<string, unknown> {
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

// ------------------------------------------------------------------ what must hold for every event

/** Raw personal values of the event that must never show in a log line (3+ characters, not hashes). */
function rawPii(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === 'string' && x.trim().length >= 5 && !/^[0-9a-f]{64}$/i.test(x.trim())) out.push(x.trim().slice(0, 64));
    }
  };
  const ud = data.user_data as any;
  if (ud && typeof ud === 'object' && !Array.isArray(ud)) {
    add(ud.email_address);
    add(ud.phone_number);
    const address = Array.isArray(ud.address) ? ud.address[0] : ud.address;
    if (address && typeof address === 'object') {
      add(address.first_name);
      add(address.last_name);
      add(address.postal_code);
    }
  }
  return out;
}

function adStorageDenied(data: Record<string, unknown>): boolean {
  const state = data.consent_state as any;
  const fromState = state && typeof state === 'object' && !Array.isArray(state) ? state.ad_storage : undefined;
  if (fromState === false || fromState === 'denied') return true;
  if (fromState === true || fromState === 'granted') return false;
  return typeof data['x-ga-gcs'] === 'string' && /^G10/.test(data['x-ga-gcs'] as string);
}

const USER_FLAG_KEYS: Record<string, string[]> = {
  email: ['email'], phone: ['phone'], external_id: ['external_id'], ttclid: ['ttclid'], ttp: ['ttp'], ip: ['ip'],
  user_agent: ['user_agent'], name: ['first_name', 'last_name'], address: ['city', 'state', 'zip_code', 'country'],
};

function strictViolations(bodyText: string): string[] {
  const out = tiktokRuleViolations(bodyText);
  const body = JSON.parse(bodyText);
  const event = body.data?.[0] ?? {};
  const walk = (v: unknown, at: string) => {
    if (v === null) out.push(`${at} is null`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) walk(x, `${at}.${k}`);
    else if (typeof v === 'string' && /[\uD800-\uDFFF]/.test(v.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) out.push(`${at} has a broken surrogate pair`);
  };
  walk(body, 'body');
  if (event.event_time < NOW_S - MOCK_PAST_S || event.event_time > NOW_S + MOCK_FUTURE_S) out.push(`event_time ${event.event_time} outside the mock's window`);
  for (const c of event.properties?.contents ?? []) {
    if (c.quantity !== undefined && !(Number.isInteger(c.quantity) && c.quantity > 0)) out.push(`quantity ${c.quantity} is not a positive integer`);
  }
  if (event.properties?.contents !== undefined && !Array.isArray(event.properties.contents)) out.push('contents is not an array');
  return out;
}

/**
 * Values whose right answer follows directly from TikTok's rules, whatever the tag's internals:
 * checked exactly wherever the generated input makes the answer unambiguous.
 */
function exactValueProblems(data: Record<string, any>, sent: Record<string, any>): string[] {
  const out: string[] = [];
  const props = sent.properties ?? {};
  const expectEqual = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected) out.push(`${what}: sent ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  };
  if (typeof data.currency === 'string' || data.currency === undefined) {
    const c = typeof data.currency === 'string' ? data.currency.trim() : '';
    expectEqual('currency', props.currency, /^[A-Za-z]{3}$/.test(c) ? c.toUpperCase() : undefined);
  }
  if (typeof data.value === 'number') expectEqual('value', props.value, Number.isFinite(data.value) ? data.value : undefined);
  if (typeof data.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(data.value)) expectEqual('value', props.value, Number(data.value));
  if (data.value === '1,234.56' || data.value === '' || data.value === 'free') expectEqual('value', props.value, undefined);
  const ud = data.user_data;
  if (ud && typeof ud === 'object' && !Array.isArray(ud) && ud.email_address === undefined && ud.email === undefined && typeof ud.sha256_email_address === 'string' && /^[0-9A-Fa-f]{64}$/.test(ud.sha256_email_address)) {
    expectEqual('hashed email', sent.user?.email, ud.sha256_email_address.toLowerCase());
  }
  if (ud && typeof ud === 'object' && !Array.isArray(ud) && typeof ud.email_address === 'string' && /^[a-z0-9.+]+@[a-z0-9.]+\.[a-z]+$/i.test(ud.email_address.trim())) {
    expectEqual('email', sent.user?.email, sha(ud.email_address.trim().toLowerCase()));
  }
  if (data.external_id === undefined && (typeof data.user_id === 'number' || (typeof data.user_id === 'string' && /^[A-Za-z0-9-]+$/.test(data.user_id))) && !(ud && typeof ud === 'object' && 'external_id' in ud)) {
    const id = String(data.user_id).toLowerCase();
    expectEqual('external_id', sent.user?.external_id, /^[0-9a-f]{64}$/.test(id) ? id : sha(id));
  }
  if (typeof data.page_location === 'string' && data.page_location.length < 2048 && URL.canParse(data.page_location)) {
    const ttclid = new URL(data.page_location).searchParams.get('ttclid')?.trim();
    if (ttclid) expectEqual('ttclid from page_location', sent.user?.ttclid, ttclid);
  }
  if (Array.isArray(data.items)) {
    const ids = data.items.filter((it: any) => it && typeof it === 'object' && !Array.isArray(it) && (typeof it.item_id === 'number' && Number.isFinite(it.item_id)));
    for (const it of ids) {
      if (!(props.contents ?? []).some((c: any) => c.content_id === String(it.item_id))) out.push(`item_id ${it.item_id} not sent as content_id "${String(it.item_id)}"`);
    }
  }
  return out;
}

interface Checked { problems: string[]; outcome: string }

async function check(mock: MockTikTok, settings: Record<string, unknown>, data: Record<string, unknown>): Promise<Checked> {
  mock.reset();
  const problems: string[] = [];
  const run = await fireTag(mock.url, settings, structuredClone(data));
  const { record, logs, result } = run;
  if (record.status === 'exception' || record.status === 'timeout') problems.push(`tag status ${record.status}: ${record.error ?? ''}`);
  const results = logs.filter((l) => l.type === 'result');
  if (results.length !== 1 || !result) return { problems: [...problems, `${results.length} result lines`], outcome: 'none' };
  const requests = mock.requests();
  for (const req of requests) {
    if (req.answer.code !== 0) problems.push(`mock answered ${req.answer.status}/${req.answer.code}: ${req.answer.message}`);
    problems.push(...strictViolations(req.body));
  }
  if (result.outcome === 'success') {
    if (requests.length !== 1) problems.push(`success after ${requests.length} requests`);
    if (record.status !== 'success') problems.push(`result success but tag status ${record.status}`);
  } else if (result.outcome === 'skipped') {
    if (requests.length !== 0) problems.push('skipped but a request was sent');
    if (!['consent_denied', 'event_not_mapped'].includes(result.skip_reason)) problems.push(`skip_reason ${result.skip_reason}`);
    if (result.skip_reason === 'consent_denied' && !(settings.consentMode === 'ad_storage' && adStorageDenied(data))) problems.push('consent_denied without a denial');
  } else {
    problems.push(`outcome ${result.outcome} (${result.error_kind}: ${result.error_message})`);
  }
  if (settings.consentMode === 'ad_storage' && adStorageDenied(data) && result.outcome !== 'skipped') problems.push('ad_storage denied but not skipped');
  const sent = requests[0] ? JSON.parse(requests[0].body).data[0] : undefined;
  const user = sent?.user ?? {};
  for (const [flag, keys] of Object.entries(USER_FLAG_KEYS)) {
    const expected = sent ? keys.some((k) => user[k] !== undefined) : false;
    if (result.user_data?.[flag] !== expected) problems.push(`user_data.${flag} flag is ${result.user_data?.[flag]}, body says ${expected}`);
  }
  if (sent) problems.push(...exactValueProblems(data, sent));
  const micros = data['x-ga-mp2-timestamp_micros'];
  if (sent && typeof micros === 'number' && data.event_time === undefined && data.timestamp === undefined && sent.event_time !== Math.floor(micros / 1e6)) {
    problems.push(`event_time ${sent.event_time} ≠ the hit's timestamp_micros ${micros}`);
  }
  if (sent && result.event_id !== (sent.event_id ?? null)) problems.push(`result event_id ${result.event_id} ≠ sent ${sent.event_id}`);
  if (sent && result.tiktok_event !== sent.event) problems.push(`result tiktok_event ${result.tiktok_event} ≠ sent ${sent.event}`);
  const allLogs = record.console.map((c) => c.message).join('\n');
  if (allLogs.includes(TOKEN)) problems.push('access token in a log line');
  for (const pii of rawPii(data)) if (allLogs.includes(pii)) problems.push(`raw PII "${pii}" in a log line`);
  return { problems, outcome: result.outcome === 'skipped' ? `skipped:${result.skip_reason}` : result.outcome };
}

// ------------------------------------------------------------------ the suite

describe(`event streams through the built template (seed ${SEED})`, () => {
  let mock: MockTikTok;
  beforeAll(async () => {
    mock = await startMockTikTok({
      accessToken: TOKEN, pixelCodes: [PIXEL], allowCustomEvents: true, errorStatus: 'mapped',
      maxPastSeconds: MOCK_PAST_S, maxFutureSeconds: MOCK_FUTURE_S, now: () => NOW_MS,
    });
  });
  afterAll(() => mock.close());

  const sources: [string, (rng: Rng) => Record<string, unknown>, number][] = [
    ['gtag /g/collect hits', gtagHit, 1],
    ['Measurement Protocol hits', mpHit, 2],
    ['hand-built common event data', handBuilt, 3],
  ];

  it.each(sources)('%s: every event handled, accepted and within TikTok rules', async (_name, generate, salt) => {
    const rng = mulberry32(SEED * 31 + salt);
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < EVENTS_PER_SOURCE; i++) {
      const settings = tagSettings(rng);
      const data = generate(rng);
      const { problems, outcome } = await check(mock, settings, data);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (problems.length) {
        const shown = JSON.stringify(data, (_k, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));
        failures.push(`seed ${SEED} event #${i}: ${problems.join('; ')}\n  settings ${JSON.stringify(settings)}\n  event ${shown}`);
      }
    }
    if (failures.length) throw new Error(`${failures.length} of ${EVENTS_PER_SOURCE} events broke a rule:\n${failures.slice(0, 8).join('\n')}`);
    // The stream must exercise both paths, or the checks above prove little.
    expect(outcomes.success).toBeGreaterThan(EVENTS_PER_SOURCE / 4);
    expect((outcomes['skipped:consent_denied'] ?? 0) + (outcomes['skipped:event_not_mapped'] ?? 0)).toBeGreaterThan(0);
  });
});
