import { describe, expect, it } from 'vitest';
import { demandSchedule, nextArrivalGapMs } from './demand.ts';
import { seededRandom } from './random.ts';

describe('the demand curve', () => {
  it('draws exponential gaps whose mean is a minute over the rate', () => {
    const random = seededRandom(42);
    const gaps = Array.from({ length: 20_000 }, () => nextArrivalGapMs(random, 20));
    const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    expect(mean).toBeGreaterThan(2_850);
    expect(mean).toBeLessThan(3_150);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0);
    expect(nextArrivalGapMs(random, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('books about rate × minutes, in time order, inside the run, spread over hubs by weight', () => {
    const arrivals = demandSchedule(seededRandom(7), {
      perMinute: 100,
      durationMs: 60 * 60_000,
      hubs: [
        { hubId: 'busy', weight: 3 },
        { hubId: 'quiet', weight: 1 },
      ],
    });
    expect(arrivals.length).toBeGreaterThan(5_700);
    expect(arrivals.length).toBeLessThan(6_300);
    expect(
      arrivals.every((arrival, index) => index === 0 || arrival.atMs >= (arrivals[index - 1]?.atMs ?? 0)),
    ).toBe(true);
    expect(arrivals.every((arrival) => arrival.atMs >= 0 && arrival.atMs < 60 * 60_000)).toBe(true);
    const busyShare = arrivals.filter((arrival) => arrival.hubId === 'busy').length / arrivals.length;
    expect(busyShare).toBeGreaterThan(0.72);
    expect(busyShare).toBeLessThan(0.78);
  });

  it('is the same city for the same seed, and books nothing without hubs or demand', () => {
    const input = { perMinute: 10, durationMs: 120_000, hubs: [{ hubId: 'a', weight: 1 }] };
    expect(demandSchedule(seededRandom(3), input)).toEqual(demandSchedule(seededRandom(3), input));
    expect(demandSchedule(seededRandom(3), { ...input, hubs: [] })).toEqual([]);
    expect(demandSchedule(seededRandom(3), { ...input, perMinute: 0 })).toEqual([]);
  });
});
