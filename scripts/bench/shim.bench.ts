/**
 * The shim's own cost. The same template code (payload building, string work, JSON) runs:
 *   - as a plain Node function (new Function with host stand-ins for require),
 *   - in a warm sandbox (one realm, the compiled template function called N times),
 *   - through runTemplate as the local server container fires a tag per event (permission
 *     engine, session and record per run), with the realm reused (the default) and fresh
 *     (reuseRealm: false), plus the cost of making one realm;
 * and ___TESTS___ scenarios per second on a fixture. Ratios are measured in this one process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileTemplate, runTemplate } from '../../sandbox-shim/runtime/run-template';
import { buildEnvironment } from '../../sandbox-shim/runtime/environment';
import { createRealmCore } from '../../sandbox-shim/runtime/realm';
import { Session } from '../../sandbox-shim/runtime/session';
import { parseTemplate } from '../../sandbox-shim/template/parse';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';
import type { ParsedTemplate } from '../../sandbox-shim/types';

const ROOT = path.resolve(__dirname, '..', '..');

const CODE = `
const JSON = require('JSON');
const makeString = require('makeString');
const getType = require('getType');

function normalise(value) {
  return makeString(value).trim().toLowerCase();
}
const contents = [];
const items = data.items || [];
for (let i = 0; i < items.length; i++) {
  const item = items[i];
  contents.push({content_id: makeString(item.id), quantity: item.quantity, price: item.price});
}
const user = {};
if (getType(data.email) === 'string') user.email = normalise(data.email);
if (getType(data.phone) === 'string') user.phone = normalise(data.phone).split(' ').join('');
const body = {
  event_source: 'web',
  data: [{event: data.event, event_id: data.id + '-' + items.length, user: user, properties: {contents: contents, currency: 'GBP', value: data.value}}],
};
return JSON.stringify(body);
`;

const DATA = {
  event: 'CompletePayment',
  id: 'T-1001',
  email: '  Jane.Doe@Example.com ',
  phone: '+44 7911 123456',
  value: 154.5,
  items: [1, 2, 3, 4, 5].map((i) => ({ id: 'SKU-' + i, quantity: i, price: 10 + i })),
};

function template(): ParsedTemplate {
  return {
    name: 'bench.tpl',
    info: { type: 'MACRO', displayName: 'bench', containerContexts: ['SERVER'] },
    parameters: [],
    code: CODE,
    codeSection: '___SANDBOXED_JS_FOR_SERVER___',
    permissions: [],
    tests: { scenarios: [], setup: '' },
    sections: {},
    codeStartLine: 1,
  };
}

function perSecond(n: number, ms: number): number {
  return (n / ms) * 1000;
}

function time(fn: () => void, n: number): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) fn();
  return performance.now() - start;
}

async function timeAsync(fn: () => Promise<unknown>, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return performance.now() - start;
}

async function main() {
  const t = template();
  const plainRequire = (name: string) =>
    ({ JSON, makeString: (v: unknown) => String(v), getType: (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v) })[name];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const plain = new Function('data', 'require', `'use strict';\n${CODE}`) as (d: unknown, r: unknown) => string;

  // Same answer from both, or the comparison means nothing.
  const record = await runTemplate(t, { data: DATA });
  if (record.returnValue !== plain(DATA, plainRequire)) throw new Error(`shim and plain disagree: ${String(record.returnValue)}`);

  const N_HOT = 20000;
  const N_RUN = 1000;

  for (let i = 0; i < 2000; i++) plain(DATA, plainRequire);
  const plainMs = time(() => plain(DATA, plainRequire), N_HOT);

  const session = new Session(buildEnvironment('run', t, {}));
  const fn = compileTemplate(t).script.runInContext(session.realm.context);
  const data = session.realm.toSandbox(DATA);
  const req = session.makeRequire();
  for (let i = 0; i < 2000; i++) Reflect.apply(fn, undefined, [data, req]);
  const warmMs = time(() => Reflect.apply(fn, undefined, [data, req]), N_HOT);
  const guardedMs = time(() => session.runSandbox(fn, [data, req]), N_HOT / 10) * 10;
  session.dispose();

  for (let i = 0; i < 50; i++) await runTemplate(t, { data: DATA, reuseRealm: false });
  const runMs = await timeAsync(() => runTemplate(t, { data: DATA, reuseRealm: false }), N_RUN);
  for (let i = 0; i < 50; i++) await runTemplate(t, { data: DATA, reuseRealm: true });
  const reuseMs = await timeAsync(() => runTemplate(t, { data: DATA, reuseRealm: true }), N_RUN);
  const N_REALM = 200;
  const realmMs = time(() => createRealmCore(false), N_REALM);
  const hardMs = time(() => createRealmCore(true), N_REALM);

  const fixture = parseTemplate(readFileSync(path.join(ROOT, 'test', 'fixtures', 'runtime', 'variable.tpl'), 'utf8'), 'variable.tpl');
  const scenarios = fixture.tests.scenarios.length;
  await runTemplateTests(fixture, {});
  const ROUNDS = 40;
  const testsMs = await timeAsync(() => runTemplateTests(fixture, {}), ROUNDS);

  const rows: [string, string, string][] = [
    ['plain Node function', `${perSecond(N_HOT, plainMs).toFixed(0)} runs/s`, '1.0×'],
    ['template body in a warm sandbox', `${perSecond(N_HOT, warmMs).toFixed(0)} runs/s`, `${(warmMs / plainMs).toFixed(1)}× slower`],
    ['  … under the vm watchdog (runGuarded)', `${perSecond(N_HOT, guardedMs).toFixed(0)} runs/s`, `${(guardedMs / plainMs).toFixed(1)}× slower`],
    ['runTemplate, realm reused (default)', `${perSecond(N_RUN, reuseMs).toFixed(0)} runs/s`, `${(reuseMs / N_RUN / (plainMs / N_HOT)).toFixed(0)}× slower`],
    ['runTemplate, fresh realm (reuseRealm: false)', `${perSecond(N_RUN, runMs).toFixed(0)} runs/s`, `${(runMs / N_RUN / (plainMs / N_HOT)).toFixed(0)}× slower`],
    ['  making one realm (context + bootstrap)', `${perSecond(N_REALM, realmMs).toFixed(0)} realms/s`, ''],
    ['  … hardened for reuse (intrinsics frozen)', `${perSecond(N_REALM, hardMs).toFixed(0)} realms/s`, ''],
    [`___TESTS___ (${fixture.name}, ${scenarios} scenarios)`, `${perSecond(ROUNDS * scenarios, testsMs).toFixed(0)} scenarios/s`, ''],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`${'measure'.padEnd(width)}  ${'rate'.padStart(20)}  vs plain\n`);
  for (const [name, rate, ratio] of rows) process.stdout.write(`${name.padEnd(width)}  ${rate.padStart(20)}  ${ratio}\n`);
  process.stdout.write(
    `(one runTemplate ≈ ${(reuseMs / N_RUN).toFixed(2)} ms reused vs ${(runMs / N_RUN).toFixed(2)} ms fresh: ${(runMs / reuseMs).toFixed(2)}× faster; one realm ≈ ${(realmMs / N_REALM).toFixed(2)} ms, hardened ≈ ${(hardMs / N_REALM).toFixed(2)} ms; one scenario ≈ ${(testsMs / (ROUNDS * scenarios)).toFixed(2)} ms)\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
