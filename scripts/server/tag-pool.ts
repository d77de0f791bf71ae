/**
 * Where the shim runs: inline on the main thread, or in a pool of worker threads. The shim's work
 * is CPU-bound (a fresh sandbox realm per run), so on a machine with several cores a pool keeps
 * the HTTP side responsive and multiplies throughput.
 */
import os from 'os';
import path from 'path';
import { Worker } from 'worker_threads';
import { runTemplate } from '../../sandbox-shim';
import type { ConsoleEntry, ParsedTemplate, PreviewRecord, RunOptions } from '../../sandbox-shim/types';
import type { FromWorker, ToWorker } from './tag-worker';

export interface ShimRunner {
  run(options: RunOptions): Promise<PreviewRecord>;
  /** Threads in use (0 = inline). */
  readonly workers: number;
  close(): Promise<void>;
}

/**
 * `auto`: one thread per core, at most 4 (the main thread mostly waits on sockets; measured on 2
 * cores: inline 141 events/s, 1 worker 145, 2 workers 196); 0 runs inline.
 */
export function poolSize(setting: number | 'auto'): number {
  if (setting !== 'auto') return setting;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

export function inlineRunner(template: ParsedTemplate): ShimRunner {
  return { run: (options) => runTemplate(template, options), workers: 0, close: async () => {} };
}

interface Job {
  resolve(record: PreviewRecord): void;
  reject(err: Error): void;
  onConsole?: (entry: ConsoleEntry) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

// The worker is TypeScript like the rest of the repo: load it through ts-node (SWC) when it is not compiled.
const WORKER_FILE = path.join(__dirname, `tag-worker${path.extname(__filename) || '.js'}`);
const BOOTSTRAP = `
if (${JSON.stringify(WORKER_FILE.endsWith('.ts'))}) require(${JSON.stringify(require.resolve('ts-node'))}).register({ project: ${JSON.stringify(path.join(__dirname, '..', '..', 'tsconfig.json'))} });
require(${JSON.stringify(WORKER_FILE)});
`;

export function createWorkerPool(template: ParsedTemplate, size: number): ShimRunner {
  let nextId = 0;
  let closing = false;
  const slots: Slot[] = [];

  const spawn = (index: number) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { template } });
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (message: FromWorker) => {
      const job = slot.jobs.get(message.id);
      if (!job) return;
      if (message.type === 'console') job.onConsole?.(message.entry as ConsoleEntry);
      else {
        slot.jobs.delete(message.id);
        if (message.type === 'done') job.resolve(message.record);
        else job.reject(new Error(message.message));
      }
    });
    const fail = (why: string) => {
      for (const job of slot.jobs.values()) job.reject(new Error(why));
      slot.jobs.clear();
      if (!closing && slots[index] === slot) spawn(index);
    };
    worker.on('error', (err) => fail(`the tag worker thread failed: ${err.message}`));
    worker.on('exit', (code) => { if (!closing) fail(`the tag worker thread exited (code ${code})`); });
    worker.unref();
    slots[index] = slot;
  };
  for (let i = 0; i < size; i++) spawn(i);

  return {
    workers: size,
    run(options) {
      if (closing) return Promise.reject(new Error('the tag pool is closed'));
      const slot = slots.reduce((best, s) => (s.jobs.size < best.jobs.size ? s : best));
      const id = ++nextId;
      const { onConsole, storage: _ignored, ...rest } = options;
      return new Promise<PreviewRecord>((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject, onConsole });
        const message: ToWorker = { type: 'run', id, options: rest };
        slot.worker.postMessage(message);
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
