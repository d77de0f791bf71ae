/**
 * Data Quality: the share of events whose result line carried each warning code (the tag's
 * `warnings`, docs/health-log-schema.md), overall and per GA4 / TikTok event name. Every result
 * line counts (a skipped event can carry `event_name_invalid`); a code repeated in one line counts once.
 */
import { MAX_MESSAGE_LENGTH } from './line-check';
import { OTHER, boundedEntry, nameOf, textOf } from './tag-health';
import type { DataQuality, EventQuality, WarningCodeSummary } from './types';

const MAX_FIELDS_PER_CODE = 20;

interface Row {
  events: number;
  withWarnings: number;
  codes: Map<string, number>;
}

interface CodeInfo {
  fields: Set<string>;
  lastMessage: string | null;
  lastTime: number;
}

const NO_CODES: ReadonlySet<string> = new Set();
const newRow = (): Row => ({ events: 0, withWarnings: 0, codes: new Map() });

export class DataQualityCounter {
  private readonly overall = newRow();
  private readonly ga4 = new Map<string, Row>();
  private readonly tiktok = new Map<string, Row>();
  private readonly info = new Map<string, CodeInfo>();

  constructor(private readonly maxEventNames: number, private readonly maxCodes: number) {}

  /** A line already checked by invalidReason(): `warnings` is absent, null, or an array of {code: string, …}. */
  add(rec: Record<string, unknown>, time: number | undefined): void {
    const warnings = rec.warnings;
    const codes = Array.isArray(warnings) && warnings.length ? new Set<string>() : NO_CODES;
    if (codes !== NO_CODES) {
      for (const w of warnings as Record<string, unknown>[]) {
        const code = this.codeKey(nameOf(w.code));
        (codes as Set<string>).add(code);
        this.note(code, w, time ?? -Infinity);
      }
    }
    const rows = [
      this.overall,
      boundedEntry(this.ga4, nameOf(rec.ga4_event), this.maxEventNames, newRow),
      boundedEntry(this.tiktok, nameOf(rec.tiktok_event), this.maxEventNames, newRow),
    ];
    for (const row of rows) {
      row.events++;
      if (codes.size) row.withWarnings++;
      for (const code of codes) row.codes.set(code, (row.codes.get(code) ?? 0) + 1);
    }
  }

  /** The code as counted: itself while fewer than maxCodes are known, else "(other)". */
  private codeKey(code: string): string {
    if (this.info.has(code) || this.info.size < this.maxCodes) return code;
    return OTHER;
  }

  private note(code: string, w: Record<string, unknown>, time: number): void {
    let info = this.info.get(code);
    if (!info) this.info.set(code, (info = { fields: new Set(), lastMessage: null, lastTime: -Infinity }));
    const field = textOf(w.field);
    if (field !== null && info.fields.size < MAX_FIELDS_PER_CODE) info.fields.add(field);
    const message = textOf(w.message, MAX_MESSAGE_LENGTH);
    if (message !== null && time >= info.lastTime) {
      info.lastMessage = message;
      info.lastTime = time;
    }
  }

  report(): DataQuality {
    const order = [...this.info.keys()].sort((a, b) => (this.overall.codes.get(b) ?? 0) - (this.overall.codes.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    const row = (event: string, r: Row): EventQuality => ({
      event,
      events: r.events,
      withWarnings: r.withWarnings,
      share: r.events ? r.withWarnings / r.events : 0,
      codes: order.map((code) => {
        const n = r.codes.get(code) ?? 0;
        return { code, events: n, share: r.events ? n / r.events : 0 };
      }),
    });
    const table = (t: Map<string, Row>) =>
      [...t].map(([event, r]) => row(event, r)).sort((a, b) => b.events - a.events || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0));
    const overall = row('(all events)', this.overall);
    const codes: WarningCodeSummary[] = overall.codes.map((c) => {
      const info = this.info.get(c.code) as CodeInfo;
      return { ...c, fields: [...info.fields].sort(), lastMessage: info.lastMessage };
    });
    return { codes, overall, ga4Events: table(this.ga4), tiktokEvents: table(this.tiktok) };
  }
}
