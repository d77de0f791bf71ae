/**
 * Bad input of any kind through the built template: it never throws or hangs, always ends in
 * success or failure with one result line, and whatever it sends still follows TikTok's rules.
 */
import { TikTokStub } from './support/tiktok-stub';
import { fireTag } from './support/run-tag';
import { tiktokRuleViolations } from './support/tiktok-rules';

const huge = 'é'.repeat(200_000);
const oddUnicode = 'a\u0000b\uD800c\u200Bd\u202Ee😀f';

const eventDataCases: [string, Record<string, unknown>][] = [
  ['empty event', {}],
  ['event_name as array', { event_name: ['purchase'] }],
  ['event_name as object', { event_name: { name: 'purchase' } }],
  ['event_name prototype key', { event_name: '__proto__' }],
  ['items as object', { event_name: 'purchase', items: { item_id: 'A' } }],
  ['items with junk rows', { event_name: 'purchase', items: [null, 7, 'x', [1], { item_id: {}, price: 'free', quantity: -3 }, { item_id: 'B', price: NaN, quantity: Infinity }] }],
  ['value and currency of wrong types', { event_name: 'purchase', value: { amount: 3 }, currency: ['USD'] }],
  ['value NaN/Infinity', { event_name: 'purchase', value: Infinity, currency: 'usd1' }],
  ['user_data as string', { event_name: 'purchase', user_data: 'jane@example.com' }],
  ['user_data with arrays where objects are expected', { event_name: 'purchase', user_data: [{ email_address: 'a@b.co' }], 'x-ga-gcs': ['G100'] }],
  ['address array of junk', { event_name: 'purchase', user_data: { address: [null, 'x'] } }],
  ['huge strings', { event_name: 'purchase', page_location: 'https://shop.example/?q=' + huge, user_agent: huge, transaction_id: huge, user_data: { email_address: huge + '@x.com' } }],
  ['odd unicode', { event_name: oddUnicode, page_location: oddUnicode, user_data: { email_address: oddUnicode + '@example.com', address: { first_name: oddUnicode } } }],
  ['event_time junk', { event_name: 'purchase', event_time: 'yesterday' }],
  ['page_location not a URL', { event_name: 'purchase', page_location: 'ht!tp://%%%' }],
  ['consent_state junk', { event_name: 'purchase', consent_state: 'denied' }],
  ['nulls everywhere', { event_name: null, value: null, items: null, user_data: null, page_location: null, ip_override: null }],
  ['prototype-looking keys', { event_name: 'purchase', constructor: 'x', toString: 'y', hasOwnProperty: 1, user_data: { toString: 'z' } }],
  ['app, ad, device and lead keys of odd shapes', {
    event_name: 'purchase', app: [[{ app_id: 1 }]], ad: { is_retargeting: {}, callback: huge, campaign_id: ['x'] }, device: 'ios', idfa: 12, att_status: [3],
    lead: { lead_id: { x: 1 } }, lead_id: NaN, app_info: null, advertising_id: oddUnicode, platform: ['ios'], test_event_code: { code: 1 },
  }],
  ['URL query with thousands of parameters', { event_name: 'page_view', page_location: 'https://shop.example/?' + Array.from({ length: 3000 }, (_v, i) => `p${i}=a%40b.co`).join('&') }],
  ['monitoring host look-alikes', { event_name: 'page_view', page_location: 'https://gtm-msr.appspot.com.evil.example/' }],
];

const dataCases: [string, Record<string, unknown>][] = [
  ['accessToken as number', { accessToken: 12345678 }],
  ['pixelCode as object', { pixelCode: { id: 'C1' } }],
  ['tables of the wrong type', { eventNameOverrides: 'purchase=Lead', userDataOverrides: [null, 1, { name: {}, value: [] }], propertyOverrides: { value: 1 } }],
  ['numbers as junk', { timeoutMs: 'soon', maxRetries: -1, tagName: { a: 1 }, loggingLevel: 7, eventSource: 'tv', consentMode: null }],
  ['token with a newline', { accessToken: 'abc\ndef' }],
  ['custom name missing', { eventNameMode: 'custom', customEventName: '   ' }],
  ['issue-11 fields of the wrong type', {
    eventIdOverride: { id: 1 }, eventTimeOverride: ['now'], pageUrlOverride: 'x'.repeat(100_000), pageReferrerOverride: 7, ipOverride: [], userAgentOverride: null,
    valueFromItems: 'maybe', urlPersonalData: 'shred', enhancement: { on: true }, testEventCode: ['T'],
  }],
  ['app fields and rows of the wrong type', { eventSource: 'app', appId: ['a'], appName: { n: 1 }, appVersion: NaN, appOverrides: [{ name: '__proto__', value: 'x' }, { name: 'att_status', value: {} }, 'row', null] }],
  ['crm fields of the wrong type', { eventSource: 'crm', leadId: { id: 1 }, leadEventSource: Infinity }],
];

describe('robustness (built template)', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  async function expectHandled(data: Record<string, unknown>, eventData: Record<string, unknown>) {
    stub.answer();
    const run = await fireTag(origin, data, eventData);
    expect(run.record.error).toBeUndefined();
    expect(['success', 'failure']).toContain(run.record.status);
    expect(run.logs.filter((l) => l.type === 'result')).toHaveLength(1);
    expect(run.result!.outcome === 'failure').toBe(run.record.status === 'failure');
    for (const request of stub.received) expect(tiktokRuleViolations(request.body)).toEqual([]);
    return run;
  }

  it.each(eventDataCases)('event data: %s', async (_label, eventData) => {
    await expectHandled({}, eventData);
  });

  it.each(dataCases)('fields: %s', async (_label, data) => {
    await expectHandled(data, { event_name: 'purchase', value: 1, currency: 'USD' });
  });

  // Whatever the input (quotes, control characters, lone surrogates, odd override row names),
  // every body and debug line is JSON that parsing and writing again changes by no byte.
  it.each(eventDataCases)('writes JSON.stringify\'s exact text for the body and every debug log line: %s', async (_label, eventData) => {
    const run = await expectHandled({ loggingLevel: 'debug', propertyOverrides: [{ name: 'custom', value: eventData }, { name: 'row "named"\\ \u0001', value: 'x' }] }, eventData);
    const lines = run.record.console.filter((entry) => entry.message.startsWith('{')).map((entry) => entry.message);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const text of [...lines, ...stub.received.map((request) => request.body)]) expect(JSON.stringify(JSON.parse(text))).toBe(text);
  });

  it('reports invalid fields as invalid_config', async () => {
    const run = await expectHandled({ accessToken: 'abc\ndef' }, { event_name: 'purchase' });
    expect(run.result).toMatchObject({ error_kind: 'invalid_config', attempts: 0 });
  });

  it('survives 40 randomly generated events and keeps every body valid', async () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const junk = (depth: number): unknown => {
      const kind = Math.floor(rand() * (depth > 2 ? 6 : 8));
      if (kind === 0) return null;
      if (kind === 1) return pick(['', ' ', 'purchase', 'Test@Example.com', '+44 7911 123456', '0', 'USD', oddUnicode, '12.5']);
      if (kind === 2) return pick([0, -1, 1.5, 1764069000, 1764069000123, NaN, Infinity]);
      if (kind === 3) return rand() < 0.5;
      if (kind === 4) return undefined;
      if (kind === 5) return pick(['x'.repeat(5000), 'https://shop.example/?ttclid=abc']);
      if (kind === 6) return Array.from({ length: Math.floor(rand() * 4) }, () => junk(depth + 1));
      const obj: Record<string, unknown> = {};
      for (const key of ['item_id', 'price', 'quantity', 'email_address', 'phone_number', 'address', 'city', 'first_name']) if (rand() < 0.4) obj[key] = junk(depth + 1);
      return obj;
    };
    const keys = ['event_name', 'value', 'currency', 'items', 'user_data', 'transaction_id', 'event_id', 'event_time', 'page_location', 'ip_override', 'user_agent', 'language', 'user_id', 'x-ga-gcs', 'consent_state', 'search_term'];
    for (let i = 0; i < 40; i++) {
      const event: Record<string, unknown> = { event_name: pick(['purchase', 'add_to_cart', 'view_item', 'search', junk(0)]) };
      for (const key of keys.slice(1)) if (rand() < 0.5) event[key] = junk(0);
      await expectHandled({}, event);
    }
  });
});
