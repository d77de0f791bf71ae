/** The Events API request body: one event in `data`, user data already normalised and hashed. */
import type { EventSource } from './config';
import { warning, Warning } from './data-quality';
import { ENDPOINT_URL } from './template/endpoint';
import { Dict, firstDefined, given, hasKeys, numeric, text, wholePart } from './values';

export const ENDPOINT = ENDPOINT_URL;

/** 2000-01-01 in seconds: anything earlier is not a real event time. */
const EARLIEST_S = 946684800;
/** Clocks disagree a little; a time more than a day ahead is wrong, not early. */
const MAX_AHEAD_S = 86400;

const IMPLAUSIBLE_TIME = warning('event_time_invalid', 'event_time', 'event time is not Unix seconds, milliseconds or microseconds between 2000 and a day from now; the time the container received the event was sent instead');

/**
 * Unix seconds from a number or numeric string in seconds, milliseconds or microseconds
 * (told apart by magnitude); `nowMs` when absent or implausible.
 */
export function eventTimeSeconds(raw: unknown, nowMs: number, warnings?: Warning[]): number {
  // Both are positive here, so the whole part is the floor.
  const nowS = wholePart(nowMs / 1000);
  const n = numeric(raw);
  if (n === undefined || n <= 0) {
    if (warnings !== undefined && text(raw) !== undefined) warnings.push(IMPLAUSIBLE_TIME);
    return nowS;
  }
  let seconds = n;
  if (n >= 1e14) seconds = n / 1e6;
  else if (n >= 1e11) seconds = n / 1000;
  seconds = wholePart(seconds);
  if (seconds < EARLIEST_S || seconds > nowS + MAX_AHEAD_S) {
    if (warnings !== undefined) warnings.push(IMPLAUSIBLE_TIME);
    return nowS;
  }
  // A slightly fast client clock: TikTok rejects event times in the future, and the event
  // cannot have happened after the container received it.
  if (seconds > nowS) return nowS;
  return seconds;
}

/** The deduplication id: the tag's field, else event_id, else transaction_id. */
export function eventId(eventData: Dict, override: string | undefined): string | undefined {
  return firstDefined([override, text(given(eventData.event_id), 500), text(given(eventData.transaction_id), 500)]) as string | undefined;
}

export interface EventParts {
  eventName: string;
  eventTime: number;
  eventId: string | undefined;
  user: Dict;
  page: Dict;
  properties: Dict;
  limitedDataUse: boolean;
  /** App events: the app and ad objects; CRM events: the lead object. Empty ones are left out. */
  app: Dict;
  ad: Dict;
  lead: Dict;
}

export interface BodyOptions {
  eventSource: EventSource;
  pixelCode: string;
  testEventCode: string | undefined;
}

export function buildRequestBody(options: BodyOptions, parts: EventParts): Dict {
  const event: Dict = { event: parts.eventName, event_time: parts.eventTime };
  if (parts.eventId !== undefined) event.event_id = parts.eventId;
  if (hasKeys(parts.user)) event.user = parts.user;
  if (hasKeys(parts.page)) event.page = parts.page;
  if (hasKeys(parts.properties)) event.properties = parts.properties;
  if (parts.limitedDataUse) event.limited_data_use = true;
  if (hasKeys(parts.app)) event.app = parts.app;
  if (hasKeys(parts.ad)) event.ad = parts.ad;
  if (hasKeys(parts.lead)) event.lead = parts.lead;
  const body: Dict = { event_source: options.eventSource, event_source_id: options.pixelCode };
  if (options.testEventCode !== undefined) body.test_event_code = options.testEventCode;
  body.data = [event];
  return body;
}
