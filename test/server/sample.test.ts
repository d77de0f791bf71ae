/** The sample funnel `npm start` sends, and its one-screen summary. */
import { createHealthAccumulator } from '../../scripts/health';
import { sendSampleTraffic } from '../../scripts/server/sample-traffic';
import { formatStartSummary } from '../../scripts/server/summary';
import { startTestServer } from './helpers';

test('npm start sample: every hit accepted, every event sent, cookies carried, summary fits one screen', async () => {
  const s = await startTestServer({ mode: 'preview' });
  try {
    const health = createHealthAccumulator();
    s.container.sink.onHealthLine((line) => health.addRecord(line.record));
    const sent = await sendSampleTraffic(s.url);
    expect(sent.map((x) => x.status)).toEqual([204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 200]);
    const results = s.results();
    expect(results.map((r) => r.outcome)).toEqual(Array(13).fill('success'));
    expect(s.container.mock!.stats().eventsByName).toEqual({ Pageview: 2, ViewContent: 2, AddToCart: 2, InitiateCheckout: 2, Purchase: 3, Lead: 1, CompleteRegistration: 1 });
    // The anonymous visitor's ttclid arrives in the landing URL only; checkout and purchase carry it through the cookie the tag set.
    const anonymous = results.filter((r) => r.trace_id && (r.user_data as Record<string, boolean>).ttclid);
    expect(anonymous.map((r) => r.ga4_event)).toEqual(['page_view', 'view_item', 'add_to_cart', 'begin_checkout', 'purchase']);
    const summary = formatStartSummary(health.report(), 100);
    expect(summary.split('\n').length).toBeLessThanOrEqual(25);
    expect(summary).toContain('Requests  13   success 13   failure 0   success rate 100%');
    expect(summary).toMatch(/\n {2}purchase +3 +67% +67% +67% +33% +33% +100% +100%\n/);
  } finally {
    await s.close();
  }
});
