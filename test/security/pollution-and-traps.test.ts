/**
 * Prototype pollution (checked on the host afterwards, and in the next run of a reused realm)
 * and traps — getters, toJSON, valueOf, toString, Symbol.toPrimitive, then — on values passed
 * to APIs: host code that touches them must never hand template code a host value, nor run it
 * outside the tag's time.
 */
import { warmUp } from './lib/host-health';
import { closeUnits, parseTemplate, runTemplate } from '../../sandbox-shim';
import { serverTag } from '../template/tpl-text';
import { expectTemplateAttackFails, NO_CODEGEN } from './lib/attack';

beforeAll(() => warmUp(), 30_000);
afterAll(() => closeUnits());
const OFF = { languageCheck: 'off' as const };

describe('prototype pollution', () => {
  test.each([
    ['Object.prototype through a computed constructor key', "({})[C].prototype.polluted = 'yes';", /^TypeError: Cannot add property polluted, object is not extensible/],
    ['Object.prototype through a computed __proto__ key', "({})['__pro' + 'to__'].isAdmin = true;", /^TypeError: Cannot add property isAdmin, object is not extensible/],
    ['Array.prototype', "([])[C].prototype.polluted = 'yes';", /^TypeError: Cannot add property polluted, object is not extensible/],
    ['Function.prototype', "require[C].prototype.polluted = 'yes';", /^TypeError: Cannot add property polluted, object is not extensible/],
    ['the prototype of an API result', "require('getAllEventData')()[C].prototype.then = (r) => r(1);", /^TypeError: Cannot add property then, object is not extensible/],
  ])('%s', async (_label, code, error) => {
    // `.prototype` is refused by the language check; the realm must hold on its own.
    await expectTemplateAttackFails({ code: `${code}\ndata.gtmOnSuccess();` }, { status: 'exception', error }, OFF);
  });

  test('a __proto__ key in event data and a parsed body stays an own key', async () => {
    const record = await expectTemplateAttackFails(
      {
        code: "const JSON = require('JSON');\nconst o = JSON.parse('{\"__proto__\": {\"polluted\": \"yes\"}}');\nconst all = require('getAllEventData')();\nreturn [o.polluted, all.polluted, ({}).polluted, o, all];",
        type: 'MACRO',
      },
      { status: 'success' },
      { eventData: JSON.parse('{"__proto__": {"polluted": "yes"}}') },
    );
    expect((record.returnValue as unknown[]).slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('an Object.prototype method replaced in one run is not seen by the next run (realm reuse)', async () => {
    await expectTemplateAttackFails(
      { code: "({})[C].prototype.hasOwnProperty = () => true;\n({})[C].prototype.toString = () => 'pwned';\ndata.gtmOnSuccess();" },
      { status: 'success' },
      { reuseRealm: true, languageCheck: 'off' },
    );
    const probe = parseTemplate(serverTag({ code: "return [({})['hasOwn' + 'Property']('x'), ({})['to' + 'String']()];", info: { type: 'MACRO', id: 'x', version: 1, securityGroups: [], displayName: 'p', containerContexts: ['SERVER'] } }), 'probe.tpl');
    for (let i = 0; i < 3; i++) expect((await runTemplate(probe, { reuseRealm: true })).returnValue).toEqual([false, '[object Object]']);
  });
});

describe('traps on values passed to APIs', () => {
  /** A trap that walks whatever the host hands it (arguments and this) to Function. */
  const TRAP = 'function () { for (let i = 0; i < arguments.length; i++) if (arguments[i] !== null && arguments[i] !== undefined) pwnVia(arguments[i]); if (this !== undefined) pwnVia(this); return 1; }';
  const define = (prop: string) => `const o = {a: 1};\n({})[C].defineProperty(o, ${prop}, {enumerable: true, get: ${TRAP}});`;

  test.each([
    ['a getter read when logToConsole copies its argument', `${define("'x'")}\nrequire('logToConsole')(o);`],
    ['a getter read by JSON.stringify', `${define("'x'")}\nrequire('JSON').stringify(o);`],
    ['a getter in sendHttpRequest options', `${define("'method'")}\nrequire('sendHttpRequest')('https://business-api.tiktok.com/x', o, '{}');`],
    ['a getter in setCookie options', `${define("'domain'")}\nrequire('setCookie')('a', 'b', o);`],
    ['a getter in templateDataStorage.setItemCopy', `${define("'x'")}\nrequire('templateDataStorage').setItemCopy('k', o);`],
    ['toJSON on a value given to JSON.stringify', `require('JSON').stringify({toJSON: ${TRAP}});`],
    ['toJSON on a value given to logToConsole', `require('logToConsole')({toJSON: ${TRAP}});`],
  ])('%s', async (_label, code) => {
    // Either the host never runs the trap (a copy reads own data properties only) and the tag
    // succeeds, or it runs it with sandbox values only and the chain hits the sandbox's Function.
    // The request (if the getter let it go) goes to a closed local port, never to the internet.
    const record = await expectTemplateAttackFails({ code: `${code}\ndata.gtmOnSuccess();` }, { status: 'success' }, { ...OFF, routes: { 'business-api.tiktok.com': 'http://127.0.0.1:9' } });
    expect(record.console.map((e) => e.message).filter((m) => !NO_CODEGEN.test(m) && /Error/.test(m))).toEqual([]);
  });

  // The conversions run on the caller's value itself, as native String()/Number() do: the trap
  // gets the sandbox object as `this` and its chain ends at the sandbox's Function.
  test.each([
    ['valueOf on a value given to makeNumber and Math.max', `require('makeNumber')({valueOf: ${TRAP}});\nrequire('Math').max({valueOf: ${TRAP}}, 1);`],
    ['toString on a value given to makeString, encodeUriComponent and sha256Sync', `const t = {toString: ${TRAP}};\nrequire('encodeUriComponent')(t);\nrequire('sha256Sync')(t);\nrequire('makeString')(t);`],
    ['Symbol.toPrimitive on a value given to makeInteger', `const t = {};\nt[({})[C].getOwnPropertySymbols(([])[C].prototype)[0][C].toPrimitive] = ${TRAP};\nrequire('makeInteger')(t);\nrequire('makeString')(t);`],
  ])('%s', async (_label, code) => {
    await expectTemplateAttackFails({ code: `${code}\ndata.gtmOnSuccess();` }, { status: 'exception', error: NO_CODEGEN }, OFF);
  });

  test('a then on an object handed to Promise.all receives only sandbox resolve functions', async () => {
    await expectTemplateAttackFails(
      { code: `require('Promise').all([{then: ${TRAP}}]).then(null, (e) => pwnVia(e));` },
      { status: 'exception', error: NO_CODEGEN },
      OFF,
    );
  });

  test.each(['unit', 'inline'] as const)('an own then / constructor defined on sandbox promises handed to Promise.all and returned (isolation %s)', async (isolation) => {
    const code = [
      'const O = ({})[C];',
      "const p = require('Promise').create((r) => r(1));",
      `O.defineProperty(p, 'then', {value: ${TRAP}});`,
      "const q = require('Promise').create((r) => r(2));",
      `O.defineProperty(q, 'constructor', {value: {resolve: ${TRAP}}});`,
      "require('Promise').all([p, q]).then(null, (e) => pwnVia(e));",
      'return p;',
    ].join('\n');
    await expectTemplateAttackFails({ code, type: 'MACRO' }, { status: 'exception', error: NO_CODEGEN }, { ...OFF, isolation });
  });

  test("a then on a variable's return value receives only sandbox resolve functions", async () => {
    await expectTemplateAttackFails({ code: `return {then: ${TRAP}};`, type: 'MACRO' }, { status: 'success' }, OFF);
  });
});
