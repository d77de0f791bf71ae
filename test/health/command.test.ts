import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { Readable, Writable } from 'stream';
import { parseRate, run } from '../../scripts/health/command';
import { main } from '../../scripts/sgtm';
import { UsageError } from '../../sandbox-shim/cli/args';
import { MIN, T, line, mixedLog, result } from './fixtures';

let dir: string;
let mixed: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'health-cmd-'));
  mixed = path.join(dir, 'mixed.jsonl');
  writeFileSync(mixed, mixedLog().join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function health(args: string[], stdin?: Readable) {
  const out = sink();
  const err = sink();
  const code = await run(args, { stdout: out.stream, stderr: err.stream, stdin, now: T + 200 * MIN });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('sgtm health', () => {
  it('prints the JSON report with --json', async () => {
    const { code, stdout } = await health([mixed, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schema).toBe('sgtm-health-report/1');
    expect([report.tagHealth.requests, report.tagHealth.successRate]).toEqual([8, 0.625]);
  });

  it('applies relative --since/--until against now', async () => {
    // now = T+200min: --since 3h → T+20min (inclusive), --until 1h → T+140min (exclusive)
    const { stdout } = await health([mixed, '--json', '--since', '3h', '--until=1h']);
    const report = JSON.parse(stdout);
    expect(report.period.since).toBe(new Date(T + 20 * MIN).toISOString());
    expect([report.tagHealth.success, report.tagHealth.failure, report.tagHealth.skipped]).toEqual([4, 2, 0]);
    expect(report.input.outOfPeriod).toBe(4);
  });

  it('accepts ISO times and --by day', async () => {
    const { stdout } = await health([mixed, '--json', '--since', '2026-11-25T11:00:00Z', '--by', 'day']);
    const report = JSON.parse(stdout);
    expect(report.tagHealth.timeline).toEqual([{ start: '2026-11-25T00:00:00.000Z', requests: 5, success: 2, failure: 3, skipped: 1, successRate: 0.4 }]);
  });

  it('exits 1 when the success rate is under --min-success-rate, 0 when at or above', async () => {
    const low = await health([mixed, '--min-success-rate', '90%']);
    expect(low.code).toBe(1);
    expect(low.stderr).toBe('sgtm health: success rate 62.50% is under the minimum 90.00%\n');
    expect((await health([mixed, '--min-success-rate', '0.625'])).code).toBe(0);
    expect((await health([mixed, '--min-success-rate', '62.5'])).code).toBe(0);
  });

  describe('--min-success-rate with no data', () => {
    const NO_DATA_FIX = 'so --min-success-rate cannot pass: check the log file, sink or period, or give --allow-empty to accept no data\n';
    const file = (name: string, text: string) => {
      const p = path.join(dir, name);
      writeFileSync(p, text);
      return p;
    };

    it.each([
      ['an empty file', 'empty.jsonl', '', '0 records read'],
      ['only malformed lines', 'garbage.jsonl', 'not json\n{"truncated":\n', '2 records read: 2 malformed'],
      ['only other JSON', 'other.jsonl', '{"level":"info","msg":"GET /"}\n[1,2]\n', '3 records read: 3 not health lines'],
    ])('fails on %s, saying what it read', async (_what, name, text, read) => {
      const { code, stdout, stderr } = await health([file(name, text), '--min-success-rate', '0.99']);
      expect(code).toBe(1);
      expect(stdout).toContain('No health log lines found.');
      expect(stderr).toBe(`sgtm health: no health result lines in the period (${read}), ${NO_DATA_FIX}`);
    });

    it('fails when every line is outside the period (a sink that stopped writing)', async () => {
      const { code, stderr } = await health([mixed, '--since', '1m', '--min-success-rate', '90']);
      expect(code).toBe(1);
      expect(stderr).toBe(`sgtm health: no health result lines in the period (16 records read: 1 malformed, 1 not health lines, 1 of an unknown schema, 1 invalid, 2 debug lines, 10 outside the period), ${NO_DATA_FIX}`);
    });

    it('passes with --allow-empty, and says so', async () => {
      const { code, stderr } = await health([file('empty2.jsonl', ''), '--min-success-rate', '0.99', '--allow-empty']);
      expect(code).toBe(0);
      expect(stderr).toBe('sgtm health: no health result lines in the period (0 records read); --allow-empty given, --min-success-rate not checked\n');
    });

    it('passes when there are result lines but every event was skipped, and says so', async () => {
      const skipped = file('skipped.jsonl', line(result('skipped', { skip_reason: 'consent_denied' })) + '\n');
      const { code, stderr } = await health([skipped, '--min-success-rate', '0.99']);
      expect(code).toBe(0);
      expect(stderr).toBe('sgtm health: no requests in the period (every event was skipped), --min-success-rate not checked\n');
    });

    it('exits 0 on no data without --min-success-rate', async () => {
      expect((await health([file('empty3.jsonl', '')])).code).toBe(0);
    });
  });

  it('with --by-tag, fails when one tag is under the minimum even if the total is not, naming the tag', async () => {
    const twoTags = path.join(dir, 'two-tags.jsonl');
    const a = { tag: 'Shop A', pixel_code: 'CA' };
    const b = { tag: 'Shop B', pixel_code: 'CB' };
    writeFileSync(
      twoTags,
      [
        ...Array.from({ length: 9 }, () => line(result('success', a))),
        line(result('success', b)),
        line(result('failure', { ...b, error_kind: 'timeout' })),
      ].join('\n'),
    );
    expect((await health([twoTags, '--min-success-rate', '90'])).code).toBe(0); // 10/11 = 90.9%
    const { code, stderr, stdout } = await health([twoTags, '--min-success-rate', '90', '--by-tag']);
    expect(code).toBe(1);
    expect(stderr).toBe('sgtm health: tag "Shop B" on pixel CB: success rate 50.00% is under the minimum 90.00%\n');
    expect(stdout).toContain('TAG HEALTH PER TAG AND PIXEL (2 pairs)');
  });

  it('buckets per minute with --by minute', async () => {
    const { stdout } = await health([mixed, '--json', '--by', 'minute', '--until', '2026-11-25T10:21:00Z']);
    const report = JSON.parse(stdout);
    expect(report.period.by).toBe('minute');
    expect(report.tagHealth.timeline).toHaveLength(16); // 10:05 … 10:20
    expect(report.tagHealth.timeline[0]).toEqual({ start: '2026-11-25T10:05:00.000Z', requests: 1, success: 1, failure: 0, skipped: 0, successRate: 1 });
  });

  it('writes a self-contained HTML page with --html', async () => {
    const out = path.join(dir, 'report.html');
    const { code, stdout } = await health([mixed, '--html', out, '--brief']);
    expect(code).toBe(0);
    expect(stdout).toContain(`HTML report written to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
  });

  it('reads stdin when given "-" or no file', async () => {
    const { stdout } = await health(['--json'], Readable.from([line(result('success')) + '\n']));
    expect(JSON.parse(stdout).tagHealth.success).toBe(1);
  });

  it('exits 2 naming the file that cannot be read', async () => {
    const missing = path.join(dir, 'nope.jsonl');
    const { code, stderr } = await health([mixed, missing]);
    expect(code).toBe(2);
    expect(stderr).toBe(`sgtm health: cannot read ${missing}: no such file\n`);
  });

  it('rejects bad options with a usage error', async () => {
    await expect(health([mixed, '--by', 'week'])).rejects.toThrow(new UsageError('--by must be minute, hour or day, not "week"'));
    await expect(health([mixed, '--since', 'yesterday'])).rejects.toThrow(/--since: cannot read time "yesterday"/);
    await expect(health([mixed, '--until', '99999999999999999999'])).rejects.toThrow(new UsageError('--until: time "99999999999999999999" is out of range: give a date between the years -271821 and 275760'));
    await expect(health([mixed, '--since', '1h', '--until', '2h'])).rejects.toThrow(/must be before --until/);
    await expect(health([mixed, '--min-success-rate', 'high'])).rejects.toThrow(/is not a number/);
    await expect(health([mixed, '--colour'])).rejects.toThrow(/unknown option --colour/);
  });

  it('exits 2 through the sgtm dispatcher on a usage error', async () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['health', mixed, '--by', 'month'])).toBe(2);
      expect(write).toHaveBeenCalledWith('sgtm health: --by must be minute, hour or day, not "month"\n');
    } finally {
      write.mockRestore();
    }
  });

  it('does not write --html when the input is unreadable', async () => {
    const out = path.join(dir, 'never.html');
    expect((await health([path.join(dir, 'nope.jsonl'), '--html', out])).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('parseRate', () => {
  it.each([
    ['0.95', 0.95],
    ['95', 0.95],
    ['95%', 0.95],
    ['1', 1],
    ['100%', 1],
    ['0', 0],
  ])('%s → %d', (text, rate) => expect(parseRate(text)).toBeCloseTo(rate, 12));

  it('rejects rates above 100%', () => expect(() => parseRate('120')).toThrow('--min-success-rate "120" is above 100%'));
});
