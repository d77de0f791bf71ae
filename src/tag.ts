/**
 * The tag, as a pipeline: read settings and event → decide whether to send → map the event →
 * build user data and properties → write cookies → send with retries → classify → log → report.
 */
import type { TagData } from '../sandbox-shim/sandbox-apis';
import type { AttemptOutcome, ErrorKind } from './classify';
import { readConfig, TagConfig } from './config';
import { adStorageConsent, consentAllowsSending } from './consent';
import { readBrowserIds, writeBrowserIds } from './cookies';
import { propertyWarnings, warning, Warning } from './data-quality';
import { clearStoredIds, readStoredIds, StoredIds, writeStoredIds } from './enhancement';
import { EventNameResult, resolveEventName } from './event-names';
import { buildSourceParts } from './event-sources';
import { LogContext, logRequest, logResponse, logResult, ResultFields, SkipReason } from './health-log';
import { buildPage, isMonitoringPing, readPage, ttclidOf } from './page';
import { buildProperties } from './properties';
import { buildRequestBody, ENDPOINT, eventId, eventTimeSeconds } from './request';
import { getAllEventData, getContainerVersion, getRequestHeader, getTimestampMillis, JSON } from './sandbox';
import { sendWithRetries } from './send';
import { buildUser, rawPersonalValues, userDataFlags, userDataSources, userDataWarnings } from './user-data';
import { Dict, firstDefined, given, text } from './values';


const NO_USER_DATA: Record<string, boolean> = {
  email: false, phone: false, external_id: false, ttclid: false, ttp: false, ip: false, user_agent: false, name: false, address: false,
};

function isVerbose(level: string): boolean {
  if (level === 'debug') return true;
  const version = getContainerVersion();
  // getContainerVersion answers an object: typeof is enough to tell.
  if (typeof version !== 'object' || version === null) return false;
  return version.previewMode === true || version.debugMode === true;
}

function callback(data: unknown, name: 'gtmOnSuccess' | 'gtmOnFailure'): void {
  const fn = typeof data === 'object' && data !== null ? (data as TagData)[name] : undefined;
  if (typeof fn === 'function') fn();
}

function emptyResult(config: TagConfig): ResultFields {
  return {
    outcome: 'skipped', errorKind: null, skipReason: null, last: null, errorMessage: null, attempts: 0,
    latencyMs: null, testEvent: false, eventSource: config.eventSource, userData: NO_USER_DATA, warnings: [],
  };
}

function skip(data: unknown, ctx: LogContext, config: TagConfig, reason: SkipReason, warnings: Warning[]): void {
  const result = emptyResult(config);
  result.skipReason = reason;
  result.warnings = warnings;
  logResult(ctx, result);
  callback(data, 'gtmOnSuccess');
}

/** The tag's event time field beats event_time, timestamp and an MP hit's timestamp_micros. */
function eventTimeInput(eventData: Dict, override: unknown): unknown {
  if (text(override) !== undefined) return override;
  return firstDefined([given(eventData.event_time), given(eventData.timestamp), given(eventData['x-ga-mp2-timestamp_micros'])]);
}

function textOrUndefined(value: unknown): unknown {
  return text(value) === undefined ? undefined : value;
}

function addAll(target: Dict, extra: Dict): void {
  for (const key in extra) target[key] = extra[key];
}

/** Why an inherited event was not sent: no name at all, or a name TikTok refuses. */
function eventNameWarnings(ga4Event: string | undefined, name: EventNameResult, mode: string): Warning[] {
  if (mode !== 'inherit') return [];
  if (ga4Event === undefined) return [warning('event_name_missing', 'event', 'the event has no event_name to map to a TikTok event')];
  if (name.invalidReason !== undefined) return [warning('event_name_invalid', 'event', name.invalidReason + '; map it to a TikTok event with an override row to send it')];
  return [];
}

function logFailure(ctx: LogContext, result: ResultFields, kind: ErrorKind, message: string | null, nowMs?: number): void {
  result.outcome = 'failure';
  result.errorKind = kind;
  result.errorMessage = message;
  logResult(ctx, result, nowMs);
}

function fail(data: unknown, ctx: LogContext, result: ResultFields, kind: ErrorKind, message: string | null, nowMs?: number): void {
  logFailure(ctx, result, kind, message, nowMs);
  callback(data, 'gtmOnFailure');
}

export function runTag(data: unknown): void {
  const read = readConfig(data);
  const config = read.config;
  // getAllEventData answers an object: typeof is enough to check it (no getType).
  const allEventData = getAllEventData();
  const eventData: Dict = typeof allEventData === 'object' && allEventData !== null ? (allEventData as Dict) : {};
  const ga4Event = text(given(eventData.event_name), 200);
  const traceId = text(getRequestHeader('trace-id'), 200);
  const userOptions = {
    defaultPhoneCountryCode: config.defaultPhoneCountryCode,
    hashAddress: config.hashAddress,
    overrides: config.userDataOverrides,
  };
  const sources = userDataSources(eventData);
  const ctx: LogContext = {
    level: config.logging,
    verbose: config.logging !== 'off' && isVerbose(config.logging),
    tag: config.tagName,
    traceId: traceId === undefined ? null : traceId,
    ga4Event: ga4Event === undefined ? null : ga4Event,
    tiktokEvent: null,
    eventId: null,
    pixelCode: config.pixelCode === '' ? null : config.pixelCode,
    // Known before the first line is written, so no line (a skip, a config error) can show them;
    // their encoded forms are made only for a line that may hold one (src/privacy.ts).
    secrets: { token: config.accessToken, values: rawPersonalValues(sources, userOptions) },
  };
  if (read.error !== undefined) {
    fail(data, ctx, emptyResult(config), 'invalid_config', read.error);
    return;
  }
  const name = resolveEventName(ga4Event, {
    mode: config.eventNameMode,
    fixedName: config.fixedEventName,
    legacyNames: config.legacyNames,
    pageView: config.pageViewEvent,
    unmapped: config.unmappedEvents,
    overrides: config.eventNameOverrides,
  });
  ctx.tiktokEvent = name.name === undefined ? null : name.name;
  const id = eventId(eventData, config.eventIdOverride);
  ctx.eventId = id === undefined ? null : id;
  const web = config.eventSource === 'web';
  // Read for every source (a ttclid in the URL counts anywhere); sent as `page` only for web.
  const page = readPage(eventData, config.pageUrlOverride, config.pageReferrerOverride);
  if (config.skipRequested) return skip(data, ctx, config, 'skip_requested', []);
  if (isMonitoringPing(page)) return skip(data, ctx, config, 'monitoring_ping', []);
  const consent = adStorageConsent(eventData);
  if (!consentAllowsSending(config.consentMode, consent)) return skip(data, ctx, config, 'consent_denied', []);
  if (name.name === undefined) return skip(data, ctx, config, 'event_not_mapped', eventNameWarnings(ga4Event, name, config.eventNameMode));

  const warnings: Warning[] = [];
  const ids = readBrowserIds(ttclidOf(page), config.cookiesEnabled);
  const enhance = config.enhancement && consent === 'granted';
  const stored: StoredIds | undefined = enhance ? readStoredIds() : undefined;
  const enhancedKeys: string[] = [];
  const user = buildUser(sources, ids, userOptions, stored, enhancedKeys);
  userDataWarnings(sources, ids, userOptions, warnings);
  const sourceParts = buildSourceParts(config.eventSource, eventData, {
    appId: config.appId, appName: config.appName, appVersion: config.appVersion, overrides: config.appOverrides,
    leadId: config.leadId, leadEventSource: config.leadEventSource,
  }, warnings);
  addAll(user, sourceParts.deviceIds);
  const properties = buildProperties(eventData, {
    contentType: config.contentType, overrides: config.propertyOverrides, eventName: name.name, valueFromItems: config.valueFromItems,
  });
  propertyWarnings(properties, {
    eventName: name.name,
    rawCurrency: firstDefined([textOrUndefined(given(config.propertyOverrides.currency)), given(eventData.currency)]),
    rawValue: firstDefined([textOrUndefined(given(config.propertyOverrides.value)), given(eventData.value)]),
    valueFromItems: config.valueFromItems,
  }, warnings);
  // One clock reading for the event time and the start of the send (nothing slow lies between).
  const nowMs = getTimestampMillis();
  const testEventCode = config.testEventCode !== undefined ? config.testEventCode : text(given(eventData.test_event_code), 100);
  const body = buildRequestBody(
    { eventSource: config.eventSource, pixelCode: config.pixelCode, testEventCode: testEventCode },
    {
      eventName: name.name,
      eventTime: eventTimeSeconds(eventTimeInput(eventData, config.eventTimeOverride), nowMs, warnings),
      eventId: id,
      user: user,
      page: web ? buildPage(page, config.urlPersonalData === 'remove') : {},
      properties: properties,
      limitedDataUse: config.limitedDataUse,
      app: sourceParts.app,
      ad: sourceParts.ad,
      lead: sourceParts.lead,
    },
  );
  if (config.cookiesEnabled) writeBrowserIds(user.ttclid, user.ttp, config.cookieDomain);
  if (enhance) writeStoredIds(user, stored as StoredIds, enhancedKeys, config.cookieDomain);
  else if (config.enhancement && consent === 'denied') clearStoredIds(config.cookieDomain);

  const result = emptyResult(config);
  result.testEvent = testEventCode !== undefined;
  result.warnings = warnings;
  result.userData = userDataFlags(user);
  if (config.optimistic) callback(data, 'gtmOnSuccess');

  sendWithRetries({
    url: ENDPOINT,
    headers: { 'Access-Token': config.accessToken, 'Content-Type': 'application/json' },
    body: JSON.stringify(body) as string,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    startMs: nowMs,
    onAttempt: (attempt: number) => logRequest(ctx, ENDPOINT, attempt, body),
    onAnswer: (attempt: number, outcome: AttemptOutcome) => logResponse(ctx, attempt, outcome),
  }, (sent) => {
    result.last = sent.outcome;
    result.attempts = sent.attempts;
    result.latencyMs = sent.latencyMs;
    if (sent.outcome.success) {
      result.outcome = 'success';
      logResult(ctx, result, sent.answeredAtMs);
      if (!config.optimistic) callback(data, 'gtmOnSuccess');
      return;
    }
    // Optimistic mode already reported success to GTM; the failure is only logged.
    if (config.optimistic) logFailure(ctx, result, sent.outcome.errorKind as ErrorKind, sent.outcome.errorMessage, sent.answeredAtMs);
    else fail(data, ctx, result, sent.outcome.errorKind as ErrorKind, sent.outcome.errorMessage, sent.answeredAtMs);
  });
}
