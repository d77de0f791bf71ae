/**
 * Sandbox API calls per event (issue 9): each call crosses the sandbox boundary in GTM too, so
 * the tag calls an API only when it needs the answer. Counted by wrapping every require() of the
 * built template (support/count-api-calls.ts).
 */
import { countApiCalls } from './support/count-api-calls';
import { ISSUE_9_PURCHASE } from './support/fixed-cases';
import { BASE_DATA, builtTemplate, NOW_MS } from './support/run-tag';
import { TikTokStub } from './support/tiktok-stub';

describe('sandbox API calls per event', () => {
  let stub: TikTokStub;
  let origin: string;
  beforeAll(async () => {
    stub = new TikTokStub();
    origin = await stub.start();
  });
  afterAll(() => stub.stop());

  const run = (eventData: Record<string, unknown>, data: Record<string, unknown> = {}) => countApiCalls(builtTemplate(), {
    data: { ...BASE_DATA, ...data },
    eventData,
    routes: { 'business-api.tiktok.com': origin },
    now: () => NOW_MS,
    containerVersion: { previewMode: false, debugMode: false },
    permissions: 'strict',
  });

  it('a GA4 purchase (2 items, email, phone, ip, user agent, page URL) takes at most 60 calls', async () => {
    const count = await run(ISSUE_9_PURCHASE);
    expect(stub.received).toHaveLength(1);
    expect(count.status).toBe('success');
    expect(count.total).toBeLessThanOrEqual(60);
    // The kind of a value is asked of getType only where typeof cannot tell (arrays, null).
    expect(count.byName.getType ?? 0).toBeLessThanOrEqual(20);
    // Event data is read once, in one call.
    expect(count.byName.getAllEventData).toBe(1);
    expect(count.byName.sendHttpRequest).toBe(1);
  });

  it('a skipped event (consent denied) takes at most 20 calls', async () => {
    const count = await run({ ...ISSUE_9_PURCHASE, 'x-ga-gcs': 'G100' }, { consentMode: 'ad_storage' });
    expect(count.byName.sendHttpRequest).toBeUndefined();
    expect(count.total).toBeLessThanOrEqual(20);
  });
});
