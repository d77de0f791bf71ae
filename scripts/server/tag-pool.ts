/**
 * Where the container's tag runs happen: the shim's execution units (the second wall; see
 * docs/shim.md "Walls"). Each unit is a warm child process with a heap cap; a tag that hangs or
 * blows its memory ends as `timeout`/`exception`, its unit is replaced and the container lives on.
 * One pool of units per container: `workers` is how many units run tags side by side.
 */
import os from 'os';
import { UnitPool } from '../../sandbox-shim';
import type { ParsedTemplate, PreviewRecord, RunOptions } from '../../sandbox-shim/types';

export interface ShimRunner {
  run(options: RunOptions): Promise<PreviewRecord>;
  /** Execution units in use (at least 1). */
  readonly workers: number;
  /** How the units fared since start (started, killed for a timeout or memory, crashed). */
  stats(): ReturnType<UnitPool['stats']>;
  close(): Promise<void>;
}

/**
 * `auto`: one unit per core, at most 4 (the main thread mostly waits on sockets; measured on 2
 * cores: inline 141 events/s, 1 worker 145, 2 workers 196). 0 means 1: tag runs always happen
 * in a unit, so a runaway tag cannot take the container down.
 */
export function poolSize(setting: number | 'auto'): number {
  if (setting !== 'auto') return Math.max(1, setting);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

export function createWorkerPool(template: ParsedTemplate, size: number, memoryLimitMb?: number): ShimRunner {
  const pool = new UnitPool({ size: Math.max(1, size), memoryLimitMb });
  return {
    workers: pool.size,
    run: (options) => pool.run(template, options),
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}

/** Kept for callers of the former inline mode: one execution unit. */
export function inlineRunner(template: ParsedTemplate): ShimRunner {
  return createWorkerPool(template, 1);
}
