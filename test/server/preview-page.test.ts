/**
 * The preview page in a real browser (Debian's Chromium through playwright-core): what a person
 * sees after sending hits, updated live without reloading.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import http from 'http';
import type { AddressInfo } from 'net';
import { createServerContainer } from '../../scripts/server';
import { startTestServer, PIXEL, TOKEN, type TestServer } from './helpers';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium with a throw-away profile; close() removes the profile too. */
async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<{ browser: BrowserContext; page: Page; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with "apt-get install -y chromium" (never a browser download)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  return {
    browser,
    page,
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

describe('preview page in Chromium', () => {
  let s: TestServer;
  let chrome: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    s = await startTestServer({ mode: 'preview', preview: { maxRequests: 5 } });
    chrome = await launchBrowser();
    page = chrome.page;
  }, 60000);

  afterAll(async () => {
    await chrome?.close();
    await s?.close();
  });

  const sidebar = () => page.locator('nav.sidebar');
  const rows = () => page.getByTestId('request-row');

  test('shows hits live: requests, their events, tag status, outgoing request with the token redacted', async () => {
    await page.goto(`${s.url}/preview`);
    await page.getByText('Waiting for requests…').waitFor();
    await page.getByText('Live', { exact: true }).waitFor();

    await fetch(`${s.url}/g/collect?v=2&tid=G-1&cid=1.1&en=purchase&cu=EUR&epn.value=59.9&ep.transaction_id=T-BROWSER-1&dl=${encodeURIComponent('https://shop.example/thanks')}`);
    s.container.mock!.setFaults({ http5xx: 1 });
    await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'add_to_cart', value: 5, currency: 'EUR' }) });
    s.container.mock!.setFaults({});
    await fetch(`${s.url}/g/collect?v=2&tid=G-1&en=page_view&dl=%E0%A4%A`);

    // No reload: the stream brings the three requests in.
    // Neither event names items, so the tag warns content_id_missing on both.
    await page.getByText('3 requests · 2 events · 1 failed · 2 with warnings').waitFor();
    expect(await rows().allInnerTexts()).toEqual([
      expect.stringMatching(/^#3\s+GET\s+\/g\/collect\s+400\s+[\d:.]+\s+GA4\s+malformed query string: "%E0%A4%A" is not valid percent-encoding$/),
      expect.stringMatching(/^#2\s+POST\s+\/events\s+200\s+[\d:.]+\s+Event data\s+1 event$/),
      expect.stringMatching(/^#1\s+GET\s+\/g\/collect\s+204\s+[\d:.]+\s+GA4\s+1 event$/),
    ]);
    expect(await page.getByTestId('event-row').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\s+add_to_cart\s+⚠ 1\s+Failed$/),
      expect.stringMatching(/^1\s+purchase\s+⚠ 1\s+Succeeded$/),
    ]);

    // The successful purchase: tags tab.
    await page.getByTestId('event-row').filter({ hasText: 'purchase' }).click();
    const card = page.getByTestId('tag-card');
    await card.waitFor();
    expect(await card.innerText()).toMatch(/TikTok Events API\s+Succeeded\s+Fired 1 time · \d+(\.\d)? ms · 1 outgoing request\s+Result: success · TikTok Purchase · HTTP 200 · code 0 · 1 attempt/);

    // Request tab: the outgoing request to TikTok, token redacted, TikTok's answer.
    await page.getByRole('tab', { name: /Request/ }).click();
    const outgoing = page.getByTestId('outgoing-request');
    await outgoing.waitFor();
    const text = await outgoing.innerText();
    expect(text).toContain('https://business-api.tiktok.com/open_api/v1.3/event/track/');
    expect(text).toMatch(/Access-Token\s+\[REDACTED\]/);
    expect(text).toContain('"event_id": "T-BROWSER-1"');
    expect(text).toMatch(/Status 200/);
    expect(text).toContain('"code": 0');
    expect(await page.content()).not.toContain(TOKEN);

    // Console and event data.
    await page.getByRole('tab', { name: /Console/ }).click();
    expect(await page.locator('.console').innerText()).toMatch(/INFO\s+TikTok Events API\s+result\s+TikTok Purchase: success \(HTTP 200, code 0\)/);
    await page.getByRole('tab', { name: /Event Data/ }).click();
    const eventData = await page.locator('table.kv').innerText();
    expect(eventData).toMatch(/transaction_id\s+"T-BROWSER-1"/);
    expect(eventData).toMatch(/value\s+59\.9\n/);

    // The failed event says why.
    await page.getByTestId('event-row').filter({ hasText: 'add_to_cart' }).click();
    await page.getByRole('tab', { name: /Tags/ }).click();
    expect(await page.getByTestId('tag-card').innerText()).toMatch(/Failed[\s\S]*Result: failure · TikTok AddToCart · http_5xx · HTTP 503 · code 50002 · 2 attempts/);

    // The refused hit shows its reason.
    await rows().first().click();
    expect(await page.getByRole('alert').innerText()).toBe('Refused with HTTP 400: malformed query string: "%E0%A4%A" is not valid percent-encoding');

    await page.screenshot({ path: path.join(os.tmpdir(), 'sgtm-preview-page.png') });
  }, 60000);

  test('keeps a bounded history and filters', async () => {
    for (let i = 0; i < 4; i++) await fetch(`${s.url}/events`, { method: 'POST', body: JSON.stringify({ event_name: i === 3 ? 'begin_checkout' : 'view_item' }) });
    // 7 requests so far, the page keeps the newest 5 (#3 refused with no event, #4-#7 one event each).
    // view_item: content_id_missing; begin_checkout: value_missing and content_id_missing.
    await page.getByText('5 requests · 4 events · 4 with warnings', { exact: true }).waitFor();
    expect(await rows().count()).toBe(5);
    expect(await rows().last().innerText()).toMatch(/^#3\s/);
    await page.getByPlaceholder('Filter: event, path, status…').fill('begin_checkout');
    await page.getByText('5 requests · 4 events · 4 with warnings · 1 shown').waitFor();
    await rows().first().getByText('200').waitFor();
    expect(await rows().allInnerTexts()).toEqual([expect.stringMatching(/^#7\s+POST\s+\/events\s+200/)]);
    expect(await sidebar().getByTestId('event-row').allInnerTexts()).toEqual([expect.stringMatching(/begin_checkout\s+⚠ 2\s+Succeeded/)]);
  }, 60000);
});

/**
 * Daily use of the page while hits keep coming: what the user opened, picked and scrolled stays
 * put; skips, retries, the tag's configuration and data-quality warnings are shown and explained.
 */
describe('preview page in Chromium: live updates and what the tag did', () => {
  let s: TestServer;
  let quality: TestServer;
  let chrome: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    s = await startTestServer({ mode: 'preview', preview: { maxRequests: 200 }, tag: { fields: { consentMode: 'ad_storage', maxRetries: 1, timeoutMs: 6000 } } });
    quality = await startTestServer({ mode: 'preview', template: 'test/fixtures/server/quality-fixture.tpl' });
    // A short window, so a dozen requests overflow the list and the detail pane scrolls.
    chrome = await launchBrowser({ width: 1280, height: 600 });
    page = chrome.page;
  }, 60000);

  afterAll(async () => {
    await chrome?.close();
    await s?.close();
    await quality?.close();
  });

  const hit = (url: string, event: Record<string, unknown>) => fetch(`${url}/events`, { method: 'POST', body: JSON.stringify(event) });
  const counts = () => page.locator('#counts');

  test('a live update keeps the open panel, the selected tab, the scroll position and the rows already shown', async () => {
    await hit(s.url, { event_name: 'purchase', transaction_id: 'T-LIVE-1', value: 10, currency: 'EUR' });
    await page.goto(`${s.url}/preview`);
    await counts().getByText('1 request · 1 event').waitFor();
    await page.getByTestId('event-row').first().click();
    await page.getByRole('tab', { name: /Request/ }).click();
    const headers = page.locator('details[data-key="in-headers"]');
    await headers.locator('summary').click();
    expect(await headers.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    await page.locator('#main').evaluate((el) => { el.scrollTop = 400; });
    expect(await page.locator('#main').evaluate((el) => el.scrollTop)).toBe(400);
    await page.getByTestId('request-row').first().evaluate((el) => { (el as unknown as { marker: number }).marker = 7; });

    await hit(s.url, { event_name: 'view_item', transaction_id: 'T-LIVE-2' });
    await counts().getByText('2 requests · 2 events').waitFor();
    await page.waitForTimeout(200);

    expect(await page.locator('#detail-title').innerText()).toBe('purchase');
    expect(await page.getByRole('tab', { name: /Request/ }).getAttribute('aria-selected')).toBe('true');
    expect(await headers.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('#main').evaluate((el) => el.scrollTop)).toBe(400);
    // The old row is the same element, moved down one place; the new one was added above it.
    const rowMarkers = await page.getByTestId('request-row').evaluateAll((els) => els.map((el) => (el as unknown as { marker?: number }).marker ?? null));
    expect(rowMarkers).toEqual([null, 7]);
  }, 60000);

  test('the selected request changing (running → done) re-renders it with the user\'s folds and scroll kept', async () => {
    s.container.mock!.setFaults({ latencyMs: 1500 });
    const pending = hit(s.url, { event_name: 'add_to_cart', transaction_id: 'T-SLOW-1', value: 1, currency: 'EUR' });
    await counts().getByText('3 requests · 3 events').waitFor();
    await page.getByTestId('request-row').first().click();
    // Still running (the mock answers after 1.5 s): the request is shown without a response yet.
    await page.locator('#detail-status').getByText('…', { exact: true }).waitFor();
    const headers = page.locator('details[data-key="in-headers"]');
    await headers.locator('summary').click();
    await page.locator('#main').evaluate((el) => { el.scrollTop = 120; });
    await pending;
    s.container.mock!.setFaults({});
    await page.locator('#detail-status').getByText('200').waitFor();
    expect(await headers.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('#main').evaluate((el) => el.scrollTop)).toBe(120);
  }, 60000);

  test('new hits while the list is scrolled away: "N new" marker, the rows in view stay in place', async () => {
    for (let i = 0; i < 9; i++) await hit(s.url, { event_name: 'view_item', transaction_id: `T-FILL-${i}` });
    await counts().getByText('12 requests · 12 events').waitFor();
    const list = page.locator('#requests');
    await list.evaluate((el) => { el.scrollTop = 300; });
    await page.waitForTimeout(100);
    const anchor = await page.evaluate(() => {
      const listEl = document.getElementById('requests')!;
      const rows = Array.from(listEl.children) as HTMLElement[];
      const first = rows.find((r) => r.offsetTop + r.offsetHeight > listEl.scrollTop)!;
      return { id: first.getAttribute('data-id'), top: first.getBoundingClientRect().top };
    });
    await hit(s.url, { event_name: 'view_item', transaction_id: 'T-NEW-1' });
    await hit(s.url, { event_name: 'view_item', transaction_id: 'T-NEW-2' });
    await counts().getByText('14 requests · 14 events').waitFor();
    await page.getByRole('button', { name: '2 new ↑' }).waitFor();
    const after = await page.evaluate((id) => document.querySelector(`#requests > li[data-id="${id}"]`)!.getBoundingClientRect().top, anchor.id);
    expect(Math.abs(after - anchor.top)).toBeLessThan(2);
    await page.getByRole('button', { name: '2 new ↑' }).click();
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await page.locator('#new-marker').isHidden()).toBe(true);
    expect(await page.getByTestId('request-row').first().innerText()).toMatch(/^#14\s/);
  }, 60000);

  test('a skipped event keeps "Succeeded" and shows the skip and why in the list, the counts, the filter and the tag', async () => {
    await fetch(`${s.url}/g/collect?v=2&tid=G-1&cid=5.5&en=page_view&gcs=G100&dl=${encodeURIComponent('https://shop.example/')}`);
    await counts().getByText('15 requests · 15 events · 1 skipped').waitFor();
    const row = page.getByTestId('event-row').filter({ hasText: 'page_view' });
    expect(await row.innerText()).toMatch(/1\s+page_view\s+Succeeded · skipped \(consent denied\)/);
    await page.getByPlaceholder('Filter: event, path, status…').fill('skipped');
    await counts().getByText(/^15 requests · 15 events · 1 skipped · \d+ with warnings · 1 shown$/).waitFor();
    await page.getByPlaceholder('Filter: event, path, status…').fill('consent denied');
    await counts().getByText('· 1 shown').waitFor();
    await row.click();
    await page.getByRole('tab', { name: /Tags/ }).click();
    const card = page.getByTestId('tag-card');
    expect(await card.locator('.tag-top').innerText()).toMatch(/TikTok Events API\s+Succeeded\s+Skipped: consent denied/);
    expect(await page.getByTestId('skip-why').innerText()).toBe('Skipped (consent denied): Ad storage consent was denied for this event (consent_state.ad_storage or x-ga-gcs), so the tag sent nothing to TikTok.');
    await page.getByPlaceholder('Filter: event, path, status…').fill('');
  }, 60000);

  test('retries are labelled: attempt 1 of 2, the wait between attempts, how each answer was classified', async () => {
    s.container.mock!.setFaults({ http5xx: 1 });
    await hit(s.url, { event_name: 'add_to_cart', transaction_id: 'T-RETRY-1', value: 3, currency: 'EUR' });
    s.container.mock!.setFaults({});
    await counts().getByText(/16 requests · 16 events · 1 skipped · 1 failed/).waitFor();
    await page.getByTestId('event-row').filter({ hasText: 'add_to_cart' }).first().click();
    await page.getByRole('tab', { name: /Request/ }).click();
    const outgoing = page.getByTestId('outgoing-request');
    await outgoing.nth(1).waitFor();
    expect(await outgoing.locator('.out-head').allInnerTexts()).toEqual([
      expect.stringMatching(/^attempt 1 of 2\s+POST\s+https:\/\/business-api\.tiktok\.com\/open_api\/v1\.3\/event\/track\/\s+503\s+http_5xx\s+[\d.]+ ms$/),
      expect.stringMatching(/^attempt 2 of 2\s+POST\s+https:\/\/business-api\.tiktok\.com\/open_api\/v1\.3\/event\/track\/\s+503\s+http_5xx\s+[\d.]+ ms$/),
    ]);
    expect(await page.getByTestId('retry-wait').innerText()).toMatch(/^Retried after \d+ ms: attempt 1 ended as http_5xx$/);
  }, 60000);

  test('the tag\'s configuration is shown like GTM\'s tag properties, the token redacted', async () => {
    await page.getByRole('tab', { name: /Tags/ }).click();
    await page.getByTestId('tag-card').locator('summary', { hasText: /^Properties/ }).click();
    const props = page.getByTestId('tag-properties');
    const text = await props.innerText();
    expect(text).toMatch(/Access Token\s+"\[REDACTED\]"/);
    expect(text).toMatch(/Pixel Code \/ Event Set ID\s+"CTESTPIXEL42"/);
    expect(text).toMatch(/Send events\s+"ad_storage"/);
    expect(await page.content()).not.toContain(TOKEN);
    const json = await (await fetch(`${s.url}/preview.json`)).text();
    expect(json).not.toContain(TOKEN);
  }, 60000);

  test('result-line warnings show in the list, the counts, the console and the Tags tab; a skip says the tag\'s own why', async () => {
    await hit(quality.url, { event_name: 'purchase', value: 5, currency: 'EURO' });
    const long = 'newsletter_signup_from_the_footer_of_the_summer_campaign_page';
    await hit(quality.url, { event_name: long, value: 1 });
    await page.goto(`${quality.url}/preview`);
    await counts().getByText('2 requests · 2 events · 1 skipped · 2 with warnings').waitFor();
    const purchase = page.getByTestId('event-row').filter({ hasText: 'purchase' });
    expect(await purchase.innerText()).toMatch(/purchase\s+⚠ 1\s+Succeeded$/);
    await purchase.click();
    await page.getByRole('tab', { name: /Console/ }).click();
    expect(await page.locator('.console').innerText()).toMatch(/result\s+TikTok purchase: success\s+1 warning\s+⚠ 1 data quality warning\s+currency_invalid currency currency is not a 3-letter ISO 4217 code; sent without currency/);
    await page.getByRole('tab', { name: /Tags/ }).click();
    expect(await page.getByTestId('warnings').innerText()).toBe('⚠ 1 data quality warning\ncurrency_invalid currency currency is not a 3-letter ISO 4217 code; sent without currency');

    await page.getByTestId('event-row').filter({ hasText: long }).click();
    expect(await page.getByTestId('skip-why').innerText()).toBe('Skipped (event not mapped): custom event names may have at most 50 characters; this one has 61');
  }, 60000);
});

test('beyond loopback, the page opened with the printed token works live; without it the browser gets 401', async () => {
  const container = await createServerContainer({
    host: '0.0.0.0', port: 0, mode: 'preview', workers: 0, logs: { file: null, stdout: false },
    tag: { fields: { accessToken: TOKEN, pixelCode: PIXEL } },
    tiktok: { target: 'mock', mock: { port: 0, faults: {}, accessToken: TOKEN, pixelCodes: [PIXEL] } },
  }, { env: {} });
  const server = http.createServer(container.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const chrome = await launchBrowser();
  try {
    const page = chrome.page;
    const refused = await page.goto(`${url}/preview`);
    expect(refused!.status()).toBe(401);
    await page.goto(`${url}/preview?token=${container.config.preview.token}`);
    await page.getByText('Live', { exact: true }).waitFor();
    await fetch(`${url}/events`, { method: 'POST', body: JSON.stringify({ event_name: 'purchase', transaction_id: 'T-TOKEN-1' }) });
    await page.getByText('1 request · 1 event').waitFor();
  } finally {
    await chrome.close();
    await new Promise((r) => server.close(r));
    await container.close();
  }
}, 60000);
