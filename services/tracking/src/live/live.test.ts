import { describe, expect, it } from 'vitest';
import type { PositionFix, TrackEvent } from '../positions/positions.ts';
import { etaSpread, isEtaOverdue, isLocationDelayed, outcomeOf } from './live.ts';

const fix = (lat: number, fixAt: string): PositionFix => ({ lat, lng: 77.64, accuracyMeters: 5, fixAt });
const a = fix(12.97, '2026-11-24T10:00:00.000Z');
const b = fix(12.971, '2026-11-24T10:00:10.000Z');
const c = fix(12.972, '2026-11-24T10:00:20.000Z');

describe('an upload’s outcome', () => {
  it('stores the sampled and late fixes, shows the last shown one, and names each refusal by its index', () => {
    const events: TrackEvent[] = [
      { type: 'tracking.position_rejected', data: { fix: c, reason: 'inaccurate' } },
      { type: 'tracking.position_shown', data: { fix: a, isSampled: true } },
      { type: 'tracking.position_suppressed', data: { fix: b, isSampled: false } },
      { type: 'tracking.position_rejected', data: { fix: c, reason: 'duplicate_fix' } },
    ];
    expect(outcomeOf([c, a, b, c], events)).toEqual({
      trail: [a],
      latest: b,
      shown: a,
      accepted: 2,
      rejected: [
        { index: 0, reason: 'inaccurate' },
        { index: 3, reason: 'duplicate_fix' },
      ],
    });
  });

  it('keeps a late fix for the trail only', () => {
    expect(outcomeOf([a], [{ type: 'tracking.position_late', data: { fix: a } }])).toEqual({
      trail: [a],
      latest: null,
      shown: null,
      accepted: 1,
      rejected: [],
    });
  });
});

describe('location delayed', () => {
  const now = new Date('2026-11-24T10:01:00.000Z');
  it('is a latest fix (or, before any, setting out) older than the staleness limit', () => {
    expect(isLocationDelayed('2026-11-24T10:00:20.000Z', null, now, 30)).toBe(true);
    expect(isLocationDelayed('2026-11-24T10:00:40.000Z', null, now, 30)).toBe(false);
    expect(isLocationDelayed(null, '2026-11-24T10:00:00.000Z', now, 30)).toBe(true);
    expect(isLocationDelayed(null, null, now, 30)).toBe(false);
  });
});

describe('when an upload recomputes the ETA', () => {
  const etaAt = '2026-11-24T10:00:00.000Z';
  const after = (seconds: number) => new Date(Date.parse(etaAt) + seconds * 1000);
  const bookings = Array.from(
    { length: 200 },
    (_, index) => `0193a5b2-0000-7000-8000-${String(index).padStart(12, '0')}`,
  );
  /** The seconds after which the booking's ETA is overdue, to the tenth of a second. */
  const intervalOf = (bookingId: string) => {
    let tenths = 0;
    while (!isEtaOverdue(bookingId, etaAt, after(tenths / 10), 15)) tenths++;
    return tenths / 10;
  };

  it('at once when there is none, and never before 90 % or after 110 % of the interval', () => {
    expect(isEtaOverdue(bookings[0] as string, null, after(0), 15)).toBe(true);
    for (const bookingId of bookings) {
      expect(isEtaOverdue(bookingId, etaAt, after(15 * (1 - etaSpread) - 0.001), 15)).toBe(false);
      expect(isEtaOverdue(bookingId, etaAt, after(15 * (1 + etaSpread)), 15)).toBe(true);
    }
  });

  it('after an interval of its own for each booking, the same each time, spread across the range', () => {
    const intervals = bookings.map(intervalOf);
    expect(bookings.slice(0, 20).map(intervalOf)).toEqual(intervals.slice(0, 20));
    // 200 bookings that set out together: no tenth of a second of the 3-s range holds more than a handful
    const perTenth = new Map<number, number>();
    for (const interval of intervals) perTenth.set(interval, (perTenth.get(interval) ?? 0) + 1);
    expect(perTenth.size).toBeGreaterThan(25);
    expect(Math.max(...perTenth.values())).toBeLessThan(20);
    expect(Math.min(...intervals)).toBeLessThan(14);
    expect(Math.max(...intervals)).toBeGreaterThan(16);
  });
});
