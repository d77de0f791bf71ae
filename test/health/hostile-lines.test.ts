/**
 * The report never crashes on a line (issue 8 item 5: `time_ms: 1e20` made it exit 2 with a
 * RangeError; `latency_ms: 1e300` and `attempts: 1e9` were summed unchecked). A seeded stream of
 * hostile lines — huge and negative numbers, numbers as strings, nested junk, huge strings,
 * `__proto__` keys — mixed with valid ones: every line lands in the class the generator expects,
 * the totals are those of the valid lines only, every output format renders, the exit code is right.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { Writable } from 'stream';
import { createHealthAccumulator, formatHealthReport, renderHealthHtml, type HealthReport } from '../../scripts/health';
import { run } from '../../scripts/health/command';
import { T, line, result } from './fixtures';

type Expected =
  | { kind: 'valid'; outcome: 'success' | 'failure' | 'skipped'; attempts: number; latency: number | null }
  | { kind: 'invalid'; reason: string }
  | { kind: 'malformed' }
  | { kind: 'notHealth' };

/** mulberry32: the same stream on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUGE = 'h'.repeat(300_000);

type Generator = (r: () => number) => [string, Expected];

/** Huge strings: counted, cut in the report (generated once, so the file stays small). */
const hugeStrings: Generator = () => [
  line(result('failure', { ga4_event: HUGE, tiktok_message: HUGE, error_message: HUGE, error_kind: HUGE, attempts: 2, latency_ms: 7 })),
  { kind: 'valid', outcome: 'failure', attempts: 2, latency: 7 },
];

/** Each generator: a line of text and what the report must make of it. */
const generators: Generator[] = [
  // valid lines, with plausible numbers
  (r) => {
    const outcome = (['success', 'failure', 'skipped'] as const)[Math.floor(r() * 3)];
    const attempts = outcome === 'skipped' ? 0 : 1 + Math.floor(r() * 4);
    const latency = outcome === 'skipped' ? null : Math.floor(r() * 5000);
    const fields = outcome === 'failure' ? { error_kind: 'http_5xx', http_status: 503, tiktok_code: null, tiktok_message: null } : {};
    return [line(result(outcome, { time_ms: T + Math.floor(r() * 3_600_000), attempts, latency_ms: latency, ...fields })), { kind: 'valid', outcome, attempts, latency }];
  },
  // out-of-range numbers
  () => [line(result('success', { time_ms: 1e20 })), { kind: 'invalid', reason: 'time_ms out of range' }],
  () => [line(result('success', { time_ms: -1 })), { kind: 'invalid', reason: 'time_ms out of range' }],
  () => [line(result('success', { time_ms: T + 0.5 })), { kind: 'invalid', reason: 'time_ms out of range' }],
  () => [line(result('success', { latency_ms: 1e300 })), { kind: 'invalid', reason: 'latency_ms out of range' }],
  () => [line(result('success', { latency_ms: -5 })), { kind: 'invalid', reason: 'latency_ms out of range' }],
  () => [line(result('failure', { attempts: 1e9, error_kind: 'network' })), { kind: 'invalid', reason: 'attempts out of range' }],
  () => [line(result('success', { http_status: 99999 })), { kind: 'invalid', reason: 'http_status out of range' }],
  () => [line(result('failure', { tiktok_code: 1e20, error_kind: 'tiktok_error' })), { kind: 'invalid', reason: 'tiktok_code out of range' }],
  () => [line(result('success', { latency_ms: Number.MAX_VALUE })), { kind: 'invalid', reason: 'latency_ms out of range' }],
  // numbers as strings, and NaN/Infinity as strings
  () => [line(result('success', { latency_ms: 'NaN' })), { kind: 'invalid', reason: 'latency_ms is not a number' }],
  () => [line(result('success', { time_ms: 'Infinity' })), { kind: 'invalid', reason: 'time_ms is not a number' }],
  () => [line(result('success', { attempts: '3' })), { kind: 'invalid', reason: 'attempts is not a number' }],
  // nested junk
  () => [line(result('success', { user_data: [[[{ email: true }]]] })), { kind: 'invalid', reason: 'user_data is not an object' }],
  () => [line(result('success', { ga4_event: { toString: 'purchase', nested: { deep: [1, 2, 3] } } })), { kind: 'invalid', reason: 'ga4_event is not a string' }],
  () => [line(result('success', { warnings: 'currency_invalid' })), { kind: 'invalid', reason: 'warnings is not an array' }],
  () => [line(result('success', { warnings: [1, 2] })), { kind: 'invalid', reason: 'warnings holds a non-object' }],
  () => [line(result('success', { warnings: [{ code: { a: 1 } }] })), { kind: 'invalid', reason: 'warnings code is not a string' }],
  () => [line(result('success', { test_event: 'yes' })), { kind: 'invalid', reason: 'test_event is not a boolean' }],
  () => [line(result('success', { outcome: ['success'] })), { kind: 'invalid', reason: 'outcome missing or unknown' }],
  () => [line(result('success', { user_data: { email: { deep: { deeper: true } }, phone: 'true' }, attempts: 1, latency_ms: 10 })), { kind: 'valid', outcome: 'success', attempts: 1, latency: 10 }],
  hugeStrings,
  // __proto__ and friends as keys and as names
  () => [
    `{"__proto__":{"polluted":"yes"},${line(result('success', { attempts: 1, latency_ms: 3, ga4_event: '__proto__', tiktok_event: 'constructor', tag: '__proto__', warnings: [{ code: '__proto__', message: 'x' }, { code: 'constructor' }] })).slice(1)}`,
    { kind: 'valid', outcome: 'success', attempts: 1, latency: 3 },
  ],
  () => [line({ ...result('success'), user_data: JSON.parse('{"__proto__":{"email":true}}') }), { kind: 'valid', outcome: 'success', attempts: 1, latency: 100 }],
  // Cloud Logging entry with an impossible timestamp and no time_ms
  () => {
    const { time_ms: _t, ...untimed } = result('success');
    return [line({ timestamp: { seconds: 1e20, nanos: 0 }, jsonPayload: untimed }), { kind: 'invalid', reason: 'timestamp out of range' }];
  },
  // not ours, not JSON
  () => [line({ schema: 'something-else/1', outcome: 'failure' }), { kind: 'notHealth' }],
  () => ['null', { kind: 'notHealth' }],
  () => ['"a string"', { kind: 'notHealth' }],
  () => ['{"schema":"tiktok-events-api/1","type":"result","outcome":"success"', { kind: 'malformed' }],
  () => ['\u0000\u0001\u0002 binary junk', { kind: 'malformed' }],
  () => ['[' + '['.repeat(5000) + ']'.repeat(5000) + ']', { kind: 'notHealth' }],
];

function hostileLog(count: number): { lines: string[]; expected: Expected[] } {
  const r = prng(20261201);
  const lines: string[] = [];
  const expected: Expected[] = [];
  // Every generator at least once, then a random mix of all but the huge-string one.
  const mix = generators.filter((g) => g !== hugeStrings);
  for (let i = 0; i < count; i++) {
    const g = i < generators.length ? generators[i] : mix[Math.floor(r() * mix.length)];
    const [text, exp] = g(r);
    lines.push(text);
    expected.push(exp);
  }
  return { lines, expected };
}

function tally(expected: Expected[]) {
  const valid = expected.filter((e): e is Extract<Expected, { kind: 'valid' }> => e.kind === 'valid');
  const invalid = expected.filter((e): e is Extract<Expected, { kind: 'invalid' }> => e.kind === 'invalid');
  const reasons = new Map<string, number>();
  for (const e of invalid) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  const sent = valid.filter((v) => v.outcome !== 'skipped');
  const latencies = sent.map((v) => v.latency).filter((l): l is number => l !== null);
  return {
    valid: valid.length,
    invalid: invalid.length,
    reasons,
    malformed: expected.filter((e) => e.kind === 'malformed').length,
    notHealth: expected.filter((e) => e.kind === 'notHealth').length,
    success: valid.filter((v) => v.outcome === 'success').length,
    failure: valid.filter((v) => v.outcome === 'failure').length,
    skipped: valid.filter((v) => v.outcome === 'skipped').length,
    attempts: sent.reduce((a, v) => a + v.attempts, 0),
    latencyCount: latencies.length,
    latencyMax: Math.max(...latencies),
  };
}

describe('hostile lines', () => {
  const { lines, expected } = hostileLog(3000);
  const want = tally(expected);
  let report: HealthReport;

  beforeAll(() => {
    const acc = createHealthAccumulator({ byTag: true });
    for (const l of lines) acc.addLine(l);
    report = acc.report();
  });

  it('generates every kind of hostile line', () => {
    expect(want.invalid).toBeGreaterThan(1000);
    expect(want.reasons.size).toBe(16);
    expect([want.valid, want.malformed, want.notHealth].every((n) => n > 50)).toBe(true);
  });

  it('puts every line in the expected class, with the reason for each invalid one', () => {
    expect(report.input.records).toBe(lines.length);
    expect(report.input.resultLines).toBe(want.valid);
    expect(report.input.skipped).toEqual({ malformed: want.malformed, notHealth: want.notHealth, unknownSchema: 0, invalid: want.invalid });
    expect(Object.fromEntries(report.input.invalidReasons.map((r) => [r.reason, r.count]))).toEqual(Object.fromEntries(want.reasons));
  });

  it('counts only the valid lines: outcomes, attempts and latency', () => {
    const th = report.tagHealth;
    expect([th.success, th.failure, th.skipped]).toEqual([want.success, want.failure, want.skipped]);
    expect(th.attempts.total).toBe(want.attempts);
    expect([th.latency.count, th.latency.max]).toEqual([want.latencyCount, want.latencyMax]);
    expect(report.period.first! >= new Date(T).toISOString()).toBe(true);
    expect(report.period.last! < new Date(T + 3_600_000).toISOString()).toBe(true);
  });

  it('renders text, JSON and HTML without NaN, Infinity or a huge string, and pollutes no prototype', () => {
    const json = JSON.stringify(report);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(json).not.toContain('h'.repeat(600));
    const text = formatHealthReport(report, { width: 120 });
    expect(text).toContain('TAG HEALTH');
    expect(text).not.toContain('h'.repeat(600));
    const html = renderHealthHtml(report);
    expect(html).toContain('<h2>Data quality</h2>');
    expect(html).not.toContain('h'.repeat(600));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(report.tagHealth.events.ga4.map((e) => e.event)).toContain('__proto__');
    expect(report.dataQuality.codes.map((c) => c.code).sort()).toEqual(['__proto__', 'constructor']);
    expect(report.byTag?.map((t) => t.tag)).toContain('__proto__');
  });

  describe('through sgtm health', () => {
    let dir: string;
    let file: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'health-hostile-'));
      file = path.join(dir, 'hostile.jsonl');
      writeFileSync(file, lines.join('\n') + '\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    async function health(args: string[]) {
      let out = '';
      let err = '';
      const sink = (append: (s: string) => void) => new Writable({ write: (c, _e, done) => (append(c.toString()), done()) });
      const code = await run(args, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), now: T });
      return { code, out, err };
    }

    it('exits 0 or 1 by the success rate of the valid lines, never 2 or a stack trace', async () => {
      const rate = want.success / (want.success + want.failure);
      const above = await health([file, '--json', '--min-success-rate', String(Math.floor(rate * 100 - 1))]);
      expect(above.code).toBe(0);
      expect(above.err).toBe('');
      expect(JSON.parse(above.out).input.skipped.invalid).toBe(want.invalid);
      const under = await health([file, '--min-success-rate', String(Math.ceil(rate * 100 + 1))]);
      expect(under.code).toBe(1);
      expect(under.err).toBe(`sgtm health: success rate ${(rate * 100).toFixed(2)}% is under the minimum ${Math.ceil(rate * 100 + 1).toFixed(2)}%\n`);
      expect(under.out).toContain('invalid (');
    });

    it('counts the same from a Cloud Logging JSON-array export of the same records', async () => {
      const json = lines.filter((_l, i) => expected[i].kind !== 'malformed');
      const kept = expected.filter((e) => e.kind !== 'malformed');
      const exportFile = path.join(dir, 'export.json');
      writeFileSync(exportFile, `[\n${json.join(',\n')}\n]\n`);
      const { code, out } = await health([exportFile, '--json']);
      expect(code).toBe(0);
      const report = JSON.parse(out) as HealthReport;
      const want = tally(kept);
      // "null", a string and a nested empty array are records of the array like any other element.
      expect(report.input.skipped).toEqual({ malformed: 0, notHealth: want.notHealth, unknownSchema: 0, invalid: want.invalid });
      expect([report.tagHealth.success, report.tagHealth.failure, report.tagHealth.skipped]).toEqual([want.success, want.failure, want.skipped]);
    });

    it('a file of only out-of-range lines is no data: exit 1 with the reason', async () => {
      const only = path.join(dir, 'only-invalid.jsonl');
      writeFileSync(only, [line(result('success', { time_ms: 1e20 })), line(result('success', { latency_ms: 1e300 })), line(result('failure', { attempts: 1e9 }))].join('\n'));
      const { code, err } = await health([only, '--min-success-rate', '99']);
      expect(code).toBe(1);
      expect(err).toBe(
        'sgtm health: no health result lines in the period (3 records read: 3 invalid), so --min-success-rate cannot pass: ' +
          'check the log file, sink or period, or give --allow-empty to accept no data\n',
      );
    });
  });
});
