/**
 * Issue 12 item 9: Tag Health per tag and pixel (--by-tag), success rate per event name, minute
 * buckets; issue 11 item 8: Data Quality from the result lines' warnings.
 */
import { createHealthAccumulator, formatHealthReport, type HealthOptions, type HealthReport } from '../../scripts/health';
import { MIN, T, line, result } from './fixtures';

const iso = (minutes: number) => new Date(T + minutes * MIN).toISOString();

function reportOf(lines: string[], options: HealthOptions = {}): HealthReport {
  const acc = createHealthAccumulator(options);
  for (const l of lines) acc.addLine(l);
  return acc.report();
}

/** Two tags on two pixels: shop A healthy (3/3), shop B broken (1/3); one skip on A. */
function twoTags(): string[] {
  const a = { tag: 'TikTok - shop A', pixel_code: 'CPIXELA' };
  const b = { tag: 'TikTok - shop B', pixel_code: 'CPIXELB' };
  const tokenError = { error_kind: 'tiktok_error', http_status: 400, tiktok_code: 40001, tiktok_message: 'Access token is invalid' };
  return [
    line(result('success', { ...a, time_ms: T + 1 * MIN, latency_ms: 100 })),
    line(result('success', { ...a, time_ms: T + 2 * MIN, latency_ms: 120, ga4_event: 'add_to_cart', tiktok_event: 'AddToCart' })),
    line(result('success', { ...a, time_ms: T + 2 * MIN, latency_ms: 80 })),
    line(result('skipped', { ...a, time_ms: T + 3 * MIN, skip_reason: 'consent_denied' })),
    line(result('success', { ...b, time_ms: T + 4 * MIN, latency_ms: 90 })),
    line(result('failure', { ...b, time_ms: T + 5 * MIN, latency_ms: 60, ...tokenError })),
    line(result('failure', { ...b, time_ms: T + 5 * MIN, latency_ms: 70, ...tokenError, ga4_event: 'add_to_cart', tiktok_event: 'AddToCart' })),
  ];
}

describe('--by-tag', () => {
  it('reports Tag Health per (tag, pixel), most requests first, each with its own failures and latency', () => {
    const report = reportOf(twoTags(), { byTag: true });
    expect(report.tagHealth.successRate).toBe(4 / 6); // folded: looks almost fine
    expect(report.tagCount).toBe(2);
    expect(report.byTag?.map((t) => [t.tag, t.pixelCode, t.tagHealth.requests, t.tagHealth.success, t.tagHealth.failure, t.tagHealth.skipped, t.tagHealth.successRate])).toEqual([
      ['TikTok - shop A', 'CPIXELA', 3, 3, 0, 1, 1],
      ['TikTok - shop B', 'CPIXELB', 3, 1, 2, 0, 1 / 3],
    ]);
    const b = report.byTag![1].tagHealth;
    expect(b.failures.map((f) => [f.errorKind, f.tiktokCode, f.count, f.firstSeen, f.lastSeen])).toEqual([['tiktok_error', 40001, 2, iso(5), iso(5)]]);
    expect([b.latency.p50, b.latency.max]).toEqual([70, 90]);
    expect(report.byTag![0].tagHealth.skipReasons).toEqual([{ reason: 'consent_denied', count: 1 }]);
  });

  it('is absent unless asked for, and the text report then says the tags are folded together', () => {
    const report = reportOf(twoTags());
    expect(report.byTag).toBeNull();
    expect(formatHealthReport(report, { width: 120 })).toContain('  Lines of 2 tag/pixel pairs are counted together here: --by-tag reports each apart.\n');
  });

  it('prints one row per tag and pixel, and the top failures of each', () => {
    const text = formatHealthReport(reportOf(twoTags(), { byTag: true }), { width: 120 }).split('\n');
    expect(text).toContain('TAG HEALTH PER TAG AND PIXEL (2 pairs)');
    expect(text).toContain('  TikTok - shop A  CPIXELA         3        0        1          100%  120 ms        0');
    expect(text).toContain('  TikTok - shop B  CPIXELB         3        2        0         33.3%   90 ms        0');
    expect(text).toContain('    2 × tiktok_error 40001: Access token is invalid');
  });

  it('switches the new tables to one line per row when the terminal is narrow', () => {
    const narrow = formatHealthReport(reportOf(twoTags(), { byTag: true }), { width: 60 }).split('\n');
    expect(narrow).toContain('  TikTok - shop B · CPIXELB: 3 requests, 2 failure,');
    expect(narrow).toContain('    0 skipped, success rate 33.3%, p95 90 ms, 0 retries');
    expect(narrow).toContain('    CompletePayment: 4 requests, 3 success, 1 failure,');
    expect(narrow).toContain('      1 skipped, success rate 75.0%');
    expect(narrow.filter((l) => l.length > 60 && !/^(  Latency|DATA )/.test(l))).toEqual([]);
  });

  it('folds tags beyond the limit into "(other)" so memory stays bounded', () => {
    const lines = [1, 2, 3, 4].map((n) => line(result('success', { tag: `tag ${n}`, pixel_code: `P${n}` })));
    const report = reportOf(lines, { byTag: true, maxTags: 2 });
    expect(report.byTag?.map((t) => [t.tag, t.pixelCode, t.tagHealth.requests])).toEqual([
      ['(other)', '(other)', 2],
      ['tag 1', 'P1', 1],
      ['tag 2', 'P2', 1],
    ]);
  });
});

describe('success rate per event name', () => {
  it('counts requests, success, failure and skips per TikTok and per GA4 event', () => {
    const { events } = reportOf(twoTags()).tagHealth;
    expect(events.tiktok).toEqual([
      { event: 'CompletePayment', requests: 4, success: 3, failure: 1, skipped: 1, successRate: 0.75 },
      { event: 'AddToCart', requests: 2, success: 1, failure: 1, skipped: 0, successRate: 0.5 },
    ]);
    expect(events.ga4.map((e) => [e.event, e.successRate])).toEqual([
      ['purchase', 0.75],
      ['add_to_cart', 0.5],
    ]);
  });

  it('prints the per-event tables', () => {
    const text = formatHealthReport(reportOf(twoTags()), { width: 120 }).split('\n');
    expect(text).toContain('    TikTok event     requests  success  failure  skipped  success rate');
    expect(text).toContain('    CompletePayment         4        3        1        1         75.0%');
    expect(text).toContain('    add_to_cart         2        1        1        0         50.0%');
  });
});

describe('minute buckets', () => {
  it('are the default when the data spans at most 60 minutes, with quiet minutes filled', () => {
    const report = reportOf(twoTags());
    expect(report.period.by).toBe('minute');
    expect(report.tagHealth.timeline.map((b) => [b.start, b.requests, b.skipped, b.successRate])).toEqual([
      [iso(1), 1, 0, 1],
      [iso(2), 2, 0, 1],
      [iso(3), 0, 1, null],
      [iso(4), 1, 0, 1],
      [iso(5), 2, 0, 0],
    ]);
    expect(formatHealthReport(report, { width: 120 })).toContain('\n  Per minute\n');
  });

  it('are kept with --by minute over any span, and dropped by default once the data spans longer', () => {
    const lines = [line(result('success', { time_ms: T })), line(result('failure', { time_ms: T + 90 * MIN, error_kind: 'timeout' }))];
    const byMinute = reportOf(lines, { by: 'minute' });
    expect(byMinute.period.by).toBe('minute');
    expect(byMinute.tagHealth.timeline).toHaveLength(91);
    expect(byMinute.tagHealth.timeline[90]).toEqual({ start: iso(90), requests: 1, success: 0, failure: 1, skipped: 0, successRate: 0 });
    const auto = reportOf(lines);
    expect(auto.period.by).toBe('hour');
    expect(auto.tagHealth.timeline.map((b) => b.start)).toEqual([iso(0), iso(60)]);
  });

  it('apply to each tag with --by-tag', () => {
    const report = reportOf(twoTags(), { byTag: true, by: 'minute' });
    expect(report.byTag![1].tagHealth.timeline.map((b) => [b.start, b.failure])).toEqual([
      [iso(4), 0],
      [iso(5), 2],
    ]);
  });
});

describe('Data Quality', () => {
  const warn = (code: string, field?: string, message = `${code} message`) => ({ code, ...(field ? { field } : {}), message });
  const lines = [
    line(result('success', { time_ms: T, warnings: [warn('currency_invalid', 'currency', '"EURO" is not an ISO 4217 code'), warn('value_missing', 'value')] })),
    line(result('success', { time_ms: T + MIN, warnings: [warn('currency_invalid', 'currency', '"EUROS" is not an ISO 4217 code'), warn('currency_invalid', 'items.0.currency')] })),
    line(result('success', { time_ms: T + 2 * MIN, warnings: [] })),
    line(result('success', { time_ms: T + 3 * MIN })), // no warnings field: no warnings
    line(result('skipped', { time_ms: T + 4 * MIN, ga4_event: 'very_long_custom_event', tiktok_event: null, skip_reason: 'event_name_invalid', warnings: [warn('event_name_invalid', 'event_name')] })),
    line(result('failure', { time_ms: T + 5 * MIN, ga4_event: 'add_to_cart', tiktok_event: 'AddToCart', error_kind: 'network', warnings: [warn('content_id_missing', 'content_id')] })),
  ];
  const dq = reportOf(lines).dataQuality;

  it('gives each code the share of events that carried it (a code repeated in one line counts once), most frequent first', () => {
    expect(dq.codes).toEqual([
      { code: 'currency_invalid', events: 2, share: 2 / 6, fields: ['currency', 'items.0.currency'], lastMessage: 'currency_invalid message' },
      { code: 'content_id_missing', events: 1, share: 1 / 6, fields: ['content_id'], lastMessage: 'content_id_missing message' },
      { code: 'event_name_invalid', events: 1, share: 1 / 6, fields: ['event_name'], lastMessage: 'event_name_invalid message' },
      { code: 'value_missing', events: 1, share: 1 / 6, fields: ['value'], lastMessage: 'value_missing message' },
    ]);
    expect([dq.overall.events, dq.overall.withWarnings, dq.overall.share]).toEqual([6, 4, 4 / 6]);
  });

  it('splits the shares per TikTok and per GA4 event, skipped events included', () => {
    const row = (rows: typeof dq.tiktokEvents, name: string) => {
      const r = rows.find((x) => x.event === name)!;
      return [r.events, r.withWarnings, Object.fromEntries(r.codes.map((c) => [c.code, c.events]))];
    };
    expect(dq.tiktokEvents.map((r) => r.event)).toEqual(['CompletePayment', '(none)', 'AddToCart']);
    expect(row(dq.tiktokEvents, 'CompletePayment')).toEqual([4, 2, { currency_invalid: 2, content_id_missing: 0, event_name_invalid: 0, value_missing: 1 }]);
    expect(row(dq.tiktokEvents, '(none)')).toEqual([1, 1, { currency_invalid: 0, content_id_missing: 0, event_name_invalid: 1, value_missing: 0 }]);
    expect(row(dq.ga4Events, 'purchase')[0]).toBe(4);
    expect(dq.tiktokEvents[0].codes[0]).toEqual({ code: 'currency_invalid', events: 2, share: 0.5 });
  });

  it('prints the codes with their fields and last message, and the per-event grid', () => {
    const text = formatHealthReport(reportOf(lines), { width: 140 }).split('\n');
    expect(text).toContain('DATA QUALITY — share of events whose result line carried each warning');
    expect(text).toContain('  4 of 6 events (66.7%) carried at least one warning');
    expect(text).toContain('  currency_invalid         2  33.3%  currency,items.0.currency  currency_invalid message');
    expect(text).toContain('  TikTok event     events    any  currency_invalid  content_id_missing  event_name_invalid  value_missing');
    expect(text).toContain('  CompletePayment       4  50.0%             50.0%                  0%                  0%          25.0%');
    const narrow = formatHealthReport(reportOf(lines), { width: 70 }).split('\n');
    expect(narrow).toContain('  currency_invalid: CompletePayment 50.0%, overall 33.3%');
  });

  it('says so when no event carried a warning', () => {
    expect(formatHealthReport(reportOf([line(result('success'))]))).toContain('DATA QUALITY — share of events whose result line carried each warning\n  No warnings in 1 event.\n');
  });

  it('folds codes beyond the limit into "(other)"', () => {
    const many = [1, 2, 3].map((n) => line(result('success', { warnings: [warn(`code_${n}`)] })));
    expect(reportOf(many, { maxWarningCodes: 2 }).dataQuality.codes.map((c) => [c.code, c.events])).toEqual([
      ['(other)', 1],
      ['code_1', 1],
      ['code_2', 1],
    ]);
  });
});
