/**
 * Allocation bombs: strings, arrays, objects, in template code, in a promise callback and in
 * test code. The execution unit's heap cap (64 MB here, configured through the public API) ends
 * the run as `exception` "memory limit 64 MB exceeded" and the host lives on. Without the cap a
 * bomb took the process to GBs and Node aborted.
 */
import { warmUp } from './lib/host-health';
import { closeUnits, configureUnits } from '../../sandbox-shim';
import { expectContained, runAttack, SLACK_MS } from './lib/attack';

const LIMIT_MB = 64;
/** Long enough for a bomb to reach the cap on a loaded box; a bomb that is not stopped by then fails the bound. */
const BOMB_TIMEOUT_MS = 8000;

beforeAll(async () => {
  await configureUnits({ memoryLimitMb: LIMIT_MB });
  await warmUp();
});
afterAll(() => closeUnits());

const STRING_64MB = "let s = 'x';\nfor (let i = 0; i < 26; i++) s = s + s;";
const BOMBS: [string, string][] = [
  ['splitting a 64 MB string in a loop', `${STRING_64MB}\nconst keep = [];\nwhile (true) keep.push(s.split(''));`],
  ['growing an array of arrays', 'const keep = [];\nwhile (true) keep.push([1, 2, 3, 4, 5, 6, 7, 8]);'],
  ['growing an object with fresh keys', "const o = {};\nlet i = 0;\nwhile (true) { o['k' + i] = {i: i, list: [i, i, i, i, i, i, i, i]}; i++; }"],
  ['flattening ever longer strings', "const keep = [];\nlet s = 'x';\nwhile (true) { s = s + s; keep.push(require('makeNumber')(s.length) + s.split('x').join('y')); }"],
  ['a bomb in a .then callback', "require('Promise').create((r) => r(1)).then(() => { const keep = []; while (true) keep.push({a: [1, 2, 3]}); });"],
  ['32 MB request bodies handed to the host (sendHttpRequest) in a loop', "let s = 'x';\nfor (let i = 0; i < 25; i++) s = s + s;\nconst send = require('sendHttpRequest');\nfor (let i = 0; i < 40; i++) send('https://business-api.tiktok.com/x', {method: 'POST'}, s + i);"],
  ['4 MB cookies set in a loop (response headers live on the host)', "let s = 'x';\nfor (let i = 0; i < 22; i++) s = s + s;\nconst setCookie = require('setCookie');\nfor (let i = 0; i < 400; i++) setCookie('k' + i, s + i);\ndata.gtmOnSuccess();"],
  ['a bomb in a callLater callback', "require('callLater')(() => { const keep = []; while (true) keep.push('x' + keep.length); });"],
];

test.each(BOMBS)('%s ends as exception "memory limit 64 MB exceeded"', async (_label, code) => {
  // A request the host starts before the unit dies goes to a closed local port, never to the internet.
  const outcome = await runAttack({ code }, { run: { tagTimeoutMs: BOMB_TIMEOUT_MS, routes: { 'business-api.tiktok.com': 'http://127.0.0.1:9' } } });
  expectContained(outcome, BOMB_TIMEOUT_MS);
  expect({ status: outcome.record!.status, error: outcome.record!.error }).toEqual({ status: 'exception', error: `memory limit ${LIMIT_MB} MB exceeded` });
});

test('4 MB values written to a shared templateDataStorage in a loop end as exception "memory limit 64 MB exceeded"', async () => {
  const storage = new Map<string, unknown>();
  const code = "let s = 'x';\nfor (let i = 0; i < 22; i++) s = s + s;\nconst storage = require('templateDataStorage');\nfor (let i = 0; i < 400; i++) storage.setItemCopy('k' + i, s + i);\ndata.gtmOnSuccess();";
  const outcome = await runAttack({ code }, { run: { tagTimeoutMs: BOMB_TIMEOUT_MS, storage } });
  expectContained(outcome, BOMB_TIMEOUT_MS);
  expect({ status: outcome.record!.status, error: outcome.record!.error }).toEqual({ status: 'exception', error: `memory limit ${LIMIT_MB} MB exceeded` });
});

// Console entries wait in the IPC queue, outside the V8 heap and its cap: before the unit counted
// them, an endless flood grew the unit process to ~2 GB RSS under a 64 MB cap.
test('a console flood (200 x 1 MB logged) ends as exception "memory limit 64 MB exceeded"', async () => {
  const code = "let s = 'x';\nfor (let i = 0; i < 20; i++) s = s + s;\nconst log = require('logToConsole');\nfor (let i = 0; i < 200; i++) log(s);\ndata.gtmOnSuccess();";
  const outcome = await runAttack({ code }, { run: { tagTimeoutMs: BOMB_TIMEOUT_MS } });
  expectContained(outcome, BOMB_TIMEOUT_MS);
  expect({ status: outcome.record!.status, error: outcome.record!.error }).toEqual({ status: 'exception', error: `memory limit ${LIMIT_MB} MB exceeded` });
  // What reached the host is bounded by the cap, not by what the template logged.
  expect(JSON.stringify(outcome.record).length).toBeLessThan(LIMIT_MB * 1024 * 1024);
});

test('an endless console flood is ended (memory cap or timeout, whichever it reaches first) with the host holding a bounded record', async () => {
  const code = "let s = 'x';\nfor (let i = 0; i < 20; i++) s = s + s;\nconst log = require('logToConsole');\nwhile (true) log(s);";
  const outcome = await runAttack({ code }, { run: { tagTimeoutMs: 500 } });
  expectContained(outcome, 500);
  // The unit counts queued console bytes against its cap, so the flood usually meets the cap before
  // the 500 ms deadline; on a slow box the deadline may come first. Either way it is stopped.
  const { status, error } = outcome.record!;
  expect(status === 'timeout' ? { status } : { status, error }).toEqual(
    status === 'timeout' ? { status: 'timeout' } : { status: 'exception', error: `memory limit ${LIMIT_MB} MB exceeded` },
  );
  expect(JSON.stringify(outcome.record).length).toBeLessThan(LIMIT_MB * 1024 * 1024);
});

test('a bomb in ___TESTS___ scenario code fails that scenario, and the host lives on', async () => {
  const outcome = await runAttack(
    { code: 'data.gtmOnSuccess();', scenario: "const keep = [];\nwhile (true) keep.push([1, 2, 3, 4]);" },
    { tests: { scenarioTimeoutMs: BOMB_TIMEOUT_MS } },
  );
  expect(outcome.breach).toBeUndefined();
  expect(outcome.hostProblems).toEqual([]);
  expect(outcome.elapsedMs).toBeLessThan(BOMB_TIMEOUT_MS + SLACK_MS);
  expect(outcome.report!.scenarios).toEqual([expect.objectContaining({ name: 'attack', passed: false, error: expect.stringContaining(`memory limit ${LIMIT_MB} MB exceeded`) })]);
});
