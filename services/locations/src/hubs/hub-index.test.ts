import type { Position, Ring } from '@zefy/rules';
import { boundingBox, ringAreaSquareMetres } from '@zefy/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HubIndex, type IndexedHub, resolveByScan, resolvePin } from './hub-index.ts';

const rect = (minLng: number, minLat: number, maxLng: number, maxLat: number): Ring => [
  [minLng, minLat],
  [maxLng, minLat],
  [maxLng, maxLat],
  [minLng, maxLat],
  [minLng, minLat],
];
const hub = (id: string, ring: Ring, createdAt = 0): IndexedHub => ({
  id,
  name: id,
  ring,
  bbox: boundingBox(ring),
  areaSquareMetres: ringAreaSquareMetres(ring),
  createdAt,
});

// Koramangala-like big area, HSR-like area overlapping its south-east corner, a small one inside the big one
const big = hub('big', rect(77.6, 12.9, 77.7, 13.0), 1);
const overlapping = hub('overlapping', rect(77.65, 12.85, 77.75, 12.95), 2);
const small = hub('small', rect(77.61, 12.91, 77.62, 12.92), 3);
const index = new HubIndex([big, overlapping, small]);

describe('HubIndex.resolve', () => {
  it('maps a pin inside one hub to it, and a pin outside every hub to none', () => {
    expect(index.resolve([77.68, 12.98])?.id).toBe('big');
    expect(index.resolve([77.5, 12.98])).toBeUndefined();
  });

  it('counts a pin on an edge or a corner as inside', () => {
    expect(index.resolve([77.6, 12.97])?.id).toBe('big');
    expect(index.resolve([77.7, 13.0])?.id).toBe('big');
    expect(index.resolve([77.75, 12.88])?.id).toBe('overlapping');
  });

  it('gives an overlap to the smallest hub', () => {
    expect(index.resolve([77.615, 12.915])?.id).toBe('small');
  });

  it('breaks an equal-area overlap by the oldest, then the lowest id', () => {
    const older = hub('b-older', rect(77.6, 12.9, 77.7, 13.0), 1);
    const newer = hub('a-newer', rect(77.6, 12.9, 77.7, 13.0), 2);
    expect(new HubIndex([newer, older]).resolve([77.65, 12.95])?.id).toBe('b-older');
    const twinA = hub('a', rect(77.6, 12.9, 77.7, 13.0), 1);
    const twinB = hub('b', rect(77.6, 12.9, 77.7, 13.0), 1);
    expect(new HubIndex([twinB, twinA]).resolve([77.65, 12.95])?.id).toBe('a');
  });

  it('agrees with a scan of every polygon for any pin and any set of hubs', () => {
    const rectangle = fc
      .tuple(fc.double({ min: 77, max: 78, noNaN: true }), fc.double({ min: 12, max: 13, noNaN: true }))
      .chain(([lng, lat]) =>
        fc
          .tuple(
            fc.double({ min: 0.001, max: 0.3, noNaN: true }),
            fc.double({ min: 0.001, max: 0.3, noNaN: true }),
          )
          .map(([w, h]) => rect(lng, lat, lng + w, lat + h)),
      );
    const pin = fc.tuple(
      fc.double({ min: 76.9, max: 78.4, noNaN: true }),
      fc.double({ min: 11.9, max: 13.4, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(rectangle, { maxLength: 30 }),
        fc.array(pin, { minLength: 1, maxLength: 20 }),
        (rings, pins) => {
          const hubs = rings.map((ring, i) => hub(`h${i}`, ring, i));
          const indexed = new HubIndex(hubs);
          for (const p of pins)
            expect(indexed.resolve(p as Position)?.id).toBe(resolveByScan(hubs, p as Position)?.id);
        },
      ),
    );
  });
});

describe('resolvePin', () => {
  it('names the hub, or says why not and how far the nearest hub is', () => {
    expect(resolvePin(index, [77.68, 12.98])).toEqual({
      hubId: 'big',
      hubName: 'big',
      notServiceableReason: null,
    });
    const outside = resolvePin(index, [77.5, 12.95]);
    expect(outside.hubId).toBeNull();
    // 0.1° of longitude at 12.95°N is about 10.8 km
    expect(outside.notServiceableReason).toBe(
      'Not serviceable yet: this pin is outside every Zefy service area; the nearest, big, is about 10.8 km away.',
    );
    expect(resolvePin(new HubIndex([]), [77.5, 12.95]).notServiceableReason).toBe(
      'Not serviceable yet: Zefy does not serve any area at the moment.',
    );
  });
});
