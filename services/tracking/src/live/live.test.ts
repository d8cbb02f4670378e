import { describe, expect, it } from 'vitest';
import type { PositionFix, TrackEvent } from '../positions/positions.ts';
import { isLocationDelayed, outcomeOf } from './live.ts';

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
