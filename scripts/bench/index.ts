/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in its own process, one after another,
 * so each measures on a quiet machine and reports ratios measured within its own run.
 * `npm run bench -- shim` runs only the benches whose file name contains "shim".
 */
import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import path from 'path';
import { TS_NODE_ENV, TS_NODE_FLAGS } from '../ts-node-flags';

const only = process.argv[2];
const dir = __dirname;
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n### ${file.replace('.bench.ts', '')}\n`);
  const result = spawnSync(process.execPath, [...TS_NODE_FLAGS, '--expose-gc', path.join(dir, file)], { stdio: 'inherit', env: TS_NODE_ENV });
  if (result.status !== 0) failed++;
}
if (benches.length === 0) process.stdout.write(`no benchmark matches "${only}"\n`);
process.exitCode = failed ? 1 : 0;
