import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import path from 'path';
import { buildFromSources, PROJECT_ROOT, TEMPLATE_FILE } from '../../scripts/deploy/io';
import { preflight } from '../../scripts/deploy/preflight';

function sgtm(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'bin', 'sgtm.js'), ...args], { cwd: PROJECT_ROOT, timeout: 60000, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      const code = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
    });
  });
}

describe('the deploy verbs in the sgtm CLI', () => {
  it('are listed, answer --help, and turn a bad --workspace into exit 2 before any request', async () => {
    const [list, helpText, bad] = await Promise.all([sgtm(['--help']), sgtm(['pull', '--help']), sgtm(['push', '--workspace', 'GTM-ABC123'])]);
    for (const verb of ['push --workspace', 'pull --workspace', 'release X.Y.Z', 'gallery OUT_DIR']) expect(list.stdout).toContain(`sgtm ${verb}`);
    expect(helpText.code).toBe(0);
    expect(helpText.stdout).toMatch(/^usage: sgtm pull --workspace accounts\/A\/containers\/C\/workspaces\/W/);
    expect(helpText.stdout).toContain('Exit codes: 0 the workspace holds the built template; 1 it differs');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^sgtm push: --workspace "GTM-ABC123" is not a workspace path/);
  });
});

describe('the pre-push checks on the project itself', () => {
  it('pass for the committed template/template.tpl: it validates, its tests pass, and it is what src/ builds', async () => {
    const text = readFileSync(path.join(PROJECT_ROOT, TEMPLATE_FILE), 'utf8');
    expect(await preflight(text, TEMPLATE_FILE, { built: buildFromSources })).toEqual([]);
  });
});
