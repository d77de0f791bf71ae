/**
 * Values crossing the sandbox boundary: promises passed to APIs as arguments, keys named
 * __proto__, and the sandbox Promise that API families use.
 */
import { environmentFor, runTemplate } from '../../sandbox-shim/runtime/run-template';
import { Session } from '../../sandbox-shim/runtime/session';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';
import { ALL_LOGGING, makeTemplate } from './helpers';

describe('a sandbox promise passed as an API argument', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  test('is an object to getType, logs and stringifies as {}, and its later rejection reaches no host handler', async () => {
    const code = [
      "const P = require('Promise');",
      "const p = P.create(function (resolve, reject) { require('callLater')(function () { reject('no'); }); });",
      "require('logToConsole')(p);",
      "return [require('getType')(p), require('JSON').stringify({p: p})];",
    ].join('\n');
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code, permissions: ALL_LOGGING }));
    // Give Node the turn in which it reports unhandled rejections.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    expect(record.status).toBe('success');
    expect(record.returnValue).toEqual(['object', '{"p":{}}']);
    expect(record.console).toEqual([{ level: 'log', message: '{}' }]);
  });

  test('Promise.all still waits for promises given to it', async () => {
    const code = "const P = require('Promise');\nreturn P.all([P.create(function (resolve) { require('callLater')(function () { resolve(1); }); }), 2]);";
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code }));
    expect(record.returnValue).toEqual([1, 2]);
  });
});

describe('a key named __proto__ stays an own key in every copy', () => {
  test('getAllEventData shows it as an own key, nothing is polluted, and the record carries it back out', async () => {
    const code = [
      "const all = require('getAllEventData')();",
      "const k = '__proto' + '__';",
      "return {keys: require('Object').keys(all), own: all.hasOwnProperty(k), inner: all[k].x, inherited: all.x, fresh: ({}).x, all: all};",
    ].join('\n');
    const eventData = JSON.parse('{"__proto__": {"x": 1}, "event_name": "purchase"}');
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code, permissions: { read_event_data: { eventDataAccess: 'any' } } }), { eventData });
    expect(record.error).toBeUndefined();
    const out = record.returnValue as Record<string, unknown>;
    expect(out.keys).toEqual(['__proto__', 'event_name']);
    expect(out.own).toBe(true);
    expect(out.inner).toBe(1);
    expect(out.inherited).toBeUndefined();
    expect(out.fresh).toBeUndefined();
    // Copied out of the sandbox and through the redactor: still an own key, prototype untouched.
    const all = out.all as Record<string, unknown>;
    expect(Object.keys(all)).toEqual(['__proto__', 'event_name']);
    expect(Object.getPrototypeOf(all)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(all, '__proto__')?.value).toEqual({ x: 1 });
    expect(Object.keys(record.eventData)).toEqual(['__proto__', 'event_name']);
    expect(Object.getPrototypeOf(record.eventData)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('ctx.Promise (the sandbox Promise API families build on)', () => {
  const session = () => new Session(environmentFor('run', makeTemplate({ type: 'MACRO', code: 'return 1;' }), {}));

  test('resolve, reject, all, allSettled, race and any return sandbox promises with host values copied in', async () => {
    const s = session();
    const P = s.ctx.Promise;
    const results = [
      P.resolve({ a: 1 }),
      P.reject('no'),
      P.all([P.resolve(1), Promise.resolve(2), 3]),
      P.allSettled([P.reject('x'), 1]),
      P.race([new P(() => {}), P.resolve('first')]),
      P.any([P.reject('x'), P.resolve('ok')]),
      new P((resolve) => resolve([1, 2])),
    ];
    expect(results.every((p) => s.realm.isSandboxPromise(p))).toBe(true);
    const settled = await Promise.all(results.map((p) => s.realm.promiseFromSandbox(p).then((value) => ({ value }), (reason) => ({ reason }))));
    expect(settled).toEqual([
      { value: { a: 1 } },
      { reason: 'no' },
      { value: [1, 2, 3] },
      { value: [{ status: 'rejected', reason: 'x' }, { status: 'fulfilled', value: 1 }] },
      { value: 'first' },
      { value: 'ok' },
      { value: [1, 2] },
    ]);
    s.dispose();
  });

  test('a promise made with new settles with a sandbox copy and not at all once the run is over', async () => {
    const s = session();
    let later: (v: unknown) => void = () => {};
    const p = new s.ctx.Promise((resolve) => {
      later = resolve;
    });
    s.dispose();
    later('too late');
    const state = await Promise.race([s.realm.promiseFromSandbox(p).then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 20))]);
    expect(state).toBe('pending');
  });
});

describe('request headers and routes are looked up as own keys only', () => {
  const READ_ALL = { read_request: { requestAccess: 'any' } };

  test('a header named __proto__ is an ordinary header; constructor/toString are absent, not Object.prototype members', async () => {
    const code = "const h = require('getRequestHeader');\nreturn [h('__proto__'), h('user-agent'), h('constructor'), h('toString')];";
    const headers = JSON.parse('{"__proto__": "odd", "User-Agent": "ua"}');
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code, permissions: READ_ALL }), { request: { headers } });
    expect(record.error).toBeUndefined();
    expect(record.returnValue).toEqual(['odd', 'ua', undefined, undefined]);
  });

  test('a URL whose host is __proto__ is not "routed" to Object.prototype', async () => {
    // In a test scenario an unrouted request is not sent and warned about, which shows the route lookup found nothing.
    const template = makeTemplate({
      type: 'MACRO',
      code: "require('sendHttpRequest')('http://__proto__/x');\nreturn 1;",
      permissions: { send_http: { allowedUrls: 'any' } },
      scenarios: [{ name: 'send', code: 'runCode({});' }],
    });
    const report = await runTemplateTests(template, { routes: { 'business-api.tiktok.com': 'http://127.0.0.1:9' } });
    expect(report.scenarios[0]).toMatchObject({ passed: true });
    expect(report.warnings.map((w) => [w.code, w.url])).toEqual([['network_not_sent', 'http://__proto__/x']]);
    expect(report.warnings[0].message).toContain('--route __proto__=http://127.0.0.1:PORT');
  });
});

describe('copying a value out never runs template code outside the watchdog', () => {
  // A getter reached through a constructor chain (the language check sees only literal names).
  const DEFINE = "const C = 'constr' + 'uctor';\nconst O = ({})[C];\n";

  test('an endless getter on a returned object is not called: the property is left out', async () => {
    const code = `${DEFINE}const o = {a: 1};\nO.defineProperty(o, 'x', {enumerable: true, get: function () { while (true) {} }});\no.__defineGetter__('y', function () { while (true) {} });\nreturn o;`;
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code }), { tagTimeoutMs: 1000 });
    expect(record.status).toBe('success');
    expect(record.returnValue).toEqual({ a: 1 });
  });

  test('a rejection value whose toJSON loops is described without calling it', async () => {
    const code = "return require('Promise').create(function (resolve, reject) { reject({toJSON: function () { while (true) {} }}); });";
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code }), { tagTimeoutMs: 300 });
    expect(record.status).toBe('exception');
    expect(record.error).toBe('Uncaught value: {}');
  });

  test('an uncaught value is described from its data properties only (no toJSON, no getter runs)', async () => {
    const run = (code: string) => runTemplate(makeTemplate({ type: 'MACRO', code }), { tagTimeoutMs: 1000, languageCheck: 'off' });
    const withToJson = await run("require('callLater')(function () { throw {a: [1, 2], toJSON: function () { while (true) {} }}; });\nreturn 1;");
    expect(withToJson.error).toBe('Uncaught value: {"a":[1,2]}');
    const withGetter = await run(`${DEFINE}const e = {};\nO.defineProperty(e, 'message', {get: function () { while (true) {} }});\nO.defineProperty(e, 'code', {get: function () { while (true) {} }});\nrequire('callLater')(function () { throw e; });\nreturn 1;`);
    expect(withGetter.error).toBe('Uncaught value: {}');
  });

  test('a returned function called by host code after the run (toJSON in JSON.stringify) does nothing', async () => {
    const code = 'return {a: 1, toJSON: function () { while (true) {} }};';
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code }), { tagTimeoutMs: 300 });
    expect(record.status).toBe('success');
    expect(JSON.parse(JSON.stringify(record)).returnValue).toBeUndefined();
    expect(Object.keys(record.returnValue as object)).toEqual(['a', 'toJSON']);
  });

  test('a returned promise with a constructor getter is refused instead of followed', async () => {
    const code = `${DEFINE}const p = require('Promise').create(function (resolve) { resolve(1); });\nO.defineProperty(p, C, {get: function () { while (true) {} }});\nreturn p;`;
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code }), { tagTimeoutMs: 1000 });
    expect(record.status).toBe('exception');
    expect(record.error).toBe('TypeError: a promise whose constructor was changed cannot be followed');
    const swapped = `${DEFINE}const P = require('Promise');\nconst p = P.create(function (resolve) { resolve(1); });\nconst evil = O.create(O.getPrototypeOf(p));\nO.defineProperty(evil, C, {get: function () { while (true) {} }});\nO.setPrototypeOf(p, evil);\nreturn p;`;
    const viaProto = await runTemplate(makeTemplate({ type: 'MACRO', code: swapped }), { tagTimeoutMs: 1000 });
    expect(viaProto.error).toBe('TypeError: a promise whose constructor was changed cannot be followed');
  });
});
