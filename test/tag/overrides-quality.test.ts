/**
 * Issue 11 items 3–6 and 8 through the built template: override fields, test_event_code from
 * event data, value from items, GTM monitoring pings, personal data in URLs, and the data
 * quality warnings of the result line, each with the exact body or line.
 */
import { fireTag, NOW_MS, PIXEL } from './support/run-tag';
import { TikTokStub } from './support/tiktok-stub';

const EVENT_TIME = Math.floor(NOW_MS / 1000);

describe('overrides, value from items, monitoring pings, URLs and warnings (built template)', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  async function send(settings: Record<string, unknown>, eventData: Record<string, unknown>, extra = {}) {
    stub.answer();
    const run = await fireTag(origin, settings, eventData, extra);
    return { run, sent: stub.received.map((r) => JSON.parse(r.body)), result: run.result! };
  }

  describe('override fields (tag field beats event data)', () => {
    const event = {
      event_name: 'sign_up', event_id: 'from-event', event_time: EVENT_TIME - 600, page_location: 'https://shop.example/a?ttclid=E.C.P.event',
      page_referrer: 'https://ref.example/', ip_override: '203.0.113.1', user_agent: 'EventUA/1', test_event_code: 'TEST_FROM_EVENT',
    };
    it('event_id, event_time, page URL (and its ttclid), referrer, IP and user agent', async () => {
      const { sent, result } = await send({
        eventIdOverride: 'tag-id-1', eventTimeOverride: String((EVENT_TIME - 60) * 1000), pageUrlOverride: 'https://tag.example/b?ttclid=E.C.P.tag',
        pageReferrerOverride: 'https://tag-ref.example/', ipOverride: '198.51.100.9', userAgentOverride: 'TagUA/2',
        userDataOverrides: [{ name: 'ip', value: '192.0.2.1' }],
      }, event);
      expect(sent[0]).toEqual({
        event_source: 'web', event_source_id: PIXEL, test_event_code: 'TEST_FROM_EVENT',
        data: [{
          event: 'CompleteRegistration', event_time: EVENT_TIME - 60, event_id: 'tag-id-1',
          user: { ttclid: 'E.C.P.tag', ip: '198.51.100.9', user_agent: 'TagUA/2' },
          page: { url: 'https://tag.example/b?ttclid=E.C.P.tag', referrer: 'https://tag-ref.example/' },
        }],
      });
      expect(result.event_id).toBe('tag-id-1');
      expect(result.test_event).toBe(true);
    });
    it('empty fields keep the event data; the tag\'s test event code beats the event\'s', async () => {
      const { sent } = await send({ eventIdOverride: '', pageUrlOverride: '  ', testEventCode: 'TEST_TAG' }, event);
      expect(sent[0].test_event_code).toBe('TEST_TAG');
      expect(sent[0].data[0]).toEqual({
        event: 'CompleteRegistration', event_time: EVENT_TIME - 600, event_id: 'from-event',
        user: { ttclid: 'E.C.P.event', ip: '203.0.113.1', user_agent: 'EventUA/1' },
        page: { url: 'https://shop.example/a?ttclid=E.C.P.event', referrer: 'https://ref.example/' },
      });
    });
  });

  describe('value from items', () => {
    const items = [{ item_id: 'A', price: 10.1, quantity: 3 }, { item_id: 'B', price: '0.2' }];
    it('a value event without value gets Σ price × quantity, rounded to cents, sent last', async () => {
      const { sent, result } = await send({}, { event_name: 'purchase', currency: 'USD', items });
      expect(JSON.stringify(sent[0].data[0].properties)).toBe(
        '{"contents":[{"content_id":"A","price":10.1,"quantity":3},{"content_id":"B","price":0.2}],"content_type":"product","currency":"USD","value":30.5}',
      );
      expect(result.warnings).toEqual([]);
    });
    it('not for other events, not when an item has no price, not when switched off; value_missing says why', async () => {
      expect((await send({}, { event_name: 'view_item', currency: 'USD', items })).sent[0].data[0].properties.value).toBeUndefined();
      const partial = await send({}, { event_name: 'purchase', currency: 'USD', items: [...items, { item_id: 'C' }] });
      expect(partial.sent[0].data[0].properties.value).toBeUndefined();
      expect(partial.result.warnings).toEqual([{
        code: 'value_missing', field: 'properties.value',
        message: 'Purchase has no value and it could not be computed from the items (each needs a price); TikTok reports no revenue for it',
      }]);
      const off = await send({ valueFromItems: false }, { event_name: 'purchase', currency: 'USD', items });
      expect(off.sent[0].data[0].properties.value).toBeUndefined();
      expect(off.result.warnings.map((w: { message: string }) => w.message)).toEqual(['Purchase has no value and value from items is off; TikTok reports no revenue for it']);
    });
  });

  describe('GTM monitoring pings', () => {
    it('page location on gtm-msr.appspot.com: skipped with monitoring_ping, nothing sent', async () => {
      const { run, sent, result } = await send({}, { event_name: 'page_view', page_location: 'https://gtm-msr.appspot.com/render?id=GTM-XYZ' });
      expect(sent).toHaveLength(0);
      expect(run.record.status).toBe('success');
      expect(result).toMatchObject({ outcome: 'skipped', skip_reason: 'monitoring_ping', message: 'TikTok Pageview: skipped (monitoring_ping)', warnings: [] });
    });
    it('no page location: the Referer header decides', async () => {
      const ping = await send({}, { event_name: 'purchase' }, { request: { headers: { referer: 'https://gtm-msr.appspot.com/' } } });
      expect(ping.result.skip_reason).toBe('monitoring_ping');
      const user = await send({}, { event_name: 'purchase', value: 1, currency: 'USD' }, { request: { headers: { referer: 'https://shop.example/' } } });
      expect(user.result.outcome).toBe('success');
      // A page location wins over the header.
      const page = await send({}, { event_name: 'purchase', page_location: 'https://shop.example/' }, { request: { headers: { referer: 'https://gtm-msr.appspot.com/' } } });
      expect(page.result.outcome).toBe('success');
    });
  });

  describe('emails and phone numbers in URL queries', () => {
    const url = 'https://shop.example/thanks?utm_source=tiktok&email=Jane.Doe%2Brel%40Example.com&tel=0612345678&ph=%2B33%206%2012%2034%2056%2078&order=12345678&ip=203.0.113.7&d=2026-11-25&q=shoes#top';
    const ref = 'https://ref.example/?contact=jane@example.com&mobile=+44 7911 123456';
    it('are removed from page.url and page.referrer by default; other parameters stay byte for byte', async () => {
      const { sent } = await send({}, { event_name: 'page_view', page_location: url, page_referrer: ref });
      expect(sent[0].data[0].page).toEqual({
        url: 'https://shop.example/thanks?utm_source=tiktok&order=12345678&ip=203.0.113.7&d=2026-11-25&q=shoes#top',
        referrer: 'https://ref.example/',
      });
    });
    it('are kept with the switch set to keep', async () => {
      const { sent } = await send({ urlPersonalData: 'keep' }, { event_name: 'page_view', page_location: url, page_referrer: ref });
      expect(sent[0].data[0].page).toEqual({ url, referrer: ref });
    });
  });

  describe('data quality warnings on the result line', () => {
    it('currency_invalid: a bad currency ("EURO") is named, not silently dropped', async () => {
      const { sent, result } = await send({}, { event_name: 'purchase', value: 10, currency: 'EURO', items: [{ item_id: 'A', price: 10 }] });
      expect(sent[0].data[0].properties.currency).toBeUndefined();
      expect(result.warnings).toEqual([{
        code: 'currency_invalid', field: 'properties.currency',
        message: 'currency is not a 3-letter ISO 4217 code (e.g. EUR, USD); the event was sent without currency',
      }]);
    });
    it('event_name_invalid: a custom name over 50 characters is skipped with the reason', async () => {
      const { sent, result } = await send({}, { event_name: 'x'.repeat(60) });
      expect(sent).toHaveLength(0);
      expect(result.skip_reason).toBe('event_not_mapped');
      expect(result.warnings).toEqual([{
        code: 'event_name_invalid', field: 'event',
        message: 'the event name has 60 characters; TikTok takes custom event names of at most 50; map it to a TikTok event with an override row to send it',
      }]);
    });
    it('email_invalid, phone_no_country_code, value_invalid, currency_missing, content_id_missing, event_time_invalid', async () => {
      const { result, sent } = await send({}, {
        event_name: 'add_to_cart', value: '1,234.56', event_time: 'yesterday',
        items: [{ item_name: 'No id', price: 5 }],
        user_data: { email_address: 'jane.doe at example.com', phone_number: '06 12 34 56 78' },
      });
      expect(sent[0].data[0].user).toBeUndefined();
      expect(sent[0].data[0].properties.value).toBe(5);
      expect(result.warnings.map((w: { code: string }) => w.code)).toEqual([
        'email_invalid', 'phone_no_country_code', 'currency_missing', 'value_invalid', 'content_id_missing', 'event_time_invalid',
      ]);
      const byCode = Object.fromEntries(result.warnings.map((w: { code: string; message: string }) => [w.code, w.message]));
      expect(byCode.phone_no_country_code).toBe('phone has no country code ("+" or "00") and the tag has no default phone country code; it could not be sent');
      expect(byCode.value_invalid).toBe('value is not a number (use a dot for decimals and no thousands separator, e.g. 1234.56); the sum of price × quantity of the items was sent instead');
      expect(byCode.content_id_missing).toBe('1 of 1 items has no id; catalog ads match products by content_id (GA4 items[].item_id)');
      // Warnings never quote the event's values.
      expect(JSON.stringify(result.warnings)).not.toMatch(/jane|0612|06 12|1,234/);
    });
    it('a clean purchase has an empty list, and every line has the list', async () => {
      const { result } = await send({ defaultPhoneCountryCode: '33' }, {
        event_name: 'purchase', value: 5, currency: 'EUR', items: [{ item_id: 'A', price: 5 }], user_data: { email_address: 'a@b.co', phone_number: '06 12 34 56 78' },
      });
      expect(result.warnings).toEqual([]);
      const invalid = await send({ accessToken: '' }, { event_name: 'purchase' });
      expect(invalid.result).toMatchObject({ error_kind: 'invalid_config', warnings: [] });
    });
  });
});
