/** Runs Node with ts-node on this repo (a TypeScript file, or `-e` code) in a child process and collects what it printed. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { TS_NODE_ENV, TS_NODE_FLAGS } from '../../scripts/ts-node-flags';

export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = path.join(__dirname, '..', '..');

/** `args`: Node flags and then the file (or `-e`, code) and its arguments; run from the repo root, 25 s at most. */
export function runTs(args: string[]): Promise<RunOutput> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...TS_NODE_FLAGS, ...args], { cwd: root, timeout: 25_000, env: TS_NODE_ENV }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
