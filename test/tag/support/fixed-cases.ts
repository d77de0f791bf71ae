/**
 * Hand-picked events with non-default tag settings, alongside the seeded streams in the
 * byte-for-byte request fixture: every setting that shapes the request body appears at least once.
 */
export interface FixedCase {
  name: string;
  settings: Record<string, unknown>;
  data: Record<string, unknown>;
}

const item = (i: number) => ({ item_id: 'SKU-' + i, item_name: 'Product ' + i, item_category: 'Shoes', item_brand: 'Acme', price: 49.5 + i, quantity: 1 + (i % 3) });

/** The purchase of issue 9: 2 items, email, phone, ip, user agent, page URL. */
export const ISSUE_9_PURCHASE: Record<string, unknown> = {
  event_name: 'purchase',
  transaction_id: 'T-1001',
  value: 101,
  currency: 'GBP',
  items: [item(1), item(2)],
  ip_override: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15',
  page_location: 'https://shop.example/checkout/thanks?ttclid=E.C.P.abc123',
  user_data: { email_address: 'jane.doe@example.com', phone_number: '+44 7911 123456' },
};

const FULL_USER: Record<string, unknown> = {
  user_id: 'USER-42',
  ip_override: '203.0.113.7',
  user_agent: 'Mozilla/5.0 (iPhone)',
  language: 'en_gb',
  page_location: 'https://shop.example/product/runner?utm_source=tiktok',
  page_referrer: 'https://www.tiktok.com/',
  user_data: {
    email_address: ['Jane@Example.com', 'jane@example.com', 'work@example.org'],
    phone_number: '07911 123456',
    address: { first_name: 'Jane', last_name: 'Doe', city: 'Saint-Étienne', region: 'Loire', postal_code: '42 000', country: 'FR' },
  },
};

export const FIXED_CASES: FixedCase[] = [
  { name: 'issue 9 purchase', settings: {}, data: ISSUE_9_PURCHASE },
  { name: 'full user, hashed address, UK phone default', settings: { addressHashing: 'hashed', defaultPhoneCountryCode: '+44' }, data: { event_name: 'purchase', ...FULL_USER, value: '12.50', currency: 'eur', items: [item(1)] } },
  { name: 'full user, clear address', settings: { defaultPhoneCountryCode: '44' }, data: { event_name: 'add_to_cart', ...FULL_USER, items: [item(3)] } },
  { name: 'product_group, limited data use, test code', settings: { contentType: 'product_group', limitedDataUse: true, testEventCode: 'TEST42' }, data: { event_name: 'view_item', ...FULL_USER, items: [item(4), item(5)] } },
  { name: 'fixed standard event, legacy names', settings: { eventNameMode: 'standard', standardEventName: 'Purchase', eventNameVersion: 'legacy' }, data: { event_name: 'whatever', ...FULL_USER } },
  { name: 'fixed custom event', settings: { eventNameMode: 'custom', customEventName: 'Qualified Lead' }, data: { event_name: 'x', user_id: 'U-1' } },
  { name: 'event name override row', settings: { eventNameOverrides: [{ ga4Event: 'view_cart', tiktokEvent: 'ViewContent' }] }, data: { event_name: 'view_cart', ...FULL_USER } },
  {
    name: 'user data and property override rows',
    settings: {
      userDataOverrides: [{ name: 'email', value: 'Override@Example.com' }, { name: 'external_id', value: 'CRM-9' }, { name: 'ttclid', value: 'E.C.P.override' }],
      propertyOverrides: [{ name: 'value', value: '99.5' }, { name: 'currency', value: 'usd' }, { name: 'shop_id', value: 'S-1' }, { name: 'custom_flag', value: 'yes' }],
    },
    data: { event_name: 'purchase', ...FULL_USER, value: 10, currency: 'GBP', items: [item(6)] },
  },
  { name: 'cookies off', settings: { cookiesEnabled: false }, data: { event_name: 'page_view', ...FULL_USER, page_location: 'https://shop.example/?ttclid=E.C.P.cookieoff' } },
  { name: 'cookie domain', settings: { cookieDomain: 'shop.example' }, data: { event_name: 'page_view', page_location: 'https://shop.example/?ttclid=E.C.P.dom', ttp: '01HTTP' } },
  { name: 'app source (today: web shape without page)', settings: { eventSource: 'app' }, data: { event_name: 'purchase', ...FULL_USER, value: 3, currency: 'USD' } },
  { name: 'offline source', settings: { eventSource: 'offline' }, data: { event_name: 'purchase', ...FULL_USER, transaction_id: 'POS-1', value: 30, currency: 'USD' } },
  { name: 'crm source', settings: { eventSource: 'crm', eventNameMode: 'custom', customEventName: 'Converted' }, data: { event_name: 'crm_stage', user_data: { email_address: 'lead@example.com' } } },
  { name: 'search with query', settings: {}, data: { event_name: 'search', search_term: 'running shoes', page_location: 'https://shop.example/search?q=running+shoes' } },
  { name: 'event time in micros, event id', settings: {}, data: { event_name: 'sign_up', event_id: 'evt-1', 'x-ga-mp2-timestamp_micros': 1764060000123456, user_id: 42 } },
];
