/**
 * Wall time of `sgtm validate template/template.tpl` from a cold process, as a user runs it:
 * ts-node with SWC compiles the CLI at start-up (`scripts/bin/sgtm.js`), and the shim's own entry
 * (`sandbox-shim/cli.ts`) under ts-node. The "before" comparator is the same shim entry under
 * tsx 4.23.15, fetched by npx into its cache (never a dependency of this repo); it is skipped
 * with a note when npx cannot get it (offline). Runs are interleaved; the median of RUNS is kept.
 */
import { spawnSync } from 'child_process';
import path from 'path';
import { ROOT } from './lib/purchase';
import { fail, ms, out, ratio, table } from './lib/report';
import { TS_NODE_ENV, TS_NODE_FLAGS } from '../ts-node-flags';

const RUNS = Number(process.env.VALIDATE_BENCH_RUNS ?? 3);
const TEMPLATE = 'template/template.tpl';
const TSX = 'tsx@4.23.15';

interface Command {
  label: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
  times: number[];
}

/** The tsx CLI's path in npx's cache, or why there is none. */
function tsxBin(): string | { skipped: string } {
  const found = spawnSync('npx', ['--yes', '-p', TSX, '-c', 'command -v tsx'], { cwd: ROOT, encoding: 'utf8', timeout: 45_000 });
  const bin = found.stdout?.trim().split('\n').pop();
  if (found.status !== 0 || !bin) return { skipped: `npx could not provide ${TSX} (${(found.stderr || String(found.error ?? 'timeout')).trim().split('\n').pop()})` };
  return bin;
}

function timeOnce(c: Command): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, c.argv, { cwd: ROOT, env: c.env, encoding: 'utf8', timeout: 60_000 });
  const took = performance.now() - started;
  if (result.status !== 0) throw new Error(`${c.label} exited ${result.status}: ${result.stderr || result.stdout}`);
  return took;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const commands: Command[] = [
    { label: `sgtm validate ${TEMPLATE} (scripts/bin/sgtm.js, ts-node + SWC)`, argv: [path.join(ROOT, 'scripts', 'bin', 'sgtm.js'), 'validate', TEMPLATE], env: process.env, times: [] },
    { label: `ts-node sandbox-shim/cli.ts validate ${TEMPLATE}`, argv: [...TS_NODE_FLAGS, path.join(ROOT, 'sandbox-shim', 'cli.ts'), 'validate', TEMPLATE], env: TS_NODE_ENV, times: [] },
  ];
  const tsx = tsxBin();
  if (typeof tsx === 'string') {
    commands.push({ label: `before: tsx sandbox-shim/cli.ts validate ${TEMPLATE} (${TSX} via npx's cache)`, argv: [tsx, path.join(ROOT, 'sandbox-shim', 'cli.ts'), 'validate', TEMPLATE], env: process.env, times: [] });
  }
  for (const c of commands) timeOnce(c); // warm the disk cache and ts-node's / tsx's caches alike
  for (let i = 0; i < RUNS; i++) for (const c of commands) c.times.push(timeOnce(c));

  out(`cold-process wall time, median of ${RUNS} interleaved runs after one warm-up each (exit 0 checked)`);
  const before = typeof tsx === 'string' ? median(commands[2].times) : undefined;
  table(
    ['command', 'median', 'min', before === undefined ? '' : 'vs tsx (before)'],
    commands.map((c) => [c.label, ms(median(c.times)), ms(Math.min(...c.times)), before === undefined ? '' : ratio(median(c.times), before)]),
  );
  if (typeof tsx !== 'string') out(`  before comparator skipped: ${tsx.skipped}`);
}

try {
  main();
} catch (err) {
  fail(err);
}
