/**
 * Where GTM's template editor is more lenient than a strict emulator would be, and published
 * suites rely on it (issue 10): mocks replace only what the template gets, unmocked network in a
 * test is held with a warning, each runCode is a new request, a repeated returnResponse is a
 * warning.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runTemplateTests } from '../../sandbox-shim/tests-runner/run-tests';
import { MAX_MOCK_DEPTH } from '../../sandbox-shim/runtime/session';
import type { TestOptions, TestReport } from '../../sandbox-shim/types';
import { ALL_LOGGING, makeTemplate, TIKTOK_ONLY, type TemplateSpec } from '../runtime/helpers';

const run = (spec: TemplateSpec, options: TestOptions = {}) => runTemplateTests(makeTemplate(spec), options);
const outcome = (report: TestReport) => report.scenarios.map((s) => [s.name, s.passed, s.error ?? null]);

describe("mocks replace what the template gets; test code's require keeps the real API", () => {
  const LOGGING_TAG: TemplateSpec = {
    code: "const log = require('logToConsole');\nlog('sending', {id: data.id});\ndata.gtmOnSuccess();",
    permissions: ALL_LOGGING,
    setup: "const log = require('logToConsole');\nconst seen = [];\nmock('logToConsole', function () {\n  seen.push(arguments[0]);\n  log('mocked:', arguments[0], arguments[1]);\n});",
  };

  test('a logToConsole mock that calls the real one taken in setup works, and assertApi sees the template call only', async () => {
    const report = await run({
      ...LOGGING_TAG,
      scenarios: [
        {
          name: 'mock calls the real API',
          code: "runCode({id: 7});\nassertThat(seen).isEqualTo(['sending']);\nassertApi('logToConsole').wasCalledWith('sending', {id: 7});\nassertApi('gtmOnSuccess').wasCalled();",
        },
        // The mock's own log('mocked:', …) went through test code's require: not a template call.
        { name: 'test-code calls are not recorded', code: "runCode({id: 1});\nassertApi('logToConsole').wasNotCalledWith('mocked:', 'sending', {id: 1});" },
      ],
    });
    expect(outcome(report)).toEqual([
      ['mock calls the real API', true, null],
      ['test-code calls are not recorded', true, null],
    ]);
    // The real logToConsole printed the mock's line.
    expect(report.scenarios[0].console).toEqual([{ level: 'log', message: 'mocked: sending {"id":7}' }]);
  });

  test("test code's require ignores mocks (function and object APIs) while runCode sees them", async () => {
    const report = await run({
      type: 'MACRO',
      code: "return [require('getType')(1), require('JSON').stringify({a: 1}), require('getTimestampMillis')()];",
      scenarios: [
        {
          name: 'real in test code, mocked in the template',
          code: [
            "mock('getType', 'mocked');",
            "mockObject('JSON', {stringify: () => 'fake', parse: () => ({})});",
            "mock('getTimestampMillis', 42);",
            "assertThat(require('getType')(1)).isEqualTo('number');",
            "assertThat(require('JSON').stringify({a: 1})).isEqualTo('{\"a\":1}');",
            "assertThat(require('getTimestampMillis')()).isGreaterThan(42);",
            "assertThat(runCode({})).isEqualTo(['mocked', 'fake', 42]);",
            "assertApi('getTimestampMillis').wasCalled();",
          ].join('\n'),
        },
        { name: 'a test-code call alone is not a template call', code: "require('getTimestampMillis')();\nassertApi('getTimestampMillis').wasNotCalled();" },
      ],
    });
    expect(outcome(report)).toEqual([
      ['real in test code, mocked in the template', true, null],
      ['a test-code call alone is not a template call', true, null],
    ]);
  });

  test("the template's permissions govern template code, not the test's own API calls", async () => {
    const report = await run({
      code: "require('getCookieValues')('_ttp');\ndata.gtmOnSuccess();",
      scenarios: [
        { name: 'test code reads a cookie', code: "assertThat(require('getCookieValues')('_ttp')).isEqualTo([]);" },
        { name: 'the template still cannot', code: 'runCode({});' },
      ],
    });
    expect(outcome(report)).toEqual([
      ['test code reads a cookie', true, null],
      ['the template still cannot', false, 'PermissionError: getCookieValues: the template does not declare the get_cookies permission (template line 1)'],
    ]);
  });

  test("template code reached from a test-code call (a message listener) is held to the template's permissions again", async () => {
    const report = await run({
      code: "require('addMessageListener')('ping', () => { require('getCookieValues')('secret'); });\ndata.gtmOnSuccess();",
      permissions: { use_message: { allowedActions: 'any' } },
      scenarios: [{ name: 'listener reads a cookie', code: "runCode({});\nrequire('sendMessage')('ping', {});" }],
    });
    expect(outcome(report)).toEqual([
      ['listener reads a cookie', false, 'PermissionError: getCookieValues: the template does not declare the get_cookies permission (template line 1)'],
    ]);
  });

  test(`a mock that reaches itself stops after ${MAX_MOCK_DEPTH} levels with an error that says how to fix it`, async () => {
    const report = await run({
      ...LOGGING_TAG,
      setup: "let entered = 0;\nmock('logToConsole', function () {\n  entered++;\n  runCode({id: entered});\n});",
      scenarios: [
        { name: 'recursing mock', code: 'runCode({id: 0});' },
        { name: 'a mock nested a few levels and ending is fine', code: `mock('logToConsole', function () { entered++; if (entered < 3) runCode({}); });\nrunCode({});\nassertThat(entered).isEqualTo(3);` },
      ],
    });
    const error =
      `Error: the mock of logToConsole was entered ${MAX_MOCK_DEPTH} times without returning: it calls itself (through runCode or a function the template gave it). ` +
      "To reach the real logToConsole from a mock, take it in setup with const realLogToConsole = require('logToConsole'): test code's require is never mocked (template line 2)";
    expect(outcome(report)).toEqual([
      ['recursing mock', false, error],
      ['a mock nested a few levels and ending is fine', true, null],
    ]);
  });
});

describe('unmocked network in tests: recorded, never sent, never settled, warned about', () => {
  const URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
  const TAG: TemplateSpec = {
    code: [
      "const sendHttpRequest = require('sendHttpRequest');",
      "const log = require('logToConsole');",
      "log('request', data.event);",
      `sendHttpRequest('${URL}', {method: 'POST', headers: {'Content-Type': 'application/json'}}, '{"event":"' + data.event + '"}')`,
      "  .then((r) => { log('answered', r.statusCode); data.gtmOnSuccess(); }, () => data.gtmOnFailure());",
      `sendHttpRequest('${URL}?cb=1', (status) => { log('callback', status); }, {method: 'GET'});`,
    ].join('\n'),
    permissions: { ...TIKTOK_ONLY, ...ALL_LOGGING },
  };

  test('a suite asserting only on logToConsole passes; assertApi sees the request; the warning names URL and scenario', async () => {
    const report = await run({
      ...TAG,
      scenarios: [
        {
          name: 'logs the request',
          code: [
            "runCode({event: 'Purchase'});",
            "assertApi('logToConsole').wasCalledWith('request', 'Purchase');",
            "assertApi('logToConsole').wasNotCalledWith('answered', 200);",
            `assertApi('sendHttpRequest').wasCalledWith('${URL}', {method: 'POST', headers: {'Content-Type': 'application/json'}}, '{"event":"Purchase"}');`,
            "require('callLater')(() => { assertApi('gtmOnSuccess').wasNotCalled(); assertApi('gtmOnFailure').wasNotCalled(); });",
          ].join('\n'),
        },
      ],
    });
    expect(outcome(report)).toEqual([['logs the request', true, null]]);
    expect(report.scenarios[0].console).toEqual([{ level: 'log', message: 'request Purchase' }]);
    const hint = "mock it with mock('sendHttpRequest', …), or pass --route business-api.tiktok.com=http://127.0.0.1:PORT or --allow-network";
    expect(report.warnings).toEqual([
      { code: 'network_not_sent', scenario: 'logs the request', url: URL, message: `sendHttpRequest POST ${URL} was not sent (tests never reach the network), so its promise never settles; ${hint}` },
      { code: 'network_not_sent', scenario: 'logs the request', url: `${URL}?cb=1`, message: `sendHttpRequest GET ${URL}?cb=1 was not sent (tests never reach the network), so its callback is never called; ${hint}` },
    ]);
    expect(report.scenarios[0].warnings).toEqual(report.warnings);
  });

  test('the permission check still comes first: an URL outside send_http fails the scenario', async () => {
    const report = await run({
      code: "require('sendHttpRequest')('https://evil.example/x');\ndata.gtmOnSuccess();",
      permissions: TIKTOK_ONLY,
      scenarios: [{ name: 'denied', code: 'runCode({});' }],
    });
    expect(outcome(report)).toEqual([
      ['denied', false, 'PermissionError: sendHttpRequest: send_http does not allow https://evil.example/x (allowed: https://business-api.tiktok.com/) (template line 1)'],
    ]);
    expect(report.warnings).toEqual([]);
  });

  test('--route sends it to a local server and the promise and callback settle, with no warning', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const report = await run(
        {
          ...TAG,
          scenarios: [{ name: 'routed', code: "runCode({event: 'Lead'});" }],
        },
        { routes: { 'business-api.tiktok.com': origin } },
      );
      expect(outcome(report)).toEqual([['routed', true, null]]);
      expect(report.warnings).toEqual([]);
      expect(seen.sort()).toEqual(['GET /open_api/v1.3/event/track/?cb=1', 'POST /open_api/v1.3/event/track/']);
      expect(report.scenarios[0].console?.map((e) => e.message).sort()).toEqual(['answered 200', 'callback 200', 'request Lead']);
    } finally {
      server.close();
    }
  });
});

describe('request lifecycle in client suites', () => {
  const CLIENT: TemplateSpec = {
    type: 'CLIENT',
    code: [
      "const claimRequest = require('claimRequest');",
      "const returnResponse = require('returnResponse');",
      "const setResponseStatus = require('setResponseStatus');",
      "const setResponseBody = require('setResponseBody');",
      'claimRequest();',
      'setResponseStatus(data.status);',
      "setResponseBody('ok ' + data.status);",
      'returnResponse();',
      'if (data.twice) returnResponse();',
    ].join('\n'),
    permissions: { return_response: {}, access_response: { writeResponseAccess: 'any' } },
  };

  test('each runCode is a fresh request: claiming again after an earlier answer works', async () => {
    const report = await run({
      ...CLIENT,
      scenarios: [
        {
          name: 'three requests in one scenario',
          code: "runCode({status: 200});\nrunCode({status: 204});\nrunCode({status: 400});\nassertApi('claimRequest').wasCalled();\nassertApi('setResponseStatus').wasCalledWith(204);\nassertApi('returnResponse').wasCalled();",
        },
      ],
    });
    expect(outcome(report)).toEqual([['three requests in one scenario', true, null]]);
    expect(report.warnings).toEqual([]);
  });

  test('a second returnResponse in one run is a warning, not a failure', async () => {
    const report = await run({
      ...CLIENT,
      scenarios: [{ name: 'answers twice', code: "runCode({status: 200, twice: true});\nrunCode({status: 200, twice: true});\nassertApi('returnResponse').wasCalled();" }],
    });
    expect(outcome(report)).toEqual([['answers twice', true, null]]);
    expect(report.warnings).toEqual([
      {
        code: 'response_returned_twice',
        scenario: 'answers twice',
        message: 'returnResponse was called again for a request already answered; a container sends the first response only',
      },
    ]);
  });

  test('claimRequest after returnResponse in the same run is a warning in a test', async () => {
    const report = await run({
      type: 'CLIENT',
      code: "require('returnResponse')();\nrequire('claimRequest')();\nreturn 'done';",
      permissions: { return_response: {} },
      scenarios: [{ name: 'late claim', code: "assertThat(runCode({})).isEqualTo('done');" }],
    });
    expect(outcome(report)).toEqual([['late claim', true, null]]);
    expect(report.warnings.map((w) => w.code)).toEqual(['claim_after_return']);
  });
});

describe('setup and scenario scope', () => {
  test("a scenario may redeclare setup's const/let (it then runs as a block in setup's scope); line numbers stay right", async () => {
    const report = await run({
      type: 'MACRO',
      code: 'return data.a;',
      setup: "const mockData = {a: 1};\nlet calls = 0;\nconst count = () => { calls++; return calls; };",
      scenarios: [
        { name: 'redeclares', code: "const mockData = {a: 2};\nassertThat(runCode(mockData)).isEqualTo(2);\nassertThat(count()).isEqualTo(1);" },
        { name: 'shares', code: "mockData.a = 3;\nassertThat(runCode(mockData)).isEqualTo(3);\nlet calls = 10;\nassertThat(count()).isEqualTo(1);\nassertThat(calls).isEqualTo(10);" },
        { name: 'error line in a redeclaring scenario', code: "const mockData = {};\nassertThat(runCode(mockData)).isEqualTo(1);" },
        { name: 'other syntax errors are still reported', code: 'const = 1;' },
      ],
    });
    expect(outcome(report)).toEqual([
      ['redeclares', true, null],
      ['shares', true, null],
      ['error line in a redeclaring scenario', false, 'Expected undefined to equal 1'],
      ['other syntax errors are still reported', false, "SyntaxError: Unexpected token '=' (scenario line 1)"],
    ]);
  });

  test('assigning an undeclared name in test code stays an error (spec §1.1: no implicit globals)', async () => {
    const report = await run({ type: 'MACRO', code: 'return 1;', scenarios: [{ name: 'implicit global', code: 'x = 1;' }] });
    expect(outcome(report)).toEqual([['implicit global', false, 'ReferenceError: x is not defined (scenario line 1)']]);
  });
});
