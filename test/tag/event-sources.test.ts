/**
 * App, CRM and offline events (issue 11 items 1–2) through the built template, sent to the mock
 * TikTok API in its strict settings: the exact body for each source, that the mock accepts it,
 * and the warnings when what a source needs is missing or malformed.
 */
import { createHash } from 'crypto';
import { startMockTikTok, type MockTikTok } from '../../scripts/mock-tiktok';
import { fireTag, NOW_MS, PIXEL, TOKEN } from './support/run-tag';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const EVENT_TIME = Math.floor(NOW_MS / 1000);
const IDFA = '6D92078A-8246-4BA4-AE5B-76104861E7DC';
const IDFV = 'B2E8F1C4-1D2A-4E2B-9C8D-0A1B2C3D4E5F';
const GAID = '38400000-8cf0-11bd-b23e-10b96e40000d';

describe('event sources app, crm and offline (built template → strict mock)', () => {
  let mock: MockTikTok;
  beforeAll(async () => {
    mock = await startMockTikTok({ accessToken: TOKEN, pixelCodes: [PIXEL], allowCustomEvents: true, errorStatus: 'mapped', now: () => NOW_MS });
  });
  afterAll(() => mock.close());

  async function send(settings: Record<string, unknown>, eventData: Record<string, unknown>) {
    mock.reset();
    const run = await fireTag(mock.url, settings, eventData);
    const requests = mock.requests();
    return { run, requests, body: requests[0] ? JSON.parse(requests[0].body) : undefined };
  }

  it('app: app and ad objects, device ids in user, no page; tag fields and rows beat event data', async () => {
    const { run, requests, body } = await send(
      { eventSource: 'app', appId: 'com.example.shop', appOverrides: [{ name: 'campaign_id', value: '1800' }, { name: 'attribution_type', value: 'click' }] },
      {
        event_name: 'purchase', transaction_id: 'A-1', value: 20, currency: 'eur',
        items: [{ item_id: 'SKU-1', price: 20, quantity: 1 }],
        app_id: 'ignored.by.tag.field', app_name: 'Shop', app_info: { version: '2.3.1' },
        platform: 'IOS', advertising_id: IDFA, device: { vendor_id: IDFV }, att_status: 3,
        ad: { ad_id: 42, creative_id: 'cr-7', is_retargeting: 'false', attributed: true, attribution_provider: 'AppsFlyer', campaign_id: 'event-campaign', callback: 'cb-1' },
        page_location: 'https://shop.example/never-sent', user_data: { email_address: 'App.User@example.com' },
      },
    );
    expect(requests).toHaveLength(1);
    expect(requests[0].answer.code).toBe(0);
    expect(body).toEqual({
      event_source: 'app',
      event_source_id: PIXEL,
      data: [{
        event: 'Purchase',
        event_time: EVENT_TIME,
        event_id: 'A-1',
        user: { email: sha('app.user@example.com'), idfa: IDFA, idfv: IDFV, att_status: 'AUTHORIZED' },
        properties: { contents: [{ content_id: 'SKU-1', price: 20, quantity: 1 }], content_type: 'product', currency: 'EUR', value: 20, order_id: 'A-1' },
        app: { app_id: 'com.example.shop', app_name: 'Shop', app_version: '2.3.1' },
        ad: { callback: 'cb-1', campaign_id: '1800', ad_id: '42', creative_id: 'cr-7', is_retargeting: false, attributed: true, attribution_type: 'click', attribution_provider: 'AppsFlyer' },
      }],
    });
    expect(run.result!.warnings).toEqual([]);
    expect(run.result!.event_source).toBe('app');
  });

  it('app: advertising_id becomes gaid on Android; a malformed id, an unknown att_status and a missing app id are warned about', async () => {
    const { run, body } = await send(
      { eventSource: 'app' },
      { event_name: 'app_open', os: 'Android', device: { advertising_id: GAID }, idfv: 'not-a-uuid', att_status: 'maybe', user_id: 'U-1' },
    );
    expect(body.data[0]).toEqual({ event: 'app_open', event_time: EVENT_TIME, user: { external_id: sha('u-1'), gaid: GAID } });
    expect(run.result!.warnings.map((w: { code: string; field: string }) => [w.code, w.field])).toEqual([
      ['device_id_invalid', 'user.idfv'], ['att_status_invalid', 'user.att_status'], ['app_id_missing', 'app.app_id'],
    ]);
  });

  it('app: the all-zero id of a device that limits ad tracking is not sent, and is no data problem', async () => {
    const { run, body } = await send({ eventSource: 'app', appId: 'com.x' }, { event_name: 'app_open', idfa: '00000000-0000-0000-0000-000000000000', att_status: 'denied' });
    expect(body.data[0].user).toEqual({ att_status: 'DENIED' });
    expect(run.result!.warnings).toEqual([]);
  });

  it('crm: lead object from tag fields over event data, custom stage name, no page', async () => {
    const { requests, body, run } = await send(
      { eventSource: 'crm', eventNameMode: 'custom', customEventName: 'Qualified', leadEventSource: 'HubSpot' },
      { event_name: 'crm_update', lead_id: 7001234567, lead: { lead_event_source: 'ignored' }, user_data: { email_address: 'lead@example.com', phone_number: '+33 6 12 34 56 78' }, page_location: 'https://crm.example/x' },
    );
    expect(requests[0].answer.code).toBe(0);
    expect(body).toEqual({
      event_source: 'crm',
      event_source_id: PIXEL,
      data: [{
        event: 'Qualified',
        event_time: EVENT_TIME,
        user: { email: sha('lead@example.com'), phone: sha('+33612345678') },
        lead: { lead_id: '7001234567', lead_event_source: 'HubSpot' },
      }],
    });
    expect(run.result!.warnings).toEqual([]);
  });

  it('crm: nested lead object, and lead_id_missing when there is none', async () => {
    const nested = await send({ eventSource: 'crm' }, { event_name: 'Lead', lead: { lead_id: 'L-9', lead_event_source: 'Salesforce' } });
    expect(nested.body.data[0].lead).toEqual({ lead_id: 'L-9', lead_event_source: 'Salesforce' });
    const missing = await send({ eventSource: 'crm' }, { event_name: 'Lead', user_id: 'U-2' });
    expect(missing.body.data[0].lead).toBeUndefined();
    expect(missing.run.result!.warnings).toEqual([{
      code: 'lead_id_missing', field: 'lead.lead_id',
      message: 'CRM event without lead_id: TikTok attributes CRM stages to the Instant Form lead through it (tag field Lead ID, or lead_id in the event data)',
    }]);
  });

  it.each([
    ['lead on a web event', 'web', { lead: { lead_id: 'L-1' } }, 'data[0].lead: only crm events carry lead (event_source is web).'],
    ['page on an app event', 'app', { page: { url: 'https://x.example/' } }, 'data[0].page: only web events carry page (event_source is app).'],
    ['ad flag as a string', 'app', { ad: { is_retargeting: 'false' } }, 'data[0].ad.is_retargeting: must be a boolean (true or false).'],
    ['unknown app field', 'app', { app: { bundle: 'x' } }, 'data[0].app.bundle: unknown field (known: app_id, app_name, app_version).'],
    ['att_status not in the list', 'app', { user: { att_status: 'YES' } }, 'data[0].user.att_status: must be one of AUTHORIZED, DENIED, NOT_DETERMINED, RESTRICTED, NOT_APPLICABLE.'],
    ['device id on an offline event', 'offline', { user: { idfa: 'x' } }, 'data[0].user.idfa: device ids are for app events only (event_source is offline).'],
  ])('the mock refuses %s with 40002', async (_name, source, extra, message) => {
    const response = await fetch(mock.trackUrl, {
      method: 'POST',
      headers: { 'Access-Token': TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ event_source: source, event_source_id: PIXEL, data: [{ event: 'Purchase', event_time: EVENT_TIME, ...extra }] }),
    });
    const answer = await response.json();
    expect([answer.code, answer.message]).toEqual([40002, message]);
  });

  it('offline: order and store properties, no page, no app or lead objects', async () => {
    const { requests, body } = await send(
      { eventSource: 'offline' },
      {
        event_name: 'purchase', order_id: 'POS-77', store_id: 'STORE-12', value: '59.90', currency: 'GBP',
        items: [{ item_id: 'SKU-9', price: 59.9 }], user_data: { email_address: 'shopper@example.com' },
        page_location: 'https://shop.example/', lead_id: 'L-1', app_id: 'x',
      },
    );
    expect(requests[0].answer.code).toBe(0);
    expect(body.data[0]).toEqual({
      event: 'Purchase',
      event_time: EVENT_TIME,
      user: { email: sha('shopper@example.com') },
      properties: { contents: [{ content_id: 'SKU-9', price: 59.9 }], content_type: 'product', currency: 'GBP', value: 59.9, order_id: 'POS-77', shop_id: 'STORE-12' },
    });
  });
});
