/**
 * The built template, fired through the shim for each GA4 event type: the exact request body
 * TikTok receives (key order included), the endpoint and the headers.
 */
import { TikTokStub } from './support/tiktok-stub';
import { fireTag, PIXEL, TOKEN } from './support/run-tag';
import { tiktokRuleViolations } from './support/tiktok-rules';

const SHA_TEST_EMAIL = '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b';
const SHA_PHONE_US = '8a59780bb8cd2ba022bfa5ba2ea3b6e07af17a7d8b30c1f9b3390e36f69019e4';
const SHA_USER_42 = '6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997';
const EVENT_TIME = 1764070000;

const common = {
  page_location: 'https://shop.example/product/runner?utm_source=tiktok',
  page_referrer: 'https://www.tiktok.com/',
  ip_override: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (iPhone)',
  language: 'en-us',
  client_id: '123.456',
  user_id: 'USER-42',
  user_data: { email_address: 'Test@Example.com', phone_number: '+1 555 123 4567' },
};
const user = {
  email: SHA_TEST_EMAIL, phone: SHA_PHONE_US, external_id: SHA_USER_42, ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone)', locale: 'en-US',
};
const page = { url: 'https://shop.example/product/runner?utm_source=tiktok', referrer: 'https://www.tiktok.com/' };

const runner = { item_id: 'SKU-1', item_name: 'Runner', item_category: 'Shoes', item_brand: 'Acme', price: 64.95, quantity: 2 };
const socks = { item_id: 77, item_name: 'Socks', price: '5', quantity: 1 };
const runnerContent = { content_id: 'SKU-1', content_name: 'Runner', content_category: 'Shoes', brand: 'Acme', price: 64.95, quantity: 2 };
const socksContent = { content_id: '77', content_name: 'Socks', price: 5, quantity: 1 };

function body(event: string, eventId: string | undefined, properties: Record<string, unknown> | undefined): string {
  const data: Record<string, unknown> = { event, event_time: EVENT_TIME };
  if (eventId !== undefined) data.event_id = eventId;
  data.user = user;
  data.page = page;
  if (properties !== undefined) data.properties = properties;
  return JSON.stringify({ event_source: 'web', event_source_id: PIXEL, data: [data] });
}

const cases: [string, Record<string, unknown>, string][] = [
  ['page_view', { event_id: 'pv-1' }, body('Pageview', 'pv-1', undefined)],
  ['view_item', { items: [runner], value: 64.95, currency: 'EUR' },
    body('ViewContent', undefined, { contents: [runnerContent], content_type: 'product', currency: 'EUR', value: 64.95 })],
  ['view_item_list', { items: [runner, socks], item_list_name: 'Shoes' },
    body('ViewContent', undefined, { contents: [runnerContent, socksContent], content_type: 'product' })],
  ['search', { search_term: 'trail shoes' }, body('Search', undefined, { query: 'trail shoes' })],
  ['add_to_wishlist', { items: [runner], value: '64.95', currency: 'eur' },
    body('AddToWishlist', undefined, { contents: [runnerContent], content_type: 'product', currency: 'EUR', value: 64.95 })],
  ['add_to_cart', { items: [socks], value: 5, currency: 'USD', event_id: 'atc-9' },
    body('AddToCart', 'atc-9', { contents: [socksContent], content_type: 'product', currency: 'USD', value: 5 })],
  ['begin_checkout', { items: [runner, socks], value: 134.9, currency: 'USD', coupon: 'SPRING' },
    body('InitiateCheckout', undefined, { contents: [runnerContent, socksContent], content_type: 'product', currency: 'USD', value: 134.9 })],
  ['add_payment_info', { items: [runner], value: 129.9, currency: 'USD', payment_type: 'Credit Card' },
    body('AddPaymentInfo', undefined, { contents: [runnerContent], content_type: 'product', currency: 'USD', value: 129.9 })],
  ['add_shipping_info', { items: [runner], value: 129.9, currency: 'USD', shipping_tier: 'Ground' },
    body('AddShippingInfo', undefined, { contents: [runnerContent], content_type: 'product', currency: 'USD', value: 129.9 })],
  ['purchase', { transaction_id: 'T-1001', items: [runner, socks], value: 134.9, currency: 'usd', tax: 10, shipping: 5 },
    body('Purchase', 'T-1001', { contents: [runnerContent, socksContent], content_type: 'product', currency: 'USD', value: 134.9, order_id: 'T-1001' })],
  ['sign_up', { method: 'Google' }, body('CompleteRegistration', undefined, undefined)],
  ['generate_lead', { value: 50, currency: 'GBP', event_id: 'lead-3' }, body('Lead', 'lead-3', { currency: 'GBP', value: 50 })],
  ['contact', {}, body('Contact', undefined, undefined)],
  ['subscribe', { value: 9.99, currency: 'USD' }, body('Subscribe', undefined, { currency: 'USD', value: 9.99 })],
  ['file_download', { file_name: 'catalog.pdf' }, body('Download', undefined, undefined)],
  ['newsletter_opt_in', {}, body('newsletter_opt_in', undefined, undefined)],
];

describe('GA4 events through the built template', () => {
  const stub = new TikTokStub();
  let origin = '';
  beforeAll(async () => { origin = await stub.start(); });
  afterAll(() => stub.stop());

  it.each(cases)('%s', async (eventName, params, expectedBody) => {
    stub.answer();
    const run = await fireTag(origin, {}, { event_name: eventName, ...common, ...params });
    expect(run.record.status).toBe('success');
    expect(stub.received).toHaveLength(1);
    expect(stub.received[0].body).toBe(expectedBody);
    expect(tiktokRuleViolations(stub.received[0].body)).toEqual([]);
  });

  it('POSTs JSON to the v1.3 track endpoint with the Access-Token header', async () => {
    stub.answer();
    const run = await fireTag(origin, {}, { event_name: 'purchase', ...common });
    expect(run.record.outgoingRequests.map((r) => [r.method, r.url])).toEqual([
      ['POST', 'https://business-api.tiktok.com/open_api/v1.3/event/track/'],
    ]);
    expect(stub.received[0].path).toBe('/open_api/v1.3/event/track/');
    expect(stub.received[0].headers['access-token']).toBe(TOKEN);
    expect(stub.received[0].headers['content-type']).toBe('application/json');
  });

  it('sends offline events without page, and test_event_code / limited_data_use when set', async () => {
    stub.answer();
    await fireTag(origin, { eventSource: 'offline', testEventCode: 'TEST123', limitedDataUse: true }, {
      event_name: 'purchase', transaction_id: 'CRM-1', value: 20, currency: 'USD', event_time: 1764000000, user_data: { email_address: 'test@example.com' },
    });
    expect(stub.received[0].body).toBe(JSON.stringify({
      event_source: 'offline', event_source_id: PIXEL, test_event_code: 'TEST123',
      data: [{
        event: 'Purchase', event_time: 1764000000, event_id: 'CRM-1', user: { email: SHA_TEST_EMAIL },
        properties: { currency: 'USD', value: 20, order_id: 'CRM-1' }, limited_data_use: true,
      }],
    }));
  });

  it('applies mapping rows, legacy names, and user-data and properties overrides', async () => {
    stub.answer();
    await fireTag(origin, {
      eventNameVersion: 'legacy',
      eventNameOverrides: [{ ga4Event: 'view_cart', tiktokEvent: 'Purchase' }],
      userDataOverrides: [{ name: 'email', value: 'TEST@example.com' }, { name: 'external_id', value: '' }],
      propertyOverrides: [{ name: 'value', value: '99.5' }, { name: 'shop_id', value: 'shop-1' }],
    }, { event_name: 'view_cart', value: 12, currency: 'USD', user_id: 'USER-42' });
    expect(JSON.parse(stub.received[0].body).data[0]).toEqual({
      event: 'CompletePayment', event_time: EVENT_TIME,
      user: { email: SHA_TEST_EMAIL, external_id: SHA_USER_42 },
      properties: { currency: 'USD', value: 99.5, shop_id: 'shop-1' },
    });
  });
});
