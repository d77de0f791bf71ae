/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, no network) that can be
 * mailed or attached to a CI run.
 */
import { formatCount, formatMs, formatShare, formatTime } from './format';
import { LOG_SCHEMA, type DataQuality, type EventCoverage, type EventOutcomes, type EventQuality, type HealthReport, type TagBreakdown, type TimelineBucket } from './types';

const COLORS = { success: '#2e9d5b', failure: '#d64541', skipped: '#b8bec6', rate: '#1f5fbf', bar: '#5b7fd6', grid: '#e3e6ea', text: '#444' };

function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function niceMax(n: number): number {
  if (n <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * pow >= n) return step * pow;
  return 10 * pow;
}

function rateColor(rate: number | null): string {
  if (rate === null) return COLORS.text;
  if (rate >= 0.99) return COLORS.success;
  if (rate >= 0.95) return '#c98a00';
  return COLORS.failure;
}

function timelineChart(buckets: TimelineBucket[], by: string): string {
  const w = 900, h = 260, left = 56, right = 48, top = 16, bottom = 44;
  const plotW = w - left - right, plotH = h - top - bottom;
  const max = niceMax(Math.max(...buckets.map((b) => b.requests + b.skipped)));
  const slot = plotW / buckets.length;
  const barW = Math.max(1, Math.min(40, slot * 0.8));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    parts.push(`<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${esc(formatCount(Math.round(v)))}</text>`);
    parts.push(`<text x="${w - right + 6}" y="${top + plotH - (i / 4) * plotH + 4}">${i * 25}%</text>`);
  }
  const labelEvery = Math.ceil(buckets.length / 10);
  const ratePoints: string[] = [];
  buckets.forEach((b, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    let base = 0;
    for (const [key, value] of [['success', b.success], ['failure', b.failure], ['skipped', b.skipped]] as const) {
      if (!value) continue;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + value)).toFixed(1)}" fill="${COLORS[key]}">` +
          `<title>${esc(formatTime(b.start))}: ${value} ${key}</title></rect>`,
      );
      base += value;
    }
    if (b.successRate !== null) ratePoints.push(`${(x + barW / 2).toFixed(1)},${(top + plotH - b.successRate * plotH).toFixed(1)}`);
    if (i % labelEvery === 0) {
      const label = by === 'day' ? b.start.slice(5, 10) : b.start.slice(5, 16).replace('T', ' ');
      parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${h - bottom + 16}" text-anchor="middle">${esc(label)}</text>`);
    }
  });
  if (ratePoints.length > 1) parts.push(`<polyline points="${ratePoints.join(' ')}" fill="none" stroke="${COLORS.rate}" stroke-width="2"/>`);
  for (const p of ratePoints.length <= 60 ? ratePoints : []) {
    const [cx, cy] = p.split(',');
    parts.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${COLORS.rate}"/>`);
  }
  const legend = [['success', COLORS.success], ['failure', COLORS.failure], ['skipped', COLORS.skipped], ['success rate (right axis)', COLORS.rate]]
    .map(([label, color], i) => `<rect x="${left + i * 150}" y="${h - 14}" width="10" height="10" fill="${color}"/><text x="${left + i * 150 + 14}" y="${h - 5}">${label}</text>`)
    .join('');
  return `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="events per ${esc(by)}">${parts.join('')}${legend}</svg>`;
}

function hbars(rows: { label: string; value: number; color: string; note?: string }[], labelWidth = 260): string {
  const w = 900, rowH = 24;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barMax = w - labelWidth - 110;
  const body = rows
    .map((r, i) => {
      const y = i * rowH;
      const bw = Math.max(1, (r.value / max) * barMax);
      return (
        `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${esc(r.label.length > 40 ? r.label.slice(0, 39) + '…' : r.label)}<title>${esc(r.label)}</title></text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${bw.toFixed(1)}" height="${rowH - 8}" fill="${r.color}" rx="2"/>` +
        `<text x="${labelWidth + bw + 6}" y="${y + 16}">${esc(formatCount(r.value))}${r.note ? ` · ${esc(r.note)}` : ''}</text>`
      );
    })
    .join('');
  return `<svg viewBox="0 0 ${w} ${rows.length * rowH + 4}">${body}</svg>`;
}

function heatColor(share: number): string {
  // white → green; readable text either way.
  const t = Math.max(0, Math.min(1, share));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(253, 46)},${mix(237, 157)},${mix(236, 91)})`;
}

/** A name that may be long (event, tag, pixel, code): cut with "…" to fit its column, the full text on hover. */
function nameText(text: string): string {
  return `<span class="trunc" title="${esc(text)}">${esc(text)}</span>`;
}

function nameCell(text: string): string {
  return `<td class="name">${nameText(text)}</td>`;
}

/** Tables scroll inside their card when a narrow screen cannot hold them; the page itself never widens. */
function scroll(tableHtml: string): string {
  return `<div class="scroll">${tableHtml}</div>`;
}

function shareCell(count: number, of: number, share: number, heat: boolean): string {
  if (!of) return '<td class="na">–</td>';
  const style = heat ? ` style="background:${heatColor(share)};color:${share > 0.6 ? '#fff' : '#222'}"` : share > 0 ? ' style="background:#fbe3d6"' : '';
  return `<td${style} title="${count} of ${of}">${formatShare(share)}</td>`;
}

function outcomesTable(title: string, rows: EventOutcomes[]): string {
  const head = `<tr><th class="name">${esc(title)}</th><th>requests</th><th>success</th><th>failure</th><th>skipped</th><th>success rate</th></tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr>${nameCell(r.event)}<td>${formatCount(r.requests)}</td><td>${formatCount(r.success)}</td><td>${formatCount(r.failure)}</td><td>${formatCount(r.skipped)}</td>` +
        `<td style="color:${rateColor(r.successRate)}">${formatShare(r.successRate)}</td></tr>`,
    )
    .join('');
  return scroll(`<table class="heat">${head}${body}</table>`);
}

function tagsTable(tags: TagBreakdown[]): string {
  const head = '<tr><th class="name">tag</th><th class="name">pixel</th><th>requests</th><th>failure</th><th>skipped</th><th>success rate</th><th>p95</th><th>retries</th><th class="name">top failure</th></tr>';
  const body = tags
    .map(({ tag, pixelCode, tagHealth: th }) => {
      const top = th.failures[0];
      const failure = top ? [top.errorKind, top.tiktokCode, top.tiktokMessage ?? top.lastErrorMessage].filter((x) => x !== null && x !== undefined).join(' · ') : '–';
      return (
        `<tr>${nameCell(tag)}${nameCell(pixelCode)}<td>${formatCount(th.requests)}</td><td>${formatCount(th.failure)}</td><td>${formatCount(th.skipped)}</td>` +
        `<td style="color:${rateColor(th.successRate)}">${formatShare(th.successRate)}</td><td>${esc(formatMs(th.latency.p95, th.latency.maxTrackedMs))}</td>` +
        `<td>${formatCount(th.attempts.retries)}</td>${nameCell(failure)}</tr>`
      );
    })
    .join('');
  return scroll(`<table class="heat">${head}${body}</table>`);
}

function qualityTable(title: string, rows: EventQuality[], overall: EventQuality, dq: DataQuality): string {
  const head = `<tr><th class="name">${esc(title)}</th><th>events</th><th>any warning</th>${dq.codes.map((c) => `<th>${nameText(c.code)}</th>`).join('')}</tr>`;
  const row = (r: EventQuality, cls = '') =>
    `<tr class="${cls}">${nameCell(r.event)}<td>${formatCount(r.events)}</td>${shareCell(r.withWarnings, r.events, r.share, false)}` +
    r.codes.map((c) => shareCell(c.events, r.events, c.share, false)).join('') +
    '</tr>';
  return scroll(`<table class="heat">${head}${rows.map((r) => row(r)).join('')}${row(overall, 'total')}</table>`);
}

function qualitySection(dq: DataQuality): string {
  if (!dq.codes.length) return `<section><h2>Data quality</h2><p>No warnings in ${formatCount(dq.overall.events)} events.</p></section>`;
  const codes = dq.codes
    .map((c) => `<tr>${nameCell(c.code)}<td>${formatCount(c.events)}</td><td>${formatShare(c.share)}</td><td class="msg">${esc(c.fields.join(', ') || '–')}</td><td class="msg">${esc(c.lastMessage ?? '–')}</td></tr>`)
    .join('');
  return `<section><h2>Data quality</h2><p>Share of events (sent or skipped) whose result line carried each warning: ${formatCount(dq.overall.withWarnings)} of ${formatCount(dq.overall.events)} (${formatShare(dq.overall.share)}) carried at least one.</p>
${scroll(`<table class="list"><tr><th>code</th><th>events</th><th>share</th><th>fields</th><th>last message</th></tr>${codes}</table>`)}
${qualityTable('TikTok event', dq.tiktokEvents, dq.overall, dq)}
${qualityTable('GA4 event', dq.ga4Events, dq.overall, dq)}</section>`;
}

function coverageTable(title: string, rows: EventCoverage[], overall: EventCoverage, fields: string[]): string {
  const head = `<tr><th class="name">${esc(title)}</th><th>events</th><th>skipped</th>${fields.map((f) => `<th>${esc(f)}</th>`).join('')}</tr>`;
  const row = (r: EventCoverage, cls = '') =>
    `<tr class="${cls}">${nameCell(r.event)}<td>${formatCount(r.events)}</td><td>${formatCount(r.skipped)}</td>` +
    fields
      .map((f) => {
        const s = r.fields[f as keyof EventCoverage['fields']];
        return shareCell(s.count, r.events, s.share, true);
      })
      .join('') +
    '</tr>';
  return scroll(`<table class="heat">${head}${rows.map((r) => row(r)).join('')}${row(overall, 'total')}</table>`);
}

function card(label: string, value: string, note = '', color = ''): string {
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value"${color ? ` style="color:${color}"` : ''}>${esc(value)}</div><div class="note">${esc(note)}</div></div>`;
}

export function renderHealthHtml(report: HealthReport): string {
  const th = report.tagHealth;
  const dm = report.dataMonitoring;
  const { period, input } = report;
  const sections: string[] = [];
  const periodText = `${formatTime(period.first)} → ${formatTime(period.last)} UTC`;
  const filterText = period.since || period.until ? ` · filter ${formatTime(period.since, true)} → ${formatTime(period.until, true)}` : '';
  const sk = input.skipped;
  const inputText =
    `${formatCount(input.records)} records read: ${formatCount(input.resultLines)} result lines, ${formatCount(input.debugLines)} debug lines, ` +
    `${formatCount(sk.malformed)} malformed, ${formatCount(sk.notHealth)} not ours, ${formatCount(sk.unknownSchema)} unknown schema, ` +
    `${formatCount(sk.invalid)} invalid${input.invalidReasons.length ? ` (${input.invalidReasons.map((r) => `${r.reason} ${formatCount(r.count)}`).join(', ')})` : ''}, ` +
    `${formatCount(input.outOfPeriod)} outside the period.`;

  if (report.empty) {
    sections.push(`<section><h2>No health log lines found${input.outOfPeriod ? ' in the period' : ''}</h2>
<p>Expected JSON lines with <code>"schema":"${LOG_SCHEMA}"</code> (docs/health-log-schema.md), or a Cloud Logging export of them.</p></section>`);
  } else {
    const l = th.latency;
    sections.push(`<div class="cards">${[
      card('Requests', formatCount(th.requests), `${formatCount(th.skipped)} skipped`),
      card('Success rate', formatShare(th.successRate), `${formatCount(th.success)} ok · ${formatCount(th.failure)} failed`, rateColor(th.successRate)),
      card('Latency p50', formatMs(l.p50, l.maxTrackedMs), `p95 ${formatMs(l.p95, l.maxTrackedMs)} · p99 ${formatMs(l.p99, l.maxTrackedMs)}`),
      card('Retries', formatCount(th.attempts.retries), `on ${formatCount(th.attempts.retriedRequests)} requests · ${formatCount(th.attempts.total)} attempts`),
    ].join('')}</div>`);

    if (!report.byTag && report.tagCount > 1) {
      sections.push(`<p class="note">Lines of ${report.tagCount > 50 ? 'more than 50' : formatCount(report.tagCount)} tag/pixel pairs are counted together here: <code>--by-tag</code> reports each apart.</p>`);
    }
    if (th.timeline.length) sections.push(`<section><h2>Events per ${esc(period.by)}</h2>${timelineChart(th.timeline, period.by)}</section>`);

    if (th.failures.length) {
      const top = th.failures.slice(0, 15);
      const bars = hbars(
        top.map((f) => ({
          label: [f.errorKind, f.tiktokCode, f.tiktokMessage ?? f.lastErrorMessage].filter((x) => x !== null && x !== undefined).join(' · '),
          value: f.count,
          color: COLORS.failure,
          note: formatShare(f.share),
        })),
        340,
      );
      const rows = th.failures
        .map(
          (f) =>
            `<tr><td>${formatCount(f.count)}</td><td>${formatShare(f.share)}</td>${nameCell(f.errorKind ?? '–')}<td>${esc(f.httpStatuses.map((s) => s ?? '–').join(', '))}</td>` +
            `<td>${esc(f.tiktokCode ?? '–')}</td><td class="msg">${esc(f.tiktokMessage ?? '–')}${f.lastErrorMessage ? `<div class="sub">${esc(f.lastErrorMessage)}</div>` : ''}</td>` +
            `<td>${esc(formatTime(f.firstSeen))}</td><td>${esc(formatTime(f.lastSeen))}</td></tr>`,
        )
        .join('');
      sections.push(`<section><h2>Failures, most frequent first</h2>${bars}
${scroll(`<table class="list"><tr><th>count</th><th>share</th><th>kind</th><th>HTTP</th><th>TikTok code</th><th>message</th><th>first seen</th><th>last seen</th></tr>${rows}</table>`)}</section>`);
    } else if (th.requests) {
      sections.push(`<section><h2>Failures</h2><p>None in the period.</p></section>`);
    }

    const side: string[] = [];
    if (l.count) {
      const lastUsed = l.distribution.reduce((acc, d, i) => (d.count ? i : acc), 0);
      const bands = l.distribution.slice(0, lastUsed + 1).map((d, i) => {
        const from = i === 0 ? 0 : (l.distribution[i - 1].upToMs as number);
        return { label: d.upToMs === null ? `≥ ${formatCount(from)} ms` : `${formatCount(from)}–${formatCount(d.upToMs)} ms`, value: d.count, color: COLORS.bar };
      });
      side.push(`<section><h2>Latency</h2><p>p50 <b>${esc(formatMs(l.p50, l.maxTrackedMs))}</b> · p95 <b>${esc(formatMs(l.p95, l.maxTrackedMs))}</b> · p99 <b>${esc(formatMs(l.p99, l.maxTrackedMs))}</b> · max ${esc(formatMs(l.max))} · ${formatCount(l.count)} requests, exact at 1 ms</p>${hbars(bands, 160)}</section>`);
    }
    const outcome = [
      ...th.skipReasons.map((r) => ({ label: `skipped: ${r.reason}`, value: r.count, color: COLORS.skipped })),
      ...th.attempts.distribution.map((d) => ({ label: `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`, value: d.count, color: COLORS.bar })),
    ];
    if (outcome.length) side.push(`<section><h2>Attempts and skips</h2>${hbars(outcome, 220)}</section>`);
    sections.push(...side);
    sections.push(`<section><h2>Success per event</h2>${outcomesTable('TikTok event', th.events.tiktok)}${outcomesTable('GA4 event', th.events.ga4)}</section>`);
    if (report.byTag) sections.push(`<section><h2>Tag health per tag and pixel</h2>${tagsTable(report.byTag)}</section>`);

    sections.push(`<section><h2>Data monitoring</h2><p>Share of sent events (success or failure) carrying each user-data field. Skipped events are not sent and not counted in the shares.</p>
${coverageTable('GA4 event', dm.ga4Events, dm.overall, dm.fields)}
${coverageTable('TikTok event', dm.tiktokEvents, dm.overall, dm.fields)}</section>`);
    sections.push(qualitySection(report.dataQuality));
  }

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>TikTok Events API — health report</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;background:#f5f6f8;margin:0}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 12px}
.meta{color:#666;margin-bottom:20px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin:0 0 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin-bottom:16px}
.card{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card .label{color:#666;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:28px;font-weight:600;margin:2px 0}
.card .note{color:#666;font-size:12px}
svg{width:100%;height:auto;font-size:11px;fill:${COLORS.text}}
table{border-collapse:collapse;width:100%;margin-top:12px;font-size:13px}
th,td{padding:5px 8px;text-align:right;border-bottom:1px solid #eceef1;white-space:nowrap}
th{color:#555;font-weight:600}
td.name,th.name,.list td.msg{text-align:left}
.list td.msg{white-space:normal;overflow-wrap:anywhere;min-width:12em}
.scroll{overflow-x:auto;max-width:100%}
.heat th,.heat td{padding:5px 6px}
.trunc{display:inline-block;max-width:13em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:bottom}
th .trunc{max-width:9em}
.note{color:#555;margin:0 0 16px}
.meta,footer{overflow-wrap:anywhere}
.list td,.list th{text-align:left}
.sub{color:#777;font-size:12px}
.heat td{font-variant-numeric:tabular-nums}
.heat tr.total td{font-weight:600;border-top:2px solid #ccd}
td.na{color:#aaa}
footer{color:#777;font-size:12px}
</style></head><body><main>
<h1>TikTok Events API — health report</h1>
<div class="meta">${esc(periodText)}${esc(filterText)}</div>
${sections.join('\n')}
<footer>${esc(inputText)} Generated by sgtm health.</footer>
</main></body></html>
`;
}
