/**
 * What a health log line holds once scrubbed (src/health-log.ts): every text but the
 * fixed-vocabulary fields and hashes goes through redact(), keys stay in schema order.
 */
import '../support/fake-sandbox';
import { LogContext, resultLine, scrubbedLine } from '../../../src/health-log';

describe('health log lines as written', () => {
  const ctx: LogContext = {
    level: 'standard', verbose: false, tag: 'Tag "A"\n', traceId: 'trace\u0000', ga4Event: 'purchase', tiktokEvent: 'Purchase',
    eventId: 'jane@example.com-order', pixelCode: 'CPIXEL1', secrets: ['jane@example.com', 'secret-token'],
  };

  it('scrubs every text but the fixed-vocabulary fields and hashes, in warnings too, and keeps the schema order', () => {
    const hash = 'c'.repeat(64);
    const line = resultLine(ctx, {
      outcome: 'failure', errorKind: 'tiktok_error', skipReason: null, errorMessage: 'TikTok said "no" for JANE@example.com\n(secret-token)',
      last: {
        success: false, errorKind: 'tiktok_error', httpStatus: 200, tiktokCode: 40001, tiktokMessage: 'bad email jane@example.com',
        tiktokRequestId: hash, errorMessage: null, retryable: false, body: null,
      },
      attempts: 2, latencyMs: 12.7, testEvent: false, eventSource: 'web',
      userData: { email: true, phone: false },
      warnings: [{ code: 'email_invalid', field: 'user.email', message: 'jane@example.com \u2028 "quoted"' }],
    }, 1764070000123.9);
    const expected = {
      severity: 'ERROR', message: 'TikTok Purchase: failure (tiktok_error, HTTP 200, code 40001, 2 attempts)', schema: 'tiktok-events-api/1',
      type: 'result', tag: 'Tag "A"\n', trace_id: 'trace\u0000', time_ms: 1764070000123, ga4_event: 'purchase', tiktok_event: 'Purchase',
      event_id: '[REDACTED]-order', pixel_code: 'CPIXEL1', outcome: 'failure', error_kind: 'tiktok_error', skip_reason: null, http_status: 200,
      tiktok_code: 40001, tiktok_message: 'bad email [REDACTED]', tiktok_request_id: hash,
      error_message: 'TikTok said "no" for [REDACTED]\n([REDACTED])', attempts: 2, latency_ms: 12, test_event: false, event_source: 'web',
      user_data: { email: true, phone: false },
      warnings: [{ code: 'email_invalid', field: 'user.email', message: '[REDACTED] \u2028 "quoted"' }],
    };
    expect(JSON.stringify(scrubbedLine(ctx, line))).toBe(JSON.stringify(expected));
  });
});
