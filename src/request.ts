/** The Events API request body: one event in `data`, user data already normalised and hashed. */
import type { EventSource } from './config';
import { makeInteger, Math, parseUrl } from './sandbox';
import { ENDPOINT_URL } from './template/endpoint';
import { Dict, field, firstDefined, hasKeys, numeric, own, text } from './values';

export const ENDPOINT = ENDPOINT_URL;

/** 2000-01-01 in seconds: anything earlier is not a real event time. */
const EARLIEST_S = 946684800;
/** Clocks disagree a little; a time more than a day ahead is wrong, not early. */
const MAX_AHEAD_S = 86400;

/**
 * Unix seconds from a number or numeric string in seconds, milliseconds or microseconds
 * (told apart by magnitude); `nowMs` when absent or implausible.
 */
export function eventTimeSeconds(raw: unknown, nowMs: number): number {
  const nowS = Math.floor(nowMs / 1000);
  const n = numeric(raw);
  if (n === undefined || n <= 0) return nowS;
  let seconds = n;
  if (n >= 1e14) seconds = n / 1e6;
  else if (n >= 1e11) seconds = n / 1000;
  seconds = Math.floor(seconds);
  if (seconds < EARLIEST_S || seconds > nowS + MAX_AHEAD_S) return nowS;
  // A slightly fast client clock: TikTok rejects event times in the future, and the event
  // cannot have happened after the container received it.
  if (seconds > nowS) return nowS;
  return makeInteger(seconds);
}

export function eventId(eventData: Dict): string | undefined {
  return firstDefined([text(own(eventData, 'event_id'), 500), text(own(eventData, 'transaction_id'), 500)]) as string | undefined;
}

export interface EventParts {
  eventName: string;
  eventTime: number;
  eventId: string | undefined;
  user: Dict;
  page: Dict;
  properties: Dict;
  limitedDataUse: boolean;
}

/** An absolute http(s) URL, or undefined: TikTok rejects anything else in page fields. */
export function webUrl(value: unknown): string | undefined {
  const href = text(value, 2048);
  if (href === undefined) return undefined;
  const url = parseUrl(href);
  // parseUrl answers an object or undefined: typeof is enough to tell.
  if (typeof url !== 'object' || url === null) return undefined;
  const protocol = url.protocol;
  return protocol === 'https:' || protocol === 'http:' ? href : undefined;
}

export function buildPage(eventData: Dict, source: EventSource): Dict {
  const page: Dict = {};
  if (source !== 'web') return page;
  const url = webUrl(own(eventData, 'page_location'));
  const referrer = webUrl(own(eventData, 'page_referrer'));
  if (url !== undefined) page.url = url;
  if (referrer !== undefined) page.referrer = referrer;
  return page;
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
  const body: Dict = { event_source: options.eventSource, event_source_id: options.pixelCode };
  if (options.testEventCode !== undefined) body.test_event_code = options.testEventCode;
  body.data = [event];
  return body;
}
