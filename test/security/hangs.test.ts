/**
 * Endless loops in every callback position: the host ends the run from outside at the tag
 * timeout (`timeout`), within the timeout plus slack, and lives on. The loops run in the second
 * wall's execution unit; with only the realm's watchdog, loops in promise callbacks and thenables
 * ran outside it and hung the host for good.
 */
import { warmUp } from './lib/host-health';
import { closeUnits } from '../../sandbox-shim';
import { expectTemplateAttackFails, TAG_TIMEOUT_MS } from './lib/attack';
import { startHttpTarget, type HttpTarget } from './lib/http-target';

let target: HttpTarget;
beforeAll(async () => {
  target = await startHttpTarget();
  await warmUp();
});
afterAll(async () => {
  await target.close();
  await closeUnits();
});

const P = "const Promise = require('Promise');";
const LOOP = 'while (true) { }';
const URL = "'https://business-api.tiktok.com/open_api/v1.3/event/track/'";

test.each([
  ['sync template code', LOOP, 'timeout'],
  ['a .then callback', `${P}\nPromise.create((r) => r(1)).then(() => { ${LOOP} });`, 'timeout'],
  ['a rejection handler', `${P}\nPromise.create((r, j) => j(1)).then(null, () => { ${LOOP} });`, 'timeout'],
  ["a thenable's then", `${P}\nPromise.create((r) => r({then: () => { ${LOOP} }}));`, 'timeout'],
  ["a thenable's then adopted by Promise.all", `${P}\nPromise.all([{then: () => { ${LOOP} }}]);`, 'timeout'],
  ['a Promise.create executor after a tick', `${P}\nPromise.create((r) => r(1)).then(() => Promise.create(() => { ${LOOP} }));`, 'timeout'],
  ['an endless microtask chain', `${P}\nconst f = () => Promise.create((r) => r(1)).then(f);\nf();`, 'timeout'],
  ['a callLater callback', `require('callLater')(() => { ${LOOP} });`, 'timeout'],
  ['callLater rescheduling itself forever', "const again = () => require('callLater')(again);\nagain();", 'timeout'],
  ['a sendHttpRequest callback', `require('sendHttpRequest')(${URL}, () => { ${LOOP} }, {method: 'POST'}, '{}');`, 'timeout'],
  ['a sendHttpRequest promise callback', `require('sendHttpRequest')(${URL}, {method: 'POST'}, '{}').then(() => { ${LOOP} });`, 'timeout'],
  ['an API callback (sha256 onSuccess)', `require('sha256')('x', () => { ${LOOP} });`, 'timeout'],
] as [string, string, 'timeout'][])('an endless loop in %s is ended from outside', async (_label, code, status) => {
  const record = await expectTemplateAttackFails({ code }, { status }, { routes: target.routes, tagTimeoutMs: TAG_TIMEOUT_MS });
  expect(record.executionTimeMs).toBeLessThan(TAG_TIMEOUT_MS + 2000);
});

// The first gtmOnSuccess/gtmOnFailure call wins, in a unit as inline (a unit used to report `timeout`).
test('an endless loop in an addEventCallback callback, after the tag called gtmOnFailure, is ended and the tag keeps its status', async () => {
  // addEventCallback callbacks run after the tag ended; the loop must not outlive their grace period.
  const record = await expectTemplateAttackFails(
    { code: `require('addEventCallback')(() => { ${LOOP} });\ndata.gtmOnFailure();` },
    { status: 'failure' },
    { routes: target.routes, tagTimeoutMs: TAG_TIMEOUT_MS },
  );
  expect(record.console.map((e) => e.message)).toContainEqual(expect.stringMatching(/ran for more than \d+ ms without returning \(an endless loop in an addEventCallback callback\?\); stopped\. The tag had already ended as failure\./));
});

// The host performs at most 32 requests of a unit at once (the rest wait): before that cap, opening
// 20,000 sockets kept the host's event loop busy and its timer ended the run ~3 s late on a loaded box.
// 5,000 here: reading 20,000 messages alone can still push a loaded 2-core CI box past the bound.
test('a flood of 5 000 requests (the host performs HTTP for the unit) ends as timeout on time', async () => {
  const code = "const send = require('sendHttpRequest');\nfor (let i = 0; i < 5000; i++) send('https://business-api.tiktok.com/x' + i, {method: 'POST'}, 'x');";
  const record = await expectTemplateAttackFails({ code }, { status: 'timeout' }, { routes: target.routes });
  expect(record.outgoingRequests.length).toBeGreaterThan(0);
});

test('a variable whose promise never settles ends as timeout', async () => {
  await expectTemplateAttackFails({ code: `${P}\nreturn Promise.create(() => 1);`, type: 'MACRO' }, { status: 'timeout' });
});

test('an endless getter on an API argument: a host copy skips it, JSON.stringify (sandbox code) runs it and the run times out', async () => {
  const define = `const o = {};\n({})[C].defineProperty(o, 'x', {enumerable: true, get: () => { ${LOOP} }});`;
  // logToConsole copies its argument on the host, which reads own data properties only.
  await expectTemplateAttackFails({ code: `${define}\nrequire('logToConsole')(o);\ndata.gtmOnSuccess();` }, { status: 'success' }, { languageCheck: 'off' });
  // JSON.stringify runs inside the realm, as GTM's would, so the getter runs there: the tag's deadline ends it.
  await expectTemplateAttackFails({ code: `${define}\nrequire('JSON').stringify(o);\ndata.gtmOnSuccess();` }, { status: 'timeout' }, { languageCheck: 'off' });
});
