/**
 * Cost of a sandbox API call through the real runtime, against the same work done directly in
 * Node, measured in the same run: sha256Sync (hashing user data is the tag's hot path),
 * JSON.parse/stringify and getEventData (direct: the same path walk without the boundary). Each template loops N times inside one run, so the
 * fixed cost of a run is amortised; the ratio is "shim time / direct Node time".
 * `APIS_BENCH_N=20000 npm run bench -- apis` to change N.
 */
import { createHash } from 'crypto';
import { runTemplate } from '../../sandbox-shim/index';
import { readKeyPath } from '../../sandbox-shim/apis/event-data';
import type { ParsedTemplate, Permission } from '../../sandbox-shim/types';

const N = Number(process.env.APIS_BENCH_N ?? 50_000);
const eventData = { event_name: 'purchase', items: [{ id: 'sku-1', price: 10 }], user_data: { email_address: 'test@example.com' } };
const payload = JSON.stringify({ event: 'CompletePayment', properties: { contents: [{ content_id: 'sku-1', price: 10 }], value: 10, currency: 'EUR' } });

function template(code: string, permissions: Permission[] = []): ParsedTemplate {
  return {
    name: 'apis.bench', info: { type: 'MACRO', displayName: 'bench', containerContexts: ['SERVER'] }, parameters: [], code,
    codeSection: '___SANDBOXED_JS_FOR_SERVER___', permissions, tests: { scenarios: [], setup: '' }, sections: {}, codeStartLine: 1,
  };
}

async function shimMs(code: string, permissions: Permission[] = []): Promise<number> {
  const started = performance.now();
  const record = await runTemplate(template(code, permissions), { eventData, tagTimeoutMs: 600_000 });
  if (record.status !== 'success') throw new Error(`bench template failed: ${record.error}`);
  return performance.now() - started;
}

function directMs(work: () => void): number {
  const started = performance.now();
  for (let i = 0; i < N; i++) work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const cases: [string, () => void, string, Permission[]][] = [
    [
      'sha256Sync hex',
      () => createHash('sha256').update('test@example.com', 'utf8').digest('hex'),
      `const sha = require('sha256Sync'); for (let i = 0; i < ${N}; i++) sha('test@example.com', {outputEncoding: 'hex'}); return 1;`,
      [],
    ],
    [
      'JSON.parse + stringify',
      () => JSON.stringify(JSON.parse(payload)),
      `const J = require('JSON'); const p = ${JSON.stringify(payload)}; for (let i = 0; i < ${N}; i++) J.stringify(J.parse(p)); return 1;`,
      [],
    ],
    [
      'getEventData(items.0.id)',
      () => void readKeyPath(eventData, 'items.0.id'),
      `const g = require('getEventData'); for (let i = 0; i < ${N}; i++) g('items.0.id'); return 1;`,
      [{ publicId: 'read_event_data', params: { eventDataAccess: 'any' } }],
    ],
  ];
  await shimMs(cases[0][2]); // warm-up: compile paths, JIT
  console.log(`N = ${N} calls per case`);
  for (const [name, direct, code, permissions] of cases) {
    directMs(direct);
    const d = directMs(direct);
    const s = await shimMs(code, permissions);
    console.log(`${name.padEnd(26)} direct ${(N / d * 1000).toFixed(0).padStart(9)} /s   shim ${(N / s * 1000).toFixed(0).padStart(9)} /s   ratio ${(s / d).toFixed(2)}×`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
