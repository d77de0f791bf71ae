/**
 * Runs cases in interleaved batches (a machine busy with other work slows every case alike, so
 * ratios within the run hold), each run checked, and keeps CPU (lib/cpu.ts) and wall per run.
 */
import { runTemplate } from '../../../sandbox-shim';
import type { ParsedTemplate, PreviewRecord, RunOptions } from '../../../sandbox-shim';
import { cpuBetween, cpuSnapshot } from './cpu';

export type Runner = (template: ParsedTemplate, options: RunOptions) => Promise<PreviewRecord>;

export interface Case {
  label: string;
  template: ParsedTemplate;
  options: RunOptions;
  /** How a run is fired (default runTemplate). */
  run: Runner;
  /** Why a run does not count, or undefined. */
  check(record: PreviewRecord): string | undefined;
  cpuMs: number;
  wallMs: number;
  runs: number;
  last?: PreviewRecord;
}

export function newCase(label: string, template: ParsedTemplate, options: RunOptions, check: Case['check'], run: Runner = runTemplate): Case {
  return { label, template, options, check, run, cpuMs: 0, wallMs: 0, runs: 0 };
}

async function batch(c: Case, runs: number, exclude: Set<number>, count: boolean): Promise<void> {
  const cpu = count ? cpuSnapshot(exclude) : undefined;
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const record = await c.run(c.template, c.options);
    const problem = c.check(record);
    if (problem) throw new Error(`${c.label}: a run ${problem}`);
    c.last = record;
  }
  if (!cpu) return;
  c.wallMs += performance.now() - started;
  c.cpuMs += cpuBetween(cpu, cpuSnapshot(exclude, 'end'));
  c.runs += runs;
}

/** `warmUp` unmeasured runs per case, then `runs` per case in batches of `size`. */
export async function interleave(cases: Case[], runs: number, size: number, warmUp: number, exclude: Set<number> = new Set()): Promise<void> {
  for (const c of cases) await batch(c, warmUp, exclude, false);
  for (let done = 0; done < runs; done += size) {
    for (const c of cases) await batch(c, Math.min(size, runs - done), exclude, true);
  }
}

/**
 * Unmeasured runs of a real tag (a purchase to TikTok) before it is measured. V8 keeps optimising
 * a template's code and the shim's hot paths over the first thousands of runs: in batches of 500
 * runs in a unit, our tag went 3.1 ms, 2.0, 1.8, 1.5, 1.2, 1.0, 0.9, then held at ~0.8–0.9 ms from
 * the 4,000th run on (TikTok's lookalike 2.4 ms → ~0.7 ms), and a container serving events runs warm.
 */
export const TAG_WARM_UP = 4000;

export const cpuPerRun = (c: Case): number => c.cpuMs / c.runs;
export const wallPerRun = (c: Case): number => c.wallMs / c.runs;
