/**
 * Template code must never reach the host: not process, not the host require, not a host
 * Function through constructor chains, not host prototypes. Each attempt below runs in the
 * sandbox and must fail.
 *
 * Most attempts use constructs the language check refuses (constructor, this, __proto__…), so
 * they run with `languageCheck: 'off'`: the realm's defences must hold on their own, for code
 * the checker misses and for runs that switch it off.
 */
import vm from 'node:vm';
import nock from 'nock';
import { Realm } from '../../sandbox-shim/runtime/realm';
import { runTemplate } from '../../sandbox-shim/runtime/run-template';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';
import { closedOrigin, makeTemplate, TIKTOK_ONLY } from './helpers';

const NO_CODEGEN = 'EvalError: Code generation from strings disallowed for this context (template line 1)';
const PERMS = { ...TIKTOK_ONLY, read_event_data: { eventDataAccess: 'any' }, read_container_data: {} };
const C = "['constr' + 'uctor']";

const attempt = (code: string) => runTemplate(makeTemplate({ code, type: 'MACRO', permissions: PERMS }), { eventData: { a: { b: [1] } }, tagTimeoutMs: 2000, languageCheck: 'off' });

beforeAll(() => {
  nock.disableNetConnect();
  // The rejection-value escape needs a real refused connection on loopback.
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('constructor chains end in a Function that cannot compile code', () => {
  test.each([
    ['require', `return require${C}${C}('return process')();`],
    ['require via constructor.constructor', `return require.constructor('return this')();`],
    ['an API function', `return require('getType')${C}('return process')();`],
    ['an API return value (object)', `return require('getAllEventData')()${C}${C}('return process')();`],
    ['an API return value (nested array)', `return require('getEventData')('a.b')${C}${C}('return process')();`],
    ['an object API method', `return require('JSON').parse${C}('return process')();`],
    ['an object API result', `return require('JSON').parse('{"x":{}}').x${C}${C}('return process')();`],
    ['the injected data.gtmOnSuccess', `return data.gtmOnSuccess${C}('return process')();`],
    ['a copied data value', `return data.list${C}${C}('return process')();`],
    ['a sandbox promise', `return require('Promise').create((r) => r())${C}${C}('return process')();`],
    ['a literal', `return ({})${C}${C}('return process')();`],
    ['Function.prototype methods', `return require.call${C}('return process')();`],
  ])('through %s', async (_label, code) => {
    const record = await runTemplate(makeTemplate({ code, type: 'TAG', permissions: PERMS }), { data: { list: [1] }, eventData: { a: { b: [1] } }, languageCheck: 'off' });
    expect(record.status).toBe('exception');
    expect(record.error).toBe(NO_CODEGEN);
  });

  test('through the arguments of a sendHttpRequest callback and a promise resolution', async () => {
    nock('https://business-api.tiktok.com').get('/a').reply(200, 'x', { 'X-A': '1' });
    nock('https://business-api.tiktok.com').get('/b').reply(200, 'y');
    const viaCallback = await runTemplate(
      makeTemplate({
        code: `require('sendHttpRequest')('https://business-api.tiktok.com/a', (status, headers) => {\n  headers${C}${C}('return process')();\n});`,
        permissions: PERMS,
      }),
      { languageCheck: 'off' },
    );
    expect(viaCallback.error).toBe(NO_CODEGEN.replace('line 1', 'line 2'));
    const viaPromise = await attempt(`return require('sendHttpRequest')('https://business-api.tiktok.com/b').then((r) => r${C}${C}('return process')());`);
    expect(viaPromise.error).toBe(NO_CODEGEN);
  });

  test('through a rejection value', async () => {
    const routes = { 'business-api.tiktok.com': await closedOrigin() };
    const record = await runTemplate(
      makeTemplate({ code: `return require('sendHttpRequest')('https://business-api.tiktok.com/c').then(() => 1, (e) => e${C}${C}('return process')());`, type: 'MACRO', permissions: PERMS }),
      { routes, languageCheck: 'off' },
    );
    expect(record.error).toBe(NO_CODEGEN);
  });

  test('through the test API globals', async () => {
    const template = makeTemplate({
      code: 'return 1;',
      type: 'MACRO',
      scenarios: [
        { name: 'runCode', code: `runCode${C}('return process')();` },
        { name: 'assertThat result', code: `assertThat(1)${C}${C}('return process')();` },
        { name: 'mock function', code: `mock${C}('return process')();` },
      ],
    });
    const report = await runTemplateTests(template, {});
    expect(report.scenarios.map((s) => s.error)).toEqual([
      'EvalError: Code generation from strings disallowed for this context (scenario line 1)',
      'EvalError: Code generation from strings disallowed for this context (scenario line 1)',
      'EvalError: Code generation from strings disallowed for this context (scenario line 1)',
    ]);
  });
});

describe('no host object is reachable', () => {
  test('API results are objects of the sandbox realm', async () => {
    nock('https://business-api.tiktok.com').get('/d').reply(200, 'z', { 'Set-Cookie': ['a=1'] });
    const record = await attempt(`
      const O = ({})${C};
      const A = ([])${C};
      const own = (x) => O.getPrototypeOf(x) === O.prototype;
      const ownArray = (x) => O.getPrototypeOf(x) === A.prototype;
      const all = require('getAllEventData')();
      const version = require('getContainerVersion')();
      return require('sendHttpRequest')('https://business-api.tiktok.com/d').then((r) => [
        own(all), own(all.a), ownArray(all.a.b), own(version), own(r), own(r.headers), ownArray(r.headers['set-cookie']),
        O.getPrototypeOf(require) === O.getPrototypeOf(() => 1),
      ]);`);
    expect(record.returnValue).toEqual([true, true, true, true, true, true, true, true]);
  });

  test('require knows only sandbox APIs, never Node modules', async () => {
    for (const name of ['fs', 'child_process', 'process', 'module']) {
      expect((await attempt(`return require('${name}');`)).error).toBe(`Error: Unknown API: ${name} (template line 1)`);
    }
  });

  test('this is undefined and arguments.callee / fn.caller are poisoned', async () => {
    expect((await attempt('return [typeof this, (function () { return typeof this; })()];')).returnValue).toEqual(['undefined', 'undefined']);
    expect((await attempt('return (function () { return arguments.callee; })();')).error).toMatch(/^TypeError: 'caller', 'callee', and 'arguments' properties may not be accessed/);
    expect((await attempt("return require('getType').caller;")).error).toMatch(/^TypeError: 'caller', 'callee', and 'arguments' properties may not be accessed/);
  });

  test('intrinsic prototypes cannot be extended and Promise cannot be patched', async () => {
    expect((await attempt('({}).constructor.prototype.then = (r) => r;')).error).toBe(
      'TypeError: Cannot add property then, object is not extensible (template line 1)',
    );
    expect((await attempt("require('Promise').create((r) => r()).constructor.prototype.then = 1;")).error).toBe(
      "TypeError: Cannot assign to read only property 'then' of object '#<Promise>' (template line 1)",
    );
    expect((await attempt('([]).constructor.prototype.then = 1;')).error).toBe('TypeError: Cannot add property then, object is not extensible (template line 1)');
  });

  test('Error.prepareStackTrace cannot be set (no CallSite objects with host functions)', () => {
    const realm = new Realm();
    const err = realm.toSandboxError(new TypeError('from the host'));
    const probe = new vm.Script(`(function (e) { 'use strict'; e.constructor.prepareStackTrace = function () { return 1; }; })`).runInContext(realm.context);
    expect(() => probe(err)).toThrow("Cannot assign to read only property 'prepareStackTrace'");
    expect(realm.owns(err)).toBe(true);
    expect(err.name).toBe('TypeError');
  });

  test('a host error becomes a sandbox error; a host function becomes a sandbox wrapper', () => {
    const realm = new Realm();
    const hostFn = () => ({ nested: [1] });
    const wrapped = realm.toSandbox(hostFn);
    expect(realm.owns(wrapped)).toBe(true);
    expect(wrapped).not.toBe(hostFn);
    const result = (wrapped as () => { nested: number[] })();
    expect(realm.owns(result) && realm.owns(result.nested)).toBe(true);
    expect(realm.fromSandbox(wrapped)).toBe(hostFn);
    const thrower = realm.toSandbox(() => {
      throw new RangeError('host');
    }) as () => void;
    let caught: unknown;
    try {
      thrower();
    } catch (e) {
      caught = e;
    }
    expect(realm.owns(caught as object)).toBe(true);
    expect(caught).not.toBeInstanceOf(RangeError);
    expect((caught as Error).message).toBe('host');
  });

  test('regexes made for createRegex belong to the realm and work after its globals are gone', () => {
    const realm = new Realm();
    const re = realm.sb.newRegExp('b+', 'g');
    expect(realm.owns(re)).toBe(true);
    expect('abbcb'.replace(re, '-')).toBe('a-c-');
  });

  test('the global symbol registry (shared with the host) is closed', async () => {
    const record = await attempt("const S = ({}).constructor.getOwnPropertySymbols(([]).constructor.prototype)[0].constructor;\nreturn S['for']('nodejs.util.inspect.custom');");
    expect(record.error).toBe('TypeError: Symbol.for and Symbol.keyFor are not available in the sandbox (template line 2)');
  });

  test('host-made proxies and host functions hidden in sandbox objects are wrapped on the way in', () => {
    const realm = new Realm();
    const sandboxFn = realm.toSandbox(() => 1) as object;
    const proxy = new Proxy(sandboxFn, { get: () => () => 'host' });
    const passed = realm.toSandbox(proxy);
    expect(passed).not.toBe(proxy);
    expect(realm.owns(passed as object)).toBe(true);

    const hostFn = () => 2;
    const api = realm.toSandbox(() => {
      const o = realm.sb.newObject();
      o.inner = hostFn;
      o.nested = realm.sb.newObject();
      (o.nested as Record<string, unknown>).fn = hostFn;
      return o;
    }) as () => { inner: Function; nested: { fn: Function } };
    const result = api();
    expect(realm.owns(result.inner)).toBe(true);
    expect(realm.owns(result.nested.fn)).toBe(true);
    expect(result.inner()).toBe(2);
  });

  test('the template cannot call the context runner with its own function to escape the watchdog', async () => {
    const record = await attempt("return typeof __sgtm_run;");
    expect(record.returnValue).toBe('undefined');
  });
});
