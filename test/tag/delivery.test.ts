/**
 * What the tag makes of TikTok's answers: success only on 2xx + code 0, one error kind per
 * failure, bounded retries on transient failures, and the optimistic option.
 */
import { OK_BODY, TikTokStub } from './support/tiktok-stub';
import { fireTag } from './support/run-tag';

const purchase = { event_name: 'purchase', transaction_id: 'T-1', value: 10, currency: 'USD' };

describe('delivery and classification (built template)', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  it('succeeds on HTTP 200 with code 0 and records TikTok\'s answer in the result line', async () => {
    stub.answer({ status: 200, body: OK_BODY });
    const run = await fireTag(origin, {}, purchase);
    expect(run.record.status).toBe('success');
    expect(run.result).toMatchObject({
      outcome: 'success', error_kind: null, http_status: 200, tiktok_code: 0, tiktok_message: 'OK',
      tiktok_request_id: '202611251200', attempts: 1, error_message: null, severity: 'INFO',
      message: 'TikTok Purchase: success (HTTP 200, code 0)',
    });
  });

  it.each([
    ['HTTP 200 with a non-zero code', { status: 200, body: '{"code":40002,"message":"Invalid parameter: event_time","request_id":"r9"}' },
      { error_kind: 'tiktok_error', http_status: 200, tiktok_code: 40002, tiktok_message: 'Invalid parameter: event_time', tiktok_request_id: 'r9', attempts: 1,
        error_message: 'TikTok rejected the event: code 40002 (Invalid parameter: event_time)', message: 'TikTok Purchase: failure (tiktok_error, HTTP 200, code 40002)' }],
    ['HTTP 401', { status: 401, body: '{"code":40105,"message":"Access token invalid"}' },
      { error_kind: 'http_4xx', http_status: 401, tiktok_code: 40105, attempts: 1,
        error_message: 'TikTok answered HTTP 401 (check the Access Token and that it belongs to this pixel)' }],
    ['a body that is not JSON', { status: 200, body: '<html>gateway</html>' },
      { error_kind: 'invalid_response', http_status: 200, tiktok_code: null, attempts: 1,
        error_message: 'TikTok answered HTTP 200 with a body that is not JSON' }],
  ])('fails on %s without retrying', async (_label, answer, expected) => {
    stub.answer(answer, { status: 200, body: OK_BODY });
    const run = await fireTag(origin, { maxRetries: '2' }, purchase);
    expect(run.record.status).toBe('failure');
    expect(stub.received).toHaveLength(1);
    expect(run.result).toMatchObject({ outcome: 'failure', severity: 'ERROR', ...expected });
  });

  it('retries HTTP 5xx and gives up after the configured retries as http_5xx', async () => {
    stub.answer({ status: 503, body: 'busy' }, { status: 502, body: 'bad gateway' }, { status: 500, body: '' });
    const run = await fireTag(origin, { maxRetries: '2' }, purchase);
    expect(run.record.status).toBe('failure');
    expect(stub.received).toHaveLength(3);
    expect(run.result).toMatchObject({ error_kind: 'http_5xx', http_status: 500, attempts: 3, message: 'TikTok Purchase: failure (http_5xx, HTTP 500, 3 attempts)' });
  });

  it('retries a 5xx and TikTok\'s rate-limit code, then succeeds with the same body', async () => {
    stub.answer({ status: 500, body: 'oops' }, { status: 200, body: '{"code":40100,"message":"Too many requests"}' }, { status: 200, body: OK_BODY });
    const run = await fireTag(origin, { maxRetries: '3' }, purchase);
    expect(run.record.status).toBe('success');
    expect(stub.received).toHaveLength(3);
    expect(new Set(stub.received.map((r) => r.body)).size).toBe(1);
    expect(run.result).toMatchObject({ outcome: 'success', attempts: 3 });
  });

  it('makes one attempt when retries are off', async () => {
    stub.answer({ status: 503, body: 'busy' });
    const run = await fireTag(origin, { maxRetries: '0' }, purchase);
    expect(stub.received).toHaveLength(1);
    expect(run.result).toMatchObject({ error_kind: 'http_5xx', attempts: 1 });
  });

  it('reports a dropped connection as network after retrying it', async () => {
    stub.answer({ drop: true }, { drop: true });
    const run = await fireTag(origin, { maxRetries: '1' }, purchase);
    expect(run.record.status).toBe('failure');
    expect(stub.received).toHaveLength(2);
    expect(run.result).toMatchObject({ error_kind: 'network', http_status: null, attempts: 2 });
  });

  it('times out within the request timeout, retrying inside the same budget', async () => {
    stub.answer({ delayMs: 2000, body: OK_BODY }, { delayMs: 2000, body: OK_BODY });
    const run = await fireTag(origin, { timeoutMs: '600', maxRetries: '1' }, purchase);
    expect(run.record.status).toBe('failure');
    expect(run.result).toMatchObject({ error_kind: 'timeout', http_status: null, attempts: 2, error_message: 'no answer from TikTok within 600 ms' });
  });

  it('optimistic: succeeds before the answer, and still logs the failure', async () => {
    stub.answer({ status: 200, body: '{"code":40001,"message":"No permission"}' });
    const run = await fireTag(origin, { optimistic: true }, purchase);
    expect(run.record.status).toBe('success');
    expect(run.result).toMatchObject({ outcome: 'failure', error_kind: 'tiktok_error', tiktok_code: 40001 });
  });

  it('fails with invalid_config, sending nothing, when the pixel code is missing', async () => {
    stub.answer();
    const run = await fireTag(origin, { pixelCode: '' }, purchase);
    expect(run.record.status).toBe('failure');
    expect(stub.received).toHaveLength(0);
    expect(run.result).toMatchObject({
      outcome: 'failure', error_kind: 'invalid_config', attempts: 0, pixel_code: null,
      error_message: 'Pixel Code is empty; set the pixel code (or event set ID) from TikTok Events Manager',
    });
  });
});
