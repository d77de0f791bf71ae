/** Each fault the mock injects must show up as the right outcome in the tag's result log lines. */
import { FIXTURE, pool, startTestServer, type TestServer } from './helpers';

async function fire(s: TestServer, eventId: string) {
  const r = await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', transaction_id: eventId, value: 5, currency: 'EUR' }) });
  expect(r.status).toBe(200);
  return (await r.json()).events[0];
}

describe('injected TikTok faults → outcomes in the logs', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer({ tag: { fields: { timeoutMs: 600, maxRetries: 1 } } }); });
  afterAll(() => s.close());
  beforeEach(() => { s.lines.length = 0; s.container.mock!.reset(); });

  test.each([
    ['HTTP 5xx (retried once)', { http5xx: 1 }, { outcome: 'failure', error_kind: 'http_5xx', http_status: 503, tiktok_code: 50002, attempts: 2 }, { http5xx: 2 }],
    ['HTTP 200 with code 40100 (transient, retried)', { code200: 1 }, { outcome: 'failure', error_kind: 'tiktok_error', http_status: 200, tiktok_code: 40100, attempts: 2 }, { code200: 2 }],
    ['HTTP 200 with code 40001 (permanent, not retried)', { code200: 1, errorCode: 40001 }, { outcome: 'failure', error_kind: 'tiktok_error', http_status: 200, tiktok_code: 40001, attempts: 1 }, { code200: 1 }],
    ['HTTP 200 with a non-JSON body', { nonJson: 1 }, { outcome: 'failure', error_kind: 'invalid_response', http_status: 200, tiktok_code: null, attempts: 1 }, { nonJson: 1 }],
  ])('%s', async (_name, faults, expected, injected) => {
    s.container.mock!.setFaults(faults);
    const answer = await fire(s, 'F-1');
    expect(answer).toMatchObject({ status: 'failure', outcome: 'failure', error_kind: expected.error_kind });
    expect(s.results()).toMatchObject([{ ga4_event: 'purchase', tiktok_event: 'Purchase', event_id: 'F-1', ...expected }]);
    expect(s.container.mock!.stats().faults).toMatchObject(injected);
    expect(s.container.mock!.stats().events).toBe(0);
  });

  test('no answer → timeout, one result line, attempts as many as the mock saw', async () => {
    s.container.mock!.setFaults({ timeout: 1, timeoutHoldMs: 3000 });
    await fire(s, 'F-timeout');
    const [result] = s.results();
    expect(result).toMatchObject({ outcome: 'failure', error_kind: 'timeout', http_status: null });
    expect(result.attempts).toBe(s.container.mock!.stats().faults.timeout);
    expect(s.results()).toHaveLength(1);
  });

  test('added latency beyond the tag\'s time budget → timeout; within it → success', async () => {
    s.container.mock!.setFaults({ latencyMs: 1500 });
    await fire(s, 'F-slow');
    expect(s.results()).toMatchObject([{ event_id: 'F-slow', outcome: 'failure', error_kind: 'timeout' }]);
    s.lines.length = 0;
    s.container.mock!.setFaults({ latencyMs: 20, latencyJitterMs: 30, seed: 4 });
    await fire(s, 'F-fast');
    expect(s.results()).toMatchObject([{ event_id: 'F-fast', outcome: 'success', attempts: 1 }]);
  });

  test('a seeded mix: every event ends with one result line and the counts agree with what the mock injected', async () => {
    s.container.mock!.setFaults({ seed: 11, http5xx: 0.2, code200: 0.15, nonJson: 0.1 });
    // No latency is injected here, so a generous budget keeps a loaded CI machine from turning
    // slow loopback answers into timeouts the mock never injected.
    const fields = s.container.config.tag.fields as Record<string, unknown>;
    const budget = fields.timeoutMs;
    fields.timeoutMs = 10000;
    const ids = Array.from({ length: 60 }, (_, i) => `MIX-${i}`);
    try {
      await pool(ids.length, 8, (i) => fire(s, ids[i]));
    } finally {
      fields.timeoutMs = budget;
    }
    const results = s.results();
    const stats = s.container.mock!.stats();
    expect(results).toHaveLength(60);
    expect(new Set(results.map((r) => r.event_id)).size).toBe(60);
    const count = (pred: (r: Record<string, unknown>) => boolean) => results.filter(pred).length;
    expect(count((r) => r.outcome === 'success')).toBe(stats.accepted);
    expect(stats.uniqueEventIds).toBe(stats.accepted);
    expect(count((r) => r.error_kind === 'invalid_response')).toBe(stats.faults.nonJson);
    // Transient faults are retried: the attempts in the logs add up to every request the mock answered.
    expect(results.reduce((n, r) => n + (r.attempts as number), 0)).toBe(stats.requests);
    const failedAfterRetry = count((r) => r.error_kind === 'http_5xx' || r.error_kind === 'tiktok_error');
    expect(failedAfterRetry).toBeGreaterThan(0);
    expect(count((r) => r.outcome === 'success') + failedAfterRetry + stats.faults.nonJson).toBe(60);
  });

  test('a token TikTok refuses → tiktok_error 40105', async () => {
    const wrong = await startTestServer({ tiktok: { mock: { accessToken: 'the-only-valid-token' } } as never });
    try {
      await fire(wrong, 'T-1');
      expect(wrong.results()).toMatchObject([{ outcome: 'failure', error_kind: 'tiktok_error', tiktok_code: 40105, attempts: 1 }]);
    } finally { await wrong.close(); }
  });
});

describe('tag crashes and hangs still end with a result line', () => {
  let s: TestServer;
  // In a worker thread: crashes and hangs must come back from the pool as well.
  beforeAll(async () => { s = await startTestServer({ template: FIXTURE, tagTimeoutMs: 300, workers: 1 }); });
  afterAll(() => s.close());
  beforeEach(() => { s.lines.length = 0; });

  test('an exception in the tag → tag status exception, container result line tag_exception', async () => {
    s.container.config.tag.fields.behaviour = 'throw';
    const r = await fetch(`${s.url}/g/collect?v=2&tid=G-1&en=purchase&cid=1.1`, { headers: { 'trace-id': 'crash-1' } });
    expect(r.status).toBe(204);
    expect(s.results()).toMatchObject([{ source: 'container', trace_id: 'crash-1', ga4_event: 'purchase', outcome: 'failure', error_kind: 'tag_exception', attempts: 0, warnings: [] }]);
    expect(s.results()[0].error_message).toMatch(/^the tag threw: TypeError: Cannot read properties of undefined \(reading 'explode'\)/);
    const preview = await (await fetch(`${s.url}/preview.json`)).json();
    const tag = preview.requests.at(-1).events[0].tags[0];
    expect(tag.status).toBe('exception');
  });

  test('a tag that never calls back → timeout after tagTimeoutMs, container result line tag_timeout', async () => {
    s.container.config.tag.fields.behaviour = 'hang';
    const r = await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'add_to_cart' }) });
    expect((await r.json()).events[0]).toMatchObject({ status: 'timeout', outcome: 'failure', error_kind: 'tag_timeout' });
    expect(s.results()).toMatchObject([{ source: 'container', error_kind: 'tag_timeout', error_message: 'the tag called neither gtmOnSuccess nor gtmOnFailure within 300 ms' }]);
  });
});
