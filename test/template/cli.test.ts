import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/sgtm';

const root = join(__dirname, '..', '..');
const bin = join(root, 'scripts', 'bin', 'sgtm.js');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the real CLI, exactly as `npx sgtm` would. */
function sgtm(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Runs the dispatcher in this process, capturing what it writes. */
async function inProcess(...args: string[]): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const cwd = process.cwd();
  try {
    process.chdir(root);
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(cwd);
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('sgtm validate', () => {
  let results: Record<string, Result>;
  const fixture = (name: string) => `test/fixtures/${name}`;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sgtm-validate-'));
    const warnOnly = join(dir, 'warn-only.tpl');
    writeFileSync(
      warnOnly,
      `___INFO___\n\n${JSON.stringify({ type: 'TAG', displayName: 'W', containerContexts: ['SERVER'] })}\n\n\n___SANDBOXED_JS_FOR_SERVER___\n\nlet a = 1;\na -= 1;\ndata.gtmOnSuccess();\n`,
    );
    const runs: [string, string[]][] = [
      ['valid', [fixture('http-post-promise.tpl')]],
      ['try', [fixture('uses-try-catch.tpl')]],
      ['missing', [fixture('missing-permission.tpl'), '--json']],
      ['malformed', [fixture('malformed-info-json.tpl')]],
      ['absent', ['test/fixtures/does-not-exist.tpl']],
    ];
    const outcomes = await Promise.all(runs.map(([, args]) => sgtm('validate', ...args)));
    results = Object.fromEntries(runs.map(([key], i) => [key, outcomes[i]]));
    // The rest runs in-process through the same dispatcher: same code path, no process start-up.
    results.web = await inProcess('validate', fixture('web-template.tpl'));
    results.noargs = await inProcess('validate');
    results.badflag = await inProcess('validate', fixture('http-post-promise.tpl'), '--yaml');
    results.warnOnly = await inProcess('validate', warnOnly);
  });

  it('says ok and exits 0 for a valid template', () => {
    expect(results.valid).toEqual({
      code: 0,
      stdout: 'ok\nchecked: the sections and their JSON/YAML (a server tag template); 3 parameters; 5 permissions against the 7 sandbox APIs the code requires; the sandbox language rules in 60 lines of code; 4 test scenarios parsed\n',
      stderr: '',
    });
  });

  it('prints each problem at its .tpl file line and exits 1', () => {
    expect(results.try.code).toBe(1);
    expect(results.try.stdout).toBe(
      [
        'test/fixtures/uses-try-catch.tpl:52:0: error try statement: try/catch/finally is not supported; check values before use (sandbox APIs return undefined instead of throwing)',
        'test/fixtures/uses-try-catch.tpl:60:2: error throw: throw is not supported; call data.gtmOnFailure() and return',
        '2 errors, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('prints {template, ok, problems} with --json', () => {
    expect(results.missing.code).toBe(1);
    expect(JSON.parse(results.missing.stdout)).toEqual({
      template: 'test/fixtures/missing-permission.tpl',
      ok: false,
      problems: [
        { severity: 'error', where: '___SANDBOXED_JS_FOR_SERVER___', line: 2, column: 24, construct: 'require', message: 'sendHttpRequest needs the send_http permission; add it under ___SERVER_PERMISSIONS___', fileLine: 43 },
        { severity: 'error', where: '___SANDBOXED_JS_FOR_SERVER___', line: 3, column: 21, construct: 'require', message: 'logToConsole needs the logging permission; add it under ___SERVER_PERMISSIONS___', fileLine: 44 },
      ],
    });
  });

  it('reports a malformed .tpl with the section message and exits 1', () => {
    expect(results.malformed).toEqual({
      code: 1,
      stdout: 'test/fixtures/malformed-info-json.tpl: error ___INFO___: invalid JSON at line 25 column 1 of the file: Unexpected token } (trailing comma?)\n1 error, 0 warnings\n',
      stderr: '',
    });
  });

  it('refuses a web template', () => {
    expect(results.web.code).toBe(1);
    expect(results.web.stdout).toBe('test/fixtures/web-template.tpl: error this is a web template; the shim runs server templates [___INFO___]\n1 error, 0 warnings\n');
  });

  it('exits 2 with a one-line reason for an unreadable file or bad usage', () => {
    expect(results.absent).toEqual({ code: 2, stdout: '', stderr: 'sgtm validate: cannot read test/fixtures/does-not-exist.tpl: no such file\n' });
    expect(results.noargs).toEqual({ code: 2, stdout: '', stderr: 'sgtm validate: expected one FILE.tpl, got 0 (usage: sgtm validate FILE.tpl [--json])\n' });
    expect(results.badflag).toEqual({ code: 2, stdout: '', stderr: 'sgtm validate: unknown option --yaml (known: --json)\n' });
  });

  it('exits 0 with warnings only, and counts them', () => {
    expect(results.warnOnly.code).toBe(0);
    expect(results.warnOnly.stdout).toMatch(/warn-only\.tpl:9:0: warning compound assignment: only \+= is verified in GTM; write a = a OP b\nok, 1 warning\nchecked: .*; the sandbox language rules in 3 lines of code\n$/);
  });
});

describe('every verb answers --help with every flag it accepts explained', () => {
  const { commands } = require('../../scripts/sgtm') as typeof import('../../scripts/sgtm');
  const { UsageError } = require('../../sandbox-shim/cli/args') as typeof import('../../sandbox-shim/cli/args');
  const verbs = Object.keys(commands);

  /** The flags a verb's parser accepts, from its own "unknown option" answer. */
  async function acceptedFlags(verb: string): Promise<string[]> {
    const verbModule = await commands[verb].load();
    try {
      await verbModule.run(['--zz-not-a-flag']);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      const m = /^unknown option --zz-not-a-flag \(known: (.*)\)$/.exec(err.message);
      if (!m) throw new Error(`${verb}: unexpected answer to an unknown flag: ${err.message}`);
      return m[1] === 'none' ? [] : m[1].split(', ');
    }
    throw new Error(`${verb} accepted --zz-not-a-flag`);
  }

  test('every verb the README names is there (and is checked below)', () => {
    expect(verbs).toEqual(expect.arrayContaining(['build', 'health', 'mock-tiktok', 'run', 'serve', 'test', 'validate']));
  });

  test.each(verbs)('sgtm %s --help', async (verb) => {
    const { code, stdout, stderr } = await inProcess(verb, '--help');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.startsWith(`usage: sgtm ${verb} `)).toBe(true);
    expect(stdout).toMatch(/\nExit codes: /);
    const flags = await acceptedFlags(verb);
    // Explained: each flag starts an option line of its own ("  --flag …" or "  -h, --help …"), not only the synopsis.
    const missing = flags.filter((flag) => !new RegExp(`^ +(-\\w, )?${flag.replace(/-/g, '\\-')}(?![\\w-])`, 'm').test(stdout));
    expect({ verb, missing }).toEqual({ verb, missing: [] });
    expect((await inProcess(verb, '-h')).stdout).toBe(stdout);
  });

  test('sgtm run --help also explains --mock and the --request fixture format', async () => {
    const { stdout } = await inProcess('run', '--help');
    expect(stdout).toContain('--mock [FAULTS]');
    for (const key of ['"method"', '"path"', '"query"', '"headers"', '"body"', '"remoteAddress"']) expect(stdout).toContain(key);
  });
});

test('sgtm mock-tiktok on a busy port: one line with the fix, exit 2 (no stack trace)', async () => {
  const net = await import('node:net');
  const busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const port = (busy.address() as import('node:net').AddressInfo).port;
  try {
    expect(await inProcess('mock-tiktok', '--port', String(port))).toEqual({
      code: 2,
      stdout: '',
      stderr: `sgtm mock-tiktok: port ${port} on 127.0.0.1 is already in use: stop the other server or pass --port N (--port 0 picks a free one)\n`,
    });
  } finally {
    busy.close();
  }
});
