/**
 * The JSON text the tag writes itself (src/json-text.ts) must be byte for byte JSON.stringify's:
 * TikTok receives it and log readers parse it. Differential: the same value through both.
 */
import '../support/fake-sandbox';
import { lineJson, LogContext, resultLine } from '../../../src/health-log';
import { jsonOf } from '../../../src/json-text';
import { compact } from '../../../src/properties';
import { bodyJson, buildRequestBody } from '../../../src/request';

/** Texts JSON.stringify escapes, or nearly does. */
const HOSTILE = [
  '', 'plain', 'quote " inside', 'back\\slash', 'tab\there', 'line\nbreak', 'cr\r', '\u0000nul', '\u001f unit sep', '\u007f del',
  'emoji 😀 pair', 'lone \ud800 high', 'lone \udfff low', 'reversed \udc00\ud800', 'ends high \ud83d', '\u2028 line sep \u2029',
  'ünïcödé', '</script>', '{"json":"inside"}',
];
const NUMBERS = [0, -0, 1.5, -12, 1e21, 1e-7, 123456789012345680000, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity];

describe('JSON text written in the sandbox', () => {
  it.each(HOSTILE)('writes the text %j as JSON.stringify does', (value) => {
    expect(jsonOf(value, undefined)).toBe(JSON.stringify(value));
  });

  it.each(NUMBERS)('writes the number %p as JSON.stringify does', (value) => {
    expect(jsonOf(value, undefined)).toBe(JSON.stringify(value));
  });

  it('writes nested values as JSON.stringify does: key order, integer-like keys first, undefined and functions left out of records, null in lists', () => {
    const value = {
      b: 1, a: [1, 'x', null, undefined, () => 1, { z: true, y: false }], 10: 'ten', 2: 'two', 'k"ey\n': HOSTILE, skip: undefined, fn: () => 2,
      nested: { deeper: { list: [[], {}, [NaN, -0]] } },
    };
    expect(jsonOf(value, undefined)).toBe(JSON.stringify(value));
  });

  it('writes request bodies as JSON.stringify does, whatever the texts, lists and override shapes in them', () => {
    const override = compact({ nested: { list: [1, 'two', { three: HOSTILE[3] }], empty: '', n: '12' }, text: HOSTILE[11] }, 0);
    const body = buildRequestBody({ eventSource: 'web', pixelCode: 'CPIXEL1', testEventCode: 'TEST"1' }, {
      eventName: 'Custom "quoted"\tevent',
      eventTime: 1764070000,
      eventId: HOSTILE[10],
      user: { email: ['a'.repeat(64), 'b'.repeat(64)], ip: '203.0.113.7', user_agent: HOSTILE.join('|') },
      page: { url: 'https://shop.example/?q=%22x%22&u=\u00fc', referrer: HOSTILE[5] },
      properties: {
        contents: [{ content_id: HOSTILE[2], price: 1.5, quantity: 2 }, { content_name: HOSTILE[12], price: NaN }],
        content_type: 'product', value: 149.5, currency: 'EUR', query: HOSTILE[6], custom: override, n: -0, 'row "named"\n\u2028': HOSTILE[7],
      },
      limitedDataUse: true,
      app: { app_id: 'com.x', app_name: HOSTILE[9] },
      ad: { callback: HOSTILE[4], is_retargeting: false, attributed: true },
      lead: { lead_id: 'L-1' },
    });
    expect(bodyJson(body, undefined)).toBe(JSON.stringify(body));
  });

  it('leaves out a "__proto__" key of an override value instead of swapping the copy\'s prototype', () => {
    const value = JSON.parse('{"__proto__": {"leak": 1}, "kept": "yes"}');
    const copied = compact(value, 0) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(jsonOf(copied, undefined)).toBe('{"kept":"yes"}');
  });
});

describe('health log lines written in the sandbox', () => {
  const ctx: LogContext = {
    level: 'standard', verbose: false, tag: 'Tag "A"\n', traceId: 'trace\u0000', ga4Event: 'purchase', tiktokEvent: 'Purchase',
    eventId: 'jane@example.com-order', pixelCode: 'CPIXEL1', secrets: ['jane@example.com', 'secret-token'],
  };

  it('scrubs every text but the fixed-vocabulary fields and hashes, escapes as JSON.stringify does, and keeps the schema order', () => {
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
    expect(lineJson(ctx, line)).toBe(JSON.stringify(expected));
  });
});
