/**
 * The shape of a health report: what `sgtm health --json` prints and what the library returns.
 * Times are ISO strings (UTC); shares are fractions in [0, 1], unrounded.
 */

export const REPORT_SCHEMA = 'sgtm-health-report/1';
export const LOG_SCHEMA = 'tiktok-events-api/1';

/** The presence flags of `user_data` in a result line, in the order of docs/health-log-schema.md. */
export const DATA_FIELDS = ['email', 'phone', 'external_id', 'ttclid', 'ttp', 'ip', 'user_agent', 'name', 'address'] as const;
export type DataField = (typeof DATA_FIELDS)[number];

export type Granularity = 'minute' | 'hour' | 'day';

export interface HealthOptions {
  /** Inclusive lower bound, ms since epoch. */
  since?: number;
  /** Exclusive upper bound, ms since epoch. */
  until?: number;
  /** Timeline buckets; default: minute when the data spans at most 60 minutes, hour up to 72 hours, else day. */
  by?: Granularity;
  /** Also report Tag Health per (tag, pixel_code): `byTag` in the report. */
  byTag?: boolean;
  /** Distinct (tag, pixel) pairs kept with --by-tag before the rest fold into "(other)". Default 50. */
  maxTags?: number;
  /** Distinct warning codes kept before the rest fold into "(other)". Default 100. */
  maxWarningCodes?: number;
  /** Distinct failure groups kept before the rest fold into one "(other)" group. Default 1000. */
  maxFailureGroups?: number;
  /** Distinct event names kept per table before the rest fold into "(other)". Default 1000. */
  maxEventNames?: number;
  /** A line or array element longer than this many characters is counted as malformed and skipped. Default 16 Mi. */
  maxRecordBytes?: number;
}

export interface SkippedInput {
  /** Not JSON (or a truncated/oversized record). */
  malformed: number;
  /** JSON, but not one of our lines nor a Cloud Logging entry holding one. */
  notHealth: number;
  /** Our line family with a schema version this reader does not know. */
  unknownSchema: number;
  /** Our schema, but a result line that breaks it: no valid `outcome`, a number out of range, a field of the wrong type. */
  invalid: number;
}

/** Why result lines were counted as invalid, e.g. "latency_ms out of range". Most frequent first. */
export interface InvalidReason {
  reason: string;
  count: number;
}

export interface InputSummary {
  /** Non-blank lines (JSONL) plus array elements (JSON array exports) read. */
  records: number;
  /** Result lines counted in the report (inside the period). */
  resultLines: number;
  /** Request/response debug lines: valid, but not part of the report. */
  debugLines: number;
  /** Result lines outside --since/--until, or without any time while a period is set. */
  outOfPeriod: number;
  skipped: SkippedInput;
  invalidReasons: InvalidReason[];
}

export interface TimelineBucket {
  start: string;
  requests: number;
  success: number;
  failure: number;
  skipped: number;
  /** success / requests, null when there were no requests. */
  successRate: number | null;
}

export interface FailureGroup {
  errorKind: string | null;
  tiktokCode: number | null;
  tiktokMessage: string | null;
  count: number;
  /** Share of all failures. */
  share: number;
  /** Distinct HTTP statuses of the last attempt seen in this group, ascending (null = none completed). */
  httpStatuses: (number | null)[];
  firstSeen: string | null;
  lastSeen: string | null;
  /** The most recent `error_message` of this group (never holds the token, per the log contract). */
  lastErrorMessage: string | null;
}

export interface LatencySummary {
  /** Requests with a latency_ms. */
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Nearest-rank percentiles, exact at `resolutionMs`; a value of `maxTrackedMs` means "at least". */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  resolutionMs: 1;
  maxTrackedMs: number;
  /** Requests whose latency was >= maxTrackedMs. */
  overflow: number;
  /** Counts per latency band, for charts: `upToMs` exclusive upper bound, null = open-ended. */
  distribution: { upToMs: number | null; count: number }[];
}

export interface AttemptsSummary {
  /** HTTP attempts over all requests. */
  total: number;
  /** Attempts beyond the first. */
  retries: number;
  /** Requests that needed more than one attempt. */
  retriedRequests: number;
  /** Requests by number of attempts, ascending. */
  distribution: { attempts: number; count: number }[];
}

/** Requests, successes and skips of one event name. */
export interface EventOutcomes {
  event: string;
  requests: number;
  success: number;
  failure: number;
  skipped: number;
  /** success / requests, null when there were no requests. */
  successRate: number | null;
}

export interface TagHealth {
  requests: number;
  success: number;
  failure: number;
  skipped: number;
  /** success / (success + failure); null when there were no requests. */
  successRate: number | null;
  /** Requests flagged test_event (sent with a test_event_code). */
  testEvents: number;
  skipReasons: { reason: string; count: number }[];
  timeline: TimelineBucket[];
  /** Most frequent first; ties by most recent lastSeen. */
  failures: FailureGroup[];
  attempts: AttemptsSummary;
  latency: LatencySummary;
  /** Success rate per event name, most requests first. Null names appear as "(none)". */
  events: { ga4: EventOutcomes[]; tiktok: EventOutcomes[] };
}

/** Tag Health of one tag on one pixel (`--by-tag`). */
export interface TagBreakdown {
  /** The line's `tag` (the tag's name in GTM), "(none)" when missing. */
  tag: string;
  /** The line's `pixel_code`, "(none)" when missing. */
  pixelCode: string;
  tagHealth: TagHealth;
}

export interface FieldShare {
  count: number;
  share: number;
}

export interface EventCoverage {
  event: string;
  /** Events sent or attempted (outcome success or failure): the denominator of the shares. */
  events: number;
  /** Events skipped (not sent), not part of the shares. */
  skipped: number;
  fields: Record<DataField, FieldShare>;
}

export interface DataMonitoring {
  fields: DataField[];
  overall: EventCoverage;
  /** By GA4 event name, most events first. Null names appear as "(none)". */
  ga4Events: EventCoverage[];
  /** By TikTok event name, most events first. */
  tiktokEvents: EventCoverage[];
}

export interface WarningShare {
  code: string;
  /** Events carrying this warning at least once. */
  events: number;
  /** events / the row's events. */
  share: number;
}

export interface EventQuality {
  event: string;
  /** All result lines of this event (sent and skipped): the denominator of the shares. */
  events: number;
  /** Events with at least one warning. */
  withWarnings: number;
  /** withWarnings / events (0 when no events). */
  share: number;
  /** One entry per code of `DataQuality.codes`, in that order (zeros included). */
  codes: WarningShare[];
}

export interface WarningCodeSummary extends WarningShare {
  /** Distinct `field` values seen with this code (at most 20), sorted. */
  fields: string[];
  /** The most recent `message` of this code. */
  lastMessage: string | null;
}

export interface DataQuality {
  /** Every code seen, most frequent first, with its overall share of events. */
  codes: WarningCodeSummary[];
  overall: EventQuality;
  ga4Events: EventQuality[];
  tiktokEvents: EventQuality[];
}

export interface HealthReport {
  schema: typeof REPORT_SCHEMA;
  period: {
    since: string | null;
    until: string | null;
    /** Time of the first and last result line counted. */
    first: string | null;
    last: string | null;
    by: Granularity;
  };
  /** True when no result line was counted: the report says "no health log lines found". */
  empty: boolean;
  input: InputSummary;
  tagHealth: TagHealth;
  /** Distinct (tag, pixel_code) pairs seen (at most maxTags + 1), so a report can say when several were folded together. */
  tagCount: number;
  /** Tag Health per (tag, pixel_code), most requests first; null unless asked for (`byTag`). */
  byTag: TagBreakdown[] | null;
  dataMonitoring: DataMonitoring;
  /** Share of events carrying each warning code of the result line's `warnings`. */
  dataQuality: DataQuality;
}
