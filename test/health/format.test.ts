import { createHealthAccumulator, formatHealthReport, renderHealthHtml } from '../../scripts/health';
import type { HealthReport } from '../../scripts/health';
import { formatShare } from '../../scripts/health/format';
import { line, mixedLog, result } from './fixtures';

function reportOf(lines: string[]): HealthReport {
  const acc = createHealthAccumulator();
  lines.forEach((l) => acc.addLine(l));
  return acc.report();
}

const mixed = reportOf(mixedLog());

describe('formatShare', () => {
  it.each([
    [1, '100%'],
    [0, '0%'],
    [0.358, '35.8%'],
    [0.25, '25.0%'],
    [2 / 3, '66.7%'],
    [0.0004, '<0.1%'],
    [0.9996, '>99.9%'],
    [null, '–'],
  ])('%p → %s', (share, text) => expect(formatShare(share)).toBe(text));
});

describe('formatHealthReport', () => {
  const text = formatHealthReport(mixed, { width: 120 });
  const lines = text.split('\n');

  it('prints the tag health totals, per-hour table and failure groups', () => {
    expect(lines.slice(0, 4)).toEqual([
      'TikTok Events API — health report',
      'Period: 2026-11-25 10:05 → 2026-11-25 12:30 UTC',
      'Input: 16 records, 10 result lines, 2 debug lines; skipped 1 malformed, 1 not ours, 1 unknown schema,',
      '  1 invalid (outcome missing or unknown 1)',
    ]);
    expect(lines).toContain('  Requests  8   success 5   failure 3   success rate 62.5%');
    expect(lines).toContain('  Skipped   2 (consent_denied 1, event_not_mapped 1)');
    expect(lines).toContain('  Attempts  11   retries 3 on 2 requests');
    expect(lines).toContain('  Latency   p50 90 ms   p95 2,000 ms   p99 2,000 ms   (max 2,000 ms, n=8, 1 ms resolution)');
    expect(lines).toContain('    2026-11-25 11:00         3        2        1        0         66.7%');
    expect(lines).toContain('        2  66.7%  tiktok_error  400   40001  Access token is invalid   2026-11-25 11:15  2026-11-25 12:10');
    expect(lines).toContain('        1  33.3%  http_5xx      503       –  TikTok answered HTTP 503  2026-11-25 12:20  2026-11-25 12:20');
  });

  it('prints the data-monitoring grid with one row per event and the overall row', () => {
    expect(lines).toContain('  GA4 event     events  skipped  email  phone  ext_id  ttclid    ttp     ip     ua   name   addr');
    expect(lines).toContain('  purchase           4        0   100%  25.0%   25.0%      0%     0%  75.0%  50.0%  25.0%     0%');
    expect(lines).toContain('  (all events)       8        2  62.5%  25.0%   12.5%      0%  12.5%  62.5%  50.0%  12.5%  12.5%');
    expect(lines).toContain('  (none)                0        1      –      –       –       –      –      –      –      –      –');
  });

  it('switches to per-field lines and two-line failures when narrow, within the width', () => {
    const narrow = formatHealthReport(mixed, { width: 72 }).split('\n');
    expect(narrow).toContain('  email: purchase 100%, add_to_cart 33.3%, page_view 0%, overall 62.5%');
    expect(narrow).toContain('    2 × tiktok_error 40001 (HTTP 400), 66.7%: Access token is invalid');
    expect(narrow).toContain('      first 2026-11-25 11:15, last 2026-11-25 12:10');
    expect(narrow.filter((l) => l.length > 72 && !l.includes('Latency'))).toEqual([]);
  });

  it('keeps the brief summary to one screen', () => {
    const brief = formatHealthReport(mixed, { width: 80, brief: true }).split('\n');
    expect(brief.length).toBeLessThanOrEqual(24);
    expect(brief).toContain('  email 62.5%, phone 25.0%, external_id 12.5%, ttclid 0%, ttp 12.5%, ip 62.5%,');
    expect(brief.some((l) => l.includes('Per hour'))).toBe(false);
  });

  it('says when there were no failures', () => {
    const text = formatHealthReport(reportOf([line(result('success'))]));
    expect(text).toContain('\n  Failures: none in the period\n');
    expect(text).toContain('  Attempts  1   retries 0 on 0 requests');
  });

  it('says clearly when there are no health lines', () => {
    expect(formatHealthReport(reportOf(['hello', '{"a":1}']))).toBe(
      [
        'TikTok Events API — health report',
        'Period: no data',
        'Input: 2 records, 0 result lines, 0 debug lines; skipped 1 malformed, 1 not ours',
        '',
        'No health log lines found.',
        'Expected JSON lines with "schema":"tiktok-events-api/1" (see docs/health-log-schema.md), or a Cloud Logging export of them.',
        '',
      ].join('\n'),
    );
  });
});

describe('renderHealthHtml', () => {
  it('is self-contained: no script, no external resource', () => {
    const html = renderHealthHtml(mixed);
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\//i);
    expect(html.match(/<svg/g)?.length).toBe(4); // timeline, failures, latency bands, attempts and skips
  });

  it('shows the key numbers and the coverage heat map', () => {
    const html = renderHealthHtml(mixed);
    expect(html).toContain('<div class="label">Success rate</div><div class="value" style="color:#d64541">62.5%</div>');
    expect(html).toContain('<td class="name"><span class="trunc" title="purchase">purchase</span></td><td>4</td><td>0</td>');
    expect(html).toContain('title="4 of 4">100%</td>');
  });

  it('escapes text coming from the logs', () => {
    const html = renderHealthHtml(reportOf([line(result('failure', { error_kind: 'tiktok_error', tiktok_code: 1, tiktok_message: '<img src=x onerror=alert(1)>', ga4_event: '"><b>x' }))]));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>x');
  });

  it('renders an empty report as a clear message', () => {
    const html = renderHealthHtml(reportOf([]));
    expect(html).toContain('<h2>No health log lines found</h2>');
    expect(html).not.toContain('NaN');
  });
});
