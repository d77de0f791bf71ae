import { startMockTikTok, TRACK_PATH, type MockTikTok } from '../../scripts/mock-tiktok';
import { decideFault } from '../../scripts/mock-tiktok/faults';
import { faultsFromEnv, run as runCommand } from '../../scripts/mock-tiktok/command';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const NOW_S = NOW / 1000;
const HASH = 'a'.repeat(64);

function event(over: Record<string, unknown> = {}) {
  return { event: 'Purchase', event_time: NOW_S - 10, event_id: 'E1', user: { email: HASH, ip: '203.0.113.9' }, page: { url: 'https://shop.example/checkout' }, properties: { currency: 'EUR', value: 42.5, contents: [{ content_id: 'SKU1', price: 42.5, quantity: 1 }] }, ...over };
}
function body(over: Record<string, unknown> = {}, events: unknown[] = [event()]) {
  return JSON.stringify({ event_source: 'web', event_source_id: 'CPIXEL123', data: events, ...over });
}
async function post(mock: MockTikTok, payload: string, headers: Record<string, string> = { 'Access-Token': 'tok' }, signal?: AbortSignal) {
  const res = await fetch(mock.trackUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload, signal });
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, type: res.headers.get('content-type'), text, json };
}

describe('mock TikTok Events API: validation', () => {
  let mock: MockTikTok;
  beforeAll(async () => { mock = await startMockTikTok({ now: () => NOW, accessToken: 'tok', pixelCodes: ['CPIXEL123'] }); });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  test('a valid Purchase is accepted with a TikTok-shaped answer and counted', async () => {
    const r = await post(mock, body());
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ code: 0, message: 'OK', request_id: '2026112512000000000001', data: {} });
    const stats = mock.stats();
    expect(stats).toMatchObject({ requests: 1, accepted: 1, rejected: 0, events: 1, uniqueEventIds: 1, duplicateEvents: 0, eventsByName: { Purchase: 1 }, inFlight: 0 });
    expect(mock.eventIds()).toEqual(['E1']);
    expect(mock.requests()[0].headers['access-token']).toBe('[REDACTED]');
  });

  test.each([
    ['missing token', {}, 40104, 'Access token is missing: send it in the "Access-Token" request header.'],
    ['wrong token', { 'Access-Token': 'other' }, 40105, 'Access token is invalid or has expired: generate a new one in Events Manager.'],
  ])('%s → code %s with HTTP 200', async (_name, headers, code, message) => {
    const r = await post(mock, body(), headers as Record<string, string>);
    expect(r.status).toBe(200);
    expect(r.json.code).toBe(code);
    expect(r.json.message).toBe(message);
    expect(mock.stats().rejectedByCode).toEqual({ [code as number]: 1 });
  });

  test.each([
    ['invalid JSON', '{"event_source":', 40002, 'Invalid JSON in request body.'],
    ['unknown event_source', body({ event_source: 'email' }), 40002, 'event_source: must be one of web, app, offline, crm (got "email").'],
    ['pixel not authorised for the token', body({ event_source_id: 'COTHER' }), 40001, 'No permission: the access token is not authorised for event_source_id COTHER.'],
    ['Events 1.0 body', JSON.stringify({ pixel_code: 'CPIXEL123', event: 'Purchase' }), 40002, 'pixel_code is the Events 1.0 format, which is sunset: send event_source and event_source_id.'],
    ['empty data', body({ data: [] }), 40002, 'data: must be a non-empty array of events.'],
    ['wrong-case standard name', body({}, [event({ event: 'purchase' })]), 40002, 'data[0].event: event "purchase" is not a standard event name (names are case-sensitive; did you mean "Purchase"?).'],
    ['event_time in milliseconds', body({}, [event({ event_time: NOW })]), 40002, `data[0].event_time: ${NOW} looks like milliseconds; send Unix seconds.`],
    ['event_time 8 days old', body({}, [event({ event_time: NOW_S - 8 * 86400 })]), 40002, `data[0].event_time: ${NOW_S - 8 * 86400} is more than 7 days in the past.`],
    ['event_time in the future', body({}, [event({ event_time: NOW_S + 3600 })]), 40002, `data[0].event_time: ${NOW_S + 3600} is in the future.`],
    ['event_time as a string', body({}, [event({ event_time: String(NOW_S) })]), 40002, `data[0].event_time: must be an integer of Unix seconds (got "${NOW_S}").`],
    ['raw email', body({}, [event({ user: { email: 'jane@example.com' } })]), 40002, 'data[0].user.email: must be a SHA-256 hash (64 lowercase hex characters); it looks like a raw email.'],
    ['uppercase hash in a phone array', body({}, [event({ user: { phone: [HASH, 'A'.repeat(64)] } })]), 40002, 'data[0].user.phone: must be a SHA-256 hash (64 lowercase hex characters).'],
    ['value as a string', body({}, [event({ properties: { value: '42.5', currency: 'EUR' } })]), 40002, 'data[0].properties.value: must be a number (got "42.5").'],
    ['lowercase currency', body({}, [event({ properties: { value: 1, currency: 'eur' } })]), 40002, 'data[0].properties.currency: must be an ISO 4217 code such as "USD" (got "eur").'],
    ['second event broken', body({}, [event(), event({ event_id: 'E2', user: { external_id: 'x' } })]), 40002, 'data[1].user.external_id: must be a SHA-256 hash (64 lowercase hex characters).'],
  ])('%s → code %s', async (_name, payload, code, message) => {
    const r = await post(mock, payload as string);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ code, message });
    expect(mock.stats()).toMatchObject({ requests: 1, accepted: 0, rejected: 1, events: 0 });
  });

  test('legacy and custom event names are accepted; duplicates are counted', async () => {
    const r = await post(mock, body({}, [event({ event: 'CompletePayment' }), event({ event: 'Newsletter_Signup', event_id: 'E2' }), event()]));
    expect(r.json.code).toBe(0);
    expect(mock.stats()).toMatchObject({ events: 3, uniqueEventIds: 2, duplicateEvents: 1, eventsByName: { CompletePayment: 1, Newsletter_Signup: 1, Purchase: 1 } });
  });

  test('test_event_code events are counted as test events', async () => {
    await post(mock, body({ test_event_code: 'TEST123' }));
    expect(mock.stats().testEvents).toBe(1);
  });

  test('other endpoints and methods get clear answers', async () => {
    const legacy = await fetch(`${mock.url}/open_api/v1.3/pixel/track/`, { method: 'POST', body: '{}' });
    expect((await legacy.json()).message).toBe('Events 1.0 (/pixel/track/) is sunset: use POST /open_api/v1.3/event/track/.');
    const get = await fetch(mock.trackUrl);
    expect(get.status).toBe(405);
    const unknown = await fetch(`${mock.url}/nope`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toBe(`Unknown endpoint POST /nope: the Events API is POST ${TRACK_PATH}`);
  });
});

describe('mock TikTok Events API: faults', () => {
  let mock: MockTikTok;
  beforeAll(async () => { mock = await startMockTikTok({ now: () => NOW }); });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  test('http5xx → 503 with code 50002, nothing counted as received', async () => {
    mock.setFaults({ http5xx: 1 });
    const r = await post(mock, body());
    expect(r.status).toBe(503);
    expect(r.json.code).toBe(50002);
    expect(mock.stats()).toMatchObject({ requests: 1, accepted: 0, events: 0, faults: { http5xx: 1, timeout: 0, code200: 0, nonJson: 0 } });
  });

  test('code200 → HTTP 200 with the configured non-zero code', async () => {
    mock.setFaults({ code200: 1, errorCode: 50000 });
    const r = await post(mock, body());
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ code: 50000, message: 'Internal server error, please retry later.' });
    mock.setFaults({ code200: 1 });
    expect((await post(mock, body())).json.code).toBe(40100);
  });

  test('nonJson → HTTP 200 with an HTML body', async () => {
    mock.setFaults({ nonJson: 1 });
    const r = await post(mock, body());
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/html');
    expect(r.text.startsWith('<html>')).toBe(true);
  });

  test('timeout → never answered; the held request does not block close or reset', async () => {
    mock.setFaults({ timeout: 1 });
    await expect(post(mock, body(), { 'Access-Token': 'tok' }, AbortSignal.timeout(150))).rejects.toThrow();
    expect(mock.stats().faults.timeout).toBe(1);
  });

  test('decisions depend on (seed, event_id, attempt) only, not on arrival order', async () => {
    mock.setFaults({ seed: 42, http5xx: 0.25, code200: 0.25 });
    const ids = Array.from({ length: 40 }, (_, i) => `ev-${i}`);
    const outcome = (r: { status: number; json: any }) => (r.status === 503 ? '5xx' : r.json.code === 0 ? 'ok' : 'code');
    const forward = await Promise.all(ids.map((id) => post(mock, body({}, [event({ event_id: id })])).then(outcome)));
    const firstStats = mock.stats();
    mock.reset();
    const backward = (await Promise.all([...ids].reverse().map((id) => post(mock, body({}, [event({ event_id: id })])).then(outcome)))).reverse();
    expect(backward).toEqual(forward);
    expect(mock.stats().faults).toEqual(firstStats.faults);
    const expected = ids.map((id) => decideFault({ seed: 42, http5xx: 0.25, code200: 0.25 }, `${id}#1`).fault ?? 'none');
    expect(forward).toEqual(expected.map((f) => (f === 'http5xx' ? '5xx' : f === 'code200' ? 'code' : 'ok')));
    expect(forward.filter((o) => o !== 'ok').length).toBeGreaterThan(0);
    // a retry of the same event is a new draw
    const attempt = (n: number) => ids.map((id) => decideFault({ seed: 42, http5xx: 0.5 }, `${id}#${n}`).fault);
    expect(attempt(2)).not.toEqual(attempt(1));
  });

  test('latency: base plus a seeded jitter, the same for the same event and attempt', () => {
    const options = { seed: 9, latencyMs: 100, latencyJitterMs: 50 };
    const latencies = Array.from({ length: 30 }, (_, i) => decideFault(options, `ev-${i}#1`).latencyMs);
    expect(latencies.every((ms) => Number.isInteger(ms) && ms >= 100 && ms < 150)).toBe(true);
    expect(new Set(latencies).size).toBeGreaterThan(10);
    expect(Array.from({ length: 30 }, (_, i) => decideFault(options, `ev-${i}#1`).latencyMs)).toEqual(latencies);
    expect(decideFault({ latencyMs: 40 }, 'x#1')).toEqual({ latencyMs: 40 });
  });

  test('control endpoints: faults, stats, reset', async () => {
    const put = await fetch(`${mock.url}/__mock/faults`, { method: 'PUT', body: JSON.stringify({ nonJson: 1 }) });
    expect(await put.json()).toEqual({ faults: { nonJson: 1 } });
    await post(mock, body());
    expect((await (await fetch(`${mock.url}/__mock/stats`)).json()).faults.nonJson).toBe(1);
    const bad = await fetch(`${mock.url}/__mock/faults`, { method: 'PUT', body: JSON.stringify({ http5xx: 0.8, timeout: 0.5 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'fault shares add up to 1.3; they must add up to at most 1' });
    await fetch(`${mock.url}/__mock/reset`, { method: 'POST' });
    expect(mock.stats().requests).toBe(0);
  });

  test('mapped error statuses answer token problems with 401', async () => {
    const mapped = await startMockTikTok({ errorStatus: 'mapped' });
    try {
      const r = await post(mapped, body(), {});
      expect(r.status).toBe(401);
      expect(r.json.code).toBe(40104);
    } finally { await mapped.close(); }
  });

  test('invalid fault options are refused before starting', async () => {
    await expect(startMockTikTok({ faults: { http5xx: 2 } })).rejects.toThrow('mock TikTok: fault share "http5xx" must be a number from 0 to 1 (got 2)');
  });
});

describe('mock TikTok Events API: bounded event_id memory', () => {
  let mock: MockTikTok;
  beforeAll(async () => { mock = await startMockTikTok({ now: () => NOW, maxTrackedEventIds: 3 }); });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());
  const send = async (...ids: string[]) => { for (const id of ids) expect((await post(mock, body({}, [event({ event_id: id })]))).json.code).toBe(0); };
  const counts = () => { const { uniqueEventIds, duplicateEvents, forgottenEventIds } = mock.stats(); return { uniqueEventIds, duplicateEvents, forgottenEventIds }; };

  test('below the bound, unique and duplicate counts are exact', async () => {
    await send('E1', 'E2', 'E3', 'E1', 'E3');
    expect(counts()).toEqual({ uniqueEventIds: 3, duplicateEvents: 2, forgottenEventIds: 0 });
    expect(mock.eventIds()).toEqual(['E3', 'E1', 'E3']);
  });

  test('past the bound the first-seen id is forgotten, so its repeat counts as new', async () => {
    await send('E1', 'E2', 'E3', 'E4');
    expect(counts()).toEqual({ uniqueEventIds: 4, duplicateEvents: 0, forgottenEventIds: 1 });
    await send('E1');
    expect(counts()).toEqual({ uniqueEventIds: 5, duplicateEvents: 0, forgottenEventIds: 2 });
    await send('E4', 'E2');
    expect(counts()).toEqual({ uniqueEventIds: 6, duplicateEvents: 1, forgottenEventIds: 3 });
    expect(mock.eventIds()).toEqual(['E1', 'E4', 'E2']);
  });

  test('reset forgets everything, including the forgotten count', async () => {
    await send('E1', 'E2', 'E3', 'E4');
    mock.reset();
    await send('E1');
    expect(counts()).toEqual({ uniqueEventIds: 1, duplicateEvents: 0, forgottenEventIds: 0 });
    expect(mock.eventIds()).toEqual(['E1']);
  });

  test('a bound that is not a whole number of at least 1 is refused before starting', async () => {
    await expect(startMockTikTok({ maxTrackedEventIds: 0 })).rejects.toThrow('mock TikTok: maxTrackedEventIds must be a whole number of at least 1 (got 0); the default is 200000');
    await expect(startMockTikTok({ maxTrackedEventIds: 2.5 })).rejects.toThrow('maxTrackedEventIds must be a whole number of at least 1 (got 2.5)');
  });
});

describe('sgtm mock-tiktok options', () => {
  test('MOCK_TIKTOK_* variables become fault options', () => {
    expect(faultsFromEnv({ MOCK_TIKTOK_FAULT_5XX: '0.1', MOCK_TIKTOK_SEED: '7', MOCK_TIKTOK_LATENCY_MS: '20' })).toEqual({ http5xx: 0.1, seed: 7, latencyMs: 20 });
    expect(() => faultsFromEnv({ MOCK_TIKTOK_FAULT_TIMEOUT: 'lots' })).toThrow('MOCK_TIKTOK_FAULT_TIMEOUT must be a number (got "lots")');
  });
  test('bad flags are usage errors', async () => {
    await expect(runCommand(['--fail-5xx', '1.5'])).rejects.toThrow('fault share "http5xx" must be a number from 0 to 1 (got 1.5)');
    await expect(runCommand(['--bogus'])).rejects.toThrow('unknown option --bogus');
    await expect(runCommand(['--max-event-ids', '-5'])).rejects.toThrow('--max-event-ids: maxTrackedEventIds must be a whole number of at least 1 (got -5)');
    await expect(runCommand(['--max-event-ids', 'many'])).rejects.toThrow('--max-event-ids must be a number (got "many")');
  });
});
