import { LatencyHistogram } from '../../scripts/health/latency-histogram';

describe('LatencyHistogram', () => {
  it('gives exact nearest-rank percentiles at 1 ms', () => {
    const h = new LatencyHistogram();
    for (let ms = 100; ms >= 1; ms--) h.add(ms);
    const s = h.summary();
    expect([s.p50, s.p95, s.p99, s.min, s.max, s.mean]).toEqual([50, 95, 99, 1, 100, 50.5]);
    expect(h.percentile(7)).toBe(7); // 7 × 100 / 100 has no float drift
  });

  it('counts latencies at or over the tracked maximum as overflow and reports the bound', () => {
    const h = new LatencyHistogram(1000);
    [10, 20, 30, 999, 1000, 5000].forEach((ms) => h.add(ms));
    const s = h.summary();
    expect([s.p50, s.p95, s.overflow, s.max, s.maxTrackedMs]).toEqual([30, 1000, 2, 5000, 1000]);
    expect(s.distribution).toEqual([
      { upToMs: 50, count: 3 },
      { upToMs: 100, count: 0 },
      { upToMs: 200, count: 0 },
      { upToMs: 300, count: 0 },
      { upToMs: 500, count: 0 },
      { upToMs: null, count: 3 },
    ]);
  });

  it('ignores negative and non-finite values and is empty without samples', () => {
    const h = new LatencyHistogram();
    h.add(-1);
    h.add(NaN);
    expect(h.summary()).toMatchObject({ count: 0, p50: null, p99: null, min: null, mean: null });
  });
});
