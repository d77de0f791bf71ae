/**
 * POST with bounded retries inside one time budget. Each attempt gets an equal share of what is
 * left, so a timed-out first attempt still leaves room for a retry; a fast failure (HTTP 5xx)
 * hands its unused share to the next attempt.
 */
import { AttemptOutcome, classifyResponse, classifyTransportFailure } from './classify';
import { getTimestampMillis, sendHttpRequest } from './sandbox';
import { Dict, given, wholePart } from './values';

/** Below this an attempt cannot finish a TLS handshake; not worth starting. */
export const MIN_ATTEMPT_MS = 200;

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  maxRetries: number;
  /**
   * The clock as the caller last read it, just before sending (the tag reads it for the event
   * time): the time budget starts there, which saves a getTimestampMillis call.
   */
  startMs: number;
  /** Called before each attempt (1-based) and after each answer, for debug logs. */
  onAttempt: (attempt: number) => void;
  onAnswer: (attempt: number, outcome: AttemptOutcome) => void;
}

export interface SendResult {
  outcome: AttemptOutcome;
  attempts: number;
  latencyMs: number;
  /** getTimestampMillis() when the last answer came: the result is known then (its log line's time). */
  answeredAtMs: number;
}

export function attemptTimeout(remainingMs: number, attemptsLeft: number): number {
  // Only a share of at least MIN_ATTEMPT_MS is used, so it is positive: its whole part is its floor.
  const share = wholePart(remainingMs / (attemptsLeft < 1 ? 1 : attemptsLeft));
  return share < MIN_ATTEMPT_MS ? remainingMs : share;
}

/**
 * Calls `done` once, with the last attempt's outcome. A callback rather than a Promise.create:
 * the request's own promise already carries the wait, and each sandbox API call costs.
 */
export function sendWithRetries(options: SendOptions, done: (result: SendResult) => void): void {
  const start = options.startMs;
  const maxAttempts = options.maxRetries + 1;
  // `now`: the clock as last read (the first attempt starts as the budget does), so each step reads it once.
  const attempt = (n: number, now: number): void => {
    const remaining = options.timeoutMs - (now - start);
    const timeout = attemptTimeout(remaining, maxAttempts - n + 1);
    options.onAttempt(n);
    const request = sendHttpRequest(options.url, { method: 'POST', headers: options.headers, timeout: timeout }, options.body);
    const settle = (outcome: AttemptOutcome): void => {
      options.onAnswer(n, outcome);
      const answered = getTimestampMillis();
      const left = options.timeoutMs - (answered - start);
      if (!outcome.success && outcome.retryable && n < maxAttempts && left >= MIN_ATTEMPT_MS) {
        attempt(n + 1, answered);
        return;
      }
      done({ outcome: outcome, attempts: n, latencyMs: answered - start, answeredAtMs: answered });
    };
    // A promise is an object; anything else (a broken mock) counts as a failed request. typeof,
    // not getType: handing the promise to an API would copy it across the sandbox boundary.
    if (typeof request !== 'object' || request === null) {
      settle(classifyTransportFailure({ reason: 'failed' }, timeout));
      return;
    }
    request.then(
      // The API resolves with an object ({statusCode, headers, body}): typeof is enough to read it.
      (response: unknown) => {
        const fields: Dict = typeof response === 'object' && response !== null ? (response as Dict) : {};
        settle(classifyResponse(given(fields.statusCode), given(fields.body)));
      },
      (reason: unknown) => settle(classifyTransportFailure(reason, timeout)),
    );
  };
  attempt(1, start);
}
