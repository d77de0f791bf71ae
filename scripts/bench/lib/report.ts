/**
 * How every bench prints: a figure next to its comparator and their ratio, and each goal of the
 * speed issue next to the measured ratio with pass/miss. Goals are also appended (JSON lines) to
 * $BENCH_GOALS_FILE, so `npm run bench` can list them all at the end.
 */
import { appendFileSync } from 'fs';
import os from 'os';

export function machine(): string {
  const cpus = os.cpus();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cores} cores · ${cpus[0]?.model.trim() ?? 'unknown CPU'} · Node ${process.version} · load average ${load}`;
}

export function out(line = ''): void {
  process.stdout.write(line + '\n');
}

/** 0.000123 s → "123 µs", 0.0054 → "5.40 ms". */
export function ms(millis: number): string {
  if (millis < 0) return `-${ms(-millis)}`;
  if (millis < 0.01) return `${(millis * 1000).toFixed(2)} µs`;
  if (millis < 1) return `${(millis * 1000).toFixed(0)} µs`;
  if (millis < 100) return `${millis.toFixed(2)} ms`;
  return `${millis.toFixed(0)} ms`;
}

export function rate(perSecond: number, unit: string): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} ${unit}`;
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

export interface GoalResult {
  bench: string;
  goal: string;
  measured: string;
  pass: boolean;
}

/** Prints `goal  <goal>: measured <measured> → pass|MISS` and records it for the summary. */
export function goal(bench: string, text: string, measured: string, pass: boolean): void {
  out(`  goal: ${text}: ${measured} → ${pass ? 'pass' : 'MISS'}`);
  const file = process.env.BENCH_GOALS_FILE;
  if (file) appendFileSync(file, JSON.stringify({ bench, goal: text, measured, pass } satisfies GoalResult) + '\n');
}

/** A left-aligned table with a header row. */
export function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  out(line(header));
  for (const r of rows) out(line(r));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function fail(err: unknown): void {
  process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
  process.exitCode = 1;
}
