/** The same container as an HTTP function under functions-framework (its own express and body parsers in front). */
import fs from 'fs';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { getTestServer } from '@google-cloud/functions-framework/testing';

describe('functions-framework HTTP function "sgtm"', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-function-'));
  let url: string;
  let server: ReturnType<typeof getTestServer>;
  let closeFunction: () => Promise<void>;

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ mode: 'production', workers: 0, logs: { file: path.join(dir, 'health.jsonl'), stdout: false } }));
    process.env.SGTM_CONFIG = path.join(dir, 'config.json');
    ({ closeFunction } = await import('../../scripts/server/function'));
    server = getTestServer('sgtm');
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    delete process.env.SGTM_CONFIG;
    await closeFunction();
    await new Promise((r) => server.close(r));
  });

  test('GA4, Measurement Protocol and event data hits fire the tag against the embedded mock', async () => {
    expect((await fetch(`${url}/g/collect?v=2&tid=G-1&cid=1.1&en=purchase&ep.transaction_id=FF-1&epn.value=3&cu=EUR`)).status).toBe(204);
    const mp = await fetch(`${url}/mp/collect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: '2.2', events: [{ name: 'add_to_cart', params: { value: 2, currency: 'EUR' } }] }) });
    expect(mp.status).toBe(204);
    const events = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event_name: 'purchase', transaction_id: 'FF-2' }) });
    expect((await events.json()).events).toMatchObject([{ event_name: 'purchase', status: 'success', outcome: 'success' }]);
    const results = fs.readFileSync(path.join(dir, 'health.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'result');
    expect(results.map((r) => [r.ga4_event, r.outcome])).toEqual([['purchase', 'success'], ['add_to_cart', 'success'], ['purchase', 'success']]);
  });

  test('preview JSON with ?since works behind the framework; bad input still gets a clear 4xx', async () => {
    const preview = await (await fetch(`${url}/preview.json?since=2`)).json();
    expect(preview.requests.map((r: { seq: number }) => r.seq)).toEqual([3]);
    const tooBig = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(1024 * 1024 + 10) });
    expect(tooBig.status).toBe(413);
    const missing = await fetch(`${url}/mp/collect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: [] }) });
    expect([missing.status, (await missing.json()).error]).toEqual([400, 'Measurement Protocol: "client_id" (web) or "app_instance_id" (app) is required']);
  });
});
