/**
 * `npm run bench` runs under `node --expose-gc`, which gives every vm context a global `gc` that
 * cannot be deleted. The realm must still start, and template code must not reach `gc`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { TS_NODE_ENV, TS_NODE_FLAGS } from '../../scripts/ts-node-flags';

const root = path.join(__dirname, '..', '..');

const script = path.join(__dirname, 'support', 'run-under-node-flags.ts');

function runUnder(flags: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...TS_NODE_FLAGS, ...flags, script], { cwd: root, timeout: 25000, env: TS_NODE_ENV }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('under --expose-gc a template runs, gc reads as undefined and cannot be replaced', async () => {
  const out = await runUnder(['--expose-gc']);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  expect(JSON.parse(out.stdout)).toEqual({
    hostGc: 'function',
    look: ['success', { gc: 'undefined', math: 'undefined', type: 'array' }],
    // gc is frozen to undefined, so the strict-mode assignment throws.
    replace: ['exception', "TypeError: Cannot assign to read only property 'gc' of object '[object Object]' (template line 1)"],
  });
});
