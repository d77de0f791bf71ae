/**
 * `npm run bench`: prints the date and the machine, runs every scripts/bench/*.bench.ts in its
 * own process, one after another (each reports ratios measured within its own run), then lists
 * every goal of the speed issue with its measured ratio and pass/miss.
 * `npm run bench -- shim` runs only the benches whose file name contains "shim".
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { TS_NODE_ENV, TS_NODE_FLAGS } from '../ts-node-flags';
import { machine, out, type GoalResult } from './lib/report';

const only = process.argv[2];
const dir = __dirname;
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

const goalsDir = mkdtempSync(path.join(tmpdir(), 'sgtm-bench-goals-'));
const goalsFile = path.join(goalsDir, 'goals.jsonl');
const started = performance.now();
out(`npm run bench · ${machine()}`);

let failed = 0;
for (const file of benches) {
  out(`\n### ${file.replace('.bench.ts', '')}`);
  const benchStarted = performance.now();
  const result = spawnSync(process.execPath, [...TS_NODE_FLAGS, '--expose-gc', path.join(dir, file)], { stdio: 'inherit', env: { ...TS_NODE_ENV, BENCH_GOALS_FILE: goalsFile } });
  if (result.status !== 0) {
    failed++;
    out(`  (${file} failed: exit ${result.status ?? result.signal})`);
  }
  out(`  (${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);
}
if (benches.length === 0) out(`no benchmark matches "${only}"`);

let goals: GoalResult[] = [];
try {
  goals = readFileSync(goalsFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as GoalResult);
} catch {
  // no bench recorded a goal
}
rmSync(goalsDir, { recursive: true, force: true });
if (goals.length) {
  out('\n### goals (issue 9: ratios measured in this run)');
  for (const g of goals) out(`  ${g.pass ? 'pass' : 'MISS'}  ${g.goal}: ${g.measured}`);
}
out(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = failed ? 1 : 0;
