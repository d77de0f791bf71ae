/** The terminal report: plain-text tables that fit the given width. */
import { countOf, formatCount, formatMs, formatShare, formatTime } from './format';
import { LOG_SCHEMA, type DataQuality, type EventCoverage, type EventOutcomes, type EventQuality, type FailureGroup, type HealthReport, type TagHealth } from './types';

export interface TextFormatOptions {
  /** Columns available (default 100). Tables shrink their text columns to fit. */
  width?: number;
  /** One screen: totals, latency, top failures, overall data coverage and data quality only. */
  brief?: boolean;
}

type Align = 'left' | 'right';
interface Column {
  title: string;
  align?: Align;
  /** May be shortened (with "…") to fit the width. */
  flexible?: boolean;
}

function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, width) : text.slice(0, width - 1) + '…';
}

function table(columns: Column[], rows: string[][], width: number, indent = '  '): string[] {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i].length)));
  const total = () => indent.length + widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1);
  const flexible = columns.map((c, i) => (c.flexible ? i : -1)).filter((i) => i >= 0);
  for (const i of flexible) {
    const excess = total() - width;
    if (excess > 0) widths[i] = Math.max(columns[i].title.length, 8, widths[i] - excess);
  }
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => {
        const text = truncate(cell, widths[i]);
        return columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...rows.map(line)];
}

/** The table when it fits the width, else one wrapped line per row (`describe(row)`). */
function tableOrLines(columns: Column[], rows: string[][], width: number, indent: string, describe: (cells: string[]) => string): string[] {
  const grid = table(columns, rows, width, indent);
  if (grid.every((l) => l.length <= width)) return grid;
  return rows.flatMap((cells) => wrap(`${indent}${describe(cells)}`, width, `${indent}  `));
}

/** Wraps "a, b, c" style text at commas/spaces, continuation lines indented. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/(?<=,) /)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = indent + word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

const FIELD_TITLES: Record<string, string> = {
  email: 'email',
  phone: 'phone',
  external_id: 'ext_id',
  ttclid: 'ttclid',
  ttp: 'ttp',
  ip: 'ip',
  user_agent: 'ua',
  name: 'name',
  address: 'addr',
};

function coverageSection(title: string, rows: EventCoverage[], overall: EventCoverage, report: HealthReport, width: number): string[] {
  const fields = report.dataMonitoring.fields;
  const all = [...rows, overall];
  const columns: Column[] = [
    { title, flexible: true },
    { title: 'events', align: 'right' },
    { title: 'skipped', align: 'right' },
    ...fields.map((f) => ({ title: FIELD_TITLES[f] ?? f, align: 'right' as Align })),
  ];
  const cells = all.map((r) => [r.event, formatCount(r.events), formatCount(r.skipped), ...fields.map((f) => (r.events ? formatShare(r.fields[f].share) : '–'))]);
  const lines = table(columns, cells, width);
  const fits = lines.every((l) => l.length <= width);
  if (fits) return lines;
  // Too narrow for the grid: one line per field, "email: purchase 100%, add_to_cart 35.8%".
  const out = wrap(`  ${title} (events sent): ${rows.map((r) => `${r.event} ${formatCount(r.events)}`).join(', ')}`, width, '    ');
  for (const f of fields) {
    const parts = rows.filter((r) => r.events).map((r) => `${r.event} ${formatShare(r.fields[f].share)}`);
    const text = `  ${f}: ${parts.join(', ')}${parts.length ? ', ' : ''}overall ${formatShare(overall.events ? overall.fields[f].share : null)}`;
    out.push(...wrap(text, width, '    '));
  }
  return out;
}

function failureText(f: FailureGroup): string {
  return f.tiktokMessage ?? f.lastErrorMessage ?? '–';
}

function outcomesSection(title: string, rows: EventOutcomes[], width: number): string[] {
  return tableOrLines(
    [
      { title, flexible: true },
      { title: 'requests', align: 'right' },
      { title: 'success', align: 'right' },
      { title: 'failure', align: 'right' },
      { title: 'skipped', align: 'right' },
      { title: 'success rate', align: 'right' },
    ],
    rows.map((r) => [r.event, formatCount(r.requests), formatCount(r.success), formatCount(r.failure), formatCount(r.skipped), formatShare(r.successRate)]),
    width,
    '    ',
    ([event, requests, success, failure, skipped, rate]) => `${event}: ${requests} requests, ${success} success, ${failure} failure, ${skipped} skipped, success rate ${rate}`,
  );
}

function tagsSection(report: HealthReport, width: number, brief: boolean): string[] {
  const tags = report.byTag ?? [];
  const out = ['', `TAG HEALTH PER TAG AND PIXEL (${countOf(tags.length, 'pair')})`];
  out.push(
    ...tableOrLines(
      [
        { title: 'tag', flexible: true },
        { title: 'pixel', flexible: true },
        { title: 'requests', align: 'right' },
        { title: 'failure', align: 'right' },
        { title: 'skipped', align: 'right' },
        { title: 'success rate', align: 'right' },
        { title: 'p95', align: 'right' },
        { title: 'retries', align: 'right' },
      ],
      tags.map((t) => {
        const th = t.tagHealth;
        return [t.tag, t.pixelCode, formatCount(th.requests), formatCount(th.failure), formatCount(th.skipped), formatShare(th.successRate), formatMs(th.latency.p95, th.latency.maxTrackedMs), formatCount(th.attempts.retries)];
      }),
      width,
      '  ',
      ([tag, pixel, requests, failure, skipped, rate, p95, retries]) =>
        `${tag} · ${pixel}: ${requests} requests, ${failure} failure, ${skipped} skipped, success rate ${rate}, p95 ${p95}, ${retries} retries`,
    ),
  );
  if (brief) return out;
  for (const t of tags) {
    if (!t.tagHealth.failures.length) continue;
    out.push(...wrap(`  ${t.tag} · ${t.pixelCode}, top failures:`, width, '    '));
    for (const f of t.tagHealth.failures.slice(0, 3)) out.push(...wrap(`    ${formatCount(f.count)} × ${f.errorKind ?? '–'}${f.tiktokCode === null ? '' : ` ${f.tiktokCode}`}: ${failureText(f)}`, width, '      '));
  }
  return out;
}

function qualityGrid(title: string, rows: EventQuality[], overall: EventQuality, codes: string[], width: number): string[] {
  const all = [...rows, overall];
  const columns: Column[] = [
    { title, flexible: true },
    { title: 'events', align: 'right' },
    { title: 'any', align: 'right' },
    ...codes.map((c) => ({ title: c, align: 'right' as Align })),
  ];
  const cells = all.map((r) => [r.event, formatCount(r.events), formatShare(r.share), ...r.codes.map((c) => formatShare(c.share))]);
  const lines = table(columns, cells, width);
  if (lines.every((l) => l.length <= width)) return lines;
  // Too narrow for one column per code: one line per code.
  const out: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const parts = rows.filter((r) => r.codes[i].events).map((r) => `${r.event} ${formatShare(r.codes[i].share)}`);
    out.push(...wrap(`  ${codes[i]}: ${parts.join(', ')}${parts.length ? ', ' : ''}overall ${formatShare(overall.codes[i].share)}`, width, '    '));
  }
  return out;
}

function qualitySection(dq: DataQuality, width: number, brief: boolean): string[] {
  const out = ['', 'DATA QUALITY — share of events whose result line carried each warning'];
  if (!dq.codes.length) {
    out.push(`  No warnings in ${countOf(dq.overall.events, 'event')}.`);
    return out;
  }
  out.push(`  ${formatCount(dq.overall.withWarnings)} of ${countOf(dq.overall.events, 'event')} (${formatShare(dq.overall.share)}) carried at least one warning`);
  out.push(
    ...tableOrLines(
      [
        { title: 'code' },
        { title: 'events', align: 'right' },
        { title: 'share', align: 'right' },
        { title: 'fields' },
        { title: 'last message', flexible: true },
      ],
      dq.codes.map((c) => [c.code, formatCount(c.events), formatShare(c.share), c.fields.join(',') || '–', c.lastMessage ?? '–']),
      width,
      '  ',
      ([code, events, share, fields, message]) => `${code}: ${events} events (${share}), fields ${fields}, last message: ${message}`,
    ),
  );
  if (brief) return out;
  const codes = dq.codes.map((c) => c.code);
  out.push('', ...qualityGrid('TikTok event', dq.tiktokEvents, dq.overall, codes, width));
  out.push('', ...qualityGrid('GA4 event', dq.ga4Events, dq.overall, codes, width));
  return out;
}

function inputLine(report: HealthReport): string {
  const { input } = report;
  const skipped = input.skipped;
  const reasons = input.invalidReasons.map((r) => `${r.reason} ${formatCount(r.count)}`).join(', ');
  const skippedParts = [
    skipped.malformed && `${formatCount(skipped.malformed)} malformed`,
    skipped.notHealth && `${formatCount(skipped.notHealth)} not ours`,
    skipped.unknownSchema && `${formatCount(skipped.unknownSchema)} unknown schema`,
    skipped.invalid && `${formatCount(skipped.invalid)} invalid${reasons ? ` (${reasons})` : ''}`,
    input.outOfPeriod && `${formatCount(input.outOfPeriod)} outside the period`,
  ].filter(Boolean);
  return (
    `Input: ${countOf(input.records, 'record')}, ${countOf(input.resultLines, 'result line')}, ${countOf(input.debugLines, 'debug line')}` +
    (skippedParts.length ? `; skipped ${skippedParts.join(', ')}` : '')
  );
}

function timelineLabel(start: string, by: string): string {
  return by === 'day' ? start.slice(0, 10) : formatTime(start);
}

function eventsSection(th: TagHealth, width: number): string[] {
  return ['', '  Success per TikTok event', ...outcomesSection('TikTok event', th.events.tiktok, width), '', '  Success per GA4 event', ...outcomesSection('GA4 event', th.events.ga4, width)];
}

export function formatHealthReport(report: HealthReport, options: TextFormatOptions = {}): string {
  const width = Math.max(40, options.width ?? 100);
  const th = report.tagHealth;
  const out: string[] = [];
  const { period, input } = report;
  out.push('TikTok Events API — health report');
  const bounds = period.since || period.until ? ` (filter: ${formatTime(period.since, true)} → ${formatTime(period.until, true)})` : '';
  out.push(`Period: ${period.first ? `${formatTime(period.first)} → ${formatTime(period.last)} UTC` : 'no data'}${bounds}`);
  out.push(...wrap(inputLine(report), width, '  '));
  if (report.empty) {
    out.push('', 'No health log lines found' + (input.outOfPeriod ? ' in the period.' : '.'));
    out.push(`Expected JSON lines with "schema":"${LOG_SCHEMA}" (see docs/health-log-schema.md), or a Cloud Logging export of them.`);
    return out.join('\n') + '\n';
  }

  out.push('', 'TAG HEALTH');
  if (!report.byTag && report.tagCount > 1) {
    out.push(...wrap(`  Lines of ${report.tagCount > 50 ? 'more than 50' : formatCount(report.tagCount)} tag/pixel pairs are counted together here: --by-tag reports each apart.`, width, '  '));
  }
  const reasons = th.skipReasons.map((r) => `${r.reason} ${formatCount(r.count)}`).join(', ');
  out.push(
    `  Requests  ${formatCount(th.requests)}   success ${formatCount(th.success)}   failure ${formatCount(th.failure)}   success rate ${formatShare(th.successRate)}`,
  );
  out.push(`  Skipped   ${formatCount(th.skipped)}${reasons ? ` (${reasons})` : ''}${th.testEvents ? `   test events ${formatCount(th.testEvents)}` : ''}`);
  const a = th.attempts;
  out.push(`  Attempts  ${formatCount(a.total)}   retries ${formatCount(a.retries)} on ${countOf(a.retriedRequests, 'request')}`);
  const l = th.latency;
  out.push(
    `  Latency   p50 ${formatMs(l.p50, l.maxTrackedMs)}   p95 ${formatMs(l.p95, l.maxTrackedMs)}   p99 ${formatMs(l.p99, l.maxTrackedMs)}` +
      (l.count ? `   (max ${formatMs(l.max)}, n=${formatCount(l.count)}, 1 ms resolution)` : ''),
  );

  if (!options.brief && th.timeline.length) {
    out.push('', `  Per ${period.by}`);
    out.push(
      ...tableOrLines(
        [
          { title: 'start (UTC)' },
          { title: 'requests', align: 'right' },
          { title: 'success', align: 'right' },
          { title: 'failure', align: 'right' },
          { title: 'skipped', align: 'right' },
          { title: 'success rate', align: 'right' },
        ],
        th.timeline.map((b) => [
          timelineLabel(b.start, period.by),
          formatCount(b.requests),
          formatCount(b.success),
          formatCount(b.failure),
          formatCount(b.skipped),
          formatShare(b.successRate),
        ]),
        width,
        '    ',
        ([start, requests, success, failure, skipped, rate]) => `${start}: ${requests} requests, ${success} ok, ${failure} failed, ${skipped} skipped, ${rate}`,
      ),
    );
  }

  if (th.failures.length) {
    const shown = options.brief ? th.failures.slice(0, 3) : th.failures;
    out.push('', `  Failures, most frequent first${shown.length < th.failures.length ? ` (top ${shown.length} of ${th.failures.length})` : ''}`);
    const grid = table(
      [
        { title: 'count', align: 'right' },
        { title: 'share', align: 'right' },
        { title: 'kind' },
        { title: 'http' },
        { title: 'code', align: 'right' },
        { title: 'message', flexible: true },
        { title: 'first seen' },
        { title: 'last seen' },
      ],
      shown.map((f) => [
        formatCount(f.count),
        formatShare(f.share),
        f.errorKind ?? '–',
        f.httpStatuses.map((s) => (s === null ? '–' : String(s))).join(','),
        f.tiktokCode === null ? '–' : String(f.tiktokCode),
        failureText(f),
        formatTime(f.firstSeen),
        formatTime(f.lastSeen),
      ]),
      width,
      '    ',
    );
    if (grid.every((l) => l.length <= width) && grid[0].indexOf('first seen') - grid[0].indexOf('message') >= 22) out.push(...grid);
    else {
      // Too narrow for a readable message column: two lines per group.
      for (const f of shown) {
        const code = f.tiktokCode === null ? '' : ` ${f.tiktokCode}`;
        const http = f.httpStatuses.filter((s) => s !== null).join(',');
        out.push(...wrap(`    ${formatCount(f.count)} × ${f.errorKind ?? '–'}${code}${http ? ` (HTTP ${http})` : ''}, ${formatShare(f.share)}: ${failureText(f)}`, width, '      '));
        out.push(`      first ${formatTime(f.firstSeen)}, last ${formatTime(f.lastSeen)}`);
      }
    }
  }

  if (!th.failures.length && th.requests) out.push('', '  Failures: none in the period');
  if (!options.brief) out.push(...eventsSection(th, width));
  if (report.byTag) out.push(...tagsSection(report, width, !!options.brief));

  const dm = report.dataMonitoring;
  out.push('', 'DATA MONITORING — share of sent events carrying each user-data field');
  if (options.brief) {
    const o = dm.overall;
    out.push(...wrap(`  ${dm.fields.map((f) => `${f} ${o.events ? formatShare(o.fields[f].share) : '–'}`).join(', ')}`, width, '  '));
  } else {
    out.push(...coverageSection('GA4 event', dm.ga4Events, dm.overall, report, width));
    out.push('');
    out.push(...coverageSection('TikTok event', dm.tiktokEvents, dm.overall, report, width));
  }
  out.push(...qualitySection(report.dataQuality, width, !!options.brief));
  return out.join('\n') + '\n';
}
