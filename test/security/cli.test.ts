/**
 * The same walls through the CLI, as a user runs a third-party template: `sgtm run` (also with
 * --no-language-check) and `sgtm test` in a child process with a canary variable in its
 * environment. The child must exit on its own (killed only as a last resort, which fails the
 * test) with the right exit code and status, write no canary file and print no secret.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attackTpl, CONTAINED_OVERFLOW, SLACK_MS, TAG_TIMEOUT_MS, type TemplateAttack } from './lib/attack';
import { canaryBreach, makeCanary } from './lib/canary';

const bin = path.join(__dirname, '..', '..', 'scripts', 'bin', 'sgtm.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-cli-attacks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Node start-up and ts-node compile of the CLI, on top of the tag timeout. */
const STARTUP_MS = 6000;

interface CliOutcome {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  breach?: string;
}

async function runCli(attack: TemplateAttack, verb: 'run' | 'test', flags: string[], env: Record<string, string> = {}, timeoutMs = TAG_TIMEOUT_MS): Promise<CliOutcome> {
  const canary = makeCanary();
  const file = path.join(dir, `${canary.envName}.tpl`);
  fs.writeFileSync(file, attackTpl(attack, canary));
  const started = performance.now();
  const result = await new Promise<Omit<CliOutcome, 'elapsedMs' | 'breach'>>((resolve) => {
    execFile(
      process.execPath,
      // run refuses a template that may send to a real host unless routed: route it to a closed local port.
      [bin, verb, file, '--json', '--timeout', String(timeoutMs), ...(verb === 'run' ? ['--route', 'business-api.tiktok.com=http://127.0.0.1:9'] : []), ...flags],
      { env: { ...process.env, ...env, [canary.envName]: canary.envValue }, timeout: timeoutMs + SLACK_MS + STARTUP_MS, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const e = err as (Error & { code?: number; killed?: boolean }) | null;
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, killed: Boolean(e?.killed), stdout, stderr });
      },
    );
  });
  const outcome = { ...result, elapsedMs: performance.now() - started, breach: canaryBreach(canary, [result.stdout, result.stderr]) };
  fs.rmSync(canary.file, { force: true });
  return outcome;
}

function expectCliContained(out: CliOutcome, timeoutMs = TAG_TIMEOUT_MS): void {
  expect(out.breach).toBeUndefined();
  expect(out.killed).toBe(false);
  expect(out.elapsedMs).toBeLessThan(timeoutMs + SLACK_MS + STARTUP_MS);
}

const NO_CODEGEN = /^EvalError: Code generation from strings disallowed for this context/;

describe('sgtm run', () => {
  test.each([
    ['a stack overflow in getType, caught and walked to Function', "const deep = (n) => require('getType')(n) + deep(n + 1) + 0;\ncatchError(() => deep(0), (e) => pwnVia(e));", CONTAINED_OVERFLOW, 'exception'],
    ['a computed-key chain from an API result', "pwnVia(require('getAllEventData')());", NO_CODEGEN, 'exception'],
    ['an endless loop in a .then callback', "require('Promise').create((r) => r(1)).then(() => { while (true) { } });", undefined, 'timeout'],
    ["an endless loop in a thenable's then", "require('Promise').create((r) => r({then: () => { while (true) { } }}));", undefined, 'timeout'],
  ] as [string, string, RegExp | undefined, string][])('%s', async (_label, code, error, status) => {
    const out = await runCli({ code }, 'run', []);
    expectCliContained(out);
    expect(out.code).toBe(1);
    const record = JSON.parse(out.stdout);
    expect({ status: record.status, error: record.error }).toEqual({ status, error: error ? expect.stringMatching(error) : undefined });
  });

  test('a memory bomb (units capped at 64 MB through SGTM_UNIT_MEMORY_MB)', async () => {
    const out = await runCli({ code: 'const keep = [];\nwhile (true) keep.push([1, 2, 3, 4, 5, 6, 7, 8]);' }, 'run', [], { SGTM_UNIT_MEMORY_MB: '64' }, 4000);
    expectCliContained(out, 4000);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ status: 'exception', error: 'memory limit 64 MB exceeded' });
  });

  test('--no-language-check: import() of fs', async () => {
    const out = await runCli({ code: "import('fs').then((fs) => fs.writeFileSync(CANARY_FILE, 'x'), (e) => pwnVia(e));" }, 'run', ['--no-language-check']);
    expectCliContained(out);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ status: 'exception', error: expect.stringMatching(/^SyntaxError: import\(\) is not available in the sandbox/) });
  });

  test('--no-language-check: a generator constructor and this', async () => {
    const out = await runCli({ code: 'pwn((function* () { yield 1; })[C]);\npwnVia(this);' }, 'run', ['--no-language-check']);
    expectCliContained(out);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ status: 'exception', error: expect.stringMatching(NO_CODEGEN) });
  });

  test('--no-language-check: an endless loop in sync code', async () => {
    const out = await runCli({ code: 'for (;;) { }' }, 'run', ['--no-language-check']);
    expectCliContained(out);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).status).toBe('timeout');
  });
});

describe('sgtm test', () => {
  test('a scenario with import()', async () => {
    const out = await runCli({ code: 'data.gtmOnSuccess();', scenario: "import('fs').then((fs) => fs.writeFileSync(CANARY_FILE, 'x'), (e) => pwnVia(e));" }, 'test', []);
    expectCliContained(out);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ passed: 0, failed: 1, scenarios: [{ name: 'attack', passed: false, error: expect.stringMatching(/import\(\) is not available in the sandbox/) }] });
  });

  test('a scenario that replaces Array.prototype.forEach before asserting', async () => {
    const scenario = "([])[C].prototype.forEach = (f) => pwnVia(f);\n({})[C].prototype.hasOwnProperty = (k) => pwnVia(k);\nassertThat([1, [2]]).isEqualTo([1, [2]]);";
    const out = await runCli({ code: 'data.gtmOnSuccess();', scenario }, 'test', []);
    expectCliContained(out);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).scenarios[0]).toMatchObject({ passed: false, error: expect.stringMatching(/Cannot assign to read only property|EvalError: Code generation/) });
  });

  test("an endless loop in a scenario's thenable", async () => {
    const out = await runCli({ code: 'data.gtmOnSuccess();', scenario: "require('Promise').create((r) => r({then: () => { while (true) { } }}));" }, 'test', []);
    expectCliContained(out);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).scenarios[0]).toMatchObject({ passed: false, error: expect.stringMatching(/timed out|ran for more than|timeout/i) });
  });
});
