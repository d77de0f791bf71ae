/**
 * The tag's settings, read from `data` (the fields of src/template/fields.ts) into one typed
 * object. Nothing here trusts the shape of `data`: a field can hold a variable's value of any type.
 */
import type { EventNameMode } from './event-names';
import { contains, Dict, given, isArray, isObject, isTruthyFlag, isUnsafeKey, numeric, onlyChars, own, text, wholePart } from './values';

export type EventSource = 'web' | 'app' | 'offline' | 'crm';
export type LoggingLevel = 'off' | 'standard' | 'debug';

export interface TagConfig {
  accessToken: string;
  pixelCode: string;
  eventSource: EventSource;
  eventNameMode: EventNameMode;
  fixedEventName: string | undefined;
  legacyNames: boolean;
  pageViewEvent: string;
  unmappedEvents: 'custom' | 'skip';
  eventNameOverrides: Record<string, string>;
  testEventCode: string | undefined;
  limitedDataUse: boolean;
  consentMode: 'always' | 'ad_storage';
  skipRequested: boolean;
  defaultPhoneCountryCode: string | undefined;
  hashAddress: boolean;
  userDataOverrides: Record<string, unknown>;
  contentType: string;
  propertyOverrides: Record<string, unknown>;
  cookiesEnabled: boolean;
  cookieDomain: string;
  timeoutMs: number;
  maxRetries: number;
  optimistic: boolean;
  logging: LoggingLevel;
  tagName: string;
  /** Tag fields that beat the event data (issue 11 item 3); undefined when empty. */
  eventIdOverride: string | undefined;
  eventTimeOverride: unknown;
  pageUrlOverride: string | undefined;
  pageReferrerOverride: string | undefined;
  ipOverride: string | undefined;
  userAgentOverride: string | undefined;
  /** Value events without `value` get Σ price × quantity of their contents. */
  valueFromItems: boolean;
  /** Emails and phone numbers in the query of page URL and referrer: removed, or kept. */
  urlPersonalData: 'remove' | 'keep';
  /** App events: the app object and app/ad/device rows from the tag. */
  appId: string | undefined;
  appName: string | undefined;
  appVersion: string | undefined;
  appOverrides: Record<string, unknown>;
  /** CRM events: lead.lead_id and lead.lead_event_source from the tag. */
  leadId: string | undefined;
  leadEventSource: string | undefined;
  /** Event enhancement: keep hashed identifiers in a first-party cookie (opt-in). */
  enhancement: boolean;
}

export interface ConfigResult {
  config: TagConfig;
  /** Why the tag cannot send (a required field missing or malformed); undefined when valid. */
  error: string | undefined;
}

export const DEFAULT_TAG_NAME = 'TikTok Events API';
export const DEFAULT_TIMEOUT_MS = 5000;
export const MIN_TIMEOUT_MS = 250;
export const MAX_TIMEOUT_MS = 60000;
export const MAX_RETRIES = 3;

const EVENT_SOURCES: readonly string[] = ['web', 'app', 'offline', 'crm'];
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  const chosen = text(value);
  return chosen !== undefined && contains(allowed, chosen) ? (chosen as T) : fallback;
}

/** A checkbox: true/false, or a variable's value ("true", 1). Undefined keeps the default. */
function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  return isTruthyFlag(value);
}

/** A token has no whitespace or control characters: it goes into an HTTP header as it is. */
function isHeaderSafe(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch <= ' ' || ch === '\u007f') return false;
  }
  return true;
}

/**
 * SIMPLE_TABLE rows → { key: value }. Rows that are not objects or have no key are ignored;
 * a later row wins. Keys that would reach the prototype chain are refused.
 */
export function tableToMap(rows: unknown, keyColumn: string, valueColumn: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isArray(rows)) return out;
  for (let i = 0; i < rows.length && i < 200; i++) {
    const row = rows[i];
    if (!isObject(row)) continue;
    const key = text(own(row, keyColumn), 100);
    if (key === undefined || isUnsafeKey(key)) continue;
    out[key] = own(row, valueColumn);
  }
  return out;
}

function stringMap(map: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in map) {
    const value = text(map[key], 100);
    out[key] = value === undefined ? '' : value;
  }
  return out;
}

function timeout(value: unknown): number {
  const n = numeric(value);
  if (n === undefined || n <= 0) return DEFAULT_TIMEOUT_MS;
  if (n < MIN_TIMEOUT_MS) return MIN_TIMEOUT_MS;
  return n > MAX_TIMEOUT_MS ? MAX_TIMEOUT_MS : wholePart(n);
}

function retries(value: unknown): number {
  const n = numeric(value);
  if (n === undefined || n < 0) return value === undefined ? 1 : 0;
  return n > MAX_RETRIES ? MAX_RETRIES : wholePart(n);
}

export function readConfig(data: unknown): ConfigResult {
  // GTM hands the fields as an object, never a list: typeof is enough to tell (no getType call).
  // Each field is read by name (given()).
  const received = typeof data === 'object' && data !== null;
  const fields: Dict = received ? (data as Dict) : {};
  const accessToken = text(given(fields.accessToken), 1000);
  const pixelCode = text(given(fields.pixelCode), 100);
  const mode = choice<EventNameMode>(given(fields.eventNameMode), ['inherit', 'standard', 'custom'], 'inherit');
  const fixedEventName = mode === 'standard' ? text(given(fields.standardEventName), 100)
    : mode === 'custom' ? text(given(fields.customEventName), 100) : undefined;
  const pageView = text(given(fields.pageViewEvent), 100);
  const tagName = text(given(fields.tagName), 100);
  const config: TagConfig = {
    accessToken: accessToken === undefined ? '' : accessToken,
    pixelCode: pixelCode === undefined ? '' : pixelCode,
    eventSource: choice<EventSource>(given(fields.eventSource), EVENT_SOURCES as EventSource[], 'web'),
    eventNameMode: mode,
    fixedEventName: fixedEventName,
    legacyNames: text(given(fields.eventNameVersion)) === 'legacy',
    pageViewEvent: pageView === undefined ? 'Pageview' : pageView === 'skip' ? '' : pageView,
    unmappedEvents: choice<'custom' | 'skip'>(given(fields.unmappedEvents), ['custom', 'skip'], 'custom'),
    eventNameOverrides: stringMap(tableToMap(given(fields.eventNameOverrides), 'ga4Event', 'tiktokEvent')),
    testEventCode: text(given(fields.testEventCode), 100),
    limitedDataUse: flag(given(fields.limitedDataUse), false),
    consentMode: choice<'always' | 'ad_storage'>(given(fields.consentMode), ['always', 'ad_storage'], 'always'),
    skipRequested: isTruthyFlag(given(fields.skipEvent)),
    defaultPhoneCountryCode: text(given(fields.defaultPhoneCountryCode), 8),
    hashAddress: text(given(fields.addressHashing)) === 'hashed',
    userDataOverrides: tableToMap(given(fields.userDataOverrides), 'name', 'value'),
    contentType: choice<string>(given(fields.contentType), ['product', 'product_group'], 'product'),
    propertyOverrides: tableToMap(given(fields.propertyOverrides), 'name', 'value'),
    cookiesEnabled: flag(given(fields.cookiesEnabled), true),
    cookieDomain: text(given(fields.cookieDomain), 253) || 'auto',
    timeoutMs: timeout(given(fields.timeoutMs)),
    maxRetries: retries(given(fields.maxRetries)),
    optimistic: flag(given(fields.optimistic), false),
    logging: choice<LoggingLevel>(given(fields.loggingLevel), ['off', 'standard', 'debug'], 'standard'),
    tagName: tagName === undefined ? DEFAULT_TAG_NAME : tagName,
    eventIdOverride: text(given(fields.eventIdOverride), 500),
    eventTimeOverride: given(fields.eventTimeOverride),
    pageUrlOverride: text(given(fields.pageUrlOverride), 8192),
    pageReferrerOverride: text(given(fields.pageReferrerOverride), 8192),
    ipOverride: text(given(fields.ipOverride), 1000),
    userAgentOverride: text(given(fields.userAgentOverride), 2048),
    valueFromItems: flag(given(fields.valueFromItems), true),
    urlPersonalData: choice<'remove' | 'keep'>(given(fields.urlPersonalData), ['remove', 'keep'], 'remove'),
    appId: text(given(fields.appId), 200),
    appName: text(given(fields.appName), 200),
    appVersion: text(given(fields.appVersion), 100),
    appOverrides: tableToMap(given(fields.appOverrides), 'name', 'value'),
    leadId: text(given(fields.leadId), 200),
    leadEventSource: text(given(fields.leadEventSource), 200),
    enhancement: flag(given(fields.enhancement), false),
  };
  // The dedicated fields beat the user data rows, which beat the event data.
  if (config.ipOverride !== undefined) config.userDataOverrides.ip = config.ipOverride;
  if (config.userAgentOverride !== undefined) config.userDataOverrides.user_agent = config.userAgentOverride;
  return { config: config, error: configError(config, received) };
}

function configError(config: TagConfig, received: boolean): string | undefined {
  if (!received) return 'the tag received no field values; check the tag configuration';
  if (config.accessToken === '') return 'Access Token is empty; paste the token from TikTok Events Manager into the tag';
  if (!isHeaderSafe(config.accessToken)) return 'Access Token contains spaces or control characters; paste it again without them';
  if (config.pixelCode === '') return 'Pixel Code is empty; set the pixel code (or event set ID) from TikTok Events Manager';
  if (!onlyChars(config.pixelCode, ID_CHARS)) return 'Pixel Code may only contain letters, digits, "_" and "-"; check the value from Events Manager';
  if (config.eventNameMode !== 'inherit' && config.fixedEventName === undefined) {
    return 'Event Name is set to ' + config.eventNameMode + ' but no event name is given; pick or type one';
  }
  return undefined;
}
