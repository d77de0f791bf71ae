/** A burst of 5,000 events: sent = logged = received by the mock, nothing lost, nothing doubled. */
import fs from 'fs';
import http from 'http';
import { pool, rawRequest, startTestServer, type TestServer } from './helpers';

const EVENTS = 5000;
const PER_HIT = 10;
const NAMES = ['page_view', 'view_item', 'add_to_cart', 'begin_checkout', 'purchase'];
const TIKTOK: Record<string, string> = { page_view: 'Pageview', view_item: 'ViewContent', add_to_cart: 'AddToCart', begin_checkout: 'InitiateCheckout', purchase: 'Purchase' };

describe('burst', () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer({ workers: 'auto', logs: { stdout: false }, preview: { maxRequests: 50 }, tag: { fields: { timeoutMs: 15000 } } }); });
  afterAll(() => s.close());

  test(`${EVENTS} events in batched GA4 hits: zero lost`, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const statuses = await pool(EVENTS / PER_HIT, 16, async (hit) => {
      const lines = Array.from({ length: PER_HIT }, (_, j) => {
        const n = hit * PER_HIT + j;
        return `en=${NAMES[n % NAMES.length]}&ep.event_id=B-${n}&ep.transaction_id=B-${n}&epn.value=${n % 100}&cu=EUR`;
      });
      const r = await rawRequest(`${s.url}/g/collect?v=2&tid=G-BURST&cid=${hit}.1&dl=https%3A%2F%2Fshop.example%2F`, { method: 'POST', body: lines.join('\n'), agent });
      return r.status;
    });
    agent.destroy();
    expect(statuses.filter((st) => st !== 204)).toEqual([]);

    const results = s.results();
    const stats = s.container.mock!.stats();
    expect(results).toHaveLength(EVENTS);
    expect(results.filter((r) => r.outcome !== 'success')).toEqual([]);
    expect(stats).toMatchObject({ events: EVENTS, uniqueEventIds: EVENTS, duplicateEvents: 0, rejected: 0, inFlight: 0 });
    const expectedNames: Record<string, number> = {};
    for (let n = 0; n < EVENTS; n++) expectedNames[TIKTOK[NAMES[n % NAMES.length]]] = (expectedNames[TIKTOK[NAMES[n % NAMES.length]]] ?? 0) + 1;
    expect(stats.eventsByName).toEqual(expectedNames);
    const fileResults = fs.readFileSync(s.logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'result');
    expect(fileResults).toHaveLength(EVENTS);
    const logged = new Set(fileResults.map((l) => l.event_id));
    const received = new Set(s.container.mock!.eventIds());
    expect(logged.size).toBe(EVENTS);
    expect([...logged].filter((id) => !received.has(id))).toEqual([]);
    const preview = await (await fetch(`${s.url}/preview.json`)).json();
    expect([preview.total, preview.requests.length]).toEqual([EVENTS / PER_HIT, 50]);
  }, 240000);
});
