/**
 * CPU time of this process and every process it started (the shim's execution units are child
 * processes: process.cpuUsage alone would miss the template's own work), read from Linux's
 * per-thread schedstat in nanoseconds (this process: getrusage). Processes named in `exclude`
 * (the loopback stub, a server under load) are left out. Without /proc it falls back to this
 * process alone and says so.
 */
import fs from 'fs';

export type CpuSnapshot = Map<number, number>;

const hasProc = (() => {
  try {
    fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8');
    return true;
  } catch {
    return false;
  }
})();

export const CPU_SCOPE = hasProc ? 'this process and its child processes (execution units)' : 'this process only (no /proc: execution units not counted)';

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `root` (default: this process) and its descendants, minus `exclude` and their descendants. */
function tree(exclude: Set<number>, root = process.pid): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    if (exclude.has(pid)) continue;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function processMs(pid: number): number | undefined {
  try {
    let ns = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    return ns / 1e6;
  } catch {
    return undefined; // it exited
  }
}

/**
 * This process's CPU from getrusage: its own schedstat lags while it runs (the kernel adds a
 * running thread's time at the next tick or switch), which read a batch of short in-process
 * runs as 0 µs. The children are idle when read, so their schedstat is current.
 */
function selfMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * `at`: 'start' reads this process after scanning /proc, 'end' before, so the scan's own CPU
 * falls outside the measured window (the children are idle between the two reads).
 */
export function cpuSnapshot(exclude: Set<number> = new Set(), at: 'start' | 'end' = 'start'): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  if (!hasProc) {
    snapshot.set(process.pid, selfMs());
    return snapshot;
  }
  const self = at === 'end' ? selfMs() : undefined;
  for (const pid of tree(exclude)) {
    if (pid === process.pid) continue;
    const ms = processMs(pid);
    if (ms !== undefined) snapshot.set(pid, ms);
  }
  snapshot.set(process.pid, self ?? selfMs());
  return snapshot;
}

/** CPU ms of another process (e.g. a server under load) and, separately, of its descendants. */
export function processTreeMs(root: number): { self: number; descendants: number } {
  if (!hasProc) return { self: NaN, descendants: NaN };
  let self = 0;
  let descendants = 0;
  for (const pid of tree(new Set(), root)) {
    const ms = processMs(pid) ?? 0;
    if (pid === root) self += ms;
    else descendants += ms;
  }
  return { self, descendants };
}

/** CPU ms spent between two snapshots (processes started in between count from zero). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}
