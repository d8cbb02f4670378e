import { describe, expect, it } from 'vitest';
import {
  type BBox,
  distanceMeters,
  isFresh,
  isInBbox,
  nowCandidates,
  type PresenceRecord,
} from './presence.ts';

const now = Date.parse('2026-03-02T10:00:00Z');
const seen = (secondsAgo: number, lat = 12.97, lng = 77.59, online = true): PresenceRecord => ({
  online,
  lat,
  lng,
  seenAt: new Date(now - secondsAgo * 1000).toISOString(),
});
const bengaluru: BBox = [77.4, 12.8, 77.8, 13.1];

describe('presence', () => {
  it('counts a partner as online only with a heartbeat within the freshness window', () => {
    expect(isFresh(seen(59), now, 60)).toBe(true);
    expect(isFresh(seen(61), now, 60)).toBe(false);
    expect(isFresh(seen(1, 12.97, 77.59, false), now, 60)).toBe(false);
  });

  it('checks the hub bounds, and trusts the hub assignment while the bounds are unknown', () => {
    expect(isInBbox({ lat: 12.97, lng: 77.59 }, bengaluru)).toBe(true);
    expect(isInBbox({ lat: 19.07, lng: 72.87 }, bengaluru)).toBe(false);
    expect(isInBbox({ lat: 19.07, lng: 72.87 }, null)).toBe(true);
  });

  it('measures distance on the sphere', () => {
    // MG Road to Indiranagar, about 3.7 km
    const meters = distanceMeters({ lat: 12.9756, lng: 77.6066 }, { lat: 12.9719, lng: 77.6412 });
    expect(meters).toBeGreaterThan(3_500);
    expect(meters).toBeLessThan(3_900);
  });

  it('lists fresh, in-hub, eligible partners nearest first', () => {
    const presence = new Map<string, PresenceRecord>([
      ['far', seen(5, 13.05, 77.6)],
      ['near', seen(5, 12.975, 77.607)],
      ['stale', seen(120, 12.975, 77.607)],
      ['outside', seen(5, 19.07, 72.87)],
      ['not-eligible', seen(5, 12.975, 77.607)],
    ]);
    expect(
      nowCandidates({
        eligibleIds: ['far', 'near', 'stale', 'outside', 'nobody'],
        presence,
        bbox: bengaluru,
        origin: { lat: 12.9756, lng: 77.6066 },
        now,
        freshSeconds: 60,
      }),
    ).toEqual(['near', 'far']);
  });
});
