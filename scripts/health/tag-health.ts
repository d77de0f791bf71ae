/**
 * Tag Health of one stream of result lines: totals, time buckets, skip reasons, failure groups,
 * attempts, latency and success per event name. The report keeps one for all lines and, with
 * --by-tag, one per (tag, pixel). Memory is bounded by distinct groups, names and buckets.
 */
import { LatencyHistogram } from './latency-histogram';
import { MAX_MESSAGE_LENGTH, MAX_NAME_LENGTH } from './line-check';
import { reportText } from './redact';
import type { EventOutcomes, FailureGroup, Granularity, TagHealth, TimelineBucket } from './types';

export const OTHER = '(other)';
export const NONE = '(none)';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Gaps in the timeline are filled with zero buckets up to this many buckets (so charts show quiet periods). */
const MAX_FILLED_BUCKETS = 5000;

export type Outcome = 'success' | 'failure' | 'skipped';

interface Counts {
  success: number;
  failure: number;
  skipped: number;
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

/** A string field of a line as the report shows it (redacted, cut), or null. */
export function textOf(v: unknown, max = MAX_NAME_LENGTH): string | null {
  return typeof v === 'string' ? reportText(v, max) : null;
}

/** Names repeat on almost every line: their redacted form is remembered (bounded, short names only). */
const nameCache = new Map<string, string>();
const MAX_CACHED_NAMES = 10_000;

/** A name for a table row: the line's string (redacted, cut), or "(none)". */
export function nameOf(v: unknown): string {
  if (typeof v !== 'string') return NONE;
  let name = nameCache.get(v);
  if (name !== undefined) return name;
  name = reportText(v, MAX_NAME_LENGTH);
  if (v.length <= MAX_NAME_LENGTH) {
    if (nameCache.size >= MAX_CACHED_NAMES) nameCache.clear();
    nameCache.set(v, name);
  }
  return name;
}

export function intOf(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/** The entry for `key`, created while the table is under `max` entries, else the shared "(other)" entry. */
export function boundedEntry<T>(table: Map<string, T>, key: string, max: number, create: () => T): T {
  let entry = table.get(key);
  if (entry) return entry;
  const k = table.size < max ? key : OTHER;
  entry = table.get(k);
  if (!entry) table.set(k, (entry = create()));
  return entry;
}

const newCounts = (): Counts => ({ success: 0, failure: 0, skipped: 0 });
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function outcomesTable(table: Map<string, Counts>): EventOutcomes[] {
  return [...table]
    .map(([event, c]) => {
      const requests = c.success + c.failure;
      return { event, requests, success: c.success, failure: c.failure, skipped: c.skipped, successRate: requests ? c.success / requests : null };
    })
    .sort((a, b) => b.requests - a.requests || b.skipped - a.skipped || byName(a.event, b.event));
}

export interface TagHealthLimits {
  maxFailureGroups: number;
  maxEventNames: number;
}

export class TagHealthCounter {
  private readonly totals = newCounts();
  private testEvents = 0;
  private readonly hours = new Map<number, Counts>();
  /** Kept only while a minute timeline may be asked for (see dropMinutes). */
  private minutes: Map<number, Counts> | null = new Map();
  private readonly skipReasons = new Map<string, number>();
  private readonly groups = new Map<string, Group>();
  private readonly attemptsByCount = new Map<number, number>();
  private attemptsTotal = 0;
  private retries = 0;
  private retriedRequests = 0;
  private readonly latency = new LatencyHistogram();
  private readonly ga4 = new Map<string, Counts>();
  private readonly tiktok = new Map<string, Counts>();

  constructor(private readonly limits: TagHealthLimits) {}

  /** A line already checked by invalidReason(); `time` is within the plausible range or undefined. */
  add(rec: Record<string, unknown>, outcome: Outcome, time: number | undefined): void {
    this.totals[outcome]++;
    if (time !== undefined) {
      this.bucket(this.hours, Math.floor(time / HOUR_MS))[outcome]++;
      if (this.minutes) this.bucket(this.minutes, Math.floor(time / MINUTE_MS))[outcome]++;
    }
    boundedEntry(this.ga4, nameOf(rec.ga4_event), this.limits.maxEventNames, newCounts)[outcome]++;
    boundedEntry(this.tiktok, nameOf(rec.tiktok_event), this.limits.maxEventNames, newCounts)[outcome]++;
    if (outcome === 'skipped') {
      const reason = nameOf(rec.skip_reason);
      this.skipReasons.set(reason, (this.skipReasons.get(reason) ?? 0) + 1);
      return;
    }
    this.countRequest(rec);
    if (outcome === 'failure') this.countFailure(rec, time);
  }

  /** Stops keeping minute buckets (the data spans too long for a minute timeline to be asked for). */
  dropMinutes(): void {
    this.minutes = null;
  }

  private bucket(map: Map<number, Counts>, key: number): Counts {
    let b = map.get(key);
    if (!b) map.set(key, (b = newCounts()));
    return b;
  }

  private countRequest(rec: Record<string, unknown>): void {
    if (rec.test_event === true) this.testEvents++;
    const attempts = intOf(rec.attempts);
    if (attempts !== null) {
      this.attemptsTotal += attempts;
      this.attemptsByCount.set(attempts, (this.attemptsByCount.get(attempts) ?? 0) + 1);
      if (attempts > 1) {
        this.retries += attempts - 1;
        this.retriedRequests++;
      }
    }
    const ms = intOf(rec.latency_ms);
    if (ms !== null) this.latency.add(ms);
  }

  private countFailure(rec: Record<string, unknown>, time: number | undefined): void {
    const errorKind = textOf(rec.error_kind);
    const tiktokCode = intOf(rec.tiktok_code);
    const tiktokMessage = textOf(rec.tiktok_message, MAX_MESSAGE_LENGTH);
    let key = `${errorKind}\u0000${tiktokCode}\u0000${tiktokMessage}`;
    let group = this.groups.get(key);
    if (!group) {
      const full = this.groups.size >= this.limits.maxFailureGroups;
      if (full) key = OTHER;
      group = this.groups.get(key);
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
        this.groups.set(key, group);
      }
    }
    group.count++;
    if (group.statuses.size < 20) group.statuses.add(intOf(rec.http_status));
    if (time !== undefined) {
      if (group.first === undefined || time < group.first) group.first = time;
      if (group.last === undefined || time > group.last) group.last = time;
    }
    const messageTime = time ?? -Infinity;
    if (typeof rec.error_message === 'string' && messageTime >= group.lastMessageTime) {
      group.lastErrorMessage = textOf(rec.error_message, MAX_MESSAGE_LENGTH);
      group.lastMessageTime = messageTime;
    }
  }

  private timeline(by: Granularity): TimelineBucket[] {
    const size = by === 'day' ? DAY_MS : by === 'hour' ? HOUR_MS : MINUTE_MS;
    const source = by === 'minute' ? (this.minutes ?? new Map<number, Counts>()) : this.hours;
    const sourceSize = by === 'minute' ? MINUTE_MS : HOUR_MS;
    const buckets = new Map<number, Counts>();
    for (const [unit, c] of source) {
      const key = Math.floor((unit * sourceSize) / size);
      const b = this.bucket(buckets, key);
      b.success += c.success;
      b.failure += c.failure;
      b.skipped += c.skipped;
    }
    let keys = [...buckets.keys()].sort((a, b) => a - b);
    if (keys.length > 1 && keys[keys.length - 1] - keys[0] < MAX_FILLED_BUCKETS) {
      const filled: number[] = [];
      for (let k = keys[0]; k <= keys[keys.length - 1]; k++) filled.push(k);
      keys = filled;
    }
    return keys.map((k) => {
      const c = buckets.get(k) ?? newCounts();
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

  private failureGroups(): FailureGroup[] {
    const failures = this.totals.failure;
    return [...this.groups.values()]
      .sort((a, b) => b.count - a.count || (b.last ?? -Infinity) - (a.last ?? -Infinity))
      .map((g) => ({
        errorKind: g.errorKind,
        tiktokCode: g.tiktokCode,
        tiktokMessage: g.tiktokMessage,
        count: g.count,
        share: failures ? g.count / failures : 0,
        httpStatuses: [...g.statuses].sort((a, b) => (a ?? -1) - (b ?? -1)),
        firstSeen: iso(g.first),
        lastSeen: iso(g.last),
        lastErrorMessage: g.lastErrorMessage,
      }));
  }

  get requests(): number {
    return this.totals.success + this.totals.failure;
  }

  report(by: Granularity): TagHealth {
    const { success, failure, skipped } = this.totals;
    const requests = success + failure;
    return {
      requests,
      success,
      failure,
      skipped,
      successRate: requests ? success / requests : null,
      testEvents: this.testEvents,
      skipReasons: [...this.skipReasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || byName(a.reason, b.reason)),
      timeline: this.timeline(by),
      failures: this.failureGroups(),
      attempts: {
        total: this.attemptsTotal,
        retries: this.retries,
        retriedRequests: this.retriedRequests,
        distribution: [...this.attemptsByCount].map(([attempts, count]) => ({ attempts, count })).sort((a, b) => a.attempts - b.attempts),
      },
      latency: this.latency.summary(),
      events: { ga4: outcomesTable(this.ga4), tiktok: outcomesTable(this.tiktok) },
    };
  }
}
