/**
 * Stack overflow inside each API family: deep recursion where every level calls an API, so the
 * stack runs out inside the host wrapper (where V8 creates a host RangeError) rather than in
 * sandbox code. The attack catches the error with a thenable (the sandbox's try/catch), from
 * several starting depths so that one of them overflows inside the wrapper, and walks it to
 * Function. Every error it catches must belong to the sandbox.
 */
import { warmUp } from './lib/host-health';
import { closeUnits } from '../../sandbox-shim';
import { CONTAINED_OVERFLOW, expectTemplateAttackFails, type TemplateAttack } from './lib/attack';

/**
 * Thousands of API calls per attempt: on a loaded box that can take seconds, and the attack is
 * about what the caught error is, not about time, so the overflow (not the timeout) must decide.
 */
const OVERFLOW_TIMEOUT_MS = 5000;

/** `call` is an expression using `n`; `+ 0` keeps each level's frame alive. */
function overflow(call: string, attempts = 4): TemplateAttack {
  return {
    code: [
      `const deep = (n) => (${call}) + deep(n + 1) + 0;`,
      'const pad = (k, f) => (k === 0 ? f() : pad(k - 1, f) + 0);',
      `for (let k = 0; k < ${attempts}; k++) catchError(() => pad(k * 7, () => deep(0)), (e) => pwnVia(e));`,
    ].join('\n'),
    type: 'TAG',
  };
}

beforeAll(() => warmUp(), 30_000);
afterAll(() => closeUnits());

test.each([
  ['values (getType)', "require('getType')(n)", undefined],
  ['values (makeString)', "require('makeString')(n)", undefined],
  ['encoding (encodeUriComponent)', "require('encodeUriComponent')('a b')", undefined],
  ['crypto (sha256Sync)', "require('sha256Sync')('x')", undefined],
  ['JSON (JSON.stringify)', "require('JSON').stringify({n: n})", undefined],
  ['Math (Math.max)', "require('Math').max(n, 1)", undefined],
  ['Object (Object.keys)', "require('Object').keys({a: n}).length", undefined],
  ['time (getTimestampMillis)', "require('getTimestampMillis')()", undefined],
  ['event data (getEventData)', "require('getEventData')('a')", undefined],
  ['request (getRequestPath)', "require('getRequestPath')()", undefined],
  ['cookies (getCookieValues)', "require('getCookieValues')('a').length", undefined],
  ['container (getContainerVersion)', "require('getContainerVersion')().containerId", undefined],
  ['storage (templateDataStorage.getItemCopy)', "require('templateDataStorage').getItemCopy('a')", undefined],
  ['promise (Promise.create)', "require('Promise').create((r) => r(n))", 1],
  ['require itself', "require('getType')", undefined],
] as [string, string, number | undefined][])('stack overflow inside %s', async (_label, call, attempts) => {
  // The run's verdict: the first caught overflow walked to Function hit the sandbox's Function.
  await expectTemplateAttackFails(overflow(call, attempts), { status: 'exception', error: CONTAINED_OVERFLOW }, { tagTimeoutMs: OVERFLOW_TIMEOUT_MS });
});

// The first wall must hold on its own: the same attacks on the caller's thread, without a unit.
test.each([
  ['values (getType)', "require('getType')(n)"],
  ['JSON (JSON.stringify)', "require('JSON').stringify({n: n})"],
  ['event data (getEventData)', "require('getEventData')('a')"],
  ['require itself', "require('getType')"],
])('first wall alone (isolation inline): stack overflow inside %s', async (_label, call) => {
  await expectTemplateAttackFails(overflow(call, 1), { status: 'exception', error: CONTAINED_OVERFLOW }, { isolation: 'inline', tagTimeoutMs: OVERFLOW_TIMEOUT_MS });
});
