/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in its own process, one after another,
 * so each measures on a quiet machine and reports ratios measured within its own run.
 * `npm run bench -- shim` runs only the benches whose file name contains "shim".
 */
import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import path from 'path';

const only = process.argv[2];
const dir = __dirname;
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n### ${file.replace('.bench.ts', '')}\n`);
  const tsx = path.join(dir, '..', '..', 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, ['--expose-gc', path.join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (benches.length === 0) process.stdout.write(`no benchmark matches "${only}"\n`);
process.exitCode = failed ? 1 : 0;
