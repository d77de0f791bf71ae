/**
 * The built template against seeded, production-shaped GA4 event streams (gtag /g/collect hits
 * parsed like the local server does, Measurement Protocol hits, and hand-built event data with
 * the oddities real containers see), sent to the mock TikTok API in its strictest settings.
 * Every event must end in success or a classified skip, every request must be accepted, and
 * every body must follow TikTok's rules. Reproduce a failure with STREAMS_SEED=<seed printed>.
 */
import { startMockTikTok, type MockTikTok } from '../../scripts/mock-tiktok';
import { EVENTS_PER_SOURCE, GA4_SOURCES, NOW_S, OTHER_SOURCES, otherSourceEvents, SEED, sha, StreamEvent, streamEvents } from './support/event-streams';
import { fireTag, NOW_MS, PIXEL, TOKEN } from './support/run-tag';
import { tiktokRuleViolations } from './support/tiktok-rules';
import { VALUE_EVENTS } from '../../src/tiktok-events';

const MOCK_PAST_S = 7 * 86400;
const MOCK_FUTURE_S = 300;

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
  // Value events without a usable value get Σ price × quantity when every item has a price (issue 11).
  const contents: { price?: number; quantity?: number }[] = props.contents ?? [];
  const computable = VALUE_EVENTS.includes(sent.event) && contents.length > 0 && contents.every((c) => typeof c.price === 'number');
  const fromItems = computable ? Math.round(contents.reduce((s, c) => s + (c.price ?? 0) * (c.quantity ?? 1), 0) * 100) / 100 : undefined;
  if (typeof data.value === 'number') expectEqual('value', props.value, Number.isFinite(data.value) ? data.value : fromItems);
  if (typeof data.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(data.value)) expectEqual('value', props.value, Number(data.value));
  if (data.value === '1,234.56' || data.value === '' || data.value === 'free' || data.value === undefined || data.value === null) expectEqual('value', props.value, fromItems);
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

/** What each event source must and must not carry (issue 11). */
function sourceProblems(settings: Record<string, unknown>, data: Record<string, any>, sent: Record<string, any> | undefined): string[] {
  const out: string[] = [];
  if (!sent) return out;
  const source = (settings.eventSource as string) ?? 'web';
  if (source !== 'web' && sent.page !== undefined) out.push(`page sent on a ${source} event`);
  if (source !== 'app' && (sent.app !== undefined || sent.ad !== undefined || ['idfa', 'idfv', 'gaid', 'att_status'].some((k) => sent.user?.[k] !== undefined))) out.push(`app fields on a ${source} event`);
  if (source !== 'crm' && sent.lead !== undefined) out.push(`lead on a ${source} event`);
  if (source === 'crm' && (typeof data.lead_id === 'number' || (typeof data.lead_id === 'string' && data.lead_id.trim() !== ''))) {
    if (sent.lead?.lead_id !== String(data.lead_id).trim()) out.push(`lead_id ${sent.lead?.lead_id} ≠ given ${data.lead_id}`);
  }
  for (const k of ['idfa', 'idfv', 'gaid']) {
    const v = sent.user?.[k];
    if (v !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) out.push(`${k} "${v}" is not a device id`);
    if (v === '00000000-0000-0000-0000-000000000000') out.push(`${k} is the all-zero id`);
  }
  if (source === 'app' && settings.appId !== undefined && sent.app?.app_id !== settings.appId) out.push('the App ID field did not win');
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
  problems.push(...sourceProblems(settings, data, sent));
  if (!Array.isArray(result.warnings) || result.warnings.some((w: any) => typeof w.code !== 'string' || typeof w.message !== 'string')) problems.push('result line without a well-formed warnings list');
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

  const all: [string, () => StreamEvent[]][] = [
    ...GA4_SOURCES.map((s): [string, () => StreamEvent[]] => [s[0], () => streamEvents(s)]),
    ...OTHER_SOURCES.map((s): [string, () => StreamEvent[]] => [s[0], () => otherSourceEvents(s)]),
  ];

  it.each(all)('%s: every event handled, accepted and within TikTok rules', async (_name, events) => {
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    for (const { settings, data, index } of events()) {
      const { problems, outcome } = await check(mock, settings, data);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (problems.length) {
        const shown = JSON.stringify(data, (_k, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));
        failures.push(`seed ${SEED} event #${index}: ${problems.join('; ')}\n  settings ${JSON.stringify(settings)}\n  event ${shown}`);
      }
    }
    if (failures.length) throw new Error(`${failures.length} of ${EVENTS_PER_SOURCE} events broke a rule:\n${failures.slice(0, 8).join('\n')}`);
    // The stream must exercise both paths, or the checks above prove little.
    expect(outcomes.success).toBeGreaterThan(EVENTS_PER_SOURCE / 4);
    expect((outcomes['skipped:consent_denied'] ?? 0) + (outcomes['skipped:event_not_mapped'] ?? 0)).toBeGreaterThan(0);
  });
});
