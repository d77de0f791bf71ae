/**
 * The pure APIs (values family) exist twice: as host functions behind the boundary (what
 * ___TESTS___ template code gets, recorded for assertApi and replaceable by mock) and as sandbox
 * code inside the realm (what runTemplate and test code get: no crossing, no copy). Template code
 * must not be able to tell them apart, and the shared in-realm functions must carry nothing from
 * one run to the next.
 */
import { compileBody } from '../../sandbox-shim/runtime/compile';
import { clearRealmPool } from '../../sandbox-shim/runtime/realm-pool';
import { environmentFor, runTemplate } from '../../sandbox-shim/runtime/run-template';
import { Session } from '../../sandbox-shim/runtime/session';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';
import { makeTemplate } from '../runtime/helpers';

/** Sandbox-made inputs: every kind of value template code can hand a pure API. */
const INPUTS = `
  const parsed = JSON.parse('{"__proto__": {"x": 1}, "a": [1, "2", null]}');
  const inputs = [
    undefined, null, true, false, 0, -0, 3.99, -12.7, NaN, Infinity, '', ' 42 ', 'abc', '12.7', '1e3',
    [], [7], [1, 2], [[1, [2]], 'x'], {}, {a: 1, b: [2, 3]}, parsed,
    {toString: function () { return 'custom'; }, valueOf: function () { return 41; }},
    {toJSON: function () { return {via: 'toJSON', self: typeof this}; }},
    function named() { return 1; }, [undefined, function () {}], {f: function () {}, u: undefined, n: null},
  ];
`;

/** Calls every pure API on every input (and a few multi-argument shapes) and describes each result as text. */
const PROBE = `
const JSON = require('JSON');
const Math = require('Math');
const Object = require('Object');
const makeString = require('makeString');
const makeNumber = require('makeNumber');
const makeInteger = require('makeInteger');
const makeTableMap = require('makeTableMap');
const getType = require('getType');
${INPUTS}
const out = [];
const describe = function (value) {
  const kind = getType(value);
  if (kind === 'number') return 'number:' + (value !== value ? 'NaN' : (1 / value === -Infinity ? '-0' : makeString(value)));
  if (kind === 'object' || kind === 'array') return kind + ':' + JSON.stringify(value) + ':' + Object.keys(value).join('|');
  return kind + ':' + makeString(value);
};
for (let i = 0; i < inputs.length; i++) {
  const v = inputs[i];
  out.push([i, describe(makeString(v)), describe(makeNumber(v)), describe(makeInteger(v)), getType(v), describe(JSON.stringify(v)),
    describe(Object.keys(v)), describe(Object.values(v)), describe(Object.entries(v)),
    describe(Math.abs(v)), describe(Math.ceil(v)), describe(Math.floor(v)), describe(Math.round(v)), describe(Math.sqrt(v)), describe(Math.pow(v, 2)),
    describe(makeTableMap(v, 'k', 'v'))].join(' '));
}
out.push(describe(Math.max()), describe(Math.max(1, '5', [3])), describe(Math.min(2, 'x')), describe(Math.min('-1', null)));
out.push(describe(JSON.parse('{"a":[1,{"b":null}],"__proto__":{"p":1}}')), describe(JSON.parse('nope')), describe(JSON.parse(undefined)), describe(JSON.parse(42)));
const circular = {};
circular.self = circular;
out.push(describe(JSON.stringify(circular)));
out.push(describe(makeTableMap([{k: 'a', v: 1}, {k: '__proto__', v: {p: 1}}, {k: 'b'}, {v: 2}], 'k', 'v')), describe(makeTableMap([{k: 'a', v: 1}, 'row'], 'k', 'v')), describe(makeTableMap([{k: 'a'}], 'k', 'v')));
const frozen = Object.freeze({a: 1});
let refused = 'no';
try { frozen.b = 2; } catch (e) { refused = e.name; }
const gone = {a: 1, b: 2};
out.push(describe(frozen), refused, describe(Object.delete(gone, 'a')), describe(gone), describe(Object.delete('text', 'length')), describe(Object.freeze(5)));
return out;
`;

/** Runs PROBE in a session of its own: recording (host functions, as ___TESTS___ template code) or not (in-realm). */
function probe(recordCalls: boolean): unknown {
  const session = new Session(environmentFor('run', makeTemplate({ type: 'MACRO', code: 'return 1;' }), {}));
  session.recordCalls = recordCalls;
  try {
    const compiled = compileBody(PROBE, ['require'], 'sgtm-template:parity.tpl', (line) => `template line ${line}`);
    const fn = session.realm.instantiate(compiled.script);
    return session.realm.fromSandbox(session.runSandbox(fn, [session.makeRequire()]));
  } finally {
    session.dispose();
  }
}

describe('in-realm pure APIs', () => {
  test('give template code exactly what the host functions give, on every kind of value', () => {
    const inRealm = probe(false) as string[];
    const host = probe(true) as string[];
    expect(inRealm).toEqual(host);
    // Spot checks of the shared answers, so the comparison cannot pass on two equal wrong outputs.
    expect(inRealm[23]).toBe(
      '23 string:[object Object] number:NaN number:NaN object string:{"via":"toJSON","self":"object"} array:["toJSON"]:0 array:[null]:0 array:[["toJSON",null]]:0 number:NaN number:NaN number:NaN number:NaN number:NaN number:NaN null:null',
    );
    expect(inRealm[21]).toContain('object string:{"__proto__":{"x":1},"a":[1,"2",null]} array:["__proto__","a"]:0|1');
    expect(inRealm[24]).toMatch(/^24 string:function named\(\) \{ return 1; \} number:NaN number:NaN function undefined:undefined /);
    expect(inRealm.slice(27)).toEqual([
      'number:-Infinity', 'number:5', 'number:NaN', 'number:-1',
      'object:{"a":[1,{"b":null}],"__proto__":{"p":1}}:a|__proto__', 'undefined:undefined', 'undefined:undefined', 'number:42',
      'undefined:undefined',
      'object:{"a":1,"__proto__":{"p":1}}:a|__proto__', 'null:null', 'null:null',
      'object:{"a":1}:a', 'TypeError', 'boolean:true', 'object:{"b":2}:b', 'boolean:false', 'number:5',
    ]);
  });

  test('runTemplate hands template code the in-realm functions; a ___TESTS___ run the recorded host ones', async () => {
    // A host wrapper is named after the API; the in-realm function is a method of the family's table.
    const code = "const getType = require('getType'); return getType.name + ':' + getType(data.v) + ':' + require('JSON').stringify({a: data.v});";
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code }), { data: { v: [1] }, isolation: 'inline' });
    expect(record.returnValue).toBe('getType:array:{"a":[1]}');
    const tests = await runTemplateTests(
      makeTemplate({
        type: 'MACRO',
        code,
        scenarios: [{ name: 'recorded', code: "assertThat(runCode({v: [1]})).isEqualTo('getType:array:{\"a\":[1]}');\nassertApi('getType').wasCalledWith([1]);\nmock('getType', function () { return 'mocked'; });\nassertThat(runCode({v: 2})).isEqualTo('getType:mocked:{\"a\":2}');" }],
      }),
      { isolation: 'inline' },
    );
    expect(tests.scenarios.map((s) => [s.name, s.passed, s.error])).toEqual([['recorded', true, undefined]]);
  });
});

describe('the shared in-realm functions of a pooled realm', () => {
  beforeEach(() => clearRealmPool());

  test('cannot be changed by one run for the next (canary: the second run sees the real APIs)', async () => {
    const attack = [
      "const getType = require('getType');",
      "const JSON = require('JSON');",
      'const tries = [];',
      "try { getType.canary = 'CANARY-getType'; tries.push('set'); } catch (e) { tries.push(e.name); }",
      "try { Object.defineProperty; } catch (e) {}",
      "JSON.stringify = function () { return 'CANARY-stringify'; };",
      "try { require('Math').max.canary = 'CANARY-max'; tries.push('set'); } catch (e) { tries.push(e.name); }",
      "try { Object.getPrototypeOf; } catch (e) {}",
      'return tries;',
    ].join('\n');
    const check = "return [require('getType').canary, require('JSON').stringify({a: 1}), require('Math').max.canary, require('getType')(null)];";
    const options = { isolation: 'inline' as const, languageCheck: 'off' as const };
    const first = await runTemplate(makeTemplate({ type: 'MACRO', code: attack }), options);
    expect(first.status).toBe('success');
    expect(first.returnValue).toEqual(['TypeError', 'TypeError']);
    const second = await runTemplate(makeTemplate({ type: 'MACRO', code: check }), options);
    expect(second.returnValue).toEqual([undefined, '{"a":1}', undefined, 'null']);
  });

  test('do not reach the host: their constructor chain compiles no code and sees no host global', async () => {
    const code = [
      "const fns = [require('getType'), require('JSON').stringify, require('Object').keys, require('makeTableMap')];",
      'const out = [];',
      'for (let i = 0; i < fns.length; i++) {',
      "  try { out.push(fns[i].constructor('return typeof process')()); } catch (e) { out.push(e.name); }",
      '}',
      'return out;',
    ].join('\n');
    const record = await runTemplate(makeTemplate({ type: 'MACRO', code }), { isolation: 'inline', languageCheck: 'off' });
    expect(record.returnValue).toEqual(['EvalError', 'EvalError', 'EvalError', 'EvalError']);
  });
});
