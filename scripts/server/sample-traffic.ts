/**
 * The sample GA4 traffic `npm start` sends: a shop funnel (page_view → view_item → add_to_cart →
 * begin_checkout → purchase) from an anonymous visitor who came from a TikTok ad, the same funnel
 * from a signed-in visitor with user data, a Measurement Protocol purchase from a back office, and
 * ready event data with raw (unhashed) contact details for the tag to normalise and hash.
 */
import crypto from 'crypto';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const enc = encodeURIComponent;

export interface SampleHit {
  label: string;
  /** Hits of one visitor share a cookie jar: the cookies the tag sets come back on the next hit. */
  visitor: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const SHOP = 'https://shop.example';
const ITEM = 'idSKU-2041~nmTrail%20Runner%20GTX~brNorthpeak~caShoes~c2Running~vablue~pr129.90~qt1';

function gtag(visitor: { cid: string; sid: string; uid?: string; em?: string }, hit: number, en: string, page: string, extra: string): string {
  const params = [
    'v=2', 'tid=G-DEMO12345', 'gtm=45je4bn0v9', `_p=${visitor.sid}${hit}`, 'gcs=G111', 'gcd=13t3t3t3t5l1',
    `cid=${visitor.cid}`, 'ul=en-us', 'sr=1920x1080', `_s=${hit}`, `sid=${visitor.sid}`, 'sct=1', 'seg=1',
    `dl=${enc(page)}`, `dr=${enc(hit === 1 ? 'https://www.tiktok.com/' : SHOP + '/')}`, `dt=${enc('Northpeak Outdoor Shop')}`,
    `en=${en}`, '_et=1200',
  ];
  if (visitor.uid) params.push(`uid=${visitor.uid}`);
  if (visitor.em) params.push(`em=${enc(visitor.em)}`);
  return `/g/collect?${params.join('&')}${extra ? '&' + extra : ''}`;
}

export function sampleHits(): SampleHit[] {
  const anon = { cid: '1873450221.1764061200', sid: '1764061200' };
  const known = { cid: '907734512.1764061800', sid: '1764061800', uid: 'cust-40211', em: `tv.1~em.${sha('maria.lopez@example.com')}~pn.${sha('+34600123456')}` };
  const landing = `${SHOP}/trail-runner-gtx?ttclid=E.C.P.CtQBQk9ZgOc2u7kX0a&utm_source=tiktok`;
  const browser = (ua: string, cookie?: string) => ({ 'user-agent': ua, origin: SHOP, ...(cookie ? { cookie } : {}) });
  const funnel = (v: typeof anon & { uid?: string; em?: string }, ua: string, cookie: string | undefined, order: string, page: string): SampleHit[] => [
    { label: 'page_view', visitor: v.cid, method: 'POST', path: gtag(v, 1, 'page_view', page, '_ss=1&_fv=1'), headers: browser(ua, cookie) },
    { label: 'view_item', visitor: v.cid, method: 'POST', path: gtag(v, 2, 'view_item', page, `cu=EUR&epn.value=129.9&pr1=${ITEM}`), headers: browser(ua, cookie) },
    { label: 'add_to_cart', visitor: v.cid, method: 'POST', path: gtag(v, 3, 'add_to_cart', page, `cu=EUR&epn.value=129.9&pr1=${ITEM}`), headers: browser(ua, cookie) },
    { label: 'begin_checkout', visitor: v.cid, method: 'POST', path: gtag(v, 4, 'begin_checkout', `${SHOP}/checkout`, `cu=EUR&epn.value=129.9&pr1=${ITEM}`), headers: browser(ua, cookie) },
    { label: 'purchase', visitor: v.cid, method: 'POST', path: gtag(v, 5, 'purchase', `${SHOP}/checkout/thank-you`, `cu=EUR&epn.value=134.85&epn.shipping=4.95&ep.transaction_id=${order}&pr1=${ITEM}`), headers: browser(ua, cookie) },
  ];
  return [
    ...funnel(anon, CHROME, undefined, 'NP-100231', landing),
    ...funnel(known, SAFARI, '_ttp=2pXQbTz8RkqL1vYf5hWc3mN0aJe', 'NP-100232', `${SHOP}/trail-runner-gtx`),
    {
      label: 'purchase (Measurement Protocol)', visitor: 'back-office', method: 'POST', path: '/mp/collect?measurement_id=G-DEMO12345&api_secret=demo', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: '55510923.1764062400', user_id: 'cust-38820',
        user_data: { sha256_email_address: sha('j.becker@example.org'), sha256_phone_number: sha('+4915112345678') },
        events: [{ name: 'purchase', params: { transaction_id: 'NP-100233', value: 89.5, currency: 'EUR', items: [{ item_id: 'SKU-3310', item_name: 'Merino Beanie', price: 29.5, quantity: 3 }] } }],
      }),
    },
    {
      label: 'generate_lead + sign_up (event data, raw contact details)', visitor: 'crm', method: 'POST', path: '/events', headers: { 'content-type': 'application/json', 'user-agent': CHROME },
      body: JSON.stringify([
        { event_name: 'generate_lead', client_id: '7712.1764063000', page_location: `${SHOP}/newsletter`, user_data: { email_address: '  Sam.Taylor@Example.COM ', phone_number: '+44 7700 900123' } },
        { event_name: 'sign_up', client_id: '7712.1764063000', page_location: `${SHOP}/account/new`, user_id: 'cust-40377', user_data: { email_address: 'sam.taylor@example.com' } },
      ]),
    },
  ];
}

/** Sends the sample hits one after another (so the preview lists them in order); returns the HTTP statuses. */
export async function sendSampleTraffic(baseUrl: string): Promise<{ label: string; status: number }[]> {
  const out: { label: string; status: number }[] = [];
  const jars = new Map<string, Map<string, string>>();
  for (const hit of sampleHits()) {
    const jar = jars.get(hit.visitor) ?? new Map<string, string>();
    jars.set(hit.visitor, jar);
    const headers = { ...hit.headers };
    for (const pair of (headers.cookie ?? '').split(/;\s*/)) {
      const eq = pair.indexOf('=');
      if (eq > 0 && !jar.has(pair.slice(0, eq))) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(baseUrl + hit.path, { method: hit.method, headers, body: hit.body });
    await res.arrayBuffer();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    out.push({ label: hit.label, status: res.status });
  }
  return out;
}
