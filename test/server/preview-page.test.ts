/**
 * The preview page in a real browser (Debian's Chromium through playwright-core): what a person
 * sees after sending hits, updated live without reloading.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, TOKEN, type TestServer } from './helpers';

const CHROMIUM = '/usr/bin/chromium';

describe('preview page in Chromium', () => {
  let s: TestServer;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with "apt-get install -y chromium" (never a browser download)`);
    s = await startTestServer({ mode: 'preview', preview: { maxRequests: 5 } });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtm-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.setDefaultTimeout(15000);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
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
    await page.getByText('3 requests · 2 events · 1 failed').waitFor();
    expect(await rows().allInnerTexts()).toEqual([
      expect.stringMatching(/^#3\s+GET\s+\/g\/collect\s+400\s+[\d:.]+\s+GA4\s+malformed query string: "%E0%A4%A" is not valid percent-encoding$/),
      expect.stringMatching(/^#2\s+POST\s+\/events\s+200\s+[\d:.]+\s+Event data\s+1 event$/),
      expect.stringMatching(/^#1\s+GET\s+\/g\/collect\s+204\s+[\d:.]+\s+GA4\s+1 event$/),
    ]);
    expect(await page.getByTestId('event-row').allInnerTexts()).toEqual([
      expect.stringMatching(/1\s+add_to_cart\s+Failed/),
      expect.stringMatching(/1\s+purchase\s+Succeeded/),
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
    await page.getByText('5 requests · 4 events', { exact: true }).waitFor();
    expect(await rows().count()).toBe(5);
    expect(await rows().last().innerText()).toMatch(/^#3\s/);
    await page.getByPlaceholder('Filter: event, path, status…').fill('begin_checkout');
    await page.getByText('5 requests · 4 events · 1 shown').waitFor();
    expect(await rows().allInnerTexts()).toEqual([expect.stringMatching(/^#7\s+POST\s+\/events\s+200/)]);
    expect(await sidebar().getByTestId('event-row').allInnerTexts()).toEqual([expect.stringMatching(/begin_checkout\s+Succeeded/)]);
  }, 60000);
});
