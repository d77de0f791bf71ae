/**
 * Event enhancement (issue 11 item 7) through the built template: off by default, consent-gated,
 * only hashes stored, later events lacking identifiers get them from the cookie.
 */
import { createHash } from 'crypto';
import { fireTag } from './support/run-tag';
import { TikTokStub } from './support/tiktok-stub';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const EMAIL = sha('jane@example.com');
const PHONE = sha('+447911123456');
const GRANTED = { 'x-ga-gcs': 'G111' };
const COOKIE = '_tt_enhanced';

describe('event enhancement (built template)', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  async function send(settings: Record<string, unknown>, eventData: Record<string, unknown>, cookie?: string) {
    stub.answer();
    const run = await fireTag(origin, { cookiesEnabled: false, ...settings }, eventData, cookie === undefined ? {} : { request: { headers: { cookie } } });
    return { run, sent: stub.received.map((r) => JSON.parse(r.body)), cookies: run.record.cookiesSet };
  }
  const identified = { event_name: 'sign_up', user_data: { email_address: 'Jane@Example.com', phone_number: '+44 7911 123456' }, ...GRANTED };

  it('is off by default: no cookie read or written', async () => {
    const first = await send({}, identified);
    expect(first.cookies).toEqual([]);
    const later = await send({}, { event_name: 'page_view', ...GRANTED }, `${COOKIE}=v1~e.${EMAIL}`);
    expect(later.sent[0].data[0].user).toBeUndefined();
  });

  it('stores only the hashes an identified event sent, in an HttpOnly Secure cookie for 30 days', async () => {
    const { cookies } = await send({ enhancement: true, cookieDomain: 'shop.example' }, identified);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: COOKIE, value: `v1~e.${EMAIL}~p.${PHONE}` });
    expect(cookies[0].options).toMatchObject({ domain: 'shop.example', path: '/', 'max-age': 2592000, secure: true, httpOnly: true });
    expect(cookies[0].value).not.toMatch(/jane|7911/i);
  });

  it('adds stored hashes to a later event that lacks them, without rewriting the cookie', async () => {
    const { sent, cookies, run } = await send({ enhancement: true }, { event_name: 'page_view', user_id: 'U-1', ...GRANTED }, `${COOKIE}=v1~e.${EMAIL}~p.${PHONE}`);
    expect(sent[0].data[0].user).toEqual({ email: EMAIL, phone: PHONE, external_id: sha('u-1') });
    // The event brought external_id itself: the cookie is refreshed with it.
    expect(cookies.map((c) => c.value)).toEqual([`v1~e.${EMAIL}~p.${PHONE}~x.${sha('u-1')}`]);
    expect(run.result!.user_data).toMatchObject({ email: true, phone: true, external_id: true });
    const onlyStored = await send({ enhancement: true }, { event_name: 'page_view', ...GRANTED }, `${COOKIE}=v1~e.${EMAIL}`);
    expect(onlyStored.sent[0].data[0].user).toEqual({ email: EMAIL });
    expect(onlyStored.cookies).toEqual([]);
  });

  it('an event\'s own identifiers win over the stored ones', async () => {
    const { sent } = await send({ enhancement: true }, { event_name: 'purchase', user_data: { email_address: 'other@example.com' }, ...GRANTED }, `${COOKIE}=v1~e.${EMAIL}`);
    expect(sent[0].data[0].user.email).toBe(sha('other@example.com'));
  });

  it('needs ad_storage granted: no signal does nothing, a denial deletes the cookie', async () => {
    const unknown = await send({ enhancement: true }, { event_name: 'page_view' }, `${COOKIE}=v1~e.${EMAIL}`);
    expect(unknown.sent[0].data[0].user).toBeUndefined();
    expect(unknown.cookies).toEqual([]);
    const denied = await send({ enhancement: true }, { event_name: 'page_view', 'x-ga-gcs': 'G101' }, `${COOKIE}=v1~e.${EMAIL}`);
    expect(denied.sent[0].data[0].user).toBeUndefined();
    expect(denied.cookies).toHaveLength(1);
    expect(denied.cookies[0]).toMatchObject({ name: COOKIE, value: 'deleted' });
    expect(denied.cookies[0].options).toMatchObject({ 'max-age': 0 });
  });

  it('ignores a tampered cookie: only 64-hex lower-case hashes are used', async () => {
    const { sent } = await send({ enhancement: true }, { event_name: 'page_view', ...GRANTED }, `${COOKIE}=v1~e.jane@example.com.${'A'.repeat(64)}~p.`);
    expect(sent[0].data[0].user).toBeUndefined();
  });
});
