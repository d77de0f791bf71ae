/**
 * What a health log line holds once scrubbed (src/health-log.ts): every text but the
 * fixed-vocabulary fields and hashes goes through redact(), keys stay in schema order.
 */
import '../support/fake-sandbox';
import { LogContext, resultLine, scrubbedLine } from '../../../src/health-log';

describe('health log lines as written', () => {
  const ctx: LogContext = {
    level: 'standard', verbose: false, tag: 'Tag "A"\n', traceId: 'trace\u0000', ga4Event: 'purchase', tiktokEvent: 'Purchase',
    eventId: 'jane@example.com-order', pixelCode: 'CPIXEL1', secrets: { token: 'secret-token', values: ['Jane@Example.com'] },
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

  const clean: LogContext = { ...ctx, tag: 'TikTok Events API', traceId: null, eventId: 'order-1' };
  const success = (context: LogContext, warningMessage: string) => resultLine(context, {
    outcome: 'success', errorKind: null, skipReason: null, errorMessage: null,
    last: { success: true, errorKind: null, httpStatus: 200, tiktokCode: 0, tiktokMessage: 'OK', tiktokRequestId: 'req-1', errorMessage: null, retryable: false, body: null },
    attempts: 1, latencyMs: 5, testEvent: false, eventSource: 'web', userData: { email: true },
    warnings: [{ code: 'value_missing', field: 'properties.value', message: warningMessage }],
  }, 1764070000000);

  it('writes a line that holds no needle as it is (one look at all its texts), and still finds one hidden in a warning', () => {
    const line = success(clean, 'Purchase has no value');
    expect(scrubbedLine(clean, line)).toBe(line);
    const leaky = scrubbedLine(clean, success(clean, 'value of SECRET-token'));
    expect((leaky.warnings as { message: string }[])[0].message).toBe('value of [REDACTED]');
    expect(leaky.tiktok_message).toBe('OK');
  });

  it('scrubs text by text when a needle shows only across two texts joined, and changes nothing', () => {
    // tiktok_message "OK" and tiktok_request_id "req-1" are joined by a line break for the look.
    const context: LogContext = { ...clean, secrets: { token: '', values: ['ok\nreq'] } };
    const line = success(context, 'Purchase has no value');
    const out = scrubbedLine(context, line);
    expect(out).not.toBe(line);
    expect(JSON.stringify(out)).toBe(JSON.stringify(line));
  });
});
