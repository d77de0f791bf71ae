/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core): long names from
 * the logs are cut with "…" inside their card, the full text on hover, and the page never gets
 * wider than the window (it was 1,475 px wide at a 1,280 px viewport with one long event name).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHealthAccumulator, renderHealthHtml, type HealthOptions } from '../../scripts/health';
import { MIN, T, line, mixedLog, result, userData } from './fixtures';

const CHROMIUM = '/usr/bin/chromium';
const LONG_EVENT = 'custom_event_with_a_really_long_name_' + 'x'.repeat(160);
const LONG_WORD = 'Z'.repeat(400);

/** Every name and message the page shows is long: event names, tag, pixel, warning code, messages. */
function hostileLog(): string[] {
  return [
    ...mixedLog(),
    line(result('success', { time_ms: T + 2 * MIN, ga4_event: LONG_EVENT, tiktok_event: LONG_EVENT, tag: `Tag ${LONG_WORD}`, pixel_code: LONG_WORD, user_data: userData('email') })),
    line(
      result('failure', {
        time_ms: T + 3 * MIN,
        ga4_event: LONG_EVENT,
        error_kind: `kind_${LONG_WORD}`,
        tiktok_code: 40002,
        tiktok_message: `${LONG_WORD} ${LONG_WORD}`,
        error_message: LONG_WORD,
        warnings: [{ code: `code_${LONG_WORD}`, field: LONG_WORD, message: LONG_WORD }, { code: 'currency_invalid', field: 'currency', message: '"EURO" is not an ISO 4217 currency code' }],
      }),
    ),
  ];
}

function html(options: HealthOptions = {}): string {
  const acc = createHealthAccumulator(options);
  hostileLog().forEach((l) => acc.addLine(l));
  return renderHealthHtml(acc.report());
}

describe('HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with "apt-get install -y chromium" (never a browser download)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-html-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    page = await browser.newPage();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(content: string, width: number): Promise<void> {
    const file = path.join(dir, `report-${width}.html`);
    fs.writeFileSync(file, content);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`file://${file}`);
  }

  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

  it.each([1280, 390])('never makes the page wider than a %i px window, even with --by-tag', async (width) => {
    await open(html({ byTag: true }), width);
    expect(await pageWidth()).toBeLessThanOrEqual(width);
  });

  it('cuts a long event name in the Data Monitoring table inside its card and shows the full name on hover', async () => {
    await open(html(), 1280);
    expect(await pageWidth()).toBeLessThanOrEqual(1280);
    const section = page.locator('section', { has: page.locator('h2', { hasText: 'Data monitoring' }) });
    const cell = section.locator('table.heat').first().locator('span.trunc', { hasText: 'custom_event_with_a_really_long_name_' });
    expect(await cell.getAttribute('title')).toBe(LONG_EVENT);
    const box = await cell.evaluate((el) => ({ shown: el.clientWidth, full: el.scrollWidth, overflow: getComputedStyle(el).textOverflow }));
    expect(box.overflow).toBe('ellipsis');
    expect(box.shown).toBeLessThan(box.full); // cut, not wrapped or widened
    const fits = await section.evaluate((s) => {
      const card = s.getBoundingClientRect();
      return Array.from(s.querySelectorAll('table')).every((t) => t.getBoundingClientRect().right <= card.right + 0.5);
    });
    expect(fits).toBe(true);
  });

  it('shows the Data quality and per-event success tables', async () => {
    await open(html(), 1280);
    await page.locator('h2', { hasText: 'Data quality' }).waitFor();
    await page.locator('h2', { hasText: 'Success per event' }).waitFor();
    const codes = await page.locator('section', { has: page.locator('h2', { hasText: 'Data quality' }) }).locator('table.list td.name span').allTextContents();
    expect(codes.sort()).toEqual([`code_${LONG_WORD}`.slice(0, 199) + '…', 'currency_invalid'].sort());
  });
});
