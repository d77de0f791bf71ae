import '../support/fake-sandbox';
import { classifyResponse, classifyTransportFailure } from '../../../src/classify';
import { readConfig } from '../../../src/config';
import { adStorageConsent, consentAllowsSending } from '../../../src/consent';
import { attemptTimeout } from '../../../src/send';

describe('classifying TikTok answers', () => {
  it('succeeds only on 2xx with code 0', () => {
    const ok = classifyResponse(200, '{"code":0,"message":"OK","request_id":"r1","data":{}}');
    expect(ok).toMatchObject({ success: true, errorKind: null, httpStatus: 200, tiktokCode: 0, tiktokMessage: 'OK', tiktokRequestId: 'r1' });
  });
  it.each([
    [200, '{"code":40002,"message":"Invalid parameter"}', 'tiktok_error', false, 40002],
    [200, '{"code":40100,"message":"Too many requests"}', 'tiktok_error', true, 40100],
    [200, '{"code":50002,"message":"Internal"}', 'tiktok_error', true, 50002],
    [200, '<html>oops</html>', 'invalid_response', false, null],
    [200, '{"message":"no code"}', 'invalid_response', false, null],
    [200, undefined, 'invalid_response', false, null],
    [401, '{"code":40105,"message":"Access token invalid"}', 'http_4xx', false, 40105],
    [429, '', 'http_4xx', true, null],
    [503, 'Service Unavailable', 'http_5xx', true, null],
    [302, '', 'invalid_response', false, null],
  ])('HTTP %p %p → %s (retry %p)', (status, body, kind, retryable, code) => {
    const outcome = classifyResponse(status, body);
    expect(outcome.success).toBe(false);
    expect(outcome.errorKind).toBe(kind);
    expect(outcome.retryable).toBe(retryable);
    expect(outcome.tiktokCode).toBe(code);
    expect(outcome.httpStatus).toBe(status);
  });
  it('reads transport failures', () => {
    expect(classifyTransportFailure({ reason: 'timed_out' }, 2500)).toMatchObject({ errorKind: 'timeout', httpStatus: null, retryable: true, errorMessage: 'no answer from TikTok within 2500 ms' });
    expect(classifyTransportFailure({ reason: 'failed' }, 2500)).toMatchObject({ errorKind: 'network', retryable: true });
    expect(classifyTransportFailure('weird', 2500)).toMatchObject({ errorKind: 'network' });
  });
  it('shares the remaining budget between the attempts left', () => {
    expect(attemptTimeout(5000, 2)).toBe(2500);
    expect(attemptTimeout(4800, 1)).toBe(4800);
    expect(attemptTimeout(300, 2)).toBe(300);
  });
});

describe('consent', () => {
  it.each([
    [{ consent_state: { ad_storage: false } }, 'denied'],
    [{ consent_state: { ad_storage: 'granted' } }, 'granted'],
    [{ 'x-ga-gcs': 'G100' }, 'denied'],
    [{ 'x-ga-gcs': 'G110' }, 'granted'],
    [{ 'x-ga-gcs': 'G1--' }, 'unknown'],
    [{ consent_state: { ad_storage: true }, 'x-ga-gcs': 'G100' }, 'granted'],
    [{}, 'unknown'],
    ['not an object', 'unknown'],
  ])('%p → %s', (event, expected) => {
    expect(adStorageConsent(event)).toBe(expected);
  });
  it('sends without a signal and always in "always" mode', () => {
    expect(consentAllowsSending('ad_storage', adStorageConsent({}))).toBe(true);
    expect(consentAllowsSending('ad_storage', adStorageConsent({ 'x-ga-gcs': 'G100' }))).toBe(false);
    expect(consentAllowsSending('always', adStorageConsent({ 'x-ga-gcs': 'G100' }))).toBe(true);
  });
});

describe('configuration', () => {
  it('applies defaults for a minimal tag', () => {
    const { config, error } = readConfig({ accessToken: 'tok123456', pixelCode: 'CPIXEL1' });
    expect(error).toBeUndefined();
    expect(config).toMatchObject({
      eventSource: 'web', eventNameMode: 'inherit', legacyNames: false, pageViewEvent: 'Pageview', unmappedEvents: 'custom',
      consentMode: 'always', cookiesEnabled: true, cookieDomain: 'auto', timeoutMs: 5000, maxRetries: 1, optimistic: false,
      logging: 'standard', tagName: 'TikTok Events API', limitedDataUse: false, testEventCode: undefined,
    });
  });
  it.each([
    [{ pixelCode: 'CPIXEL1' }, 'Access Token is empty; paste the token from TikTok Events Manager into the tag'],
    [{ accessToken: 'tok en', pixelCode: 'CPIXEL1' }, 'Access Token contains spaces or control characters; paste it again without them'],
    [{ accessToken: 'tok123456', pixelCode: ['CPIXEL1'] }, 'Pixel Code is empty; set the pixel code (or event set ID) from TikTok Events Manager'],
    [{ accessToken: 'tok123456', pixelCode: 'C PIXEL' }, 'Pixel Code may only contain letters, digits, "_" and "-"; check the value from Events Manager'],
    [{ accessToken: 'tok123456', pixelCode: 'CPIXEL1', eventNameMode: 'custom' }, 'Event Name is set to custom but no event name is given; pick or type one'],
    [undefined, 'the tag received no field values; check the tag configuration'],
  ])('rejects %p', (data, message) => {
    expect(readConfig(data).error).toBe(message);
  });
  it('clamps timeout and retries and reads tables defensively', () => {
    const { config } = readConfig({
      accessToken: 'tok123456', pixelCode: 'CPIXEL1', timeoutMs: '99', maxRetries: '9',
      eventNameOverrides: [{ ga4Event: 'view_cart', tiktokEvent: 'ViewContent' }, 'junk', { ga4Event: '__proto__', tiktokEvent: 'X' }],
      userDataOverrides: { not: 'a table' },
    });
    expect(config.timeoutMs).toBe(250);
    expect(config.maxRetries).toBe(3);
    expect(config.eventNameOverrides).toEqual({ view_cart: 'ViewContent' });
    expect(config.userDataOverrides).toEqual({});
  });
});
