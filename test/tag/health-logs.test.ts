/**
 * The health log lines of the built template against docs/health-log-schema.md: key order,
 * values, when request/response lines appear, and that neither the token nor raw PII leaks.
 */
import { OK_BODY, TikTokStub } from './support/tiktok-stub';
import { fireTag, NOW_MS, PIXEL, TOKEN } from './support/run-tag';

const COMMON_KEYS = ['severity', 'message', 'schema', 'type', 'tag', 'trace_id', 'time_ms', 'ga4_event', 'tiktok_event', 'event_id', 'pixel_code'];
const RESULT_KEYS = [...COMMON_KEYS, 'outcome', 'error_kind', 'skip_reason', 'http_status', 'tiktok_code', 'tiktok_message',
  'tiktok_request_id', 'error_message', 'attempts', 'latency_ms', 'test_event', 'event_source', 'user_data', 'warnings'];
const REQUEST_KEYS = [...COMMON_KEYS, 'url', 'attempt', 'body'];
const RESPONSE_KEYS = [...COMMON_KEYS, 'attempt', 'http_status', 'body', 'error_kind'];

const RAW_PII = ['jane.doe@example.com', 'Jane', 'Doe', '+44 7911 123456', '7911123456', 'Springfield', 'SW1A 1AA', 'USER-42'];
const purchase = {
  event_name: 'purchase', transaction_id: 'T-77', value: 10, currency: 'USD', user_id: 'USER-42',
  user_data: {
    email_address: 'jane.doe@example.com', phone_number: '+44 7911 123456',
    address: { first_name: 'Jane', last_name: 'Doe', city: 'Springfield', region: 'IL', postal_code: 'SW1A 1AA', country: 'GB' },
  },
};

describe('health logs (built template)', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  it('writes exactly one result line in production, with every schema field in order', async () => {
    stub.answer();
    const run = await fireTag(origin, {}, purchase, { request: { headers: { 'trace-id': 'trace-abc' } } });
    expect(run.record.console).toHaveLength(1);
    expect(run.record.console[0].message).toBe(JSON.stringify({
      severity: 'INFO', message: 'TikTok Purchase: success (HTTP 200, code 0)', schema: 'tiktok-events-api/1', type: 'result',
      tag: 'TikTok Events API', trace_id: 'trace-abc', time_ms: NOW_MS, ga4_event: 'purchase', tiktok_event: 'Purchase',
      event_id: 'T-77', pixel_code: PIXEL, outcome: 'success', error_kind: null, skip_reason: null, http_status: 200, tiktok_code: 0,
      tiktok_message: 'OK', tiktok_request_id: '202611251200', error_message: null, attempts: 1, latency_ms: 0, test_event: false,
      event_source: 'web',
      user_data: { email: true, phone: true, external_id: true, ttclid: false, ttp: false, ip: false, user_agent: false, name: true, address: true },
      warnings: [{ code: 'content_id_missing', field: 'properties.contents', message: 'Purchase has no items with an id; catalog ads match products by content_id (GA4 items[].item_id)' }],
    }));
    expect(Object.keys(run.logs[0])).toEqual(RESULT_KEYS);
  });

  it('adds request and response lines in preview, with the hashed body that was sent', async () => {
    stub.answer({ status: 500, body: 'busy' }, { status: 200, body: OK_BODY });
    const run = await fireTag(origin, { maxRetries: '1', tagName: 'TikTok - shop' }, purchase, { containerVersion: { previewMode: true } });
    expect(run.logs.map((l) => [l.type, l.severity, l.attempt ?? null])).toEqual([
      ['request', 'DEBUG', 1], ['response', 'DEBUG', 1], ['request', 'DEBUG', 2], ['response', 'DEBUG', 2], ['result', 'INFO', null],
    ]);
    expect(Object.keys(run.logs[0])).toEqual(REQUEST_KEYS);
    expect(Object.keys(run.logs[1])).toEqual(RESPONSE_KEYS);
    expect(run.logs.every((l) => l.tag === 'TikTok - shop')).toBe(true);
    expect(run.logs[1]).toMatchObject({ http_status: 500, body: 'busy', error_kind: 'http_5xx', message: 'TikTok Purchase: response, attempt 1 (HTTP 500)' });
    const sent = JSON.parse(stub.received[0].body);
    expect(sent.data[0].user.city).toBe('springfield');
    // City, state and country go to TikTok in clear but are masked in the logged body.
    const logged = run.logs[0].body;
    expect(logged.data[0].user).toEqual({ ...sent.data[0].user, city: '[REDACTED]', state: '[REDACTED]', country: '[REDACTED]' });
    expect(run.logs[0].url).toBe('https://business-api.tiktok.com/open_api/v1.3/event/track/');
  });

  it('logs request/response in production only at logging level debug, and nothing when off', async () => {
    stub.answer();
    const debug = await fireTag(origin, { loggingLevel: 'debug' }, purchase);
    expect(debug.logs.map((l) => l.type)).toEqual(['request', 'response', 'result']);
    stub.answer();
    const off = await fireTag(origin, { loggingLevel: 'off' }, purchase, { containerVersion: { previewMode: true } });
    expect(off.record.status).toBe('success');
    expect(off.record.console).toHaveLength(0);
  });

  it('never logs the access token or raw PII, even when TikTok echoes them back', async () => {
    const echo = JSON.stringify({ code: 40105, message: 'token ' + TOKEN + ' invalid for jane.doe@example.com' });
    stub.answer({ status: 401, body: echo });
    const run = await fireTag(origin, { loggingLevel: 'debug' }, purchase);
    const text = run.record.console.map((c) => c.message).join('\n');
    expect(stub.received[0].headers['access-token']).toBe(TOKEN);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('[REDACTED]');
    for (const pii of RAW_PII) expect(text).not.toContain(pii);
    expect(run.result!.tiktok_message).toBe('token [REDACTED] invalid for [REDACTED]');
    expect(run.record.outgoingRequests[0].headers['Access-Token']).toBe('[REDACTED]');
  });

  it('scrubs personal values inside strings only, keeping numbers and hashes intact', async () => {
    stub.answer({ status: 200, body: '{"code":40002,"message":"bad zip 70000"}' });
    const event = { event_name: 'purchase', value: 70000, user_data: { address: { postal_code: '70000' } } };
    const run = await fireTag(origin, { loggingLevel: 'debug', maxRetries: '0' }, event);
    expect(run.result).toMatchObject({ time_ms: NOW_MS, tiktok_message: 'bad zip [REDACTED]' });
    expect(run.logs[0].body.data[0].properties.value).toBe(70000);
    expect(run.logs[0].body.data[0].user.zip_code).toBe(JSON.parse(stub.received[0].body).data[0].user.zip_code);
  });

  it('truncates TikTok messages to 500 and response bodies to 2,000 characters', async () => {
    const long = 'x'.repeat(3000);
    stub.answer({ status: 200, body: JSON.stringify({ code: 40002, message: long }) });
    const run = await fireTag(origin, { loggingLevel: 'debug', maxRetries: '0' }, purchase);
    expect(run.result!.tiktok_message).toBe('x'.repeat(500));
    expect(run.logs[1].body).toHaveLength(2000);
  });

  it('marks test events and the event source', async () => {
    stub.answer();
    const run = await fireTag(origin, { testEventCode: 'TEST9', eventSource: 'app' }, purchase);
    expect(run.result).toMatchObject({ test_event: true, event_source: 'app' });
  });
});
