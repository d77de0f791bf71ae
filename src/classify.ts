/**
 * What TikTok's answer means. Success is HTTP 2xx with `code: 0` in a JSON body; everything
 * else is a failure of one kind, and some kinds are worth another attempt.
 */
import { JSON } from './sandbox';
import { Dict, given, isFiniteNumber, isObject, text, wholePart } from './values';

export type ErrorKind = 'tiktok_error' | 'http_4xx' | 'http_5xx' | 'timeout' | 'network' | 'invalid_response' | 'invalid_config';

export interface AttemptOutcome {
  success: boolean;
  errorKind: ErrorKind | null;
  httpStatus: number | null;
  tiktokCode: number | null;
  tiktokMessage: string | null;
  tiktokRequestId: string | null;
  /** Human explanation of a failure; null on success. */
  errorMessage: string | null;
  retryable: boolean;
  /** Response body text as received (for debug logs). */
  body: string | null;
}

export const MAX_TIKTOK_MESSAGE = 500;

/** TikTok codes that say "try again": rate limit (40100) and server-side errors (5xxxx). */
export function isTransientCode(code: number): boolean {
  return code === 40100 || (code >= 50000 && code < 60000);
}

function outcome(kind: ErrorKind | null, status: number | null, body: string | null, message: string | null, retryable: boolean): AttemptOutcome {
  return {
    success: kind === null, errorKind: kind, httpStatus: status, tiktokCode: null, tiktokMessage: null,
    tiktokRequestId: null, errorMessage: message, retryable: retryable, body: body,
  };
}

export function classifyResponse(statusCode: unknown, body: unknown): AttemptOutcome {
  const status = isFiniteNumber(statusCode) ? wholePart(statusCode) : 0;
  const bodyText = typeof body === 'string' ? body : null;
  const parsed = bodyText === null ? undefined : JSON.parse(bodyText);
  const json = isObject(parsed) ? parsed : undefined;
  // Classified once; its fields are then plain reads.
  const fields: Dict = json === undefined ? {} : json;
  const rawCode = given(fields.code);
  const code = isFiniteNumber(rawCode) ? wholePart(rawCode) : null;
  const message = text(given(fields.message), MAX_TIKTOK_MESSAGE);
  const requestId = text(given(fields.request_id), 200);

  let result: AttemptOutcome;
  if (status >= 200 && status < 300) {
    if (json === undefined) result = outcome('invalid_response', status, bodyText, 'TikTok answered HTTP ' + status + ' with a body that is not JSON', false);
    else if (code === 0) result = outcome(null, status, bodyText, null, false);
    else if (code === null) result = outcome('invalid_response', status, bodyText, 'TikTok answered HTTP ' + status + ' without a numeric "code" in the body', false);
    else {
      result = outcome('tiktok_error', status, bodyText, 'TikTok rejected the event: code ' + code + (message === undefined ? '' : ' (' + message + ')'), isTransientCode(code));
    }
  } else if (status >= 500 && status < 600) {
    result = outcome('http_5xx', status, bodyText, 'TikTok answered HTTP ' + status + ' (server error)', true);
  } else if (status >= 400 && status < 500) {
    result = outcome('http_4xx', status, bodyText, 'TikTok answered HTTP ' + status + httpHint(status), status === 429 || status === 408);
  } else {
    result = outcome('invalid_response', status, bodyText, 'TikTok answered HTTP ' + status + ', which the Events API never sends', false);
  }
  result.tiktokCode = code;
  result.tiktokMessage = message === undefined ? null : message;
  result.tiktokRequestId = requestId === undefined ? null : requestId;
  return result;
}

function httpHint(status: number): string {
  if (status === 401 || status === 403) return ' (check the Access Token and that it belongs to this pixel)';
  if (status === 404) return ' (the endpoint was not found)';
  if (status === 429) return ' (rate limited)';
  return '';
}

/** A rejected sendHttpRequest promise: {reason: 'timed_out' | 'failed'}. */
export function classifyTransportFailure(reason: unknown, timeoutMs: number): AttemptOutcome {
  // The API rejects with an object ({reason}); typeof tells it (an array has no reason either).
  const why = text(typeof reason === 'object' && reason !== null ? given((reason as Dict).reason) : undefined, 50);
  if (why === 'timed_out') {
    return outcome('timeout', null, null, 'no answer from TikTok within ' + timeoutMs + ' ms', true);
  }
  return outcome('network', null, null, 'the request to TikTok failed before an answer (' + (why === undefined ? 'unknown reason' : why) + ')', true);
}

