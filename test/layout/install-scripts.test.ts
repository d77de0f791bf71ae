/**
 * `npm ci` stays quiet and reproducible: every dependency that runs an install script (esbuild,
 * @swc/core) is declared in package.json's allowScripts, so npm has nothing left to ask about.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

test('npm install-scripts ls finds no dependency with an unreviewed install script', async () => {
  const root = path.join(__dirname, '..', '..');
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('npm', ['install-scripts', 'ls', '--offline'], { cwd: root, timeout: 60000 }, (err, out, errOut) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout: out, stderr: errOut });
    });
  });
  expect({ code, stdout: stdout.trim(), stderr: stderr.trim() }).toEqual({ code: 0, stdout: 'No packages with unreviewed install scripts.', stderr: '' });
}, 60000);
