/**
 * The one-screen summary `npm start` prints: the health report's brief view (requests, success
 * rate, failures by kind, latency) plus Data Monitoring per GA4 event name.
 */
import { formatHealthReport, type HealthReport } from '../health';

const FIELDS: [string, string][] = [['email', 'email'], ['phone', 'phone'], ['external_id', 'ext_id'], ['ttclid', 'ttclid'], ['ttp', 'ttp'], ['ip', 'ip'], ['user_agent', 'ua']];

function share(n: number): string {
  return n >= 0.9995 ? '100%' : `${(n * 100).toFixed(0)}%`;
}

/** Data Monitoring by GA4 event: at most `maxRows` events (most frequent first). */
export function coverageTable(report: HealthReport, maxRows = 8): string[] {
  const rows = report.dataMonitoring.ga4Events.slice(0, maxRows);
  if (!rows.length) return [];
  const nameWidth = Math.max(9, ...rows.map((r) => r.event.length));
  const head = `  ${'GA4 event'.padEnd(nameWidth)}  events  ${FIELDS.map(([, t]) => t.padStart(6)).join(' ')}`;
  const lines = rows.map((r) => `  ${r.event.padEnd(nameWidth)}  ${String(r.events).padStart(6)}  ${FIELDS.map(([k]) => share(r.fields[k as keyof typeof r.fields].share).padStart(6)).join(' ')}`);
  const more = report.dataMonitoring.ga4Events.length - rows.length;
  return ['DATA MONITORING BY EVENT — share of sent events carrying each field', head, ...lines, ...(more > 0 ? [`  … and ${more} more event names (npx sgtm health logs/health.jsonl)`] : [])];
}

export function formatStartSummary(report: HealthReport, width = 100): string {
  const brief = formatHealthReport(report, { brief: true, width }).trimEnd().split('\n');
  // The brief report ends with overall coverage; the per-event table says more in the same space.
  const cut = brief.findIndex((line) => line.startsWith('DATA MONITORING'));
  const head = cut === -1 ? brief : brief.slice(0, cut);
  while (head.length && head[head.length - 1].trim() === '') head.pop();
  return [...head, '', ...coverageTable(report)].join('\n');
}
