/**
 * Plausible ranges for the numbers of a result line (docs/health.md, "Invalid lines"). A line with a
 * value outside them is counted as invalid, with the reason, and nothing of it is counted: a single
 * `latency_ms: 1e300` would otherwise wreck the mean, and `time_ms: 1e20` is no date at all.
 * The bounds are far wider than the tag can produce (timeout 60 s × 4 attempts, 3 retries).
 */
import { isObject } from '../../sandbox-shim/template/is-object';

/** 2000-01-01T00:00:00Z inclusive to 2100-01-01T00:00:00Z exclusive. */
export const TIME_MS_RANGE = [946_684_800_000, 4_102_444_800_000] as const;
/** [min, max] inclusive, whole numbers only. */
export const NUMBER_RANGES = {
  latency_ms: [0, 3_600_000],
  attempts: [0, 100],
  http_status: [100, 599],
  tiktok_code: [-2_147_483_648, 2_147_483_647],
} as const;
/** Strings read as names (event names, tag, pixel, warning codes) are cut to this length. */
export const MAX_NAME_LENGTH = 200;
/** Messages (tiktok_message, error_message, warning messages) are cut to this length. */
export const MAX_MESSAGE_LENGTH = 500;

const NUMBER_FIELDS = Object.keys(NUMBER_RANGES) as (keyof typeof NUMBER_RANGES)[];
const STRING_FIELDS = ['outcome', 'ga4_event', 'tiktok_event', 'tag', 'pixel_code', 'error_kind', 'skip_reason', 'tiktok_message', 'error_message'] as const;

/** A time in ms within TIME_MS_RANGE, else undefined. */
export function plausibleTime(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isInteger(ms) && ms >= TIME_MS_RANGE[0] && ms < TIME_MS_RANGE[1] ? ms : undefined;
}

function checkNumber(rec: Record<string, unknown>, field: keyof typeof NUMBER_RANGES): string | null {
  const v = rec[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number') return `${field} is not a number`;
  const [min, max] = NUMBER_RANGES[field];
  if (!Number.isInteger(v) || v < min || v > max) return `${field} out of range`;
  return null;
}

function checkWarnings(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) return 'warnings is not an array';
  for (const w of value) {
    if (!isObject(w)) return 'warnings holds a non-object';
    if (typeof w.code !== 'string' || w.code === '') return 'warnings code is not a string';
    if (w.field !== undefined && w.field !== null && typeof w.field !== 'string') return 'warnings field is not a string';
    if (w.message !== undefined && w.message !== null && typeof w.message !== 'string') return 'warnings message is not a string';
  }
  return null;
}

/**
 * Why a result line of our schema cannot be counted, or null when it can. `outcome` has been checked.
 * Fields the report does not read are not checked (readers ignore what they do not know).
 */
export function invalidReason(rec: Record<string, unknown>): string | null {
  const time = rec.time_ms;
  if (time !== undefined && time !== null) {
    if (typeof time !== 'number') return 'time_ms is not a number';
    if (plausibleTime(time) === undefined) return 'time_ms out of range';
  }
  for (const field of NUMBER_FIELDS) {
    const reason = checkNumber(rec, field);
    if (reason) return reason;
  }
  for (const field of STRING_FIELDS) {
    const v = rec[field];
    if (v !== undefined && v !== null && typeof v !== 'string') return `${field} is not a string`;
  }
  if (rec.test_event !== undefined && rec.test_event !== null && typeof rec.test_event !== 'boolean') return 'test_event is not a boolean';
  if (rec.user_data !== undefined && rec.user_data !== null && !isObject(rec.user_data)) return 'user_data is not an object';
  return checkWarnings(rec.warnings);
}
