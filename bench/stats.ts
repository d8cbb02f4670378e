/** Throughput and latency of one measured run: how many operations, how fast, and their p50/p99. */
export interface Summary {
  count: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** The nearest-rank percentile (`p` from 0 to 100) of ascending values; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Summarises latencies (in ms, any order) of operations that together took `elapsedMs`. */
export function summarize(latenciesMs: readonly number[], elapsedMs: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    perSecond: elapsedMs > 0 ? round((sorted.length / elapsedMs) * 1000, 1) : 0,
    p50Ms: round(percentile(sorted, 50), 3),
    p99Ms: round(percentile(sorted, 99), 3),
  };
}

/** The platform against its raw baseline: throughput ratio (higher is better) and p99 ratio (lower is). */
export function compare(platform: Summary, baseline: Summary) {
  return {
    throughputRatio: baseline.perSecond > 0 ? round(platform.perSecond / baseline.perSecond, 3) : 0,
    p99Ratio: baseline.p99Ms > 0 ? round(platform.p99Ms / baseline.p99Ms, 2) : 0,
  };
}
