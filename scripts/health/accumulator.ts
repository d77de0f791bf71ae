/**
 * The health accumulator: feed it log lines or parsed records one at a time, ask for the report at
 * any point. Memory is bounded by the distinct failure groups, event names and hours seen, never
 * by the number of lines.
 */
import { LatencyHistogram } from './latency-histogram';
import { parseEntryTimestamp } from './period';
import {
  DATA_FIELDS,
  LOG_SCHEMA,
  REPORT_SCHEMA,
  type DataField,
  type EventCoverage,
  type FailureGroup,
  type Granularity,
  type HealthOptions,
  type HealthReport,
  type TimelineBucket,
} from './types';

export interface HealthAccumulator {
  /** One line of text: our JSON line, a Cloud Logging entry as JSON, or anything else (counted, skipped). */
  addLine(line: string): void;
  /** One already-parsed value: our line object or a Cloud Logging entry. */
  addRecord(obj: unknown): void;
  /** Counts a record that could not be read (e.g. a broken JSON array element). */
  addMalformed(): void;
  report(): HealthReport;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** With the default granularity, data spanning more than this is bucketed by day. */
const AUTO_DAY_THRESHOLD_MS = 72 * HOUR_MS;
/** Gaps in the timeline are filled with zero buckets up to this many buckets (so charts show quiet hours). */
const MAX_FILLED_BUCKETS = 5000;
const OTHER = '(other)';
const NONE = '(none)';

type Outcome = 'success' | 'failure' | 'skipped';

interface Counts {
  success: number;
  failure: number;
  skipped: number;
}

interface Coverage {
  events: number;
  skipped: number;
  present: Uint32Array;
}

interface Group {
  errorKind: string | null;
  tiktokCode: number | null;
  tiktokMessage: string | null;
  count: number;
  statuses: Set<number | null>;
  first: number | undefined;
  last: number | undefined;
  lastErrorMessage: string | null;
  lastMessageTime: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function int(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function newCoverage(): Coverage {
  return { events: 0, skipped: 0, present: new Uint32Array(DATA_FIELDS.length) };
}

export function createHealthAccumulator(options: HealthOptions = {}): HealthAccumulator {
  const { since, until } = options;
  const filtered = since !== undefined || until !== undefined;
  const maxGroups = options.maxFailureGroups ?? 1000;
  const maxNames = options.maxEventNames ?? 1000;

  const input = { records: 0, resultLines: 0, debugLines: 0, outOfPeriod: 0 };
  const skippedInput = { malformed: 0, notHealth: 0, unknownSchema: 0, invalid: 0 };
  const totals: Counts = { success: 0, failure: 0, skipped: 0 };
  let testEvents = 0;
  let first: number | undefined;
  let last: number | undefined;
  const hours = new Map<number, Counts>();
  const skipReasons = new Map<string, number>();
  const groups = new Map<string, Group>();
  const attemptsByCount = new Map<number, number>();
  let attemptsTotal = 0;
  let retries = 0;
  let retriedRequests = 0;
  const latency = new LatencyHistogram();
  const overall = newCoverage();
  const ga4 = new Map<string, Coverage>();
  const tiktok = new Map<string, Coverage>();

  function coverageFor(table: Map<string, Coverage>, name: string | null): Coverage {
    const key = name ?? NONE;
    let c = table.get(key);
    if (c) return c;
    if (table.size < maxNames) {
      table.set(key, (c = newCoverage()));
      return c;
    }
    let other = table.get(OTHER);
    if (!other) table.set(OTHER, (other = newCoverage()));
    return other;
  }

  function countCoverage(rec: Record<string, unknown>, sent: boolean): void {
    const targets = [overall, coverageFor(ga4, str(rec.ga4_event)), coverageFor(tiktok, str(rec.tiktok_event))];
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

  function countFailure(rec: Record<string, unknown>, time: number | undefined): void {
    const errorKind = str(rec.error_kind);
    const tiktokCode = int(rec.tiktok_code);
    const rawMessage = str(rec.tiktok_message);
    const tiktokMessage = rawMessage && rawMessage.length > 500 ? rawMessage.slice(0, 500) : rawMessage;
    let key = `${errorKind}\u0000${tiktokCode}\u0000${tiktokMessage}`;
    let group = groups.get(key);
    if (!group) {
      const full = groups.size >= maxGroups;
      if (full) key = OTHER;
      group = groups.get(key);
      if (!group) {
        group = {
          errorKind: full ? OTHER : errorKind,
          tiktokCode: full ? null : tiktokCode,
          tiktokMessage: full ? null : tiktokMessage,
          count: 0,
          statuses: new Set(),
          first: undefined,
          last: undefined,
          lastErrorMessage: null,
          lastMessageTime: -Infinity,
        };
        groups.set(key, group);
      }
    }
    group.count++;
    if (group.statuses.size < 20) group.statuses.add(int(rec.http_status));
    if (time !== undefined) {
      if (group.first === undefined || time < group.first) group.first = time;
      if (group.last === undefined || time > group.last) group.last = time;
    }
    const message = str(rec.error_message);
    const messageTime = time ?? -Infinity;
    if (message !== null && messageTime >= group.lastMessageTime) {
      group.lastErrorMessage = message.length > 500 ? message.slice(0, 500) : message;
      group.lastMessageTime = messageTime;
    }
  }

  function countRequest(rec: Record<string, unknown>): void {
    if (rec.test_event === true) testEvents++;
    const attempts = int(rec.attempts);
    if (attempts !== null && attempts >= 0) {
      const whole = Math.floor(attempts);
      attemptsTotal += whole;
      attemptsByCount.set(whole, (attemptsByCount.get(whole) ?? 0) + 1);
      if (whole > 1) {
        retries += whole - 1;
        retriedRequests++;
      }
    }
    const ms = int(rec.latency_ms);
    if (ms !== null) latency.add(ms);
  }

  function countResult(rec: Record<string, unknown>, entryTime: number | undefined): void {
    const outcome = rec.outcome;
    if (outcome !== 'success' && outcome !== 'failure' && outcome !== 'skipped') {
      skippedInput.invalid++;
      return;
    }
    const timeMs = int(rec.time_ms) ?? entryTime;
    if (filtered) {
      if (timeMs === undefined || (since !== undefined && timeMs < since) || (until !== undefined && timeMs >= until)) {
        input.outOfPeriod++;
        return;
      }
    }
    input.resultLines++;
    totals[outcome as Outcome]++;
    if (timeMs !== undefined) {
      if (first === undefined || timeMs < first) first = timeMs;
      if (last === undefined || timeMs > last) last = timeMs;
      const hour = Math.floor(timeMs / HOUR_MS);
      let bucket = hours.get(hour);
      if (!bucket) hours.set(hour, (bucket = { success: 0, failure: 0, skipped: 0 }));
      bucket[outcome as Outcome]++;
    }
    if (outcome === 'skipped') {
      const reason = str(rec.skip_reason) ?? NONE;
      skipReasons.set(reason, (skipReasons.get(reason) ?? 0) + 1);
      countCoverage(rec, false);
      return;
    }
    countRequest(rec);
    if (outcome === 'failure') countFailure(rec, timeMs);
    countCoverage(rec, true);
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

  function timeline(by: Granularity): TimelineBucket[] {
    const size = by === 'day' ? DAY_MS : HOUR_MS;
    const buckets = new Map<number, Counts>();
    for (const [hour, c] of hours) {
      const key = Math.floor((hour * HOUR_MS) / size);
      const b = buckets.get(key) ?? { success: 0, failure: 0, skipped: 0 };
      b.success += c.success;
      b.failure += c.failure;
      b.skipped += c.skipped;
      buckets.set(key, b);
    }
    let keys = [...buckets.keys()].sort((a, b) => a - b);
    if (keys.length > 1 && keys[keys.length - 1] - keys[0] < MAX_FILLED_BUCKETS) {
      const filled: number[] = [];
      for (let k = keys[0]; k <= keys[keys.length - 1]; k++) filled.push(k);
      keys = filled;
    }
    return keys.map((k) => {
      const c = buckets.get(k) ?? { success: 0, failure: 0, skipped: 0 };
      const requests = c.success + c.failure;
      return {
        start: new Date(k * size).toISOString(),
        requests,
        success: c.success,
        failure: c.failure,
        skipped: c.skipped,
        successRate: requests ? c.success / requests : null,
      };
    });
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

  function failureGroups(): FailureGroup[] {
    return [...groups.values()]
      .sort((a, b) => b.count - a.count || (b.last ?? -Infinity) - (a.last ?? -Infinity))
      .map((g) => ({
        errorKind: g.errorKind,
        tiktokCode: g.tiktokCode,
        tiktokMessage: g.tiktokMessage,
        count: g.count,
        share: totals.failure ? g.count / totals.failure : 0,
        httpStatuses: [...g.statuses].sort((a, b) => (a ?? -1) - (b ?? -1)),
        firstSeen: iso(g.first),
        lastSeen: iso(g.last),
        lastErrorMessage: g.lastErrorMessage,
      }));
  }

  function report(): HealthReport {
    const by: Granularity =
      options.by ?? (first !== undefined && last !== undefined && last - first > AUTO_DAY_THRESHOLD_MS ? 'day' : 'hour');
    const requests = totals.success + totals.failure;
    return {
      schema: REPORT_SCHEMA,
      period: { since: iso(since), until: iso(until), first: iso(first), last: iso(last), by },
      empty: input.resultLines === 0,
      input: { ...input, skipped: { ...skippedInput } },
      tagHealth: {
        requests,
        success: totals.success,
        failure: totals.failure,
        skipped: totals.skipped,
        successRate: requests ? totals.success / requests : null,
        testEvents,
        skipReasons: [...skipReasons]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
        timeline: timeline(by),
        failures: failureGroups(),
        attempts: {
          total: attemptsTotal,
          retries,
          retriedRequests,
          distribution: [...attemptsByCount].map(([attempts, count]) => ({ attempts, count })).sort((a, b) => a.attempts - b.attempts),
        },
        latency: latency.summary(),
      },
      dataMonitoring: {
        fields: [...DATA_FIELDS],
        overall: coverageReport('(all events)', overall),
        ga4Events: coverageTable(ga4),
        tiktokEvents: coverageTable(tiktok),
      },
    };
  }

  return { addLine, addRecord, addMalformed, report };
}
