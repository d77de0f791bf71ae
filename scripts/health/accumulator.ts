/**
 * The health accumulator: feed it log lines or parsed records one at a time, ask for the report at
 * any point. Memory is bounded by the distinct failure groups, event names, tags, warning codes and
 * hours (minutes, while kept) seen, never by the number of lines.
 */
import { DataQualityCounter } from './data-quality';
import { invalidReason, plausibleTime } from './line-check';
import { parseEntryTimestamp } from './period';
import { HOUR_MS, MINUTE_MS, OTHER, TagHealthCounter, boundedEntry, iso, nameOf, type Outcome } from './tag-health';
import {
  DATA_FIELDS,
  LOG_SCHEMA,
  REPORT_SCHEMA,
  type DataField,
  type EventCoverage,
  type Granularity,
  type HealthOptions,
  type HealthReport,
  type TagBreakdown,
} from './types';
import { isObject } from '../../sandbox-shim/template/is-object';

export interface HealthAccumulator {
  /** One line of text: our JSON line, a Cloud Logging entry as JSON, or anything else (counted, skipped). */
  addLine(line: string): void;
  /** One already-parsed value: our line object or a Cloud Logging entry. */
  addRecord(obj: unknown): void;
  /** Counts a record that could not be read (e.g. a broken JSON array element). */
  addMalformed(): void;
  report(): HealthReport;
}

/** With the default granularity, data spanning at most this is bucketed by minute. */
const AUTO_MINUTE_THRESHOLD_MS = 60 * MINUTE_MS;
/** With the default granularity, data spanning more than this is bucketed by day. */
const AUTO_DAY_THRESHOLD_MS = 72 * HOUR_MS;

interface Coverage {
  events: number;
  skipped: number;
  present: Uint32Array;
}

function newCoverage(): Coverage {
  return { events: 0, skipped: 0, present: new Uint32Array(DATA_FIELDS.length) };
}

export function createHealthAccumulator(options: HealthOptions = {}): HealthAccumulator {
  const { since, until } = options;
  const filtered = since !== undefined || until !== undefined;
  const limits = { maxFailureGroups: options.maxFailureGroups ?? 1000, maxEventNames: options.maxEventNames ?? 1000 };
  const maxNames = limits.maxEventNames;
  const maxTags = options.maxTags ?? 50;

  const input = { records: 0, resultLines: 0, debugLines: 0, outOfPeriod: 0 };
  const skippedInput = { malformed: 0, notHealth: 0, unknownSchema: 0, invalid: 0 };
  const invalidReasons = new Map<string, number>();
  let first: number | undefined;
  let last: number | undefined;
  // Minute buckets are kept while a minute timeline can still be the answer: asked for, or the default with a short span.
  let minutes = options.by === 'minute' || options.by === undefined;
  const all = new TagHealthCounter(limits);
  if (!minutes) all.dropMinutes();
  const tags = new Map<string, { tag: string; pixelCode: string; counter: TagHealthCounter | null }>();
  const overall = newCoverage();
  const ga4 = new Map<string, Coverage>();
  const tiktok = new Map<string, Coverage>();
  const quality = new DataQualityCounter(maxNames, options.maxWarningCodes ?? 100);

  function countCoverage(rec: Record<string, unknown>, sent: boolean): void {
    const targets = [overall, boundedEntry(ga4, nameOf(rec.ga4_event), maxNames, newCoverage), boundedEntry(tiktok, nameOf(rec.tiktok_event), maxNames, newCoverage)];
    if (!sent) {
      for (const t of targets) t.skipped++;
      return;
    }
    const userData = isObject(rec.user_data) ? rec.user_data : undefined;
    for (const t of targets) {
      t.events++;
      if (!userData) continue;
      for (let i = 0; i < DATA_FIELDS.length; i++) if (userData[DATA_FIELDS[i]] === true) t.present[i]++;
    }
  }

  /** The per-(tag, pixel) entry; its counter exists only with byTag. */
  function countTag(rec: Record<string, unknown>, outcome: Outcome, time: number | undefined): void {
    const tag = nameOf(rec.tag);
    const pixelCode = nameOf(rec.pixel_code);
    const key = `${tag}\u0000${pixelCode}`;
    let entry = tags.get(key);
    if (!entry) {
      const full = tags.size >= maxTags;
      const k = full ? OTHER : key;
      entry = tags.get(k);
      if (!entry) tags.set(k, (entry = { tag: full ? OTHER : tag, pixelCode: full ? OTHER : pixelCode, counter: options.byTag ? new TagHealthCounter(limits) : null }));
    }
    if (entry.counter) {
      if (!minutes) entry.counter.dropMinutes();
      entry.counter.add(rec, outcome, time);
    }
  }

  function noteTime(time: number): void {
    if (first === undefined || time < first) first = time;
    if (last === undefined || time > last) last = time;
    if (minutes && options.by === undefined && last - first > AUTO_MINUTE_THRESHOLD_MS) {
      minutes = false;
      all.dropMinutes();
      for (const t of tags.values()) t.counter?.dropMinutes();
    }
  }

  function countResult(rec: Record<string, unknown>, entryTime: number | undefined): void {
    const outcome = rec.outcome;
    const untimedEntry = (rec.time_ms === undefined || rec.time_ms === null) && entryTime !== undefined && plausibleTime(entryTime) === undefined;
    const reason =
      outcome !== 'success' && outcome !== 'failure' && outcome !== 'skipped'
        ? 'outcome missing or unknown'
        : (invalidReason(rec) ?? (untimedEntry ? 'timestamp out of range' : null));
    if (reason !== null) {
      skippedInput.invalid++;
      invalidReasons.set(reason, (invalidReasons.get(reason) ?? 0) + 1);
      return;
    }
    const timeMs = typeof rec.time_ms === 'number' ? rec.time_ms : entryTime;
    if (filtered) {
      if (timeMs === undefined || (since !== undefined && timeMs < since) || (until !== undefined && timeMs >= until)) {
        input.outOfPeriod++;
        return;
      }
    }
    input.resultLines++;
    if (timeMs !== undefined) noteTime(timeMs);
    all.add(rec, outcome as Outcome, timeMs);
    countTag(rec, outcome as Outcome, timeMs);
    countCoverage(rec, outcome !== 'skipped');
    quality.add(rec, timeMs);
  }

  /** A value that may be one of our lines. */
  function countOurs(value: unknown, entryTime: number | undefined): boolean {
    if (!isObject(value) || typeof value.schema !== 'string') return false;
    if (value.schema !== LOG_SCHEMA) {
      if (value.schema.startsWith('tiktok-events-api/')) {
        skippedInput.unknownSchema++;
        return true;
      }
      return false;
    }
    if (value.type === 'result') countResult(value, entryTime);
    else if (value.type === 'request' || value.type === 'response') input.debugLines++;
    else skippedInput.invalid++;
    return true;
  }

  function parseTextPayload(text: string): unknown {
    const start = text.indexOf('{');
    if (start === -1) return undefined;
    try {
      return JSON.parse(start === 0 ? text : text.slice(start));
    } catch {
      return undefined;
    }
  }

  function classify(value: unknown): void {
    if (countOurs(value, undefined)) return;
    if (isObject(value)) {
      const payload = isObject(value.jsonPayload)
        ? value.jsonPayload
        : typeof value.textPayload === 'string'
          ? parseTextPayload(value.textPayload)
          : undefined;
      if (payload !== undefined && countOurs(payload, parseEntryTimestamp(value.timestamp))) return;
    }
    skippedInput.notHealth++;
  }

  function addRecord(obj: unknown): void {
    input.records++;
    classify(obj);
  }

  function addLine(line: string): void {
    let start = 0;
    while (start < line.length && line.charCodeAt(start) <= 32) start++;
    if (start === line.length) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // `docker logs -t`, kubectl and syslog put a prefix before our JSON: read it from the first "{".
      value = line.includes('"schema":"tiktok-events-api/') ? parseTextPayload(line) : undefined;
      if (value === undefined) {
        input.records++;
        skippedInput.malformed++;
        return;
      }
    }
    if (Array.isArray(value)) for (const element of value) addRecord(element);
    else addRecord(value);
  }

  function addMalformed(): void {
    input.records++;
    skippedInput.malformed++;
  }

  function coverageReport(name: string, c: Coverage): EventCoverage {
    const fields = {} as EventCoverage['fields'];
    DATA_FIELDS.forEach((f: DataField, i) => {
      fields[f] = { count: c.present[i], share: c.events ? c.present[i] / c.events : 0 };
    });
    return { event: name, events: c.events, skipped: c.skipped, fields };
  }

  function coverageTable(table: Map<string, Coverage>): EventCoverage[] {
    return [...table]
      .map(([name, c]) => coverageReport(name, c))
      .sort((a, b) => b.events - a.events || b.skipped - a.skipped || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0));
  }

  function byTag(by: Granularity): TagBreakdown[] | null {
    if (!options.byTag) return null;
    return [...tags.values()]
      .map((t) => ({ tag: t.tag, pixelCode: t.pixelCode, tagHealth: (t.counter as TagHealthCounter).report(by) }))
      .sort((a, b) => b.tagHealth.requests - a.tagHealth.requests || b.tagHealth.skipped - a.tagHealth.skipped || (a.tag + a.pixelCode < b.tag + b.pixelCode ? -1 : 1));
  }

  function granularity(): Granularity {
    if (options.by) return options.by;
    if (first === undefined || last === undefined) return 'hour';
    const span = last - first;
    return span <= AUTO_MINUTE_THRESHOLD_MS ? 'minute' : span > AUTO_DAY_THRESHOLD_MS ? 'day' : 'hour';
  }

  function report(): HealthReport {
    const by = granularity();
    return {
      schema: REPORT_SCHEMA,
      period: { since: iso(since), until: iso(until), first: iso(first), last: iso(last), by },
      empty: input.resultLines === 0,
      input: {
        ...input,
        skipped: { ...skippedInput },
        invalidReasons: [...invalidReasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
      },
      tagHealth: all.report(by),
      tagCount: tags.size,
      byTag: byTag(by),
      dataMonitoring: {
        fields: [...DATA_FIELDS],
        overall: coverageReport('(all events)', overall),
        ga4Events: coverageTable(ga4),
        tiktokEvents: coverageTable(tiktok),
      },
      dataQuality: quality.report(),
    };
  }

  return { addLine, addRecord, addMalformed, report };
}
