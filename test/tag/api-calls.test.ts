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
    // Issue 9's goal is 60; the tag takes 19, and the test holds it there so a regression shows.
    expect(count.total).toBeLessThanOrEqual(19);
    // The kind of a value is asked of getType only where typeof cannot tell (arrays, null), and
    // never of a value whose kind the tag knows (what it built, what an API always answers, what
    // GTM hands in): here user_data, items (a list?) and TikTok's parsed answer (an object?).
    expect(count.byName.getType ?? 0).toBeLessThanOrEqual(3);
    // The clock: event time (also the send's start), the answer (which is also the result line's time).
    expect(count.byName.getTimestampMillis).toBe(2);
    // Arithmetic and callbacks where an API would only cost a crossing.
    expect(count.byName['Promise.create']).toBeUndefined();
    expect(count.byName['Math.floor']).toBeUndefined();
    expect(count.byName['Math.round']).toBeUndefined();
    expect(count.byName.makeString).toBeUndefined();
    // JSON.stringify once for the body, once for the result line (a pure API, which runs inside
    // the realm: the same text written by template code measured slower per event).
    expect(count.byName['JSON.stringify']).toBe(2);
    // Event data is read once, in one call.
    expect(count.byName.getAllEventData).toBe(1);
    expect(count.byName.sendHttpRequest).toBe(1);
  });

  it('the issue-11 features stay within the budget: an app event, a CRM event, enhancement and URL cleaning', async () => {
    const app = await run({ ...ISSUE_9_PURCHASE, platform: 'IOS', advertising_id: '6D92078A-8246-4BA4-AE5B-76104861E7DC', att_status: 3, ad: { ad_id: '1' }, app_id: 'com.x' }, { eventSource: 'app' });
    expect(app.total).toBeLessThanOrEqual(60);
    const crm = await run({ ...ISSUE_9_PURCHASE, lead_id: 'L-1' }, { eventSource: 'crm' });
    expect(crm.total).toBeLessThanOrEqual(60);
    const web = await run({ ...ISSUE_9_PURCHASE, 'x-ga-gcs': 'G111', page_location: 'https://shop.example/?email=jane%40example.com&tel=0612345678' }, { enhancement: true });
    expect(web.total).toBeLessThanOrEqual(60);
    // Percent-encoding the personal values for log scrubbing costs no call for ASCII values.
    expect(web.byName.encodeUriComponent).toBeUndefined();
  });

  it('a skipped event (consent denied) takes at most 20 calls', async () => {
    const count = await run({ ...ISSUE_9_PURCHASE, 'x-ga-gcs': 'G100' }, { consentMode: 'ad_storage' });
    expect(count.byName.sendHttpRequest).toBeUndefined();
    expect(count.total).toBeLessThanOrEqual(20);
  });
});
