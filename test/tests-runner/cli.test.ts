import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'runtime');

function sgtm(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'scripts', 'bin', 'sgtm.js'), ...args], { cwd: root, timeout: 60000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code as number) : 0;
      resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
    });
  });
}

describe('sgtm test', () => {
  test('--json prints the report shape and exits 1 when a scenario fails', async () => {
    const { code, stdout } = await sgtm(['test', path.join(fixtures, 'tests-demo.tpl'), '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['template', 'scenarios', 'passed', 'failed', 'warnings']);
    const url = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
    expect(report.warnings).toEqual([
      {
        where: 'scenario "unmocked network is held with a warning"',
        code: 'network_not_sent',
        scenario: 'unmocked network is held with a warning',
        url,
        message: `sendHttpRequest POST ${url} was not sent (tests never reach the network), so its promise never settles; mock it with mock('sendHttpRequest', …), or pass --route business-api.tiktok.com=http://127.0.0.1:PORT or --allow-network`,
      },
    ]);
    expect(report.scenarios.map((s: Record<string, unknown>) => Object.keys(s))).toEqual([
      ['name', 'passed', 'durationMs'],
      ['name', 'passed', 'durationMs'],
      ['name', 'passed', 'error', 'durationMs'],
      ['name', 'passed', 'error', 'durationMs'],
      ['name', 'passed', 'durationMs'],
    ]);
    expect(report.scenarios[3]).toMatchObject({ name: 'deferred assertion fails', passed: false, error: 'Expected gtmOnFailure to be called' });
    expect([report.passed, report.failed]).toEqual([3, 2]);
  });

  test('human output lists a scenario\'s warnings under it and counts them in the summary', async () => {
    const { code, stdout } = await sgtm(['test', path.join(fixtures, 'tests-demo.tpl'), '--filter', 'unmocked']);
    expect(code).toBe(0);
    expect(stdout.replace(/\(\d+ ms\)/g, '(N ms)')).toBe(
      '✓ unmocked network is held with a warning (N ms)\n' +
        "    warning: sendHttpRequest POST https://business-api.tiktok.com/open_api/v1.3/event/track/ was not sent (tests never reach the network), so its promise never settles; mock it with mock('sendHttpRequest', …), or pass --route business-api.tiktok.com=http://127.0.0.1:PORT or --allow-network\n" +
        '1 passed, 0 failed, 1 warning\n',
    );
  });

  test('human output: one line per scenario and a summary; language findings in test code are stderr warnings; exit 0', async () => {
    const { code, stdout, stderr } = await sgtm(['test', path.join(fixtures, 'send-event.tpl')]);
    expect(code).toBe(0);
    expect(stdout.replace(/\(\d+ ms\)/g, '(N ms)')).toBe('✓ success on code 0 (N ms)\n✓ uses a template literal in test code (N ms)\n2 passed, 0 failed\n');
    expect(stderr).toMatch(/warning \[scenario "uses a template literal in test code" line 1\] template literal/);
  });

  test('--json carries the language findings of the test code as warnings (they never fail a scenario)', async () => {
    const { code, stdout } = await sgtm(['test', path.join(fixtures, 'send-event.tpl'), '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.warnings).toEqual([
      {
        where: 'scenario "uses a template literal in test code"',
        line: 1,
        column: 90,
        construct: 'template literal',
        message: 'template literals are not supported; concatenate strings with +',
      },
    ]);
    expect([report.passed, report.failed]).toEqual([2, 0]);
  });

  test('usage errors exit 2 with a one-line reason', async () => {
    const noFile = await sgtm(['test']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/^sgtm test: expected one FILE\.tpl, got 0 \(usage: sgtm test FILE\.tpl/);
    const missing = await sgtm(['run', 'nope.tpl']);
    expect(missing).toMatchObject({ code: 2, stderr: 'sgtm run: cannot read nope.tpl: no such file\n' });
  });
});

describe('a .tpl with a section repeated (as a published template has ___TERMS_OF_SERVICE___ twice)', () => {
  const file = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sgtm-dup-'));
    const tos = "By creating or modifying this file you agree to Google Tag Manager's Community\nTemplate Gallery Developer Terms of Service.";
    const info = { type: 'TAG', id: 'cvt_temp_public_id', version: 1, securityGroups: [], displayName: 'Dup', containerContexts: ['SERVER'] };
    const tests = "scenarios:\n- name: succeeds\n  code: |-\n    runCode({});\n    assertApi('gtmOnSuccess').wasCalled();\nsetup: ''";
    const sections: [string, string][] = [
      ['___TERMS_OF_SERVICE___', tos],
      ['___TERMS_OF_SERVICE___', tos],
      ['___INFO___', JSON.stringify(info, null, 2)],
      ['___TEMPLATE_PARAMETERS___', '[]'],
      ['___SANDBOXED_JS_FOR_SERVER___', 'data.gtmOnSuccess();'],
      ['___SERVER_PERMISSIONS___', '[]'],
      ['___TESTS___', tests],
    ];
    const target = path.join(dir, 'dup.tpl');
    writeFileSync(target, '\uFEFF' + sections.map(([name, body]) => `${name}\n\n${body}\n\n\n`).join(''));
    return target;
  };
  const warning = 'the section appears 2 times (markers at lines 1, 7; the copies are identical); GTM imports such a file and the later copy wins, so the one at line 7 is used; delete the others';

  test('validate accepts it with a warning (exit 0)', async () => {
    const tpl = file();
    const { code, stdout } = await sgtm(['validate', tpl]);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual([`${tpl}: warning ${warning} [___TERMS_OF_SERVICE___]`, 'ok, 1 warning']);
  });

  test('test and run accept it and say so on stderr', async () => {
    const tpl = file();
    const tested = await sgtm(['test', tpl]);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/^✓ succeeds \(\d+ ms\)\n1 passed, 0 failed\n$/);
    expect(tested.stderr).toBe(`${tpl}: warning [___TERMS_OF_SERVICE___] ${warning}\n`);
    const json = await sgtm(['test', tpl, '--json']);
    expect(JSON.parse(json.stdout).warnings).toEqual([{ where: '___TERMS_OF_SERVICE___', message: warning }]);
    const ran = await sgtm(['run', tpl, '--json']);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout).status).toBe('success');
    expect(ran.stderr).toBe(`${tpl}: warning [___TERMS_OF_SERVICE___] ${warning}\n`);
  });
});

describe('sgtm run', () => {
  let server: http.Server;
  let origin: string;
  let answer = '{"code":0}';
  const seen: { url?: string; token?: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url, token: req.headers['access-token'] as string });
      req.resume();
      req.on('end', () => res.end(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const files = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sgtm-run-'));
    writeFileSync(path.join(dir, 'data.json'), JSON.stringify({ accessToken: 'tok-secret-987', pixelCode: 'PX' }));
    writeFileSync(path.join(dir, 'event.json'), JSON.stringify({ event_name: 'purchase' }));
    return dir;
  };

  test('--json prints exactly the record; the token field is redacted; exit 0 on success', async () => {
    const dir = files();
    answer = '{"code":0}';
    const args = ['run', path.join(fixtures, 'send-event.tpl'), '--data', path.join(dir, 'data.json'), '--event', path.join(dir, 'event.json')];
    const { code, stdout } = await sgtm([...args, '--route', `business-api.tiktok.com=${origin}`, '--json']);
    expect(code).toBe(0);
    const record = JSON.parse(stdout);
    expect(Object.keys(record)).toEqual(['template', 'status', 'executionTimeMs', 'outgoingRequests', 'console', 'cookiesSet', 'responseHeaders', 'eventData']);
    expect(record.status).toBe('success');
    expect(record.outgoingRequests[0]).toMatchObject({
      url: 'https://business-api.tiktok.com/open_api/v1.3/event/track/',
      routedTo: `${origin}/open_api/v1.3/event/track/`,
      method: 'POST',
      headers: { 'Access-Token': '[REDACTED]', 'Content-Type': 'application/json' },
      body: '{"pixel_code":"PX","event":"purchase"}',
    });
    expect(record.console).toEqual([{ level: 'log', message: 'TikTok answered 200 0' }]);
    expect(stdout).not.toContain('tok-secret-987');
    expect(seen[seen.length - 1].token).toBe('tok-secret-987');
  });

  test('human output shows status, requests and console; exit 1 on failure', async () => {
    const dir = files();
    answer = '{"code":40001,"message":"bad token"}';
    const { code, stdout } = await sgtm([
      'run', path.join(fixtures, 'send-event.tpl'), '--data', path.join(dir, 'data.json'), '--event', path.join(dir, 'event.json'), `--route=business-api.tiktok.com=${origin}`,
    ]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^✗ failure {2}.*send-event\.tpl {2}\(\d+ ms\)$/);
    expect(stdout).toContain(`  POST https://business-api.tiktok.com/open_api/v1.3/event/track/  (routed to ${origin}/open_api/v1.3/event/track/)\n    > Access-Token: [REDACTED]\n`);
    expect(stdout).toContain('    < {"code":40001,"message":"bad token"}');
    expect(stdout).toContain('Console (1)\n  [log] TikTok answered 200 40001');
    expect(stdout).not.toContain('tok-secret-987');
  });

  test('code GTM would not save ends as exception without running; --no-language-check runs it', async () => {
    const file = path.join(root, 'test', 'fixtures', 'uses-new-and-this.tpl');
    const refused = await sgtm(['run', file, '--json']);
    expect(refused.code).toBe(1);
    const record = JSON.parse(refused.stdout);
    expect(record.status).toBe('exception');
    expect(record.error).toMatch(/^the template code uses constructs GTM's sandbox does not run \(GTM would not save it\): 4:2 this: .*; 7:16 new: /);
    const forced = await sgtm(['run', file, '--no-language-check', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ status: 'success', console: [{ level: 'log', message: 'count 1' }] });
  });

  test('a run killed in an endless loop still shows what it logged just before the loop', async () => {
    const fixture = readFileSync(path.join(root, 'test', 'fixtures', 'uses-new-and-this.tpl'), 'utf8');
    const code = "const logToConsole = require('logToConsole');\nlogToConsole('before the loop');\nwhile (true) {}\n";
    const tpl = path.join(mkdtempSync(path.join(os.tmpdir(), 'sgtm-hang-')), 'hang.tpl');
    writeFileSync(tpl, fixture.replace(/(___SANDBOXED_JS_FOR_SERVER___\n\n)[\s\S]*?(\n\n___SERVER_PERMISSIONS___)/, `$1${code}$2`));
    const { code: exit, stdout } = await sgtm(['run', tpl, '--timeout', '500', '--json']);
    expect(exit).toBe(1);
    const record = JSON.parse(stdout);
    expect(record.status).toBe('timeout');
    expect(record.console[0]).toEqual({ level: 'log', message: 'before the loop' });
  });

  test('a bad --route or unreadable JSON is a usage error (exit 2)', async () => {
    const badRoute = await sgtm(['run', path.join(fixtures, 'send-event.tpl'), '--route', 'nohost']);
    expect(badRoute).toMatchObject({ code: 2, stderr: 'sgtm run: --route nohost: expected HOST=ORIGIN, e.g. --route business-api.tiktok.com=http://127.0.0.1:9999\n' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sgtm-run-'));
    writeFileSync(path.join(dir, 'bad.json'), '{nope');
    const badJson = await sgtm(['run', path.join(fixtures, 'send-event.tpl'), '--data', path.join(dir, 'bad.json')]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/^sgtm run: --data .*bad\.json is not valid JSON: /);
  });
});

describe('sgtm run never reaches a real host by accident', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sgtm-run-live-'));
  const data = path.join(dir, 'data.json');
  const event = path.join(dir, 'event.json');
  writeFileSync(data, JSON.stringify({ accessToken: 'tok-live-123456', pixelCode: 'CLIVEPIXEL1' }));
  writeFileSync(event, JSON.stringify({ event_name: 'purchase', transaction_id: 'T-MOCK-1', value: 10, currency: 'EUR', client_id: '1.1' }));
  const template = path.join(root, 'template', 'template.tpl');

  test('without --route, --mock or --live the run is refused before it starts (exit 2)', async () => {
    const refused = await sgtm(['run', template, '--data', data, '--event', event]);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'sgtm run: refusing to send to a real host: the template may send to business-api.tiktok.com (its send_http permission allows it). ' +
        'Send it to a local server with --route business-api.tiktok.com=http://127.0.0.1:PORT, or pass --live to really send; or --mock for the embedded mock TikTok Events API\n',
    });
  });

  test('--mock starts the embedded mock for the run and routes TikTok to it', async () => {
    const { code, stdout, stderr } = await sgtm(['run', template, '--data', data, '--event', event, '--mock', '--json']);
    expect(stderr).toMatch(/^mock TikTok Events API on http:\/\/127\.0\.0\.1:\d+ \(faults: none\)\n$/);
    expect(code).toBe(0);
    const record = JSON.parse(stdout);
    expect(record.status).toBe('success');
    expect(record.outgoingRequests).toHaveLength(1);
    expect(record.outgoingRequests[0].routedTo).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open_api\/v1\.3\/event\/track\/$/);
    expect(JSON.parse(record.outgoingRequests[0].response.body)).toMatchObject({ code: 0 });
    expect(stdout).not.toContain('tok-live-123456');
  }, 60000);

  test('--mock FAULTS injects faults into that mock', async () => {
    const { code, stdout, stderr } = await sgtm(['run', template, '--data', data, '--event', event, '--mock', 'fail-5xx=1,seed=3', '--json']);
    expect(stderr).toMatch(/\(faults: http5xx=1 seed=3\)/);
    expect(code).toBe(1);
    const record = JSON.parse(stdout);
    expect(record.status).toBe('failure');
    expect(record.outgoingRequests.map((r: { response: { statusCode: number } }) => r.response.statusCode)).toEqual([503, 503]);
    const bad = await sgtm(['run', template, '--mock=fail-6xx=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^sgtm run: --mock fail-6xx=1: expected NAME=VALUE\[,NAME=VALUE…\] with NAME one of fail-5xx, timeouts, code-200, non-json, latency, jitter, seed, error-code, hold-ms/);
  }, 60000);

  test('--live really sends (intercepted here by nock)', async () => {
    const nock = (await import('nock')).default;
    const { main } = await import('../../scripts/sgtm');
    nock.disableNetConnect();
    const scope = nock('https://business-api.tiktok.com').post('/open_api/v1.3/event/track/').reply(200, { code: 0, message: 'OK', request_id: 'r1', data: {} });
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    try {
      expect(await main(['run', template, '--data', data, '--event', event, '--live', '--json'])).toBe(0);
    } finally {
      spy.mockRestore();
      nock.cleanAll();
      nock.enableNetConnect();
    }
    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(out.join('')).status).toBe('success');
  }, 60000);

  test('loopback and routed hosts need no --live', async () => {
    const { unroutedRealHosts } = await import('../../sandbox-shim/cli/run');
    const permission = (urls: string[] | 'any') => ({
      permissions: [{ publicId: 'send_http', params: urls === 'any' ? { allowedUrls: 'any' } : { allowedUrls: 'specific', urls } }],
    }) as never;
    expect(unroutedRealHosts(permission(['http://127.0.0.1:9/x', 'http://localhost/', 'https://[::1]:8443/']), {})).toEqual([]);
    expect(unroutedRealHosts(permission(['https://business-api.tiktok.com/', 'https://*.example.com/']), { 'business-api.tiktok.com': 'http://127.0.0.1:1' })).toEqual(['*.example.com']);
    expect(unroutedRealHosts(permission('any'), {})).toEqual(['any host']);
  });
});

test('error lines point into the .tpl file too', async () => {
  const { withFileLines } = await import('../../sandbox-shim/cli/run');
  expect(withFileLines('TypeError: x (template line 3)', { name: 'a.tpl', codeStartLine: 40 })).toBe('TypeError: x (template line 3, a.tpl:42)');
  expect(withFileLines('Error: y (scenario line 3)', { name: 'a.tpl', codeStartLine: 40 })).toBe('Error: y (scenario line 3)');
});
