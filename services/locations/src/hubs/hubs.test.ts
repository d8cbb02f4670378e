import type { NewHub } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { applyHubPatch, isIanaTimezone, planNewHub } from './hubs.ts';

const now = new Date('2026-11-24T10:00:00Z');
const indiranagar: NewHub = {
  name: ' Indiranagar ',
  city: 'Bengaluru',
  timezone: 'Asia/Kolkata',
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [77.627, 12.985],
        [77.65, 12.984],
        [77.657, 12.97],
        [77.648, 12.958],
        [77.63, 12.96],
        [77.624, 12.972],
        [77.627, 12.985],
      ],
    ],
  },
};

describe('planNewHub', () => {
  it('stores the outline with its bounding box and area, active by default', () => {
    const decided = planNewHub(indiranagar, { id: 'h1', now });
    expect(decided.ok).toBe(true);
    if (!decided.ok) return;
    expect(decided.value).toMatchObject({
      id: 'h1',
      name: 'Indiranagar',
      isActive: true,
      bbox: [77.624, 12.958, 77.657, 12.985],
    });
    // roughly 3.3 km × 2.9 km, less the cut corners
    expect(decided.value.areaSquareMetres / 1e6).toBeGreaterThan(5);
    expect(decided.value.areaSquareMetres / 1e6).toBeLessThan(9);
  });

  it('refuses a self-intersecting outline with its own code', () => {
    const bowTie = {
      ...indiranagar,
      polygon: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [77.6, 12.9],
            [77.7, 13.0],
            [77.7, 12.9],
            [77.6, 13.0],
            [77.6, 12.9],
          ] as Array<[number, number]>,
        ],
      },
    };
    expect(planNewHub(bowTie, { id: 'h1', now })).toMatchObject({
      ok: false,
      rejection: { code: 'LOCATIONS.POLYGON_SELF_INTERSECTING', errors: [{ field: 'body.polygon' }] },
    });
  });

  it('refuses an unknown time zone', () => {
    expect(isIanaTimezone('Asia/Kolkata')).toBe(true);
    expect(isIanaTimezone('Mars/Olympus')).toBe(false);
    expect(planNewHub({ ...indiranagar, timezone: 'IST' }, { id: 'h1', now })).toMatchObject({
      ok: false,
      rejection: { code: 'LOCATIONS.TIMEZONE_UNKNOWN' },
    });
  });
});

describe('applyHubPatch', () => {
  it('re-measures a new outline and keeps everything else', () => {
    const created = planNewHub(indiranagar, { id: 'h1', now });
    if (!created.ok) throw new Error('fixture');
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [77.6, 12.9],
          [77.7, 12.9],
          [77.7, 13.0],
          [77.6, 13.0],
          [77.6, 12.9],
        ] as Array<[number, number]>,
      ],
    };
    const patched = applyHubPatch(created.value, { polygon: square, isActive: false }, now);
    expect(patched).toMatchObject({
      ok: true,
      value: { name: 'Indiranagar', isActive: false, bbox: [77.6, 12.9, 77.7, 13.0] },
    });
  });
});
