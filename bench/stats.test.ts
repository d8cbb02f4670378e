import { describe, expect, it } from 'vitest';
import { compare, percentile, summarize } from './stats.ts';

describe('percentile', () => {
  it('is the nearest rank of ascending values', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('summarize', () => {
  it('sorts the latencies, counts them and rates them over the elapsed time', () => {
    expect(summarize([30, 10, 20, 40], 2000)).toEqual({ count: 4, perSecond: 2, p50Ms: 20, p99Ms: 40 });
    expect(summarize([], 0)).toEqual({ count: 0, perSecond: 0, p50Ms: 0, p99Ms: 0 });
  });
});

describe('compare', () => {
  it('divides throughput and p99 by the baseline', () => {
    const platform = { count: 1, perSecond: 500, p50Ms: 2, p99Ms: 9 };
    const baseline = { count: 1, perSecond: 2000, p50Ms: 1, p99Ms: 3 };
    expect(compare(platform, baseline)).toEqual({ throughputRatio: 0.25, p99Ratio: 3 });
  });
});
