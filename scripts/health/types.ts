/**
 * The shape of a health report: what `sgtm health --json` prints and what the library returns.
 * Times are ISO strings (UTC); shares are fractions in [0, 1], unrounded.
 */

export const REPORT_SCHEMA = 'sgtm-health-report/1';
export const LOG_SCHEMA = 'tiktok-events-api/1';

/** The presence flags of `user_data` in a result line, in the order of docs/health-log-schema.md. */
export const DATA_FIELDS = ['email', 'phone', 'external_id', 'ttclid', 'ttp', 'ip', 'user_agent', 'name', 'address'] as const;
export type DataField = (typeof DATA_FIELDS)[number];

export type Granularity = 'hour' | 'day';

export interface HealthOptions {
  /** Inclusive lower bound, ms since epoch. */
  since?: number;
  /** Exclusive upper bound, ms since epoch. */
  until?: number;
  /** Timeline buckets; default: hour when the data spans at most 72 hours, else day. */
  by?: Granularity;
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
  /** Our schema, but a result line missing a valid `outcome`. */
  invalid: number;
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
  dataMonitoring: DataMonitoring;
}
