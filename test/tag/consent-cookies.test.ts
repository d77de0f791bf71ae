/** Consent, skip requests, unmapped events and the ttclid/_ttp cookies, through the built template. */
import { TikTokStub } from './support/tiktok-stub';
import { fireTag } from './support/run-tag';

describe('consent and skipping (built template)', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  it.each([
    ['consent_state', { consent_state: { ad_storage: 'denied', analytics_storage: 'granted' } }],
    ['x-ga-gcs', { 'x-ga-gcs': 'G101' }],
  ])('skips on denied ad_storage from %s: success, nothing sent, logged as skipped', async (_label, consent) => {
    stub.answer();
    const run = await fireTag(origin, { consentMode: 'ad_storage' }, { event_name: 'purchase', transaction_id: 'T-5', ...consent });
    expect(run.record.status).toBe('success');
    expect(stub.received).toHaveLength(0);
    expect(run.record.cookiesSet).toEqual([]);
    expect(run.result).toMatchObject({
      severity: 'INFO', outcome: 'skipped', skip_reason: 'consent_denied', error_kind: null, attempts: 0, http_status: null,
      tiktok_event: 'Purchase', event_id: 'T-5', message: 'TikTok Purchase: skipped (consent_denied)',
    });
  });

  it('sends when ad_storage is granted, when there is no signal, and in "always" mode', async () => {
    for (const [mode, event] of [
      ['ad_storage', { 'x-ga-gcs': 'G111' }], ['ad_storage', {}], ['always', { 'x-ga-gcs': 'G100' }],
    ] as const) {
      stub.answer();
      const run = await fireTag(origin, { consentMode: mode }, { event_name: 'purchase', ...event });
      expect([mode, run.result!.outcome, stub.received.length]).toEqual([mode, 'success', 1]);
    }
  });

  it('skips on request (skipEvent true) and for events the mapping does not send', async () => {
    stub.answer();
    const skipped = await fireTag(origin, { skipEvent: 'true' }, { event_name: 'purchase' });
    expect(skipped.result).toMatchObject({ outcome: 'skipped', skip_reason: 'skip_requested' });
    const pageView = await fireTag(origin, { pageViewEvent: 'skip' }, { event_name: 'page_view' });
    expect(pageView.result).toMatchObject({ outcome: 'skipped', skip_reason: 'event_not_mapped', tiktok_event: null, message: 'TikTok page_view: skipped (event_not_mapped)' });
    const unmapped = await fireTag(origin, { unmappedEvents: 'skip' }, { event_name: 'scroll' });
    expect(unmapped.result).toMatchObject({ outcome: 'skipped', skip_reason: 'event_not_mapped' });
    expect([skipped.record.status, pageView.record.status, unmapped.record.status]).toEqual(['success', 'success', 'success']);
    expect(stub.received).toHaveLength(0);
  });
});

describe('cookies (built template)', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  const request = { headers: { host: 'shop.example', cookie: '_ttp=ttp-from-cookie; ttclid=old-click' } };

  it('writes ttclid from the URL and refreshes _ttp from the cookie: Secure, SameSite=Lax, documented lifetimes', async () => {
    stub.answer();
    const run = await fireTag(origin, {}, { event_name: 'view_item', page_location: 'https://shop.example/p?ttclid=NEW-CLICK' }, { request });
    const user = JSON.parse(stub.received[0].body).data[0].user;
    expect(user).toEqual({ ttclid: 'NEW-CLICK', ttp: 'ttp-from-cookie' });
    expect(run.record.cookiesSet.map((c) => [c.name, c.value, c.options])).toEqual([
      ['ttclid', 'NEW-CLICK', expect.objectContaining({ path: '/', 'max-age': 2592000, secure: true, sameSite: 'Lax' })],
      ['_ttp', 'ttp-from-cookie', expect.objectContaining({ path: '/', 'max-age': 34128000, secure: true, sameSite: 'Lax' })],
    ]);
    expect(run.record.cookiesSet.every((c) => /; Secure; SameSite=Lax$/.test(c.header) && !/HttpOnly/i.test(c.header))).toBe(true);
  });

  it('uses the ttclid cookie when the URL has none, then the event data', async () => {
    stub.answer();
    await fireTag(origin, {}, { event_name: 'view_item', page_location: 'https://shop.example/p', ttclid: 'event-click' }, { request });
    expect(JSON.parse(stub.received[0].body).data[0].user.ttclid).toBe('old-click');
    stub.answer();
    await fireTag(origin, {}, { event_name: 'view_item', ttclid: 'event-click', ttp: 'event-ttp' });
    expect(JSON.parse(stub.received[0].body).data[0].user).toEqual({ ttclid: 'event-click', ttp: 'event-ttp' });
  });

  it('neither reads nor writes cookies when cookie handling is off', async () => {
    stub.answer();
    const run = await fireTag(origin, { cookiesEnabled: false }, { event_name: 'view_item', page_location: 'https://shop.example/p?ttclid=C1' }, { request });
    expect(JSON.parse(stub.received[0].body).data[0].user).toEqual({ ttclid: 'C1' });
    expect(run.record.cookiesSet).toEqual([]);
  });
});
