import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTemplate } from '../../sandbox-shim/template/parse';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';
import type { TestReport } from '../../sandbox-shim/types';
import { ALL_LOGGING, makeTemplate, TIKTOK_ONLY } from '../runtime/helpers';

const fixture = (name: string) => parseTemplate(readFileSync(path.join(__dirname, '..', 'fixtures', 'runtime', name), 'utf8'), name);
const outcome = (report: TestReport) => report.scenarios.map((s) => [s.name, s.passed, s.error ?? null]);

describe('fixture templates', () => {
  test('tests-demo.tpl: exact pass/fail per scenario and messages', async () => {
    const report = await runTemplateTests(fixture('tests-demo.tpl'), {});
    expect(outcome(report)).toEqual([
      ['succeeds on 200', true, null],
      ['fails on 500 (thenable mock)', true, null],
      [
        'wrong expectation inside the mock',
        false,
        'body sent to TikTok: Expected {"event":"Purchase","at":1700000000000} to equal {"event":"Lead","at":1700000000000}',
      ],
      ['deferred assertion fails', false, 'Expected gtmOnFailure to be called'],
      ['unmocked network is held with a warning', true, null],
    ]);
    expect(report.warnings.map((w) => [w.code, w.scenario, w.url])).toEqual([
      ['network_not_sent', 'unmocked network is held with a warning', 'https://business-api.tiktok.com/open_api/v1.3/event/track/'],
    ]);
    expect([report.passed, report.failed]).toEqual([3, 2]);
  });

  test('variable.tpl: thenable mocks are synchronous, mockObject(Promise) with the real Promise captured in setup', async () => {
    const report = await runTemplateTests(fixture('variable.tpl'), {});
    expect(outcome(report)).toEqual([
      ['thenable mock gives a synchronous result', true, null],
      ['mockObject Promise.all rejecting', true, null],
      ['mock of an object API with a function exposes its result', true, null],
      ['runCode twice with changed data', true, null],
      ['wrong return value', false, 'Expected "lookup:b" to equal "lookup:c"'],
    ]);
  });

  test('filter runs only matching scenarios', async () => {
    const report = await runTemplateTests(fixture('tests-demo.tpl'), { filter: 'thenable' });
    expect(outcome(report)).toEqual([['fails on 500 (thenable mock)', true, null]]);
  });
});

describe('scenario model', () => {
  const run = (spec: Parameters<typeof makeTemplate>[0], options = {}) => runTemplateTests(makeTemplate(spec), options);

  test('setup and code share one scope; mocks from setup apply and a scenario mock overrides; mocks reset between scenarios', async () => {
    const report = await run({
      type: 'MACRO',
      code: "return require('getTimestampMillis')();",
      setup: "let base = 10;\nmock('getTimestampMillis', 111);",
      scenarios: [
        { name: 'setup mock', code: 'base = base + 1;\nassertThat(runCode({})).isEqualTo(111);\nassertThat(base).isEqualTo(11);' },
        { name: 'override', code: "mock('getTimestampMillis', () => 222);\nassertThat(runCode({})).isEqualTo(222);" },
        { name: 'fresh scope again', code: 'assertThat(base).isEqualTo(10);\nassertThat(runCode({})).isEqualTo(111);' },
      ],
    });
    expect(outcome(report)).toEqual([
      ['setup mock', true, null],
      ['override', true, null],
      ['fresh scope again', true, null],
    ]);
  });

  test('a mock set in one scenario does not leak into the next', async () => {
    const report = await run({
      type: 'MACRO',
      code: "return require('getType')(data.v);",
      scenarios: [
        { name: 'mocked', code: "mock('getType', 'mocked');\nassertThat(runCode({v: 1})).isEqualTo('mocked');" },
        { name: 'real', code: "assertThat(runCode({v: 1})).isEqualTo('number');" },
      ],
    });
    expect(report.failed).toBe(0);
  });

  test('assertApi: wasCalledWith matches any call (functions by identity); messages list the calls', async () => {
    const report = await run({
      code: "const log = require('logToConsole');\nlog('a', 1);\nlog('b', {x: [2]});\ndata.gtmOnSuccess();",
      permissions: ALL_LOGGING,
      scenarios: [
        { name: 'any call', code: "runCode({});\nassertApi('logToConsole').wasCalledWith('b', {x: [2]});\nassertApi('logToConsole').wasNotCalledWith('c');\nassertApi('gtmOnSuccess').wasCalled();\nassertApi('gtmOnFailure').wasNotCalled();" },
        { name: 'miss', code: "runCode({});\nassertApi('logToConsole').wasCalledWith('b', {x: [3]});" },
        { name: 'not called', code: "assertApi('logToConsole').wasCalled();" },
        { name: 'called too much', code: "runCode({});\nrunCode({});\nassertApi('gtmOnSuccess').wasNotCalled();" },
        { name: 'called with', code: "runCode({});\nassertApi('logToConsole').wasNotCalledWith('a', 1);" },
      ],
    });
    expect(outcome(report)).toEqual([
      ['any call', true, null],
      ['miss', false, 'Expected logToConsole to be called with ["b",{"x":[3]}], but its calls were: ["a",1]; ["b",{"x":[2]}]'],
      ['not called', false, 'Expected logToConsole to be called'],
      ['called too much', false, 'Expected gtmOnSuccess not to be called, but it was called 2 times'],
      ['called with', false, 'Expected logToConsole not to be called with ["a",1]'],
    ]);
    expect(report.scenarios[0].console).toEqual([
      { level: 'log', message: 'a 1' },
      { level: 'log', message: 'b {"x":[2]}' },
    ]);
  });

  test('wasCalledWith compares functions by identity (the captured callback)', async () => {
    const report = await run({
      code: "require('callLater')(data.cb);\ndata.gtmOnSuccess();",
      scenarios: [
        { name: 'same function', code: "const cb = () => 1;\nrunCode({cb: cb});\nassertApi('callLater').wasCalledWith(cb);" },
        { name: 'other function', code: "const cb = () => 1;\nrunCode({cb: cb});\nassertApi('callLater').wasCalledWith(() => 1);" },
      ],
    });
    expect(outcome(report)).toEqual([
      ['same function', true, null],
      ['other function', false, 'Expected callLater to be called with [function], but its calls were: [function cb]'],
    ]);
  });

  test('assertions inside callLater and promise callbacks count; fail() ends the scenario', async () => {
    const report = await run({
      code: 'data.gtmOnSuccess();',
      setup: "const callLater = require('callLater');\nconst Promise = require('Promise');",
      scenarios: [
        { name: 'in callLater', code: "runCode({});\ncallLater(() => assertThat(1, 'late check').isEqualTo(2));" },
        { name: 'in a promise', code: 'Promise.create((r) => r(5)).then((v) => assertThat(v).isLessThan(3));' },
        { name: 'microtasks before callLater', code: "const order = [];\ncallLater(() => { order.push('later'); assertThat(order).isEqualTo(['micro', 'later']); });\nPromise.create((r) => r()).then(() => order.push('micro'));\ncallLater(() => fail('reached: ' + order.join(',')));" },
        { name: 'fail', code: "fail('not ready');\nfail('second');" },
        { name: 'fail without message', code: 'fail();' },
      ],
    });
    expect(outcome(report)).toEqual([
      ['in callLater', false, 'late check: Expected 1 to equal 2'],
      ['in a promise', false, 'Expected 5 to be less than 3'],
      ['microtasks before callLater', false, 'reached: micro,later'],
      ['fail', false, 'not ready'],
      ['fail without message', false, 'fail() was called'],
    ]);
  });

  test('errors in test or template code fail the scenario with the line they came from', async () => {
    const report = await run({
      type: 'MACRO',
      code: 'const a = 1;\nreturn data.x.y;',
      setup: 'const helper = 1;',
      scenarios: [
        { name: 'template error', code: 'runCode({});' },
        { name: 'test error', code: 'const b = 2;\nnotDefined();' },
      ],
    });
    expect(outcome(report)).toEqual([
      ['template error', false, "TypeError: Cannot read properties of undefined (reading 'y') (template line 2)"],
      ['test error', false, 'ReferenceError: notDefined is not defined (scenario line 2)'],
    ]);
  });

  test('async work that never ends times out the scenario', async () => {
    const report = await run(
      {
        code: 'data.gtmOnSuccess();',
        scenarios: [{ name: 'loop', code: "const later = require('callLater');\nconst again = () => later(again);\nagain();" }],
      },
      { scenarioTimeoutMs: 300 },
    );
    expect(outcome(report)).toEqual([['loop', false, 'timed out waiting for async work (300 ms)']]);
  });

  test('unmocked APIs are permission-checked; mocked ones are not', async () => {
    const report = await run({
      code: "require('getCookieValues')('_ttp');\ndata.gtmOnSuccess();",
      scenarios: [
        { name: 'unmocked', code: 'runCode({});' },
        { name: 'mocked', code: "mock('getCookieValues', ['x']);\nrunCode({});\nassertApi('getCookieValues').wasCalledWith('_ttp');" },
      ],
    });
    expect(outcome(report)).toEqual([
      ['unmocked', false, 'PermissionError: getCookieValues: the template does not declare the get_cookies permission (template line 1)'],
      ['mocked', true, null],
    ]);
  });

  test('mocking an unknown name is harmless; requiring one is "Unknown API"', async () => {
    const report = await run({
      type: 'MACRO',
      code: "return require(data.name)();",
      scenarios: [
        { name: 'mocked unknown', code: "mock('requestMethod', 'POST');\nassertThat(runCode({name: 'requestMethod'})).isEqualTo('POST');" },
        { name: 'unknown', code: "runCode({name: 'nope'});" },
      ],
    });
    expect(outcome(report)).toEqual([
      ['mocked unknown', true, null],
      ['unknown', false, 'Error: Unknown API: nope (template line 1)'],
    ]);
  });

  test('test code with constructs outside the template language still runs', async () => {
    const report = await run({
      type: 'MACRO',
      code: 'return data.a;',
      scenarios: [{ name: 'template literal and spread', code: 'const xs = [1, 2];\nassertThat(runCode({a: `v${xs.length}`})).isEqualTo(`v2`);\nassertThat([...xs]).hasLength(2);' }],
    });
    expect(report.failed).toBe(0);
  });

  test('a TAG test can see gtmOnSuccess through the runner even when data omits it; unmocked HTTP can be routed', async () => {
    const report = await run({
      code: "require('sendHttpRequest')('https://business-api.tiktok.com/x', (s) => s === 200 ? data.gtmOnSuccess() : data.gtmOnFailure());",
      permissions: TIKTOK_ONLY,
      scenarios: [{ name: 'mocked callback form', code: "mock('sendHttpRequest', (url, cb) => cb(200));\nrunCode({});\nassertApi('gtmOnSuccess').wasCalled();\nassertApi('sendHttpRequest').wasCalled();" }],
    });
    expect(report.failed).toBe(0);
  });
});

test('an endless loop in scenario code is stopped', async () => {
  const report = await runTemplateTests(makeTemplate({ code: 'data.gtmOnSuccess();', scenarios: [{ name: 'spin', code: 'while (true) {}' }] }), { scenarioTimeoutMs: 200 });
  expect(report.scenarios.map((s) => s.error)).toEqual(['timed out: the scenario ran for more than 200 ms without returning (an endless loop?)']);
});
