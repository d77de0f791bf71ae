/**
 * Local server container throughput, end to end: an HTTP client with keep-alive and a bounded
 * number of requests in flight → the container (GA4 parsing, the tag through the sandbox shim,
 * logging, preview) → the embedded mock TikTok API. Measured in the same run:
 *   - baseline: a bare express handler answering 204 (the most any express server can do here),
 *   - the container with one event per GA4 hit (shim inline, then in the worker pool), and with
 *     ten events per batched hit,
 *   - the shim alone (runTemplate against the mock, no HTTP in front), to show where time goes.
 * Reports events/s and the ratio to the baseline. `SERVER_BENCH_EVENTS=500 npm run bench -- server`
 * for a quicker run.
 */
import express from 'express';
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import { parseTemplate, runTemplate } from '../../sandbox-shim';
import { startMockTikTok } from '../mock-tiktok';
import { startServer } from '../server';
import { resolvePath } from '../server/config';
import { poolSize } from '../server/tag-pool';

const EVENTS = Number(process.env.SERVER_BENCH_EVENTS ?? 2000);
const IN_FLIGHT = 16;

async function drive(count: number, send: (i: number, agent: http.Agent) => Promise<number>): Promise<{ ms: number; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) {
      const status = await send(next++, agent);
      if (status >= 400) failed++;
    }
  }));
  const ms = performance.now() - started;
  agent.destroy();
  return { ms, failed };
}

function request(url: string, agent: http.Agent, method = 'GET', body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hit = (i: number) => `v=2&tid=G-BENCH&cid=${i}.1&en=purchase&cu=EUR&epn.value=10&ep.transaction_id=B-${i}&dl=https%3A%2F%2Fshop.example%2F`;

async function bare(count: number): Promise<number> {
  const app = express();
  app.all('/g/collect', (_req, res) => { res.status(204).end(); });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/g/collect?`;
  await drive(200, (i, agent) => request(url + hit(i), agent));
  const { ms } = await drive(count, (i, agent) => request(url + hit(i), agent));
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  return (count / ms) * 1000;
}

async function container(count: number, perHit: number, workers: number | 'auto'): Promise<{ rate: number; failed: number; received: number }> {
  const s = await startServer({ port: 0, mode: 'production', workers, logs: { file: null, stdout: false }, preview: { maxRequests: 50 }, tag: { fields: { timeoutMs: 20000 } } }, { env: {} });
  const url = `${s.url}/g/collect?`;
  const send = (i: number, agent: http.Agent) => (perHit === 1
    ? request(url + hit(i), agent, 'POST')
    : request(`${url}v=2&tid=G-BENCH&cid=${i}.1`, agent, 'POST', Array.from({ length: perHit }, (_, j) => `en=add_to_cart&epn.value=1&cu=EUR&ep.transaction_id=B-${i}-${j}`).join('\n')));
  await drive(40 / perHit, send);
  s.container.mock!.reset();
  const hits = Math.ceil(count / perHit);
  const { ms, failed } = await drive(hits, send);
  const received = s.container.mock!.stats().events;
  await s.close();
  return { rate: ((hits * perHit) / ms) * 1000, failed, received };
}

async function shimAlone(count: number): Promise<number> {
  const mock = await startMockTikTok();
  const template = parseTemplate(fs.readFileSync(resolvePath('template/template.tpl'), 'utf8'), 'template/template.tpl');
  const options = (i: number) => ({
    data: { accessToken: 'bench-token', pixelCode: 'CBENCH1' },
    eventData: { event_name: 'purchase', client_id: `${i}.1`, transaction_id: `S-${i}`, value: 10, currency: 'EUR' },
    routes: { 'business-api.tiktok.com': mock.url },
    secrets: ['bench-token'],
  });
  for (let i = 0; i < 20; i++) await runTemplate(template, options(i));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => { while (next < count) await runTemplate(template, options(next++)); }));
  const ms = performance.now() - started;
  await mock.close();
  return (count / ms) * 1000;
}

function row(label: string, rate: number, unit: string, baseline?: number): string {
  const ratio = baseline ? `  ratio ${(rate / baseline).toFixed(4)} of bare express (1/${Math.round(baseline / rate)})` : '';
  return `  ${label.padEnd(38)} ${Math.round(rate).toLocaleString('en-US').padStart(9)} ${unit}${ratio}`;
}

async function main() {
  process.stdout.write(`server container, ${EVENTS} events each, ${IN_FLIGHT} requests in flight, template/template.tpl against the embedded mock\n`);
  const baseline = await bare(Math.max(EVENTS * 5, 5000));
  process.stdout.write(row('bare express handler (204)', baseline, 'req/s') + '\n');
  const pool = poolSize('auto');
  const inline = await container(EVENTS, 1, 0);
  process.stdout.write(row('container, 1 event/hit, shim inline', inline.rate, 'events/s', baseline) + '\n');
  const one = await container(EVENTS, 1, 'auto');
  process.stdout.write(row(`container, 1 event/hit, ${pool} worker${pool === 1 ? '' : 's'}`, one.rate, 'events/s', baseline) + '\n');
  const ten = await container(EVENTS, 10, 'auto');
  process.stdout.write(row(`container, 10 events/hit, ${pool} worker${pool === 1 ? '' : 's'}`, ten.rate, 'events/s', baseline) + '\n');
  const shim = await shimAlone(Math.min(EVENTS, 1000));
  process.stdout.write(row('shim alone, main thread (runTemplate)', shim, 'runs/s', baseline) + '\n');
  const expected = [EVENTS, EVENTS, Math.ceil(EVENTS / 10) * 10];
  const runs = [inline, one, ten];
  if (runs.some((r, i) => r.failed || r.received !== expected[i])) {
    process.stdout.write(`  WARNING: failed hits or lost events: ${JSON.stringify(runs)}\n`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  process.stderr.write(`server bench: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
