/**
 * The checks TikTok's Events API v1.3 makes on POST /open_api/v1.3/event/track/, in the order it
 * makes them: token, body, event source, then each event. The first problem found is the answer,
 * with TikTok's error code and a message naming the field.
 */
import { judgeEventName } from './events';
import { isObject } from '../../sandbox-shim/template/is-object';

export const CODES = {
  OK: 0,
  NO_PERMISSION: 40001,
  INVALID_PARAMETER: 40002,
  RATE_LIMITED: 40100,
  TOKEN_MISSING: 40104,
  TOKEN_INVALID: 40105,
  SERVER_ERROR: 50000,
  SERVICE_UNAVAILABLE: 50002,
} as const;

export interface ValidationOptions {
  /** When set, the only token accepted; otherwise any non-empty token is. */
  accessToken?: string;
  /** When set, the pixel codes / event set ids the token may send to. */
  pixelCodes?: string[];
  allowCustomEvents: boolean;
  /** Accepted event_time window around now, in seconds. */
  maxPastSeconds: number;
  maxFutureSeconds: number;
  maxEventsPerRequest: number;
  nowSeconds: number;
}

export interface AcceptedEvent {
  event: string;
  eventId?: string;
  eventTime: number;
}

export type Verdict =
  | { ok: true; eventSource: string; pixelCode: string; testEventCode?: string; events: AcceptedEvent[] }
  | { ok: false; code: number; message: string };

const EVENT_SOURCES = ['web', 'app', 'offline', 'crm'];
const HASHED_USER_FIELDS = ['email', 'phone', 'external_id'];
const CLEAR_USER_FIELDS = ['ttclid', 'ttp', 'ip', 'user_agent', 'locale', 'idfa', 'idfv', 'gaid', 'att_status'];
const SHA256_HEX = /^[0-9a-f]{64}$/;
const ATT_STATUSES = ['AUTHORIZED', 'DENIED', 'NOT_DETERMINED', 'RESTRICTED', 'NOT_APPLICABLE'];
/** The objects only some event sources carry, with the type of each field (facts file, "Request body"). */
const SOURCE_OBJECTS: Record<string, { source: string; fields: Record<string, 'string' | 'boolean'> }> = {
  app: { source: 'app', fields: { app_id: 'string', app_name: 'string', app_version: 'string' } },
  ad: {
    source: 'app',
    fields: {
      callback: 'string', campaign_id: 'string', ad_id: 'string', creative_id: 'string', is_retargeting: 'boolean',
      attributed: 'boolean', attribution_type: 'string', attribution_provider: 'string',
    },
  },
  lead: { source: 'crm', fields: { lead_id: 'string', lead_event_source: 'string' } },
};
const PIXEL_CODE = /^[A-Za-z0-9_-]{1,64}$/;

const fail = (code: number, message: string): Verdict => ({ ok: false, code, message });

export function checkToken(token: string | undefined, options: Pick<ValidationOptions, 'accessToken'>): Verdict | undefined {
  if (token === undefined || token.trim() === '') {
    return fail(CODES.TOKEN_MISSING, 'Access token is missing: send it in the "Access-Token" request header.');
  }
  if (options.accessToken !== undefined && token !== options.accessToken) {
    return fail(CODES.TOKEN_INVALID, 'Access token is invalid or has expired: generate a new one in Events Manager.');
  }
  return undefined;
}

export function validateTrackBody(rawBody: string, options: ValidationOptions): Verdict {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return fail(CODES.INVALID_PARAMETER, 'Invalid JSON in request body.');
  }
  if (!isObject(body)) return fail(CODES.INVALID_PARAMETER, 'Request body must be a JSON object.');

  if (body.pixel_code !== undefined && body.event_source_id === undefined) {
    return fail(CODES.INVALID_PARAMETER, 'pixel_code is the Events 1.0 format, which is sunset: send event_source and event_source_id.');
  }
  if (typeof body.event_source !== 'string' || !EVENT_SOURCES.includes(body.event_source)) {
    return fail(CODES.INVALID_PARAMETER, `event_source: must be one of ${EVENT_SOURCES.join(', ')} (got ${JSON.stringify(body.event_source) ?? 'nothing'}).`);
  }
  const pixel = body.event_source_id;
  if (typeof pixel !== 'string' || pixel === '') return fail(CODES.INVALID_PARAMETER, 'event_source_id: required (the pixel code or event set id).');
  if (!PIXEL_CODE.test(pixel)) return fail(CODES.INVALID_PARAMETER, `event_source_id: "${pixel.slice(0, 80)}" is not a valid pixel code.`);
  if (options.pixelCodes && !options.pixelCodes.includes(pixel)) {
    return fail(CODES.NO_PERMISSION, `No permission: the access token is not authorised for event_source_id ${pixel}.`);
  }
  if (body.test_event_code !== undefined && typeof body.test_event_code !== 'string') {
    return fail(CODES.INVALID_PARAMETER, 'test_event_code: must be a string.');
  }
  if (!Array.isArray(body.data) || body.data.length === 0) return fail(CODES.INVALID_PARAMETER, 'data: must be a non-empty array of events.');
  if (body.data.length > options.maxEventsPerRequest) {
    return fail(CODES.INVALID_PARAMETER, `data: at most ${options.maxEventsPerRequest} events per request (got ${body.data.length}).`);
  }

  const events: AcceptedEvent[] = [];
  for (let i = 0; i < body.data.length; i++) {
    const checked = checkEvent(body.data[i], `data[${i}]`, body.event_source, options);
    if ('code' in checked) return checked;
    events.push(checked);
  }
  return { ok: true, eventSource: body.event_source, pixelCode: pixel, testEventCode: body.test_event_code as string | undefined, events };
}

function checkEvent(event: unknown, at: string, source: string, options: ValidationOptions): AcceptedEvent | { ok: false; code: number; message: string } {
  if (!isObject(event)) return { ok: false, code: CODES.INVALID_PARAMETER, message: `${at}: must be an object.` };
  const name = judgeEventName(event.event, options.allowCustomEvents);
  if (!name.ok) return { ok: false, code: CODES.INVALID_PARAMETER, message: `${at}.event: ${name.reason}.` };

  const time = event.event_time;
  if (typeof time !== 'number' || !Number.isInteger(time)) {
    return { ok: false, code: CODES.INVALID_PARAMETER, message: `${at}.event_time: must be an integer of Unix seconds (got ${JSON.stringify(time) ?? 'nothing'}).` };
  }
  if (time > 1e11) {
    return { ok: false, code: CODES.INVALID_PARAMETER, message: `${at}.event_time: ${time} looks like milliseconds; send Unix seconds.` };
  }
  if (time < options.nowSeconds - options.maxPastSeconds) {
    return { ok: false, code: CODES.INVALID_PARAMETER, message: `${at}.event_time: ${time} is more than ${Math.round(options.maxPastSeconds / 86400)} days in the past.` };
  }
  if (time > options.nowSeconds + options.maxFutureSeconds) {
    return { ok: false, code: CODES.INVALID_PARAMETER, message: `${at}.event_time: ${time} is in the future.` };
  }
  if (event.event_id !== undefined && (typeof event.event_id !== 'string' || event.event_id === '')) {
    return { ok: false, code: CODES.INVALID_PARAMETER, message: `${at}.event_id: must be a non-empty string.` };
  }

  const problem = checkUser(event.user, `${at}.user`, source) ?? checkPage(event.page, `${at}.page`, source) ?? checkProperties(event.properties, `${at}.properties`)
    ?? checkSourceObjects(event, at, source);
  if (problem) return { ok: false, code: CODES.INVALID_PARAMETER, message: problem };
  if (event.limited_data_use !== undefined && typeof event.limited_data_use !== 'boolean') {
    return { ok: false, code: CODES.INVALID_PARAMETER, message: `${at}.limited_data_use: must be a boolean.` };
  }
  return { event: event.event as string, eventId: event.event_id as string | undefined, eventTime: time };
}

function checkSourceObjects(event: Record<string, unknown>, at: string, source: string): string | undefined {
  for (const [name, shape] of Object.entries(SOURCE_OBJECTS)) {
    const value = event[name];
    if (value === undefined) continue;
    if (source !== shape.source) return `${at}.${name}: only ${shape.source} events carry ${name} (event_source is ${source}).`;
    if (!isObject(value)) return `${at}.${name}: must be an object.`;
    for (const [key, v] of Object.entries(value)) {
      const type = shape.fields[key];
      if (type === undefined) return `${at}.${name}.${key}: unknown field (known: ${Object.keys(shape.fields).join(', ')}).`;
      if (typeof v !== type || v === '') return `${at}.${name}.${key}: must be ${type === 'boolean' ? 'a boolean (true or false)' : 'a non-empty string'}.`;
    }
  }
  return undefined;
}

function checkUser(user: unknown, at: string, source: string): string | undefined {
  if (user === undefined) return undefined;
  if (!isObject(user)) return `${at}: must be an object.`;
  for (const field of HASHED_USER_FIELDS) {
    const value = user[field];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string' || !SHA256_HEX.test(v)) {
        return `${at}.${field}: must be a SHA-256 hash (64 lowercase hex characters)${typeof v === 'string' && v.includes('@') ? '; it looks like a raw email' : ''}.`;
      }
    }
  }
  for (const field of CLEAR_USER_FIELDS) {
    if (user[field] !== undefined && typeof user[field] !== 'string') return `${at}.${field}: must be a string.`;
  }
  for (const field of ['idfa', 'idfv', 'gaid', 'att_status']) {
    if (user[field] !== undefined && source !== 'app') return `${at}.${field}: device ids are for app events only (event_source is ${source}).`;
  }
  if (user.att_status !== undefined && !ATT_STATUSES.includes(user.att_status as string)) {
    return `${at}.att_status: must be one of ${ATT_STATUSES.join(', ')}.`;
  }
  return undefined;
}

function checkPage(page: unknown, at: string, source: string): string | undefined {
  if (page === undefined) return undefined;
  if (source !== 'web') return `${at}: only web events carry page (event_source is ${source}).`;
  if (!isObject(page)) return `${at}: must be an object.`;
  for (const field of ['url', 'referrer']) {
    if (page[field] !== undefined && typeof page[field] !== 'string') return `${at}.${field}: must be a string.`;
  }
  if (source === 'web' && typeof page.url === 'string' && page.url !== '' && !/^https?:\/\//i.test(page.url)) {
    return `${at}.url: must be an http(s) URL.`;
  }
  return undefined;
}

function checkProperties(properties: unknown, at: string): string | undefined {
  if (properties === undefined) return undefined;
  if (!isObject(properties)) return `${at}: must be an object.`;
  if (properties.value !== undefined && (typeof properties.value !== 'number' || !Number.isFinite(properties.value))) {
    return `${at}.value: must be a number (got ${JSON.stringify(properties.value)}).`;
  }
  if (properties.currency !== undefined && (typeof properties.currency !== 'string' || !/^[A-Z]{3}$/.test(properties.currency))) {
    return `${at}.currency: must be an ISO 4217 code such as "USD" (got ${JSON.stringify(properties.currency)}).`;
  }
  if (properties.content_type !== undefined && properties.content_type !== 'product' && properties.content_type !== 'product_group') {
    return `${at}.content_type: must be "product" or "product_group".`;
  }
  if (properties.contents !== undefined) {
    if (!Array.isArray(properties.contents)) return `${at}.contents: must be an array.`;
    for (let i = 0; i < properties.contents.length; i++) {
      const item = properties.contents[i];
      if (!isObject(item)) return `${at}.contents[${i}]: must be an object.`;
      for (const field of ['price', 'quantity']) {
        if (item[field] !== undefined && (typeof item[field] !== 'number' || !Number.isFinite(item[field]))) {
          return `${at}.contents[${i}].${field}: must be a number.`;
        }
      }
      for (const field of ['content_id', 'content_name', 'content_category', 'brand']) {
        if (item[field] !== undefined && typeof item[field] !== 'string') return `${at}.contents[${i}].${field}: must be a string.`;
      }
    }
  }
  return undefined;
}
