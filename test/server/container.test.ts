import crypto from 'crypto';
import fs from 'fs';
import { PIXEL, rawRequest, startTestServer, TOKEN, type TestServer } from './helpers';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15';

describe('local server container: input formats', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer({ limits: { maxBodyBytes: 4096 } }); });
  afterAll(() => s.close());
  beforeEach(() => { s.lines.length = 0; s.container.mock!.reset(); });

  test('GA4 web hit in the query string: 204, the tag fires, the cookie it set comes back', async () => {
    const dl = encodeURIComponent('https://shop.example/product?ttclid=E.C.P.v3abc');
    const r = await rawRequest(`${s.url}/g/collect?v=2&tid=G-TEST1&cid=111.222&en=view_item&dl=${dl}&cu=EUR&epn.value=19.9&pr1=idSKU-1~nmTee~pr19.9~qt1`, {
      headers: { 'user-agent': UA, cookie: '_ttp=ttp-cookie-value-1', 'trace-id': 'trace-abc', origin: 'https://shop.example' },
    });
    expect(r.status).toBe(204);
    expect(r.headers['set-cookie']).toEqual(['ttclid=E.C.P.v3abc; Max-Age=2592000; Path=/; Secure; SameSite=Lax', '_ttp=ttp-cookie-value-1; Max-Age=34128000; Path=/; Secure; SameSite=Lax']);
    expect(r.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(s.results()).toMatchObject([{ trace_id: 'trace-abc', ga4_event: 'view_item', tiktok_event: 'ViewContent', pixel_code: PIXEL, outcome: 'success', http_status: 200, tiktok_code: 0, attempts: 1,
      user_data: { email: false, phone: false, ttclid: true, ttp: true, ip: true, user_agent: true } }]);
    const sent = JSON.parse(s.container.mock!.requests()[0].body);
    expect(sent.data[0]).toMatchObject({ event: 'ViewContent', user: { ttclid: 'E.C.P.v3abc', ttp: 'ttp-cookie-value-1', ip: '127.0.0.1', user_agent: UA },
      page: { url: 'https://shop.example/product?ttclid=E.C.P.v3abc' }, properties: { currency: 'EUR', value: 19.9 } });
  });

  test('GA4 batched POST: one event per body line, each fires the tag', async () => {
    const body = ['en=view_item&pr1=idA~pr5', 'en=add_to_cart&epn.value=5&cu=USD&pr1=idA~pr5~qt1', 'en=begin_checkout&epn.value=5&cu=USD'].join('\n');
    const r = await rawRequest(`${s.url}/g/collect?v=2&tid=G-TEST1&cid=9.9&dl=https%3A%2F%2Fshop.example%2Fcart`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(204);
    const byEvent = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(s.results().map((l) => [l.ga4_event, l.tiktok_event, l.outcome]).sort(byEvent)).toEqual([
      ['add_to_cart', 'AddToCart', 'success'], ['begin_checkout', 'InitiateCheckout', 'success'], ['view_item', 'ViewContent', 'success'],
    ]);
    expect(s.container.mock!.stats().eventsByName).toEqual({ ViewContent: 1, AddToCart: 1, InitiateCheckout: 1 });
  });

  test('Measurement Protocol: hashed user data is sent as it is', async () => {
    const email = sha('jane.doe@example.com');
    const r = await fetch(`${s.url}/mp/collect?measurement_id=G-TEST1&api_secret=xyz`, {
      method: 'POST',
      body: JSON.stringify({ client_id: '555.1', user_data: { sha256_email_address: email }, events: [{ name: 'purchase', params: { transaction_id: 'MP-77', value: 42, currency: 'EUR' } }] }),
    });
    expect(r.status).toBe(204);
    expect(s.results()).toMatchObject([{ ga4_event: 'purchase', tiktok_event: 'Purchase', event_id: 'MP-77', outcome: 'success', user_data: { email: true } }]);
    const sent = JSON.parse(s.container.mock!.requests()[0].body);
    expect(sent.data[0].user.email).toBe(email);
    expect(sent.data[0].properties).toMatchObject({ value: 42, currency: 'EUR' });
  });

  test('POST /events: ready event data; raw email and phone are hashed and never logged', async () => {
    const r = await fetch(`${s.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { event_name: 'purchase', transaction_id: 'EV-1', value: 10, currency: 'USD', user_data: { email_address: ' Jane.Doe@Example.com ', phone_number: '+49 170 1234567' } },
        { event_name: 'page_view', page_location: 'https://shop.example/' },
      ]),
    });
    expect(r.status).toBe(200);
    const answer = await r.json();
    expect(answer.events).toEqual([
      { event_name: 'purchase', status: 'success', outcome: 'success', error_kind: null, execution_time_ms: expect.any(Number) },
      { event_name: 'page_view', status: 'success', outcome: 'success', error_kind: null, execution_time_ms: expect.any(Number) },
    ]);
    const purchase = s.container.mock!.requests().map((q) => JSON.parse(q.body).data[0]).find((d) => d.event === 'Purchase');
    expect(purchase.user.email).toBe(sha('jane.doe@example.com'));
    expect(purchase.user.phone).toBe(sha('+491701234567'));
    // Preview shows the event data as GTM's preview does; the logs must not carry it.
    const logged = fs.readFileSync(s.logFile, 'utf8') + s.stdout();
    for (const raw of ['Jane.Doe@Example.com', 'jane.doe@example.com', '+49 170 1234567', '+491701234567']) expect(logged).not.toContain(raw);
  });

  test('the client address comes from Forwarded before X-Forwarded-For, the same in preview, event data and the TikTok request', async () => {
    const r = await rawRequest(`${s.url}/g/collect?v=2&tid=G-TEST1&cid=7.7&en=page_view&dl=https%3A%2F%2Fshop.example%2F`, {
      headers: { 'user-agent': UA, forwarded: 'for="[2001:db8:cafe::17]:4711";proto=https', 'x-forwarded-for': '198.51.100.1' },
    });
    expect(r.status).toBe(204);
    const preview = await (await fetch(`${s.url}/preview.json`)).json();
    const entry = preview.requests.find((q: any) => q.query.includes('cid=7.7'));
    expect(entry.remoteAddress).toBe('2001:db8:cafe::17');
    expect(entry.events[0].eventData.ip_override).toBe('2001:db8:cafe::17');
    const sent = JSON.parse(s.container.mock!.requests()[0].body);
    expect(sent.data[0].user.ip).toBe('2001:db8:cafe::17');
  });

  test('the access token never appears in preview, logs or stdout', async () => {
    await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', transaction_id: 'T-tok' }) });
    s.container.mock!.setFaults({ http5xx: 1 });
    await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', transaction_id: 'T-tok2' }) });
    s.container.mock!.setFaults({});
    const preview = await (await fetch(`${s.url}/preview.json`)).text();
    expect(preview).toContain('"Access-Token":"[REDACTED]"');
    for (const text of [preview, fs.readFileSync(s.logFile, 'utf8'), s.stdout()]) expect(text).not.toContain(TOKEN);
  });

  test('health lines go to stdout and to the log file, one JSON object per line', async () => {
    await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'add_to_cart', value: 3, currency: 'EUR' }) });
    const fileLines = fs.readFileSync(s.logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const last = fileLines[fileLines.length - 1];
    expect(last).toMatchObject({ schema: 'tiktok-events-api/1', type: 'result', ga4_event: 'add_to_cart', outcome: 'success' });
    expect(s.stdout()).toContain(JSON.stringify(last));
  });
});

describe('local server container: bad hits', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer({ limits: { maxBodyBytes: 2048 } }); });
  afterAll(() => s.close());

  test.each([
    ['malformed query', 'GET', '/g/collect?v=2&tid=G-1&en=page_view&dl=%E0%A4%A', undefined, 400, 'malformed query string: "%E0%A4%A" is not valid percent-encoding'],
    ['not a GA4 hit', 'GET', '/g/collect?foo=bar', undefined, 400, 'not a GA4 hit: the "v" parameter is missing (expected v=2)'],
    ['batch line without en', 'POST', '/g/collect?v=2&tid=G-1', 'en=page_view\nep.a=1', 400, 'body line 2 has no event name ("en" parameter)'],
    ['invalid MP JSON', 'POST', '/mp/collect', '{"client_id": "1", "events": [', 400, 'Measurement Protocol: invalid JSON ('],
    ['invalid event JSON', 'POST', '/events', 'not json', 400, 'POST /events: invalid JSON ('],
    ['oversized body', 'POST', '/events', JSON.stringify({ event_name: 'x', pad: 'x'.repeat(5000) }), 413, 'request body of 5'],
    ['wrong method', 'PUT', '/events', '{}', 405, 'PUT /events is not accepted: use POST'],
    ['unclaimed path', 'GET', '/collect', undefined, 400, 'no client claimed GET /collect: send GA4 hits to /g/collect, Measurement Protocol to /mp/collect, event data to POST /events'],
  ])('%s is refused with a clear message', async (_name, method, path, body, status, message) => {
    const before = s.results().length;
    const r = await rawRequest(s.url + path, { method, body });
    expect(r.status).toBe(status);
    expect(JSON.parse(r.body).error.startsWith(message)).toBe(true);
    expect(s.results().length).toBe(before);
  });

  test('an oversized body declared up front is refused and the connection stays usable for others', async () => {
    const r = await rawRequest(`${s.url}/mp/collect`, { method: 'POST', body: Buffer.alloc(100000, 'a') });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toBe('request body of 100000 bytes is larger than the limit of 2048 bytes (limits.maxBodyBytes in the config)');
    const ok = await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', transaction_id: 'after-413' }) });
    expect(ok.status).toBe(200);
  });

  test('rejected hits are in the preview with their reason; the mock received nothing for them', async () => {
    const preview = await (await fetch(`${s.url}/preview.json`)).json();
    const rejected = preview.requests.filter((r: any) => r.state === 'rejected');
    expect(rejected.map((r: any) => r.response.status)).toEqual([400, 400, 400, 400, 400, 413, 405, 413]);
    expect(rejected[0]).toMatchObject({ client: 'GA4', error: 'malformed query string: "%E0%A4%A" is not valid percent-encoding', events: [] });
    expect(s.container.mock!.stats().events).toBe(1);
  });
});
