/**
 * The tag in the shim: runs per second (sending to a local stub, and skipped without HTTP) against
 * an empty tag measured in the same process, and the request body size per GA4 event type.
 * Ratios are what to compare across machines; absolute rates depend on the machine.
 */
import { readFileSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { parseTemplate, runTemplate } from '../../sandbox-shim';
import type { ParsedTemplate, RunOptions } from '../../sandbox-shim';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 150);
const BATCH = 10;
const OK = '{"code":0,"message":"OK","request_id":"bench","data":{}}';

const user = {
  user_id: 'USER-42', ip_override: '203.0.113.7', user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15', language: 'en-us',
  page_location: 'https://shop.example/product/runner?ttclid=E.C.P.abc123', page_referrer: 'https://www.tiktok.com/',
  user_data: { email_address: 'jane.doe@example.com', phone_number: '+44 7911 123456', address: { first_name: 'Jane', last_name: 'Doe', city: 'London', postal_code: 'SW1A 1AA', country: 'GB' } },
};
const item = (i: number) => ({ item_id: 'SKU-' + i, item_name: 'Product ' + i, item_category: 'Shoes', item_brand: 'Acme', price: 49.5 + i, quantity: 1 + (i % 3) });
const funnel: Record<string, Record<string, unknown>> = {
  page_view: {},
  view_item: { items: [item(1)], value: 50.5, currency: 'GBP' },
  add_to_cart: { items: [item(1)], value: 50.5, currency: 'GBP' },
  begin_checkout: { items: [item(1), item(2)], value: 102, currency: 'GBP' },
  purchase: { transaction_id: 'T-1001', items: [item(1), item(2), item(3)], value: 154.5, currency: 'GBP' },
  generate_lead: { value: 10, currency: 'GBP' },
};

function emptyTag(): ParsedTemplate {
  const text = readFileSync(path.join(ROOT, 'template', 'template.tpl'), 'utf8');
  const t = parseTemplate(text, 'empty.tpl');
  return { ...t, name: 'empty', code: 'data.gtmOnSuccess();', permissions: [] };
}

interface Case {
  template: ParsedTemplate;
  options: RunOptions;
  seconds: number;
}

async function batch(c: Case, runs: number): Promise<void> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) {
    const record = await runTemplate(c.template, c.options);
    if (record.status !== 'success') throw new Error(`bench run ended ${record.status}: ${record.error ?? record.console.map((e) => e.message).join(' | ')}`);
  }
  c.seconds += Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Runs/s of each case. Batches are interleaved so a machine busy with other work slows every
 * case alike and the ratios stay meaningful.
 */
async function rates(cases: Case[]): Promise<number[]> {
  for (const c of cases) await batch(c, 20);
  for (const c of cases) c.seconds = 0;
  for (let done = 0; done < RUNS; done += BATCH) {
    for (const c of cases) await batch(c, BATCH);
  }
  return cases.map((c) => RUNS / c.seconds);
}

async function main(): Promise<void> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(OK);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await measure(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies);
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

async function measure(origin: string, bodies: string[]): Promise<void> {
  const tag = parseTemplate(readFileSync(path.join(ROOT, 'template', 'template.tpl'), 'utf8'), 'template.tpl');
  const data = { accessToken: 'bench-token-0123456789', pixelCode: 'CBENCHPIXEL', consentMode: 'ad_storage' };
  const base: RunOptions = { data, routes: { 'business-api.tiktok.com': origin }, containerVersion: { previewMode: false, debugMode: false } };

  const [sending, skipped, empty] = await rates([
    { template: tag, options: { ...base, eventData: { event_name: 'purchase', ...user, ...funnel.purchase } }, seconds: 0 },
    { template: tag, options: { ...base, eventData: { event_name: 'purchase', ...user, 'x-ga-gcs': 'G100' } }, seconds: 0 },
    { template: emptyTag(), options: { data: {} }, seconds: 0 },
  ]);

  const sizes: [string, number][] = [];
  for (const [name, params] of Object.entries(funnel)) {
    bodies.length = 0;
    await runTemplate(tag, { ...base, eventData: { event_name: name, ...user, ...params } });
    sizes.push([name, Buffer.byteLength(bodies[0] ?? '')]);
  }

  const f = (n: number) => n.toFixed(0).padStart(6);
  process.stdout.write(`runs (sequential, ${RUNS} each in interleaved batches of ${BATCH}, after 20 warm-up runs)\n`);
  process.stdout.write(`  tag, purchase sent to local stub   ${f(sending)} runs/s   ${(sending / empty).toFixed(2)}× an empty tag\n`);
  process.stdout.write(`  tag, skipped (consent denied)      ${f(skipped)} runs/s   ${(skipped / empty).toFixed(2)}× an empty tag\n`);
  process.stdout.write(`  empty tag (data.gtmOnSuccess())    ${f(empty)} runs/s\n`);
  process.stdout.write(`  HTTP round trip share of a sent run: ${(100 * (1 - sending / skipped)).toFixed(0)}%\n`);
  process.stdout.write('request body bytes per event (all user data present)\n');
  for (const [name, bytes] of sizes) process.stdout.write(`  ${name.padEnd(16)} ${String(bytes).padStart(5)}\n`);
  const mean = sizes.reduce((s, [, b]) => s + b, 0) / sizes.length;
  process.stdout.write(`  mean             ${mean.toFixed(0).padStart(5)}\n`);
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exitCode = 1;
});
