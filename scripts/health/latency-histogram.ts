/**
 * Latency percentiles in constant memory: one counter per millisecond up to `maxTrackedMs`, plus an
 * overflow counter. Latencies are whole milliseconds in the log contract, so percentiles are exact
 * at 1 ms resolution; anything at or above `maxTrackedMs` is reported as `maxTrackedMs` ("at least").
 */
import type { LatencySummary } from './types';

/** Bands shown in the HTML chart; upper bounds in ms, exclusive. */
const BANDS = [50, 100, 200, 300, 500, 1000, 2000, 5000, 10000, 30000];

export class LatencyHistogram {
  private readonly counts: Uint32Array;
  private overflow = 0;
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(private readonly maxTrackedMs = 60000) {
    this.counts = new Uint32Array(maxTrackedMs);
  }

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const whole = Math.floor(ms);
    this.count++;
    this.sum += whole;
    if (whole < this.min) this.min = whole;
    if (whole > this.max) this.max = whole;
    if (whole >= this.maxTrackedMs) this.overflow++;
    else this.counts[whole]++;
  }

  /** Nearest rank: the smallest value v with at least ceil(percent × n / 100) samples <= v (integer maths, no float drift). */
  percentile(percent: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.floor((percent * this.count + 99) / 100));
    let seen = 0;
    for (let ms = 0; ms < this.maxTrackedMs; ms++) {
      seen += this.counts[ms];
      if (seen >= rank) return ms;
    }
    return this.maxTrackedMs;
  }

  summary(): LatencySummary {
    const empty = this.count === 0;
    const distribution: LatencySummary['distribution'] = [];
    let from = 0;
    for (const upTo of [...BANDS.filter((b) => b < this.maxTrackedMs), null]) {
      const end = upTo ?? this.maxTrackedMs;
      let n = 0;
      for (let ms = from; ms < end; ms++) n += this.counts[ms];
      if (upTo === null) n += this.overflow;
      distribution.push({ upToMs: upTo, count: n });
      from = end;
    }
    return {
      count: this.count,
      min: empty ? null : this.min,
      max: empty ? null : this.max,
      mean: empty ? null : this.sum / this.count,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      resolutionMs: 1,
      maxTrackedMs: this.maxTrackedMs,
      overflow: this.overflow,
      distribution,
    };
  }
}
