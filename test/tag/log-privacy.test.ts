/**
 * Issue 8 item 4 (privacy half): an event's personal values never appear in any log line the tag
 * writes, whatever field carries them (event name, URLs, description, items, currency, TikTok's
 * echo…), as given, lower-cased, URL-encoded (%20 or "+"), or normalised (E.164, bare digits).
 * Canaries go into every field of the event; every line of every path is searched.
 */
import { fireTag, TOKEN } from './support/run-tag';
import { TikTokStub } from './support/tiktok-stub';

const EMAIL = 'Jane.Doe+rel@Example.com';
const PHONE = '+33 6 12 34 56 78';
const FIRST = 'Zelphira';
const LAST = 'Quenbrook';
const CITY = 'Xandertown';
const ZIP = 'QX9 7ZZ';
const EXTERNAL = 'CUST-CANARY-991';

/** Every form a canary may take in a line. */
const FORBIDDEN: string[] = [
  EMAIL, EMAIL.toLowerCase(), encodeURIComponent(EMAIL), encodeURIComponent(EMAIL.toLowerCase()),
  PHONE, encodeURIComponent(PHONE), encodeURIComponent(PHONE).split('%20').join('+'), '+33612345678', '33612345678',
  FIRST, FIRST.toLowerCase(), LAST, CITY, encodeURIComponent(CITY), ZIP, encodeURIComponent(ZIP), ZIP.split(' ').join('+'), 'qx97zz', EXTERNAL, EXTERNAL.toLowerCase(),
  TOKEN,
];

function leaks(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const lower = line.toLowerCase();
    for (const f of FORBIDDEN) if (lower.includes(f.toLowerCase())) out.push(`"${f}" in ${line.slice(0, 300)}`);
  }
  return out;
}

const everywhere: Record<string, unknown> = {
  event_name: 'purchase',
  event_id: EMAIL,
  transaction_id: PHONE,
  page_location: `https://shop.example/thanks?email=${encodeURIComponent(EMAIL)}&ph=${'+33612345678'}&who=${encodeURIComponent(FIRST + ' ' + LAST)}`,
  page_referrer: `https://ref.example/?zip=${encodeURIComponent(ZIP)}&city=${CITY}`,
  description: `${EMAIL} / ${PHONE} / ${CITY} / qx97zz`,
  search_term: EMAIL,
  currency: PHONE,
  value: EMAIL,
  user_id: EXTERNAL,
  items: [{ item_id: EMAIL, item_name: `${FIRST} ${LAST}`, item_brand: ZIP, price: 1 }],
  user_data: {
    email_address: EMAIL, phone_number: PHONE,
    address: { first_name: FIRST, last_name: LAST, city: CITY, postal_code: ZIP, country: 'FR' },
  },
};

const echo = JSON.stringify({
  code: 40002,
  message: `bad ${EMAIL.toLowerCase()} ${encodeURIComponent(EMAIL)} +33612345678 ${FIRST} ${CITY} ${ZIP}`,
  request_id: `r-${EXTERNAL}`,
  data: {},
});

describe('no personal value in any log line (built template)', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['sent, debug lines, URLs kept, TikTok echoes the values', { loggingLevel: 'debug', urlPersonalData: 'keep', maxRetries: '1' }, everywhere],
    ['sent, debug lines, default settings', { loggingLevel: 'debug' }, everywhere],
    ['email used as the event name (skipped, event_name_invalid)', { loggingLevel: 'debug' }, { ...everywhere, event_name: EMAIL }],
    ['phone used as the event name, fixed custom event', { loggingLevel: 'debug', eventNameMode: 'custom', customEventName: 'Lead' }, { ...everywhere, event_name: PHONE }],
    ['consent denied', { consentMode: 'ad_storage' }, { ...everywhere, event_name: EMAIL, 'x-ga-gcs': 'G100' }],
    ['invalid config (no pixel code)', { pixelCode: '' }, { ...everywhere, event_name: EMAIL }],
    ['app source with overrides carrying the values', { eventSource: 'app', loggingLevel: 'debug', eventIdOverride: EMAIL, appName: FIRST }, everywhere],
    ['crm source', { eventSource: 'crm', loggingLevel: 'debug', leadEventSource: CITY }, { ...everywhere, lead_id: EMAIL }],
  ];

  it.each(cases)('%s', async (_name, settings, event) => {
    stub.answer({ status: 200, body: echo }, { status: 500, body: echo });
    const run = await fireTag(origin, settings, structuredClone(event), { containerVersion: { previewMode: true } });
    const lines = run.record.console.map((c) => c.message);
    expect(run.logs.filter((l) => l.type === 'result')).toHaveLength(1);
    expect(leaks(lines)).toEqual([]);
    // The lines still say what happened: the redaction marker stands where a value was.
    expect(lines.join('\n')).toMatch(/\[REDACTED\]/);
  });

  it('a short personal value never breaks the schema string or the enums readers group by', async () => {
    stub.answer();
    const run = await fireTag(origin, { loggingLevel: 'debug' }, { event_name: 'purchase', user_data: { address: { first_name: 'Api', last_name: 'Success' } } });
    for (const line of run.logs) {
      expect(line.schema).toBe('tiktok-events-api/1');
      expect(['request', 'response', 'result']).toContain(line.type);
    }
    expect(run.result).toMatchObject({ outcome: 'success', event_source: 'web' });
    expect(run.logs.find((l) => l.type === 'request')!.url).toBe('https://business-api.tiktok.com/open_api/v1.3/event/track/');
    expect(run.result!.message).toBe('TikTok Purchase: [REDACTED] (HTTP 200, code 0)');
  });

  it('the values really reached the lines before redaction (the canaries are live)', async () => {
    stub.answer({ status: 200, body: echo });
    const run = await fireTag(origin, { loggingLevel: 'debug', urlPersonalData: 'keep', maxRetries: '0' }, structuredClone(everywhere));
    const response = run.logs.find((l) => l.type === 'response')!;
    expect(response.body).toContain('[REDACTED]');
    expect(run.result!.tiktok_message).toBe('bad [REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED]');
    const request = run.logs.find((l) => l.type === 'request')!;
    expect(request.body.data[0].page.url).toBe('https://shop.example/thanks?email=[REDACTED]&ph=[REDACTED]&who=[REDACTED]%20[REDACTED]');
  });
});
