/**
 * Spawned by node-flags.test.ts under Node flags that add globals (e.g. --expose-gc): runs two
 * templates (one reads the globals, one tries to replace gc) and prints what they got as JSON.
 */
import { runTemplate } from '../../../sandbox-shim/runtime/run-template';
import { makeTemplate } from '../helpers';

const look = makeTemplate({ type: 'MACRO', code: "return {gc: typeof gc, math: typeof Math, type: require('getType')([])};" });
const replace = makeTemplate({ type: 'MACRO', code: "gc = 1;\nreturn gc;" });

(async () => {
  // Inline: the flag's global exists in this process's contexts (an execution unit is started without the host's flags).
  const a = await runTemplate(look, { isolation: 'inline' });
  const b = await runTemplate(replace, { isolation: 'inline' });
  const hostGc = typeof (globalThis as { gc?: unknown }).gc;
  process.stdout.write(JSON.stringify({ hostGc, look: [a.status, a.returnValue], replace: [b.status, b.error] }));
})();
