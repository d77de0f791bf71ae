import { createHealthAccumulator } from '../../scripts/health';
import type { HealthReport } from '../../scripts/health';
import { MIN, T, line, mixedLog, result, userData } from './fixtures';

const iso = (minutes: number) => new Date(T + minutes * MIN).toISOString();

function reportOf(lines: string[], options = {}): HealthReport {
  const acc = createHealthAccumulator(options);
  for (const l of lines) acc.addLine(l);
  return acc.report();
}

function shares(coverage: HealthReport['dataMonitoring']['overall']): Record<string, number> {
  return Object.fromEntries(Object.entries(coverage.fields).map(([f, s]) => [f, s.count]));
}

describe('health accumulator over the mixed log', () => {
  const report = reportOf(mixedLog());

  it('counts what it read and what it skipped, by reason', () => {
    expect(report.input).toEqual({
      records: 16,
      resultLines: 10,
      debugLines: 2,
      outOfPeriod: 0,
      skipped: { malformed: 1, notHealth: 1, unknownSchema: 1, invalid: 1 },
      invalidReasons: [{ reason: 'outcome missing or unknown', count: 1 }],
    });
    expect(report.empty).toBe(false);
  });

  it('computes requests, success rate and skips (time_ms first, else the entry timestamp)', () => {
    const th = report.tagHealth;
    expect([th.requests, th.success, th.failure, th.skipped]).toEqual([8, 5, 3, 2]);
    expect(th.successRate).toBe(5 / 8);
    expect(th.skipReasons).toEqual([
      { reason: 'consent_denied', count: 1 },
      { reason: 'event_not_mapped', count: 1 },
    ]);
    expect(report.period).toEqual({ since: null, until: null, first: iso(5), last: iso(150), by: 'hour' });
  });

  it('buckets per hour with the success rate of each hour', () => {
    expect(report.tagHealth.timeline).toEqual([
      { start: iso(0), requests: 3, success: 3, failure: 0, skipped: 1, successRate: 1 },
      { start: iso(60), requests: 3, success: 2, failure: 1, skipped: 0, successRate: 2 / 3 },
      { start: iso(120), requests: 2, success: 0, failure: 2, skipped: 1, successRate: 0 },
    ]);
  });

  it('groups failures by kind, code and message, most frequent first, with first and last seen', () => {
    expect(report.tagHealth.failures).toEqual([
      {
        errorKind: 'tiktok_error',
        tiktokCode: 40001,
        tiktokMessage: 'Access token is invalid',
        count: 2,
        share: 2 / 3,
        httpStatuses: [400],
        firstSeen: iso(75),
        lastSeen: iso(130),
        lastErrorMessage: 'TikTok rejected the event: Access token is invalid',
      },
      {
        errorKind: 'http_5xx',
        tiktokCode: null,
        tiktokMessage: null,
        count: 1,
        share: 1 / 3,
        httpStatuses: [503],
        firstSeen: iso(140),
        lastSeen: iso(140),
        lastErrorMessage: 'TikTok answered HTTP 503',
      },
    ]);
  });

  it('sums attempts and retries and takes nearest-rank latency percentiles', () => {
    expect(report.tagHealth.attempts).toEqual({
      total: 11,
      retries: 3,
      retriedRequests: 2,
      distribution: [
        { attempts: 1, count: 6 },
        { attempts: 2, count: 1 },
        { attempts: 3, count: 1 },
      ],
    });
    // sorted latencies: 50 60 80 90 100 120 300 2000
    const l = report.tagHealth.latency;
    expect([l.count, l.min, l.max, l.mean, l.p50, l.p95, l.p99, l.overflow]).toEqual([8, 50, 2000, 350, 90, 2000, 2000, 0]);
  });

  it('reports user-data coverage per GA4 event, per TikTok event and overall', () => {
    const dm = report.dataMonitoring;
    expect(dm.ga4Events.map((e) => [e.event, e.events, e.skipped])).toEqual([
      ['purchase', 4, 0],
      ['add_to_cart', 3, 1],
      ['page_view', 1, 1],
    ]);
    expect(shares(dm.ga4Events[0])).toEqual({ email: 4, phone: 1, external_id: 1, ttclid: 0, ttp: 0, ip: 3, user_agent: 2, name: 1, address: 0 });
    expect(dm.ga4Events[0].fields.email.share).toBe(1);
    expect(dm.ga4Events[0].fields.ip.share).toBe(0.75);
    expect(shares(dm.ga4Events[1])).toEqual({ email: 1, phone: 1, external_id: 0, ttclid: 0, ttp: 1, ip: 2, user_agent: 2, name: 0, address: 1 });
    expect(dm.ga4Events[1].fields.ip.share).toBe(2 / 3);
    expect(dm.tiktokEvents.map((e) => [e.event, e.events, e.skipped])).toEqual([
      ['CompletePayment', 4, 0],
      ['AddToCart', 3, 1],
      ['ViewContent', 1, 0],
      ['(none)', 0, 1],
    ]);
    expect(dm.overall.events).toBe(8);
    expect(dm.overall.skipped).toBe(2);
    expect(shares(dm.overall)).toEqual({ email: 5, phone: 2, external_id: 1, ttclid: 0, ttp: 1, ip: 5, user_agent: 4, name: 1, address: 1 });
    expect(dm.overall.fields.email.share).toBe(5 / 8);
    expect(dm.tiktokEvents[3].fields.email.share).toBe(0);
  });
});

describe('period filter', () => {
  it('keeps lines with since <= time < until and counts the rest as outside the period', () => {
    const report = reportOf(mixedLog(), { since: T + 60 * MIN, until: T + 135 * MIN });
    expect(report.input.outOfPeriod).toBe(6);
    expect(report.input.resultLines).toBe(4);
    const th = report.tagHealth;
    expect([th.requests, th.success, th.failure, th.skipped, th.successRate]).toEqual([4, 2, 2, 0, 0.5]);
    expect(th.failures.map((f) => [f.count, f.firstSeen, f.lastSeen])).toEqual([[2, iso(75), iso(130)]]);
    // 60 minutes of data: the default timeline is per minute.
    expect(report.period).toEqual({ since: iso(60), until: iso(135), first: iso(70), last: iso(130), by: 'minute' });
  });

  it('treats since as inclusive and until as exclusive', () => {
    const report = reportOf(mixedLog(), { since: T + 75 * MIN, until: T + 130 * MIN });
    // 4 (75, included), 17 (80); 5 at exactly 130 is excluded
    expect([report.tagHealth.success, report.tagHealth.failure]).toEqual([1, 1]);
  });

  it('excludes lines without any time once a period is set', () => {
    const { time_ms: _drop, ...untimed } = result('success');
    const report = reportOf([line(untimed), line(result('success', { time_ms: T }))], { since: T - MIN });
    expect(report.tagHealth.success).toBe(1);
    expect(report.input.outOfPeriod).toBe(1);
  });
});

describe('edge cases', () => {
  it('gives an empty report without NaN for no input', () => {
    const report = reportOf([]);
    expect(report.empty).toBe(true);
    expect(report.tagHealth.successRate).toBeNull();
    expect(report.tagHealth.latency.p50).toBeNull();
    expect(report.tagHealth.timeline).toEqual([]);
    expect(report.dataMonitoring.overall.fields.email).toEqual({ count: 0, share: 0 });
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('reports skipped-only input with a null success rate', () => {
    const report = reportOf([line(result('skipped', { skip_reason: 'consent_denied' }))]);
    expect(report.empty).toBe(false);
    expect(report.tagHealth.requests).toBe(0);
    expect(report.tagHealth.successRate).toBeNull();
  });

  it('switches to day buckets when the data spans more than 72 hours, and fills quiet days', () => {
    const day = 24 * 60;
    const report = reportOf([
      line(result('success', { time_ms: T })),
      line(result('failure', { time_ms: T + 3 * day * MIN + MIN, error_kind: 'timeout' })),
    ]);
    expect(report.period.by).toBe('day');
    expect(report.tagHealth.timeline.map((b) => [b.start.slice(0, 10), b.requests, b.successRate])).toEqual([
      ['2026-11-25', 1, 1],
      ['2026-11-26', 0, null],
      ['2026-11-27', 0, null],
      ['2026-11-28', 1, 0],
    ]);
  });

  it('honours an explicit --by day even for a short span', () => {
    const report = reportOf(mixedLog(), { by: 'day' });
    expect(report.tagHealth.timeline).toEqual([{ start: '2026-11-25T00:00:00.000Z', requests: 8, success: 5, failure: 3, skipped: 2, successRate: 5 / 8 }]);
  });

  it('reads a JSONL line holding an array of entries, and ignores non-boolean presence flags', () => {
    const report = reportOf([line([result('success', { user_data: { ...userData('ip'), email: 'yes' } }), result('success')])]);
    expect(report.input.records).toBe(2);
    expect(report.tagHealth.success).toBe(2);
    expect(report.dataMonitoring.overall.fields.email.count).toBe(0);
    expect(report.dataMonitoring.overall.fields.ip.count).toBe(1);
  });

  it('reads our line after a prefix such as docker logs -t timestamps, but not other prefixed text', () => {
    const report = reportOf([`2026-11-25T10:00:00.123456789Z ${line(result('success'))}`, '2026-11-25T10:00:01Z {"other":"json"} tail', 'INFO {"schema":"tiktok-events-api/1",']);
    expect(report.tagHealth.success).toBe(1);
    expect(report.input.skipped.malformed).toBe(2);
  });

  it('folds failure groups beyond the limit into "(other)" so memory stays bounded', () => {
    const lines = [1, 2, 3, 4].map((code) => line(result('failure', { error_kind: 'tiktok_error', tiktok_code: code, tiktok_message: `m${code}` })));
    const report = reportOf(lines, { maxFailureGroups: 2 });
    expect(report.tagHealth.failures.map((f) => [f.errorKind, f.tiktokCode, f.count])).toEqual([
      ['(other)', null, 2],
      ['tiktok_error', 1, 1],
      ['tiktok_error', 2, 1],
    ]);
  });

  it('accepts addRecord with parsed objects and Cloud Logging entries', () => {
    const acc = createHealthAccumulator();
    acc.addRecord(result('success'));
    acc.addRecord({ timestamp: { seconds: T / 1000 + 60, nanos: 0 }, jsonPayload: (({ time_ms, ...rest }) => rest)(result('failure', { error_kind: 'network' })) });
    acc.addRecord(42);
    const report = acc.report();
    expect([report.tagHealth.success, report.tagHealth.failure, report.input.skipped.notHealth]).toEqual([1, 1, 1]);
    expect(report.tagHealth.failures[0].firstSeen).toBe(iso(1));
  });
});
