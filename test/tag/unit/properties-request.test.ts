import '../support/fake-sandbox';
import { buildProperties, compact, itemToContent, normalizeCurrency } from '../../../src/properties';
import { buildPage, readPage } from '../../../src/page';
import { buildRequestBody, eventId, eventTimeSeconds } from '../../../src/request';
import { roundHalfUp } from '../../../src/values';

const pageOf = (event: Record<string, unknown>) => buildPage(readPage(event, undefined, undefined), true);

const NOW_MS = 1764070000123;

describe('event_time', () => {
  it.each([
    [1764069000, 1764069000],
    [1764069000999, 1764069000],
    ['1764069000', 1764069000],
    [1764069000123456, 1764069000],
    [1764069000.7, 1764069000],
    [undefined, 1764070000],
    ['soon', 1764070000],
    [-5, 1764070000],
    [12, 1764070000],
    [1864070000, 1764070000],
    // A client clock a few minutes fast: clamped to now, as TikTok rejects future times.
    [1764070300, 1764070000],
    [1764070000999, 1764070000],
  ])('%p → %p', (raw, expected) => {
    expect(eventTimeSeconds(raw, NOW_MS)).toBe(expected);
  });
});

describe('properties', () => {
  it('maps GA4 items, value, currency, search_term and transaction_id with TikTok types', () => {
    const properties = buildProperties({
      value: '129.90', currency: 'eur', transaction_id: 'T-1001', search_term: 'shoes',
      items: [
        { item_id: 12345, item_name: 'Runner', item_category: 'Shoes', item_brand: 'Acme', price: '64.95', quantity: '2' },
        { item_name: 'Gift card' },
        { price: 5 },
        'junk',
      ],
    }, { contentType: 'product', overrides: {}, eventName: 'Purchase', valueFromItems: false });
    expect(properties).toEqual({
      contents: [
        { content_id: '12345', content_name: 'Runner', content_category: 'Shoes', brand: 'Acme', price: 64.95, quantity: 2 },
        { content_name: 'Gift card' },
      ],
      content_type: 'product',
      currency: 'EUR',
      value: 129.9,
      query: 'shoes',
      order_id: 'T-1001',
    });
  });

  it('applies override rows with the right types and ignores empty ones', () => {
    const properties = buildProperties({ value: 10, currency: 'USD' }, {
      contentType: 'product',
      overrides: { value: '42.5', currency: 'gbp', description: 'Spring sale', shop_id: undefined },
      eventName: 'Purchase',
      valueFromItems: true,
    });
    expect(properties).toEqual({ currency: 'GBP', value: 42.5, description: 'Spring sale' });
  });

  it('drops invalid currency and non-numeric value', () => {
    expect(buildProperties({ value: 'free', currency: 'EURO' }, { contentType: 'product', overrides: {}, eventName: 'Purchase', valueFromItems: false })).toEqual({});
    expect(normalizeCurrency('us$')).toBeUndefined();
    expect(itemToContent({ item_id: 'A', quantity: 0 })).toEqual({ content_id: 'A' });
  });

  it('never sends a quantity below 1: fractions under 1 are left out, others truncated', () => {
    expect(itemToContent({ item_id: 'A', quantity: 0.5 })).toEqual({ content_id: 'A' });
    expect(itemToContent({ item_id: 'A', quantity: '0.99' })).toEqual({ content_id: 'A' });
    expect(itemToContent({ item_id: 'A', quantity: '2.7' })).toEqual({ content_id: 'A', quantity: 2 });
    expect(itemToContent({ item_id: 'A', quantity: 1 })).toEqual({ content_id: 'A', quantity: 1 });
  });
});

describe('request body', () => {
  it('puts one event in data with only non-empty parts', () => {
    const body = buildRequestBody(
      { eventSource: 'web', pixelCode: 'CPIXEL', testEventCode: 'TEST123' },
      { eventName: 'Purchase', eventTime: 1764069000, eventId: 'T-1', user: { ip: '1.2.3.4' }, page: {}, properties: {}, limitedDataUse: true, app: {}, ad: {}, lead: {} },
    );
    expect(JSON.stringify(body)).toBe(
      '{"event_source":"web","event_source_id":"CPIXEL","test_event_code":"TEST123","data":[{"event":"Purchase","event_time":1764069000,"event_id":"T-1","user":{"ip":"1.2.3.4"},"limited_data_use":true}]}',
    );
  });

  it('takes event_id, then transaction_id, and page only for web', () => {
    expect(eventId({ event_id: 'E-1', transaction_id: 'T-1' }, undefined)).toBe('E-1');
    expect(eventId({ event_id: '', transaction_id: 98765 }, undefined)).toBe('98765');
    expect(eventId({}, undefined)).toBeUndefined();
    expect(eventId({ event_id: 'E-1' }, 'TAG-1')).toBe('TAG-1');
    const event = { page_location: 'https://shop.example/p?x=1', page_referrer: 'https://www.tiktok.com/' };
    expect(pageOf(event)).toEqual({ url: 'https://shop.example/p?x=1', referrer: 'https://www.tiktok.com/' });
    expect(pageOf({ page_location: 'ht!tp://%%', page_referrer: 'android-app://com.tiktok' })).toEqual({});
    expect(pageOf({ page_location: 'http://shop.example' })).toEqual({ url: 'http://shop.example' });
  });

  it('compacts override objects: no empty strings, nulls or NaN at any depth', () => {
    expect(compact({ a: '', b: { c: null, d: ' x ', e: [NaN, '', 3] }, f: [] }, 0)).toEqual({ b: { d: 'x', e: [3] } });
    expect(compact({ a: '' }, 0)).toBeUndefined();
  });
});

describe('roundHalfUp (Math.round without the Math API, for the value summed from items)', () => {
  it.each([
    [14950, 14950], [0.5, 1], [1.5, 2], [2.5, 3], [-0.5, 0], [-1.5, -1], [-2.5, -2], [1.4999, 1], [-1.5001, -2],
    [0.49999999999999994, 0], [4503599627370495.5, 4503599627370496], [1e300, 1e300], [100.49999999999999, 100],
  ])('%p → %p, as Math.round', (input, expected) => {
    expect(roundHalfUp(input)).toBe(expected);
    expect(roundHalfUp(input) + 0).toBe(Math.round(input) + 0);
  });

  it('leaves NaN and the infinities as Math.round does', () => {
    expect(roundHalfUp(NaN)).toBeNaN();
    expect(roundHalfUp(Infinity)).toBe(Infinity);
    expect(roundHalfUp(-Infinity)).toBe(-Infinity);
  });

  it('agrees with Math.round on cents of 20,000 seeded sums', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20000; i++) {
      const cents = (next() * 1e6 - 1e5) * 100;
      expect(roundHalfUp(cents) + 0).toBe(Math.round(cents) + 0);
    }
  });
});
