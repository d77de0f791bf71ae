/**
 * `sgtm health [FILE…|-] [--since T] [--until T] [--by minute|hour|day] [--by-tag] [--json] [--html OUT]
 *   [--min-success-rate R] [--allow-empty] [--brief] [--width N]`
 * Exit codes: 0 ok, 1 success rate under --min-success-rate (or no data, unless --allow-empty),
 * 2 usage or unreadable input.
 */
import { writeFileSync } from 'fs';
import { UsageError, lastValue, parseArgs } from '../../sandbox-shim/cli/args';
import { formatHealthReport } from './format-text';
import { renderHealthHtml } from './format-html';
import { PeriodError, parseTimeArg } from './period';
import { HealthInputError, readHealthFiles, type ReadOptions } from './readers';
import { countOf, formatCount } from './format';
import type { Granularity, HealthReport } from './types';

/** Every flag of `sgtm health`: the one list the parser, the usage line and the help read. */
export const FLAGS = {
  boolean: ['json', 'brief', 'by-tag', 'allow-empty', 'help'],
  value: ['since', 'until', 'by', 'html', 'min-success-rate', 'width'],
} as const;

const GRANULARITIES: Granularity[] = ['minute', 'hour', 'day'];

export const USAGE =
  'usage: sgtm health [FILE…|-] [--since T] [--until T] [--by minute|hour|day] [--by-tag] [--json] [--html OUT] [--min-success-rate R] [--allow-empty] [--brief] [--width N]';

export const help = `${USAGE}

Tag Health and Data Monitoring from the tag's health log lines (docs/health-log-schema.md): a
JSON-lines file such as logs/health.jsonl, a Cloud Logging export (JSON array or lines, .gz
too), or "-" for stdin. Streamed in constant memory; lines that are not health lines are counted
and skipped.

Options:
  --since T              Only lines at or after T: an ISO time (2026-11-25T12:00:00Z), a date
                         (2026-11-25, UTC), epoch milliseconds, or an age such as 30m, 24h, 7d.
  --until T              Only lines before T (same forms).
  --by minute|hour|day   Timeline buckets (UTC). Default: minute when the data spans at most 60
                         minutes, hour up to 72 hours, else day.
  --by-tag               Also Tag Health per (tag, pixel): requests, success rate, skips,
                         failures, retries, latency, timeline and per-event success.
  --json                 Print the report as JSON instead of tables.
  --html OUT             Also write a self-contained HTML report with charts to OUT.
  --min-success-rate R   Exit 1 when the success rate is under R (0.95, 95 or 95%): for CI and
                         alerting. With --by-tag, also when any tag/pixel is under R. No data at
                         all (empty file, only malformed lines) fails too: an alert on a broken
                         log sink must fire.
  --allow-empty          With --min-success-rate: no data is not a failure (exit 0, a note on
                         stderr).
  --brief                Only the headline figures.
  --width N              Table width in columns (default: the terminal's, or 100).
  -h, --help             This help.

Exit codes: 0 report printed, 1 success rate under --min-success-rate (overall or, with
--by-tag, for a tag) or no data with --min-success-rate (unless --allow-empty), 2 bad usage or
unreadable input.`;

/** "0.95", "95", "95%" → 0.95. Values above 1 (or with %) are percentages. */
export function parseRate(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  if (!m) throw new UsageError(`--min-success-rate "${value}" is not a number: use 0.95, 95 or 95%`);
  const n = Number(m[1]);
  const rate = m[2] || n > 1 ? n / 100 : n;
  if (rate > 1) throw new UsageError(`--min-success-rate "${value}" is above 100%`);
  return rate;
}

function time(value: string | undefined, flag: string, now: number): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseTimeArg(value, now);
  } catch (err) {
    if (err instanceof PeriodError) throw new UsageError(`--${flag}: ${err.message}`);
    throw err;
  }
}

export interface RunIO {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  stdin?: ReadOptions['stdin'];
  now?: number;
}

export async function run(args: string[], io: RunIO = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const parsed = parseArgs(args, [...FLAGS.boolean], [...FLAGS.value]);
  if (parsed.flags.has('help')) {
    stdout.write(USAGE + '\n');
    return 0;
  }
  const now = io.now ?? Date.now();
  const since = time(lastValue(parsed, 'since'), 'since', now);
  const until = time(lastValue(parsed, 'until'), 'until', now);
  if (since !== undefined && until !== undefined && since >= until) {
    throw new UsageError(`--since (${new Date(since).toISOString()}) must be before --until (${new Date(until).toISOString()})`);
  }
  const byValue = lastValue(parsed, 'by');
  if (byValue !== undefined && !GRANULARITIES.includes(byValue as Granularity)) {
    throw new UsageError(`--by must be minute, hour or day, not "${byValue}"`);
  }
  const byTag = parsed.flags.has('by-tag');
  const minRateValue = lastValue(parsed, 'min-success-rate');
  const minRate = minRateValue === undefined ? undefined : parseRate(minRateValue);
  const widthValue = lastValue(parsed, 'width');
  if (widthValue !== undefined && !/^\d+$/.test(widthValue)) throw new UsageError(`--width must be a number of columns, not "${widthValue}"`);
  const width = widthValue ? Number(widthValue) : ((stdout as NodeJS.WriteStream).columns ?? 100);
  const paths = parsed.positionals.length ? parsed.positionals : ['-'];
  if (paths.length === 1 && paths[0] === '-' && !io.stdin && process.stdin.isTTY) {
    throw new UsageError(`give log files, or pipe lines into "-"\n${USAGE}`);
  }

  let report;
  try {
    report = await readHealthFiles(paths, { since, until, by: byValue as Granularity | undefined, byTag, stdin: io.stdin });
  } catch (err) {
    if (err instanceof HealthInputError) {
      stderr.write(`sgtm health: ${err.message}\n`);
      return 2;
    }
    throw err;
  }

  const htmlPath = lastValue(parsed, 'html');
  if (htmlPath) {
    try {
      writeFileSync(htmlPath, renderHealthHtml(report));
    } catch (err) {
      stderr.write(`sgtm health: cannot write ${htmlPath}: ${(err as Error).message}\n`);
      return 2;
    }
  }
  if (parsed.flags.has('json')) stdout.write(JSON.stringify(report, null, 2) + '\n');
  else stdout.write(formatHealthReport(report, { width, brief: parsed.flags.has('brief') }));
  if (htmlPath && !parsed.flags.has('json')) stdout.write(`\nHTML report written to ${htmlPath}\n`);

  if (minRate === undefined) return 0;
  const problem = rateProblem(report, minRate, parsed.flags.has('allow-empty'));
  if (problem) stderr.write(`sgtm health: ${problem.message}\n`);
  return problem?.fail ? 1 : 0;
}

const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;

/** What was read instead of result lines, for the "no data" message. */
function whatWasRead(report: HealthReport): string {
  const { input } = report;
  const s = input.skipped;
  const parts = [
    s.malformed && `${formatCount(s.malformed)} malformed`,
    s.notHealth && `${formatCount(s.notHealth)} not health lines`,
    s.unknownSchema && `${formatCount(s.unknownSchema)} of an unknown schema`,
    s.invalid && `${formatCount(s.invalid)} invalid`,
    input.debugLines && `${formatCount(input.debugLines)} debug lines`,
    input.outOfPeriod && `${formatCount(input.outOfPeriod)} outside the period`,
  ].filter(Boolean);
  return `${countOf(input.records, 'record')} read${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * The --min-success-rate verdict. No result line at all fails (a broken log sink, a wrong file or
 * filter must not pass an alert) unless --allow-empty; result lines with no request (all skipped)
 * pass with a note; with --by-tag every tag with requests must reach the minimum too.
 */
export function rateProblem(report: HealthReport, minRate: number, allowEmpty: boolean): { fail: boolean; message: string } | null {
  if (report.empty) {
    const what = `no health result lines in the period (${whatWasRead(report)})`;
    return allowEmpty
      ? { fail: false, message: `${what}; --allow-empty given, --min-success-rate not checked` }
      : { fail: true, message: `${what}, so --min-success-rate cannot pass: check the log file, sink or period, or give --allow-empty to accept no data` };
  }
  const rate = report.tagHealth.successRate;
  if (rate === null) return { fail: false, message: 'no requests in the period (every event was skipped), --min-success-rate not checked' };
  const under: string[] = [];
  if (rate < minRate) under.push(`success rate ${percent(rate)} is under the minimum ${percent(minRate)}`);
  for (const t of report.byTag ?? []) {
    const r = t.tagHealth.successRate;
    if (r !== null && r < minRate) under.push(`tag "${t.tag}" on pixel ${t.pixelCode}: success rate ${percent(r)} is under the minimum ${percent(minRate)}`);
  }
  return under.length ? { fail: true, message: under.join('\nsgtm health: ') } : null;
}
