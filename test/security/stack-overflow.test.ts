/**
 * Stack overflow inside each API family: deep recursion where every level calls an API, so the
 * stack runs out inside the host wrapper (where V8 creates a host RangeError) rather than in
 * sandbox code. The attack catches the error with a thenable (the sandbox's try/catch), from
 * several starting depths so that one of them overflows inside the wrapper, and walks it to
 * Function. Every error it catches must belong to the sandbox.
 */
import { expectTemplateAttackFails, NO_CODEGEN, type TemplateAttack } from './lib/attack';

/** `call` is an expression using `n`; `+ 0` keeps each level's frame alive. */
function overflow(call: string, attempts = 4): TemplateAttack {
  return {
    code: [
      `const deep = (n) => (${call}) + deep(n + 1) + 0;`,
      'const pad = (k, f) => (k === 0 ? f() : pad(k - 1, f) + 0);',
      `for (let k = 0; k < ${attempts}; k++) catchError(() => pad(k * 7, () => deep(0)), (e) => pwnVia(e));`,
      'data.gtmOnSuccess();',
    ].join('\n'),
    type: 'TAG',
  };
}

test.each([
  ['values (getType)', "require('getType')(n)"],
  ['values (makeString)', "require('makeString')(n)"],
  ['encoding (encodeUriComponent)', "require('encodeUriComponent')('a b')"],
  ['crypto (sha256Sync)', "require('sha256Sync')('x')"],
  ['JSON (JSON.stringify)', "require('JSON').stringify({n: n})"],
  ['Math (Math.max)', "require('Math').max(n, 1)"],
  ['Object (Object.keys)', "require('Object').keys({a: n}).length"],
  ['time (getTimestampMillis)', "require('getTimestampMillis')()"],
  ['event data (getEventData)', "require('getEventData')('a')"],
  ['request (getRequestPath)', "require('getRequestPath')()"],
  ['cookies (getCookieValues)', "require('getCookieValues')('a').length"],
  ['container (getContainerVersion)', "require('getContainerVersion')().containerId"],
  ['storage (templateDataStorage.getItemCopy)', "require('templateDataStorage').getItemCopy('a')"],
  ['promise (Promise.create)', "require('Promise').create((r) => r(n))", 1],
  ['require itself', "require('getType')"],
  ['a data callback (gtmOnSuccess after success)', 'data.gtmOnSuccess()'],
] as [string, string, number?][])('stack overflow inside %s', async (_label, call, attempts) => {
  // The run's verdict: the first caught overflow walked to Function hit the sandbox's Function.
  await expectTemplateAttackFails(overflow(call, attempts), { status: 'exception', error: NO_CODEGEN });
});
