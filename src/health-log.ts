/**
 * Structured health logs, exactly as docs/health-log-schema.md lays them out: one JSON object per
 * logToConsole call, keys in schema order. The access token is scrubbed from every line; user
 * data appears only as presence flags (result) or as the hashed values sent (request).
 */
import type { AttemptOutcome, ErrorKind } from './classify';
import type { EventSource, LoggingLevel } from './config';
import type { Warning } from './data-quality';
import { JSON, logToConsole, getTimestampMillis } from './sandbox';
import { isSha256Hex } from './normalize';
import { holdsSecret, needlesOf, Secrets } from './privacy';
import { CLEAR_ADDRESS_KEYS } from './user-data';
import { Dict, given, isArray, isObject, kindOf, redact, truncate, wholePart } from './values';

export const SCHEMA = 'tiktok-events-api/1';
export const MAX_RESPONSE_BODY = 2000;

export interface LogContext {
  level: LoggingLevel;
  /** Request/response lines too: preview or debug mode, or logging level debug. */
  verbose: boolean;
  tag: string;
  traceId: string | null;
  ga4Event: string | null;
  tiktokEvent: string | null;
  eventId: string | null;
  pixelCode: string | null;
  /** Scrubbed from every line, whatever the case and encoding: the access token and the event's personal values. */
  secrets: Secrets;
}

export interface ResultFields {
  outcome: 'success' | 'failure' | 'skipped';
  errorKind: ErrorKind | null;
  skipReason: SkipReason | null;
  last: AttemptOutcome | null;
  errorMessage: string | null;
  attempts: number;
  latencyMs: number | null;
  testEvent: boolean;
  eventSource: EventSource;
  userData: Record<string, boolean>;
  /** Data quality warnings (docs/health-log-schema.md); empty when none. */
  warnings: Warning[];
}

export type SkipReason = 'consent_denied' | 'event_not_mapped' | 'skip_requested' | 'monitoring_ping';

/** `nowMs`: the clock as the caller last read it, when that read is this line's moment (saves a call). */
function common(ctx: LogContext, severity: string, message: string, type: string, nowMs?: number): Dict {
  return {
    severity: severity,
    message: message,
    schema: SCHEMA,
    type: type,
    tag: ctx.tag,
    trace_id: ctx.traceId,
    time_ms: wholePart(nowMs === undefined ? getTimestampMillis() : nowMs),
    ga4_event: ctx.ga4Event,
    tiktok_event: ctx.tiktokEvent,
    event_id: ctx.eventId,
    pixel_code: ctx.pixelCode,
  };
}

/**
 * Secrets replaced inside string values only, so the line stays valid JSON (a zip code must not
 * eat digits of time_ms). Hashes are left alone: they are what we mean to show.
 */
export function scrubText(value: string, secrets: string[]): string {
  return isSha256Hex(value) ? value : redact(value, secrets);
}

/** A value of unknown shape (a request line's body), scrubbed at any depth. */
export function scrub(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  const kind = kindOf(value);
  if (kind === 'array') return (value as unknown[]).map((item) => scrub(item, secrets));
  if (kind !== 'object') return value;
  const out: Dict = {};
  for (const key in value as Dict) out[key] = scrub((value as Dict)[key], secrets);
  return out;
}

/**
 * Fields whose values the tag picks from fixed lists, never from the event: left unscrubbed, so a
 * short personal value ("Api", "Tok") cannot break the schema string or an enum readers group by.
 */
const FIXED_VALUE_KEYS: readonly string[] = ['severity', 'schema', 'type', 'outcome', 'error_kind', 'skip_reason', 'event_source', 'url'];

/**
 * The result line's warnings: a list of flat records of texts the tag built itself, so their
 * kinds are known and scrubbing them needs no getType call.
 */
function scrubWarnings(warnings: Warning[], secrets: string[]): Dict[] {
  const out: Dict[] = [];
  for (let i = 0; i < warnings.length; i++) {
    const item: Dict = {};
    const source = warnings[i] as unknown as Dict;
    for (const key in source) {
      const value = source[key];
      item[key] = typeof value === 'string' ? scrubText(value, secrets) : value;
    }
    out.push(item);
  }
  return out;
}

/**
 * True when no needle occurs in any text a result line scrubs, found with one look at all of them
 * joined and lower-cased once (src/privacy.ts holdsSecret): the usual case, and then no text needs
 * redact() one by one. (A needle found only across two joined texts is a false alarm: the texts
 * are then scrubbed one by one, which finds nothing.) Other lines (a request line's body) are
 * always scrubbed in full.
 */
function nothingToRedact(line: Dict, secrets: Secrets): boolean {
  if (line.type !== 'result') return false;
  const texts: string[] = [];
  for (const key in line) {
    const value = line[key];
    if (typeof value === 'string' && FIXED_VALUE_KEYS.indexOf(key) === -1) texts.push(value);
  }
  const warnings = line.warnings as Warning[];
  for (let i = 0; i < warnings.length; i++) {
    const source = warnings[i] as unknown as Dict;
    for (const key in source) if (typeof source[key] === 'string') texts.push(source[key] as string);
  }
  return !holdsSecret(texts.join('\n').toLowerCase(), secrets);
}

/**
 * The line as it is written: every text scrubbed but the fixed-vocabulary fields. A text is
 * scrubbed where it is met; only a value of unknown shape (a request line's body) is walked.
 */
export function scrubbedLine(ctx: LogContext, line: Dict): Dict {
  if (nothingToRedact(line, ctx.secrets)) return line;
  const needles = needlesOf(ctx.secrets);
  const scrubbed: Dict = {};
  const result = line.type === 'result';
  for (const key in line) {
    const value = line[key];
    if (typeof value === 'string') scrubbed[key] = FIXED_VALUE_KEYS.indexOf(key) !== -1 ? value : scrubText(value, needles);
    // user_data holds only presence flags (booleans): nothing to scrub.
    else if (result && key === 'user_data') scrubbed[key] = value;
    else if (result && key === 'warnings') scrubbed[key] = scrubWarnings(value as Warning[], needles);
    else scrubbed[key] = scrub(value, needles);
  }
  return scrubbed;
}

function write(ctx: LogContext, line: Dict): void {
  const serialized = JSON.stringify(scrubbedLine(ctx, line));
  if (serialized !== undefined) logToConsole(serialized);
}

function eventLabel(ctx: LogContext): string {
  if (ctx.tiktokEvent !== null) return ctx.tiktokEvent;
  return ctx.ga4Event !== null ? ctx.ga4Event : 'event';
}

function httpSummary(last: AttemptOutcome | null): string {
  if (last === null || last.httpStatus === null) return '';
  return 'HTTP ' + last.httpStatus + (last.tiktokCode === null ? '' : ', code ' + last.tiktokCode);
}

export function resultMessage(ctx: LogContext, fields: ResultFields): string {
  const label = 'TikTok ' + eventLabel(ctx) + ': ' + fields.outcome;
  if (fields.outcome === 'skipped') return label + ' (' + fields.skipReason + ')';
  const http = httpSummary(fields.last);
  if (fields.outcome === 'success') return label + (http === '' ? '' : ' (' + http + ')');
  const detail = [fields.errorKind as string];
  if (http !== '') detail.push(http);
  if (fields.attempts > 1) detail.push(fields.attempts + ' attempts');
  return label + ' (' + detail.join(', ') + ')';
}

export function resultLine(ctx: LogContext, fields: ResultFields, nowMs?: number): Dict {
  const severity = fields.outcome === 'failure' ? 'ERROR' : 'INFO';
  const line = common(ctx, severity, resultMessage(ctx, fields), 'result', nowMs);
  const last = fields.last;
  line.outcome = fields.outcome;
  line.error_kind = fields.errorKind;
  line.skip_reason = fields.skipReason;
  line.http_status = last === null ? null : last.httpStatus;
  line.tiktok_code = last === null ? null : last.tiktokCode;
  line.tiktok_message = last === null ? null : last.tiktokMessage;
  line.tiktok_request_id = last === null ? null : last.tiktokRequestId;
  line.error_message = fields.errorMessage;
  line.attempts = fields.attempts;
  line.latency_ms = fields.latencyMs === null ? null : wholePart(fields.latencyMs);
  line.test_event = fields.testEvent;
  line.event_source = fields.eventSource;
  line.user_data = fields.userData;
  line.warnings = fields.warnings;
  return line;
}

export function logResult(ctx: LogContext, fields: ResultFields, nowMs?: number): void {
  if (ctx.level === 'off') return;
  write(ctx, resultLine(ctx, fields, nowMs));
}

/** The body as logged: city/state/country are sent in clear by default, so they are masked here. */
export function bodyForLog(body: Dict): Dict {
  const events = given(body.data);
  if (!isArray(events)) return body;
  const maskedEvents: unknown[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const user = isObject(event) ? given(event.user) : undefined;
    if (!isObject(event) || !isObject(user)) {
      maskedEvents.push(event);
      continue;
    }
    const maskedUser: Dict = {};
    for (const key in user) {
      const value = user[key];
      const isHash = typeof value === 'string' && isSha256Hex(value);
      maskedUser[key] = CLEAR_ADDRESS_KEYS.indexOf(key) !== -1 && !isHash ? '[REDACTED]' : value;
    }
    const maskedEvent: Dict = {};
    for (const key in event) maskedEvent[key] = key === 'user' ? maskedUser : event[key];
    maskedEvents.push(maskedEvent);
  }
  const out: Dict = {};
  for (const key in body) out[key] = key === 'data' ? maskedEvents : body[key];
  return out;
}

export function logRequest(ctx: LogContext, url: string, attempt: number, body: Dict): void {
  if (ctx.level === 'off' || !ctx.verbose) return;
  const line = common(ctx, 'DEBUG', 'TikTok ' + eventLabel(ctx) + ': request, attempt ' + attempt, 'request');
  line.url = url;
  line.attempt = attempt;
  line.body = bodyForLog(body);
  write(ctx, line);
}

export function logResponse(ctx: LogContext, attempt: number, outcome: AttemptOutcome): void {
  if (ctx.level === 'off' || !ctx.verbose) return;
  const status = outcome.httpStatus === null ? (outcome.errorKind as string) : 'HTTP ' + outcome.httpStatus;
  const line = common(ctx, 'DEBUG', 'TikTok ' + eventLabel(ctx) + ': response, attempt ' + attempt + ' (' + status + ')', 'response');
  line.attempt = attempt;
  line.http_status = outcome.httpStatus;
  line.body = outcome.body === null ? null : truncate(outcome.body, MAX_RESPONSE_BODY);
  line.error_kind = outcome.errorKind;
  write(ctx, line);
}
