/**
 * The shim is a library that stands alone: nothing under sandbox-shim/ may import the product
 * (scripts/, src/ code, test/). The `sgtm` entry point (scripts/sgtm.ts) composes the two.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const root = path.join(__dirname, '..', '..');
const shim = path.join(root, 'sandbox-shim');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return /\.(ts|js)$/.test(e.name) ? [full] : [];
  });
}

const SPECIFIER = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;

test('no module under sandbox-shim/ imports anything outside it (but packages and Node built-ins)', () => {
  const outside: string[] = [];
  for (const file of tsFiles(shim)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1];
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(shim + path.sep) && target !== shim) outside.push(`${path.relative(root, file)} imports ${spec}`);
    }
  }
  expect(outside).toEqual([]);
});

test('the shim CLI runs alone with only its own verbs, and sgtm composes the product verbs', () => {
  const env = { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.json') };
  const shimHelp = execFileSync(process.execPath, ['-r', 'ts-node/register', path.join(shim, 'cli.ts'), '--help'], { cwd: root, env, encoding: 'utf8' });
  expect(shimHelp).toMatch(/sgtm validate/);
  expect(shimHelp).not.toMatch(/sgtm serve|sgtm health|sgtm build/);
  const sgtmHelp = execFileSync(process.execPath, [path.join(root, 'scripts', 'bin', 'sgtm.js'), '--help'], { cwd: root, env, encoding: 'utf8' });
  for (const verb of ['validate', 'test', 'run', 'build', 'serve', 'mock-tiktok', 'health']) expect(sgtmHelp).toContain(`sgtm ${verb}`);
});
