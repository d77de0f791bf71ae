/**
 * runTemplate lends one sandbox realm to run after run (RunOptions.reuseRealm, default on).
 * Nothing of one run may be visible to the next: not prototype writes, not globals, not regex
 * state, not closures left behind; only templateDataStorage carries data, by design.
 */
import { clearRealmPool, realmPoolStats } from '../../sandbox-shim/runtime/realm-pool';
import { runTemplate } from '../../sandbox-shim/runtime/run-template';
import type { RunOptions } from '../../sandbox-shim/types';
import { ALL_LOGGING, makeTemplate, silentServer } from './helpers';

const macro = (code: string) => makeTemplate({ code, type: 'MACRO', permissions: { ...ALL_LOGGING, access_template_storage: {} } });
const tag = (code: string, permissions: Record<string, Record<string, unknown>> = ALL_LOGGING) => makeTemplate({ code, permissions });
/** Runs with the language check off: these probes use constructs GTM would refuse to save. */
const probe = (code: string, options: RunOptions = {}) => runTemplate(macro(code), { languageCheck: 'off', ...options });

// The realm pool lives in the thread that runs templates: these runs happen here (isolation
// 'inline'); test/runtime/walls.test.ts covers reuse inside execution units.
const isolationBefore = process.env.SGTM_ISOLATION;
beforeAll(() => {
  process.env.SGTM_ISOLATION = 'inline';
});
afterAll(() => {
  if (isolationBefore === undefined) delete process.env.SGTM_ISOLATION;
  else process.env.SGTM_ISOLATION = isolationBefore;
});
beforeEach(() => clearRealmPool());

describe('the realm is reused', () => {
  test('a second run borrows the realm the first one gave back', async () => {
    expect((await probe('return 1;')).returnValue).toBe(1);
    expect((await probe('return 2;')).returnValue).toBe(2);
    expect(realmPoolStats()).toEqual({ created: 1, reused: 1, returned: 2, dropped: 0, idle: 1 });
  });

  test('reuseRealm: false makes a fresh realm and keeps it out of the pool', async () => {
    await probe('return 1;', { reuseRealm: false });
    await probe('return 1;', { reuseRealm: false });
    expect(realmPoolStats()).toEqual({ created: 0, reused: 0, returned: 0, dropped: 0, idle: 0 });
  });

  test('runs in flight at the same time get different realms', async () => {
    const code = "const later = require('callLater');\nreturn require('Promise').create((resolve) => later(() => later(() => resolve(data.n))));";
    const records = await Promise.all([1, 2, 3].map((n) => runTemplate(macro(code), { data: { n } })));
    expect(records.map((r) => r.returnValue)).toEqual([1, 2, 3]);
    expect(realmPoolStats()).toEqual({ created: 3, reused: 0, returned: 3, dropped: 0, idle: 3 });
  });
});

describe('one run cannot leave state for the next', () => {
  test('intrinsic prototypes and statics are frozen', async () => {
    expect((await probe('([]).constructor.prototype.x = 1;')).error).toBe('TypeError: Cannot add property x, object is not extensible (template line 1)');
    expect((await probe("([]).constructor.prototype.map = function () { return 'hijacked'; };")).error).toBe(
      "TypeError: Cannot assign to read only property 'map' of object '[object Array]' (template line 1)",
    );
    expect((await probe("('').constructor.prototype.trim = 1;")).error).toBe(
      "TypeError: Cannot assign to read only property 'trim' of object '[object String]' (template line 1)",
    );
    expect((await probe('({}).constructor.keys = 1;')).error).toBe("TypeError: Cannot assign to read only property 'keys' of function 'function Object() { [native code] }' (template line 1)");
    expect((await probe('({}).constructor.prototype.extra = 1;')).error).toBe('TypeError: Cannot add property extra, object is not extensible (template line 1)');
    expect((await probe('return [[1, 2].map((x) => x * 2), " a ".trim(), ({}).extra];')).returnValue).toEqual([[2, 4], 'a', undefined]);
    expect(realmPoolStats().created).toBe(1);
  });

  test('a replaced Object.prototype method works in its own run, and that realm is then dropped', async () => {
    const patched = await probe("({}).constructor.prototype.toString = function () { return 'patched'; };\nreturn '' + {};");
    expect(patched.returnValue).toBe('patched');
    expect(realmPoolStats()).toMatchObject({ created: 1, returned: 0, dropped: 1, idle: 0 });
    expect((await probe("return '' + {};")).returnValue).toBe('[object Object]');
    expect(realmPoolStats()).toMatchObject({ created: 2, reused: 0 });
  });

  test('keys named like Object.prototype methods are ordinary own properties', async () => {
    const record = await probe("const o = {};\no.constructor = 1;\no['toString'] = 2;\no.hasOwnProperty = 3;\nreturn o;");
    expect(record.returnValue).toEqual({ constructor: 1, toString: 2, hasOwnProperty: 3 });
  });

  test('globals cannot be created', async () => {
    expect((await probe('leaked = 1;')).error).toBe('ReferenceError: leaked is not defined (template line 1)');
    expect((await probe('return typeof leaked;')).returnValue).toBe('undefined');
  });

  test("the last regex match (RegExp.$1) is not kept for the next run", async () => {
    const first = await probe("const re = require('createRegex')('(jane)@');\nreturn require('testRegex')(re, 'jane@example.com');");
    expect(first.returnValue).toBe(true);
    const second = await probe("const R = require('createRegex')('x').constructor;\nreturn [R.$1, R.lastMatch, R.input];");
    expect(second.returnValue).toEqual([undefined, undefined, undefined]);
    expect(realmPoolStats().reused).toBe(1);
  });

  test('a closure scheduled with callLater runs in its own run only', async () => {
    const first = await runTemplate(tag("const log = require('logToConsole');\ndata.gtmOnSuccess();\nrequire('callLater')(() => log('first, later'));"));
    expect(first.console).toEqual([{ level: 'log', message: 'first, later' }]);
    const second = await runTemplate(tag("require('logToConsole')('second');\ndata.gtmOnSuccess();"));
    expect(second.console).toEqual([{ level: 'log', message: 'second' }]);
    expect(realmPoolStats()).toMatchObject({ created: 1, reused: 1 });
  });

  test('a run that ends with work still pending gives up its realm; its callbacks never reach a later run', async () => {
    const server = await silentServer();
    try {
      const permissions = { ...ALL_LOGGING, send_http: { allowedUrls: 'any' } };
      const code = `const log = require('logToConsole');
const later = require('callLater');
let n = 0;
const tick = () => { n++; later(tick); };
tick();
require('sendHttpRequest')('${server.origin}/never', () => log('late response'));
require('Promise').create((r) => later(r)).then(() => log('late promise'));`;
      const first = await runTemplate(tag(code, permissions), { tagTimeoutMs: 150 });
      expect(first.status).toBe('timeout');
      expect(realmPoolStats()).toMatchObject({ created: 1, returned: 0, dropped: 1 });
      const second = await runTemplate(tag("require('logToConsole')('second');\ndata.gtmOnSuccess();"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(second.console).toEqual([{ level: 'log', message: 'second' }]);
      expect(realmPoolStats()).toMatchObject({ created: 2, reused: 0 });
    } finally {
      server.close();
    }
  });

  test('data carries over only through templateDataStorage', async () => {
    const storage = new Map<string, unknown>();
    const write = "require('templateDataStorage').setItemCopy('seen', data.value);\nreturn data.value;";
    const read = "return [data.value, require('templateDataStorage').getItemCopy('seen')];";
    expect((await runTemplate(macro(write), { data: { value: 'one' }, storage })).returnValue).toBe('one');
    expect((await runTemplate(macro(read), { storage })).returnValue).toEqual([undefined, 'one']);
    expect((await runTemplate(macro(read), {})).returnValue).toEqual([undefined, null]);
    expect(realmPoolStats()).toMatchObject({ created: 1, reused: 2 });
  });
});

describe('a long-lived realm still enforces the limits', () => {
  test('an endless loop times out after many reuses, and the next run gets a working realm', async () => {
    for (let i = 0; i < 5; i++) expect((await runTemplate(tag('data.gtmOnSuccess();'))).status).toBe('success');
    expect(realmPoolStats()).toMatchObject({ created: 1, reused: 4 });
    const looping = await runTemplate(tag('while (true) {}'), { tagTimeoutMs: 200 });
    expect(looping.status).toBe('timeout');
    expect(looping.console[0]).toEqual({ level: 'error', message: 'The template ran for more than 200 ms without returning (an endless loop?); stopped.' });
    expect(realmPoolStats()).toMatchObject({ created: 1, reused: 5, dropped: 1 });
    expect((await runTemplate(tag('data.gtmOnSuccess();'))).status).toBe('success');
  });

  test('the code generation ban holds in a reused realm', async () => {
    await probe('return 1;');
    const record = await probe("return ({})['constr' + 'uctor']['constr' + 'uctor']('return process')();");
    expect(record.error).toBe('EvalError: Code generation from strings disallowed for this context (template line 1)');
    expect(realmPoolStats().reused).toBe(1);
  });
});
