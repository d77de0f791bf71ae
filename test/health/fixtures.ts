/** Builders of log lines for the health tests: full schema-1 lines with overridable fields. */
import { DATA_FIELDS, type DataField } from '../../scripts/health/types';

export const T = Date.UTC(2026, 10, 25, 10, 0, 0); // 2026-11-25T10:00:00Z
export const MIN = 60_000;

export function userData(...present: DataField[]): Record<DataField, boolean> {
  return Object.fromEntries(DATA_FIELDS.map((f) => [f, present.includes(f)])) as Record<DataField, boolean>;
}

type Outcome = 'success' | 'failure' | 'skipped';

export function result(outcome: Outcome, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const sent = outcome !== 'skipped';
  return {
    severity: outcome === 'failure' ? 'ERROR' : 'INFO',
    message: `TikTok event: ${outcome}`,
    schema: 'tiktok-events-api/1',
    type: 'result',
    tag: 'TikTok Events API',
    trace_id: null,
    time_ms: T,
    ga4_event: 'purchase',
    tiktok_event: 'CompletePayment',
    event_id: 'E-1',
    pixel_code: 'CABC123',
    outcome,
    error_kind: null,
    skip_reason: null,
    http_status: sent ? 200 : null,
    tiktok_code: sent ? 0 : null,
    tiktok_message: sent ? 'OK' : null,
    tiktok_request_id: null,
    error_message: null,
    attempts: sent ? 1 : 0,
    latency_ms: sent ? 100 : null,
    test_event: false,
    event_source: 'web',
    user_data: userData(),
    ...fields,
  };
}

export function line(obj: unknown): string {
  return JSON.stringify(obj);
}

export function debugLine(type: 'request' | 'response'): string {
  return line({ severity: 'DEBUG', message: type, schema: 'tiktok-events-api/1', type, tag: 'TikTok Events API', trace_id: null, time_ms: T, attempt: 1, body: type === 'request' ? { data: [] } : '{"code":0}' });
}

/**
 * The hand-computed mixed log used across the suites (numbers in the comments are the line ids
 * the expectations refer to). Minutes after T = 10:00 UTC.
 */
export function mixedLog(): string[] {
  const at = (minutes: number) => T + minutes * MIN;
  const tokenError = { error_kind: 'tiktok_error', http_status: 400, tiktok_code: 40001, tiktok_message: 'Access token is invalid', error_message: 'TikTok rejected the event: Access token is invalid' };
  const { time_ms: _t16, ...withoutTime } = result('success', { latency_ms: 120, user_data: userData('email', 'name') });
  return [
    /* 1 */ line(result('success', { time_ms: at(5), latency_ms: 100, user_data: userData('email', 'phone', 'ip', 'user_agent') })),
    /* 2 */ line(result('success', { time_ms: at(20), attempts: 2, latency_ms: 300, user_data: userData('email', 'ip', 'user_agent', 'external_id') })),
    /* 3 */ line(result('success', { time_ms: at(70), ga4_event: 'add_to_cart', tiktok_event: 'AddToCart', latency_ms: 50, user_data: userData('ip', 'user_agent', 'ttp') })),
    /* 4 */ line(result('failure', { time_ms: at(75), ga4_event: 'add_to_cart', tiktok_event: 'AddToCart', latency_ms: 80, ...tokenError, user_data: userData('ip', 'user_agent', 'email') })),
    /* 5 */ line(result('failure', { time_ms: at(130), latency_ms: 90, ...tokenError, user_data: userData('email', 'ip') })),
    /* 6 */ line(result('failure', { time_ms: at(140), ga4_event: 'page_view', tiktok_event: 'ViewContent', attempts: 3, latency_ms: 2000, error_kind: 'http_5xx', http_status: 503, tiktok_code: null, tiktok_message: null, error_message: 'TikTok answered HTTP 503' })),
    /* 7 */ line(result('skipped', { time_ms: at(10), ga4_event: 'add_to_cart', tiktok_event: 'AddToCart', skip_reason: 'consent_denied' })),
    /* 8 */ line(result('skipped', { time_ms: at(150), ga4_event: 'page_view', tiktok_event: null, skip_reason: 'event_not_mapped' })),
    /* 9 */ debugLine('request'),
    /* 10 */ debugLine('response'),
    /* 11 */ 'not json at all {',
    /* 12 */ line({ hello: 'world' }),
    /* 13 */ line({ ...result('success'), schema: 'tiktok-events-api/2' }),
    /* 14 */ '   ',
    /* 15 */ line(result('success', { outcome: 'weird' })),
    /* 16 */ line({ insertId: 'a1', timestamp: new Date(at(30)).toISOString(), severity: 'INFO', jsonPayload: withoutTime, logName: 'projects/p/logs/run.googleapis.com%2Fstdout' }),
    /* 17 */ line({ insertId: 'a2', timestamp: new Date(at(999)).toISOString(), textPayload: line(result('success', { time_ms: at(80), ga4_event: 'add_to_cart', tiktok_event: 'AddToCart', latency_ms: 60, user_data: userData('phone', 'address') })) }),
  ];
}
