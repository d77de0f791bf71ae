/**
 * `npm run bench` runs under `node --expose-gc`, which gives every vm context a global `gc` that
 * cannot be deleted. The realm must still start, and template code must not reach `gc`.
 */
import path from 'node:path';
import { runTs } from '../support/run-ts';

const script = path.join(__dirname, 'support', 'run-under-node-flags.ts');

const runUnder = (flags: string[]) => runTs([...flags, script]);

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
