/**
 * The bench's peers and its checks: the lookalikes of TikTok's own server template and of Stape's
 * TikTok tag pass their own ___TESTS___ and send exactly the expected body for the bench's purchase; the API-call counter
 * counts exactly; the check every measured run must pass accepts the real runs of every peer and
 * refuses a failed run, a second request, a wrong hash and a raw email; the send-only tag sends our
 * tag's request unchanged.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { runTemplate, runTemplateTests } from '../../sandbox-shim';
import type { PreviewRecord } from '../../sandbox-shim';
import { countApiCalls } from '../../scripts/bench/lib/api-calls';
import stapeSource from '../conformance/sources/tiktok-events';
import { ACCESS_TOKEN, benchTags, EMAIL_HASH, loadTemplate, PHONE_HASH, PURCHASE, runProblem, sendOnlyTag } from '../../scripts/bench/lib/purchase';

const NOW = 1764590400123;
const received: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"code":0,"message":"OK","request_id":"t","data":{}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

const options = (data: Record<string, unknown>) => ({ data, eventData: PURCHASE, routes: { 'business-api.tiktok.com': origin }, now: () => NOW });

describe("lookalike of TikTok's own Events API server template", () => {
  const template = loadTemplate('test/conformance/templates/tiktok-own-events-api.tpl');
  const data = { accessToken: ACCESS_TOKEN, pixelCode: 'CBENCHPIXEL', eventType: 'inherit' };

  test('its own ___TESTS___ pass, all six', async () => {
    const report = await runTemplateTests(template, {});
    expect(report.scenarios.map((s) => [s.name, s.passed, s.error])).toEqual(report.scenarios.map((s) => [s.name, true, undefined]));
    expect(report).toMatchObject({ passed: 6, failed: 0 });
  });

  test("sends exactly TikTok's payload for the bench's purchase, with SHA-256 of the normalised email and E.164 phone", async () => {
    const record = await runTemplate(template, options(data));
    expect(record.status).toBe('success');
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/open_api/v1.3/event/track/');
    expect(received[0].headers['access-token']).toBe(ACCESS_TOKEN);
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].body).toBe(
      JSON.stringify({
        event_source: 'web',
        event_source_id: 'CBENCHPIXEL',
        partner_name: 'GoogleTagManagerServer',
        data: [{
          event: 'CompletePayment',
          event_time: 1764590400,
          event_id: 'T-1001',
          user: {
            email: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
            phone: '20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa',
            ip: '203.0.113.7',
            user_agent: PURCHASE.user_agent,
          },
          page: { url: 'https://shop.example/checkout/thanks' },
          properties: {
            contents: [
              { content_id: 'SKU-1', content_type: 'product', quantity: 1, price: 49.5, content_name: 'Runner' },
              { content_id: 'SKU-2', content_type: 'product', quantity: 2, price: 50, content_name: 'Trail' },
            ],
            content_type: 'product',
            currency: 'GBP',
            value: 149.5,
            order_id: 'T-1001',
          },
        }],
      }),
    );
    expect(EMAIL_HASH).toBe('86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d');
    expect(PHONE_HASH).toBe('20b18ac9de7b3aad174961827d8e451c410af9aedfd1d699927f4b29b81aa1fa');
  });

  test('the API-call counter counts each call of the purchase run, and the counted run still sends', async () => {
    const calls = await countApiCalls(template, options(data));
    expect(calls.byApi).toEqual({
      getAllEventData: 1,
      'Math.round': 1,
      getTimestampMillis: 1,
      sha256Sync: 2,
      getCookieValues: 2,
      getType: 1,
      makeNumber: 1,
      'JSON.stringify': 1,
      sendHttpRequest: 1,
      'JSON.parse': 1,
      gtmOnSuccess: 1,
    });
    expect(calls.total).toBe(13);
    expect(received).toHaveLength(1);
  });
});

describe("lookalike of Stape's TikTok tag (tiktok-events)", () => {
  const template = loadTemplate('test/conformance/templates/tiktok-events.tpl');

  test('its own ___TESTS___ give the outcomes its source pins (one scenario is written to fail)', async () => {
    const report = await runTemplateTests(template, {});
    expect(report.scenarios.map((s) => [s.name, s.passed])).toEqual(stapeSource.scenarios.map((s) => [s.name, s.expect === 'pass']));
  });

  test("sends exactly its payload for the bench's purchase: email normalised, phone hashed as typed", async () => {
    const record = await runTemplate(template, options({ accessToken: ACCESS_TOKEN, pixelId: 'CBENCHPIXEL', eventNameSetupMethod: 'inherit' }));
    expect(record.status).toBe('success');
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/open_api/v1.3/event/track/');
    expect(received[0].headers['access-token']).toBe(ACCESS_TOKEN);
    expect(received[0].body).toBe(
      JSON.stringify({
        event_source: 'web',
        event_source_id: 'CBENCHPIXEL',
        data: [{
          event: 'CompletePayment',
          event_time: 1764590400,
          user: {
            ip: '203.0.113.7',
            user_agent: PURCHASE.user_agent,
            email: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d',
            // sha256('+44 7911 123456'): this tag does not reduce the phone to E.164.
            phone: '6934c402e0e659e3ca5de0da5331be09c55cc108915bb4b47db4042468462ef7',
          },
          page: { url: 'https://shop.example/checkout/thanks' },
          properties: { currency: 'GBP', value: 149.5, contents: [{ content_id: 'SKU-1', quantity: 1, price: 49.5 }, { content_id: 'SKU-2', quantity: 2, price: 50 }] },
        }],
      }),
    );
    expect(record.cookiesSet).toEqual([]);
  });
});

describe("the bench's per-run check", () => {
  test('accepts a real run of every template the bench fires', async () => {
    for (const tag of benchTags()) {
      received.length = 0;
      const record = await runTemplate(tag.template, options(tag.data));
      expect([tag.label, runProblem(tag, record)]).toEqual([tag.label, undefined]);
      expect(received).toHaveLength(tag.sends ? 1 : 0);
    }
  });

  test("the send-only tag sends our tag's request as it is, with one API call, and reports a refused connection as a failure", async () => {
    const ours = benchTags()[0];
    const oursRecord = await runTemplate(ours.template, options(ours.data));
    const body = oursRecord.outgoingRequests[0].body!;
    const tag = sendOnlyTag(ours, body);
    received.length = 0;
    const record = await runTemplate(tag.template, options(tag.data));
    expect(runProblem(tag, record)).toBeUndefined();
    expect(received).toEqual([
      { url: '/open_api/v1.3/event/track/', headers: expect.objectContaining({ 'access-token': ACCESS_TOKEN, 'content-type': 'application/json' }), body },
    ]);
    expect(await countApiCalls(tag.template, options(tag.data))).toEqual({ total: 2, byApi: { sendHttpRequest: 1, gtmOnSuccess: 1 } });
    // Port 1 is closed on loopback: the connection is refused.
    const refused = await runTemplate(tag.template, { ...options(tag.data), routes: { 'business-api.tiktok.com': 'http://127.0.0.1:1' } });
    expect([refused.status, refused.outgoingRequests[0].response]).toEqual(['failure', { reason: 'failed' }]);
  });

  test('refuses a failed run, a second request, a wrong hash and a raw email', async () => {
    const tag = benchTags().find((t) => t.label === 'TikTok')!;
    const good = await runTemplate(tag.template, options(tag.data));
    const withBody = (body: string): PreviewRecord => ({ ...good, outgoingRequests: [{ ...good.outgoingRequests[0], body }] });
    expect(runProblem(tag, { ...good, status: 'failure' })).toMatch(/^ended failure/);
    expect(runProblem(tag, { ...good, outgoingRequests: [good.outgoingRequests[0], good.outgoingRequests[0]] })).toBe('made 2 requests (expected 1)');
    const body = good.outgoingRequests[0].body!;
    expect(runProblem(tag, withBody(body.replace(PHONE_HASH, EMAIL_HASH)))).toBe(`sent user.phone ${EMAIL_HASH} (expected the SHA-256 ${PHONE_HASH})`);
    expect(runProblem(tag, withBody(body.replace('"ip"', '"note":"Jane.Doe@Example.com","ip"')))).toBe('sent a raw email or phone');
    expect(runProblem(tag, withBody('not json'))).toBe('sent a body that is not JSON');
  });
});
