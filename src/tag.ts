/**
 * The tag, as a pipeline: read settings and event → decide whether to send → map the event →
 * build user data and properties → write cookies → send with retries → classify → log → report.
 */
import type { TagData } from '../sandbox-shim/sandbox-apis';
import type { AttemptOutcome, ErrorKind } from './classify';
import { readConfig, TagConfig } from './config';
import { consentAllowsSending } from './consent';
import { readBrowserIds, writeBrowserIds } from './cookies';
import { resolveEventName } from './event-names';
import { LogContext, logRequest, logResponse, logResult, ResultFields } from './health-log';
import { buildProperties } from './properties';
import { buildPage, buildRequestBody, ENDPOINT, eventId, eventTimeSeconds } from './request';
import { getAllEventData, getContainerVersion, getRequestHeader, getTimestampMillis, JSON } from './sandbox';
import { sendWithRetries } from './send';
import { buildUser, rawPersonalValues, userDataFlags, userDataSources } from './user-data';
import { asObject, Dict, firstDefined, own, text } from './values';

type SkipReason = 'consent_denied' | 'event_not_mapped' | 'skip_requested';

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
    latencyMs: null, testEvent: false, eventSource: config.eventSource, userData: NO_USER_DATA,
  };
}

function skip(data: unknown, ctx: LogContext, config: TagConfig, reason: SkipReason): void {
  const result = emptyResult(config);
  result.skipReason = reason;
  logResult(ctx, result);
  callback(data, 'gtmOnSuccess');
}

function logFailure(ctx: LogContext, result: ResultFields, kind: ErrorKind, message: string | null): void {
  result.outcome = 'failure';
  result.errorKind = kind;
  result.errorMessage = message;
  logResult(ctx, result);
}

function fail(data: unknown, ctx: LogContext, result: ResultFields, kind: ErrorKind, message: string | null): void {
  logFailure(ctx, result, kind, message);
  callback(data, 'gtmOnFailure');
}

export function runTag(data: unknown): void {
  const read = readConfig(data);
  const config = read.config;
  const eventData: Dict = asObject(getAllEventData());
  const ga4Event = text(own(eventData, 'event_name'), 200);
  const traceId = text(getRequestHeader('trace-id'), 200);
  const ctx: LogContext = {
    level: config.logging,
    verbose: config.logging !== 'off' && isVerbose(config.logging),
    tag: config.tagName,
    traceId: traceId === undefined ? null : traceId,
    ga4Event: ga4Event === undefined ? null : ga4Event,
    tiktokEvent: null,
    eventId: null,
    pixelCode: config.pixelCode === '' ? null : config.pixelCode,
    secrets: config.accessToken === '' ? [] : [config.accessToken],
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
  const id = eventId(eventData);
  ctx.eventId = id === undefined ? null : id;
  if (config.skipRequested) return skip(data, ctx, config, 'skip_requested');
  if (!consentAllowsSending(config.consentMode, eventData)) return skip(data, ctx, config, 'consent_denied');
  if (name.name === undefined) return skip(data, ctx, config, 'event_not_mapped');

  const ids = readBrowserIds(own(eventData, 'page_location'), config.cookiesEnabled);
  const userOptions = {
    defaultPhoneCountryCode: config.defaultPhoneCountryCode,
    hashAddress: config.hashAddress,
    overrides: config.userDataOverrides,
  };
  const sources = userDataSources(eventData);
  const user = buildUser(sources, ids, userOptions);
  ctx.secrets = ctx.secrets.concat(rawPersonalValues(sources, ids, userOptions));
  const body = buildRequestBody(
    { eventSource: config.eventSource, pixelCode: config.pixelCode, testEventCode: config.testEventCode },
    {
      eventName: name.name,
      eventTime: eventTimeSeconds(firstDefined([own(eventData, 'event_time'), own(eventData, 'timestamp'), own(eventData, 'x-ga-mp2-timestamp_micros')]), getTimestampMillis()),
      eventId: id,
      user: user,
      page: buildPage(eventData, config.eventSource),
      properties: buildProperties(eventData, { contentType: config.contentType, overrides: config.propertyOverrides }),
      limitedDataUse: config.limitedDataUse,
    },
  );
  if (config.cookiesEnabled) writeBrowserIds(user.ttclid, user.ttp, config.cookieDomain);

  const result = emptyResult(config);
  result.testEvent = config.testEventCode !== undefined;
  result.userData = userDataFlags(user);
  if (config.optimistic) callback(data, 'gtmOnSuccess');

  sendWithRetries({
    url: ENDPOINT,
    headers: { 'Access-Token': config.accessToken, 'Content-Type': 'application/json' },
    body: JSON.stringify(body) as string,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    onAttempt: (attempt: number) => logRequest(ctx, ENDPOINT, attempt, body),
    onAnswer: (attempt: number, outcome: AttemptOutcome) => logResponse(ctx, attempt, outcome),
  }).then((sent) => {
    result.last = sent.outcome;
    result.attempts = sent.attempts;
    result.latencyMs = sent.latencyMs;
    if (sent.outcome.success) {
      result.outcome = 'success';
      logResult(ctx, result);
      if (!config.optimistic) callback(data, 'gtmOnSuccess');
      return;
    }
    // Optimistic mode already reported success to GTM; the failure is only logged.
    if (config.optimistic) logFailure(ctx, result, sent.outcome.errorKind as ErrorKind, sent.outcome.errorMessage);
    else fail(data, ctx, result, sent.outcome.errorKind as ErrorKind, sent.outcome.errorMessage);
  });
}
