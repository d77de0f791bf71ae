import { decodeConsent, HitError, parseGa4Collect, parseItem, parseMeasurementProtocol, parseQueryString, parseReadyEvents } from '../../scripts/server/ga4';

const ctx = { remoteAddress: '198.51.100.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0' };
const SHARED = 'v=2&tid=G-TEST123&gtm=45je4bn0v9&_p=1732531200123&gcs=G111&gcd=13r3r3r2r5l1&cid=1234567890.1732531200&ul=de-de&sr=1920x1080&_s=3'
  + '&sid=1732531200&sct=4&seg=1&dl=https%3A%2F%2Fshop.example%2Fcheckout%3Fttclid%3DE.C.P.abc&dr=https%3A%2F%2Fwww.tiktok.com%2F&dt=Checkout%20%E2%80%93%20Shop';

function thrown(fn: () => unknown): HitError {
  try { fn(); } catch (err) { if (err instanceof HitError) return err; throw err; }
  throw new Error('expected a HitError');
}

describe('GA4 web hits (/g/collect)', () => {
  test('one event in the query string becomes common event data', () => {
    const q = `${SHARED}&en=purchase&_et=1520&cu=EUR&ep.transaction_id=T-1001&epn.value=59.9&epn.tax=9.56&ep.coupon=WINTER&up.plan=pro&upn.ltv=300`
      + '&uid=user-42&_uip=203.0.113.50&_ss=1&uamb=0&uap=Linux'
      + '&pr1=idSKU_1~nmStan%20Tee~brGoogle~caApparel~c2Adult~vagreen~pr19.95~qt2~k0color~v0green&pr2=idSKU_2~nmCap~pr20~qt1';
    expect(parseGa4Collect(q, undefined, ctx)).toEqual([{
      event_name: 'purchase',
      'x-ga-protocol_version': '2',
      'x-ga-measurement_id': 'G-TEST123',
      'x-ga-gtm_version': '45je4bn0v9',
      'x-ga-page_id': '1732531200123',
      'x-ga-gcs': 'G111',
      'x-ga-gcd': '13r3r3r2r5l1',
      client_id: '1234567890.1732531200',
      language: 'de-de',
      screen_resolution: '1920x1080',
      'x-ga-request_count': '3',
      ga_session_id: '1732531200',
      ga_session_number: 4,
      'x-ga-mp2-seg': '1',
      page_location: 'https://shop.example/checkout?ttclid=E.C.P.abc',
      page_referrer: 'https://www.tiktok.com/',
      page_title: 'Checkout – Shop',
      page_hostname: 'shop.example',
      page_path: '/checkout',
      engagement_time_msec: 1520,
      currency: 'EUR',
      transaction_id: 'T-1001',
      value: 59.9,
      tax: 9.56,
      coupon: 'WINTER',
      user_id: 'user-42',
      ip_override: '203.0.113.50',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0',
      'x-ga-system_properties': { ss: '1' },
      client_hints: { mobile: '0', platform: 'Linux' },
      'x-ga-mp2-user_properties': { plan: 'pro', ltv: 300 },
      items: [
        { item_id: 'SKU_1', item_name: 'Stan Tee', item_brand: 'Google', item_category: 'Apparel', item_category2: 'Adult', item_variant: 'green', price: 19.95, quantity: 2, color: 'green' },
        { item_id: 'SKU_2', item_name: 'Cap', price: 20, quantity: 1 },
      ],
    }]);
  });

  test('the remote address is the ip_override unless the hit overrides it', () => {
    const [event] = parseGa4Collect('v=2&tid=G-1&en=page_view&cid=1.2', undefined, ctx);
    expect(event.ip_override).toBe('198.51.100.7');
  });

  test('a batched POST: one event per body line, merged over the shared query parameters', () => {
    const body = 'en=view_item&_et=10&pr1=idA~pr5\r\nen=add_to_cart&epn.value=5&cu=USD&pr1=idA~pr5~qt1\n\n';
    const events = parseGa4Collect(SHARED, body, ctx);
    expect(events.map((e) => [e.event_name, e.client_id, e.value, e.currency, e.items])).toEqual([
      ['view_item', '1234567890.1732531200', undefined, undefined, [{ item_id: 'A', price: 5 }]],
      ['add_to_cart', '1234567890.1732531200', 5, 'USD', [{ item_id: 'A', price: 5, quantity: 1 }]],
    ]);
  });

  test('user-provided data (em=tv.1~em.…) becomes user_data', () => {
    const [event] = parseGa4Collect(`v=2&tid=G-1&en=sign_up&em=${encodeURIComponent('tv.1~em.' + 'a'.repeat(64) + '~pn.' + 'b'.repeat(64) + '~fn.' + 'c'.repeat(64) + '~ct.berlin~co.de')}`, undefined, {});
    expect(event.user_data).toEqual({ sha256_email_address: 'a'.repeat(64), sha256_phone_number: 'b'.repeat(64), address: { sha256_first_name: 'c'.repeat(64), city: 'berlin', country: 'de' } });
  });

  test.each([
    ['no v', 'tid=G-1&en=x', 400, 'not a GA4 hit: the "v" parameter is missing (expected v=2)'],
    ['v=1', 'v=1&tid=UA-1&en=x', 400, 'unsupported GA4 protocol version v=1 (expected v=2)'],
    ['no tid', 'v=2&en=x', 400, 'not a GA4 hit: the "tid" parameter (measurement id, G-XXXX) is missing'],
    ['no en', 'v=2&tid=G-1', 400, 'the hit has no event name ("en" parameter)'],
    ['bad percent-encoding', 'v=2&tid=G-1&en=page_view&dl=%E0%A4%A', 400, 'malformed query string: "%E0%A4%A" is not valid percent-encoding'],
  ])('%s → %s', (_name, query, status, message) => {
    const err = thrown(() => parseGa4Collect(query, undefined, ctx));
    expect([err.status, err.message]).toEqual([status, message]);
  });

  test('a body line without en names the line', () => {
    expect(thrown(() => parseGa4Collect('v=2&tid=G-1', 'en=a\nep.x=1', ctx)).message).toBe('body line 2 has no event name ("en" parameter)');
  });

  test('item parameters: numbers are numbers, unknown two-letter keys are ignored', () => {
    expect(parseItem('idX~nmName~prabc~qt3~zzjunk~lp2~k1size~v1XL')).toEqual({ item_id: 'X', item_name: 'Name', quantity: 3, index: 2, size: 'XL' });
  });

  test('query strings: + is a space, the first of repeated keys wins, keys never reach the prototype', () => {
    expect([...parseQueryString('a=x+y&a=2&b&=c')]).toEqual([['a', 'x y'], ['b', '']]);
    const [event] = parseGa4Collect('v=2&tid=G-1&en=x&ep.__proto__=bad', undefined, {});
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  });
});

describe('consent from gcs / gcd', () => {
  test('decodes granted and denied signals', () => {
    expect(decodeConsent('G110', '13p3t3r3q5l1')).toEqual({ ad_storage: true, analytics_storage: false, ad_user_data: true, ad_personalization: false });
    expect(decodeConsent(undefined, '13l3v3m3n5')).toEqual({ analytics_storage: true, ad_user_data: false, ad_personalization: true });
    expect(decodeConsent('junk', 'short')).toEqual({});
  });
  test('consent_state is only added when asked for', () => {
    expect(parseGa4Collect('v=2&tid=G-1&en=x&gcs=G101', undefined, {})[0].consent_state).toBeUndefined();
    expect(parseGa4Collect('v=2&tid=G-1&en=x&gcs=G101', undefined, { consentState: true })[0].consent_state).toEqual({ ad_storage: false, analytics_storage: true });
  });
});

describe('Measurement Protocol (/mp/collect)', () => {
  const hit = {
    client_id: '555.666', user_id: 'u-9', timestamp_micros: 1732531200000000,
    user_properties: { tier: { value: 'gold' } },
    user_data: { sha256_email_address: ['d'.repeat(64), 'e'.repeat(64)], address: [{ city: 'paris', country: 'fr' }] },
    consent: { ad_user_data: 'GRANTED', ad_personalization: 'DENIED' },
    events: [
      { name: 'purchase', params: { transaction_id: 'MP-1', value: 12.5, currency: 'EUR', session_id: 1732531200, page_location: 'https://shop.example/done', items: [{ item_id: 'Z', price: 12.5, quantity: 1 }] } },
      { name: 'generate_lead' },
    ],
  };
  test('events become common event data; the query gives the measurement id', () => {
    const events = parseMeasurementProtocol('measurement_id=G-MP1&api_secret=s3cret', JSON.stringify(hit), ctx);
    expect(events[0]).toEqual({
      event_name: 'purchase', transaction_id: 'MP-1', value: 12.5, currency: 'EUR', ga_session_id: '1732531200',
      page_location: 'https://shop.example/done', page_hostname: 'shop.example', page_path: '/done',
      items: [{ item_id: 'Z', price: 12.5, quantity: 1 }],
      client_id: '555.666', user_id: 'u-9', ip_override: '198.51.100.7', user_agent: ctx.userAgent,
      user_data: { sha256_email_address: 'd'.repeat(64), address: { city: 'paris', country: 'fr' } },
      'x-ga-mp2-user_properties': { tier: 'gold' },
      'x-ga-mp2-timestamp_micros': 1732531200000000,
      'x-ga-mp2-consent': { ad_user_data: 'GRANTED', ad_personalization: 'DENIED' },
      'x-ga-protocol_version': '2',
      'x-ga-measurement_id': 'G-MP1',
    });
    expect(events[1].event_name).toBe('generate_lead');
  });
  test.each([
    ['invalid JSON', '{"client_id":', 'Measurement Protocol: invalid JSON ('],
    ['empty body', '', 'Measurement Protocol: the request body is empty (expected JSON)'],
    ['no client_id', JSON.stringify({ events: [{ name: 'x' }] }), 'Measurement Protocol: "client_id" (web) or "app_instance_id" (app) is required'],
    ['no events', JSON.stringify({ client_id: '1' }), 'Measurement Protocol: "events" must be a non-empty array'],
    ['nameless event', JSON.stringify({ client_id: '1', events: [{ params: {} }] }), 'Measurement Protocol: events[0] needs a "name"'],
    ['26 events', JSON.stringify({ client_id: '1', events: Array.from({ length: 26 }, () => ({ name: 'x' })) }), 'Measurement Protocol: at most 25 events per request (got 26)'],
  ])('%s → 400', (_name, body, message) => {
    const err = thrown(() => parseMeasurementProtocol('', body, ctx));
    expect(err.status).toBe(400);
    expect(err.message.startsWith(message)).toBe(true);
  });
});

describe('ready event data (POST /events)', () => {
  test('an object, an array, or {events: [...]}', () => {
    expect(parseReadyEvents(JSON.stringify({ event_name: 'purchase', value: 1 }), ctx)).toEqual([{ event_name: 'purchase', value: 1, ip_override: '198.51.100.7', user_agent: ctx.userAgent }]);
    expect(parseReadyEvents(JSON.stringify([{ event_name: 'a', ip_override: '1.1.1.1' }, { event_name: 'b' }]), {}).map((e) => [e.event_name, e.ip_override])).toEqual([['a', '1.1.1.1'], ['b', undefined]]);
    expect(parseReadyEvents(JSON.stringify({ events: [{ event_name: 'c' }] }), {})).toEqual([{ event_name: 'c' }]);
  });
  test('events need an event_name', () => {
    expect(thrown(() => parseReadyEvents(JSON.stringify([{ event_name: 'a' }, { value: 1 }]), {})).message).toBe('POST /events: event 1 needs an "event_name" string');
    expect(thrown(() => parseReadyEvents('[]', {})).message).toBe('POST /events: no events (send an object, an array of objects, or {"events": [...]})');
  });
});
