/**
 * Constructor chains: from every kind of value template code can hold, `value.constructor.constructor`
 * (written as a computed key, which the language check cannot see) must end in the sandbox's own
 * Function, which cannot compile strings. Each attack then tries to reach `process`, read the
 * canary variable and write the canary file; each must end as `exception` with EvalError.
 */
import { warmUp } from './lib/host-health';
import { closeUnits } from '../../sandbox-shim';
import { closedOrigin } from '../runtime/helpers';
import { expectContained, NO_CODEGEN, runAttack, type TemplateAttack } from './lib/attack';
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

/** languageCheck 'off' for code GTM would refuse (async, generators): the realm must hold on its own. */
async function expectBlocked(
  attack: TemplateAttack,
  { routes, languageCheck, error = NO_CODEGEN }: { routes?: Record<string, string>; languageCheck?: 'on' | 'off'; error?: RegExp } = {},
) {
  const outcome = await runAttack(attack, {
    run: { routes: routes ?? target.routes, eventData: { a: { b: [1, { c: 'x' }] } }, data: { list: [1], obj: { k: 'v' } }, languageCheck },
  });
  expectContained(outcome);
  expect(outcome.record!.status).toBe('exception');
  expect(outcome.record!.error).toMatch(error);
  // The chain itself was reached and ended in the sandbox's Function.
  expect(outcome.record!.console.map((e) => e.message)).toContainEqual(expect.stringMatching(NO_CODEGEN));
}

describe('literals and syntax', () => {
  test.each([
    ['a string literal', "pwnVia('x');"],
    ['a number literal', 'pwnVia(1);'],
    ['a boolean literal', 'pwnVia(true);'],
    ['an object literal', 'pwnVia({});'],
    ['an array literal', 'pwnVia([1, 2]);'],
    ['the arguments object', 'const f = function () { return arguments; };\npwnVia(f(1));'],
  ])('%s', async (_label, code) => expectBlocked({ code }));
});

describe('functions of every kind', () => {
  test.each([
    ['a function expression', 'pwnVia(function () { return 1; });', 'on'],
    ['an arrow function', 'pwnVia(() => 1);', 'on'],
    ['a bound function', 'pwnVia((() => 1).bind(null));', 'on'],
    ["an async function's own constructor (AsyncFunction)", 'pwn((async () => 1)[C]);', 'off'],
    ["a generator function's own constructor (GeneratorFunction)", 'pwn((function* () { yield 1; })[C]);', 'off'],
    ["an async generator's own constructor (AsyncGeneratorFunction)", 'pwn((async function* () { yield 1; })[C]);', 'off'],
    ['a generator object', 'pwnVia((function* () { yield 1; })());', 'off'],
    ['the promise an async function returns', 'pwnVia((async () => 1)());', 'off'],
    ['an error an async function rejects with', '(async () => (null).x)().then(null, (e) => pwnVia(e));', 'off'],
  ] as const)('%s', async (_label, code, languageCheck) => expectBlocked({ code }, { languageCheck }));
});

describe('what the sandbox hands in', () => {
  test.each([
    ['require', 'pwnVia(require);'],
    ['data', 'pwnVia(data);'],
    ['data.gtmOnSuccess', 'pwnVia(data.gtmOnSuccess);'],
    ['a data field value (array)', 'pwnVia(data.list);'],
    ['an API function (getType)', "pwnVia(require('getType'));"],
    ['an object API (JSON) and its method', "pwnVia(require('JSON'));\npwnVia(require('JSON').parse);"],
    ['getAllEventData()', "pwnVia(require('getAllEventData')());"],
    ["getEventData('a.b') (a nested array)", "pwnVia(require('getEventData')('a.b'));"],
    ['a JSON.parse result', "pwnVia(require('JSON').parse('{\"x\":{}}').x);"],
    ['getContainerVersion()', "pwnVia(require('getContainerVersion')());"],
    ['parseUrl()', "pwnVia(require('parseUrl')('https://a.example/b?c=d').searchParams);"],
    ["Object.keys() and Object.entries()", "pwnVia(require('Object').keys({a: 1}));\npwnVia(require('Object').entries({a: 1})[0]);"],
    ['a createRegex regex', "pwnVia(require('createRegex')('a+', 'g'));"],
    ['getCookieValues()', "pwnVia(require('getCookieValues')('x'));"],
    ['templateDataStorage', "pwnVia(require('templateDataStorage'));"],
    ['Math', "pwnVia(require('Math'));"],
  ])('%s', async (_label, code) => expectBlocked({ code }));
});

describe('errors from every API family (caught with a thenable, as try/catch is not allowed)', () => {
  const LOG_ONLY = { logging: { environments: 'all' } };
  test.each([
    ['http: send_http refuses the URL', "require('sendHttpRequest')('https://evil.example/')", undefined, /^sendHttpRequest: send_http does not allow https:\/\/evil.example\//],
    ['event data: read_event_data not declared', "require('getEventData')('a')", LOG_ONLY, /^getEventData: the template does not declare the read_event_data permission/],
    ['event data: addEventCallback without a function', "require('addEventCallback')(1)", undefined, undefined],
    ['request: read_request not declared', "require('getRequestHeader')('x')", LOG_ONLY, /^getRequestHeader: the template does not declare the read_request permission/],
    ['cookies: set_cookies not declared', "require('setCookie')('a', 'b')", LOG_ONLY, /^setCookie: the template does not declare the set_cookies permission/],
    ['container: read_container_data not declared', "require('getContainerVersion')()", LOG_ONLY, /^getContainerVersion: the template does not declare the read_container_data permission/],
    ['storage: access_template_storage not declared', "require('templateDataStorage').setItemCopy('a', 1)", LOG_ONLY, /^templateDataStorage.setItemCopy: the template does not declare the access_template_storage permission/],
    ['values: testRegex without a createRegex regex', "require('testRegex')(1, 'a')", undefined, undefined],
    ['promise: Promise.all of a non-array', "require('Promise').all(1)", undefined, undefined],
    ['time: callLater without a function', "require('callLater')(1)", undefined, undefined],
    ['crypto: hmacSha256 without use_custom_private_keys', "require('hmacSha256')('x', 'no-such-key')", undefined, /^hmacSha256: the template does not declare the use_custom_private_keys permission/],
    ['client: claimRequest from a tag', "require('claimRequest')()", undefined, undefined],
    ['client: setResponseStatus with a non-status', "require('setResponseStatus')('x')", undefined, undefined],
    ['messaging: sendMessage not declared', "require('sendMessage')('t', 1)", undefined, /^sendMessage: the template does not declare the use_message permission/],
    ['google cloud: BigQuery.insert not declared', "require('BigQuery').insert({projectId: 'p', datasetId: 'd', tableId: 't'}, [{}])", undefined, /^BigQuery.insert: the template does not declare the access_bigquery permission/],
    ['require: a Node module name', "require('fs')", undefined, undefined],
  ] as [string, string, Record<string, Record<string, unknown>> | undefined, RegExp?][])('%s', async (_label, call, permissions, error) => {
    // A permission violation decides the run (exception) at once; the chain is still tried after it.
    await expectBlocked({ code: `catchError(() => ${call}, (e) => pwnVia(e));`, permissions }, { error });
  });
});

describe('promise results and rejections', () => {
  test.each([
    ['a Promise.create result', `${P}\nPromise.create((resolve) => resolve({a: 1})).then((v) => pwnVia(v));`],
    ['a Promise.create rejection reason', `${P}\nPromise.create((resolve, reject) => reject('x')).then(null, (e) => pwnVia(e));`],
    ['a Promise.all result array', `${P}\nPromise.all([1, Promise.create((r) => r(2))]).then((all) => pwnVia(all));`],
    ['a Promise.all rejection', `${P}\nPromise.all([Promise.create((r, j) => j({why: 1}))]).then(null, (e) => pwnVia(e));`],
    ['the promise itself and what then() returns', `${P}\nconst p = Promise.create((r) => r(1));\npwnVia(p.then((v) => v));`],
    ['a thenable adopted by Promise.all', `${P}\nPromise.all([{then: (resolve) => resolve(require('getAllEventData')())}]).then((r) => pwnVia(r[0]));`],
    ['the resolve and reject functions', `${P}\nPromise.create((resolve, reject) => { pwnVia(resolve); pwnVia(reject); });`],
  ])('%s', async (_label, code) => expectBlocked({ code }));
});

describe('HTTP results (a real server on 127.0.0.1)', () => {
  const URL = "'https://business-api.tiktok.com/open_api/v1.3/event/track/'";
  test.each([
    ['the callback status code', `require('sendHttpRequest')(${URL}, (status) => pwnVia(status), {method: 'POST'}, '{}');`],
    ['the callback headers object', `require('sendHttpRequest')(${URL}, (status, headers) => pwnVia(headers), {method: 'POST'}, '{}');`],
    ['the callback set-cookie array', `require('sendHttpRequest')(${URL}, (status, headers) => pwnVia(headers['set-cookie']), {method: 'POST'}, '{}');`],
    ['the callback body', `require('sendHttpRequest')(${URL}, (status, headers, body) => pwnVia(body), {method: 'POST'}, '{}');`],
    ['the promise result object', `require('sendHttpRequest')(${URL}, {method: 'POST'}, '{}').then((r) => pwnVia(r));`],
    ['the parsed response body', `require('sendHttpRequest')(${URL}, {method: 'POST'}, '{}').then((r) => pwnVia(require('JSON').parse(r.body).data.list[1]));`],
    ['sendHttpGet', `require('sendHttpGet')(${URL}).then((r) => pwnVia(r.headers));`],
    ['the request promise itself', `pwnVia(require('sendHttpRequest')(${URL}, {method: 'POST'}, '{}'));`],
  ])('%s', async (_label, code) => expectBlocked({ code }));

  test('the rejection of a refused connection', async () => {
    const routes = { 'business-api.tiktok.com': await closedOrigin() };
    await expectBlocked({ code: `require('sendHttpRequest')(${URL}, {method: 'POST'}, '{}').then(() => data.gtmOnFailure(), (e) => pwnVia(e));` }, { routes });
  });
});
