/**
 * The server never loses an event (issue 8 item 2): a real container on 127.0.0.1 fires a
 * hostile tag that hangs in a promise callback, throws, or blows its memory. Each hit is answered
 * within the tag timeout plus 1 s (plus slack for a loaded CI box), ends with exactly one result
 * line written by the container, the preview shows the status, /healthz stays green, the unit is
 * replaced and the next hit succeeds. The hostile code also tries to write a canary file.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { templateText } from '../runtime/helpers';
import { startTestServer, type TestServer } from './helpers';

const TIMEOUT_MS = 1500;
/** Room on top of "tag timeout + 1 s" for a loaded 2-core CI box. */
const SLACK_MS = 1500;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-server-walls-'));
const canary = path.join(dir, 'canary');
const C = "['constr' + 'uctor']";

const HOSTILE = [
  "const log = require('logToConsole');",
  "const Promise = require('Promise');",
  "if (data.behaviour === 'hang') {",
  '  Promise.create(function (resolve) { resolve(1); }).then(function () { for (;;) {} });',
  '  return;',
  '}',
  "if (data.behaviour === 'throw') {",
  '  const broken = undefined;',
  '  broken.explode();',
  '}',
  "if (data.behaviour === 'memory') {",
  "  let big = 'x';",
  '  for (let i = 0; i < 26; i++) big = big + big;',
  "  log(big.split('').length);",
  '}',
  "if (data.behaviour === 'escape') {",
  `  const F = data${C}${C};`,
  `  F('return process')().getBuiltinModule('fs').writeFileSync(${JSON.stringify(canary)}, 'x');`,
  '}',
  "log('fine');",
  'data.gtmOnSuccess();',
].join('\n');

let s: TestServer;
const memoryBefore = process.env.SGTM_UNIT_MEMORY_MB;

beforeAll(async () => {
  const file = path.join(dir, 'hostile.tpl');
  fs.writeFileSync(file, templateText({ code: HOSTILE, permissions: { logging: { environments: 'all' } }, name: 'hostile.tpl' }));
  // Units of this container get a small heap so the memory bomb ends quickly.
  process.env.SGTM_UNIT_MEMORY_MB = '64';
  s = await startTestServer({ template: file, tagTimeoutMs: TIMEOUT_MS, workers: 1, permissions: 'off' });
});
afterAll(async () => {
  await s.close();
  if (memoryBefore === undefined) delete process.env.SGTM_UNIT_MEMORY_MB;
  else process.env.SGTM_UNIT_MEMORY_MB = memoryBefore;
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  s.lines.length = 0;
});

async function hit(behaviour: string, trace: string): Promise<{ status: number; ms: number }> {
  s.container.config.tag.fields.behaviour = behaviour;
  const started = Date.now();
  const r = await fetch(`${s.url}/g/collect?v=2&tid=G-1&en=purchase&cid=1.1`, { headers: { 'trace-id': trace } });
  await r.arrayBuffer();
  return { status: r.status, ms: Date.now() - started };
}

async function lastTag(): Promise<Record<string, unknown>> {
  const preview = await (await fetch(`${s.url}/preview.json`)).json();
  return preview.requests.at(-1).events[0].tags[0];
}

async function expectHealthyAfter(): Promise<void> {
  const health = await fetch(`${s.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });
  s.lines.length = 0;
  const next = await hit('ok', 'after');
  expect(next.status).toBe(204);
  expect(s.results()).toHaveLength(1);
  expect(s.results()[0]).toMatchObject({ source: 'container', trace_id: 'after', outcome: 'success', error_kind: null });
}

test.each([
  ['hang', 'an endless loop in a promise callback', 'timeout', 'tag_timeout', /^the tag was still running after 1500 ms \(an endless loop\?\) and was stopped$/],
  ['throw', 'an exception', 'exception', 'tag_exception', /^the tag threw: TypeError: Cannot read properties of undefined \(reading 'explode'\)/],
  ['memory', 'a memory bomb', 'exception', 'tag_exception', /^the tag threw: memory limit 64 MB exceeded$/],
  ['escape', 'an escape attempt through data.constructor', 'exception', 'tag_exception', /^the tag threw: EvalError: Code generation from strings disallowed for this context/],
])('%s (%s): answered in time, exactly one result line by the container, preview shows %s', async (behaviour, _what, status, kind, why) => {
  const { status: code, ms } = await hit(behaviour, `walls-${behaviour}`);
  expect(code).toBe(204);
  expect(ms).toBeLessThan(TIMEOUT_MS + 1000 + SLACK_MS);
  const results = s.results();
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ source: 'container', trace_id: `walls-${behaviour}`, outcome: 'failure', error_kind: kind });
  expect(String(results[0].error_message)).toMatch(why);
  expect(await lastTag()).toMatchObject({ status });
  expect(fs.existsSync(canary)).toBe(false);
  await expectHealthyAfter();
});

test('five hits to a hanging tag at once are all answered, each with one result line', async () => {
  const started = Date.now();
  s.container.config.tag.fields.behaviour = 'hang';
  const responses = await Promise.all(
    [1, 2, 3, 4, 5].map((i) => fetch(`${s.url}/g/collect?v=2&tid=G-1&en=purchase&cid=1.${i}`, { headers: { 'trace-id': `burst-${i}` } }).then((r) => r.status)),
  );
  expect(responses).toEqual([204, 204, 204, 204, 204]);
  // One unit: the five runs share it, so the host kills it once per overdue run at most.
  expect(Date.now() - started).toBeLessThan(5 * (TIMEOUT_MS + 1000) + SLACK_MS);
  const traces = s.results().map((r) => r.trace_id).sort();
  expect(traces).toEqual(['burst-1', 'burst-2', 'burst-3', 'burst-4', 'burst-5']);
  for (const r of s.results()) expect(r).toMatchObject({ source: 'container', outcome: 'failure' });
  await expectHealthyAfter();
});
