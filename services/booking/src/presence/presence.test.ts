import type { BBox } from '@zefy/rules';
import { describe, expect, it } from 'vitest';
import {
  distanceMeters,
  isFresh,
  isInBbox,
  nextPresence,
  nowCandidates,
  type PresenceRecord,
} from './presence.ts';

const now = Date.parse('2026-03-02T10:00:00Z');
const seen = (secondsAgo: number, lat = 12.97, lng = 77.59, online = true): PresenceRecord => ({
  online,
  lat,
  lng,
  seenAt: new Date(now - secondsAgo * 1000).toISOString(),
  onlineSince: online ? new Date(now - 3600_000).toISOString() : null,
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

  it('keeps a stretch on duty going while heartbeats stay fresh, and starts a new one after a gap', () => {
    const at = new Date(now);
    const going = nextPresence(seen(20), { online: true, lat: 12.98, lng: 77.6 }, at, 60);
    expect(going).toMatchObject({ cameOnDuty: false, wentOffDuty: false });
    expect(going.record).toEqual({
      online: true,
      lat: 12.98,
      lng: 77.6,
      seenAt: at.toISOString(),
      onlineSince: seen(20).onlineSince,
    });
    const back = nextPresence(seen(120), { online: true }, at, 60);
    expect(back).toMatchObject({ cameOnDuty: true, record: { onlineSince: at.toISOString(), lat: 12.97 } });
    expect(nextPresence(null, { online: true, lat: 1, lng: 2 }, at, 60).cameOnDuty).toBe(true);
  });

  it('ends the stretch on duty when the partner goes off duty, keeping the last position', () => {
    const off = nextPresence(seen(5), { online: false }, new Date(now), 60);
    expect(off).toMatchObject({ cameOnDuty: false, wentOffDuty: true });
    expect(off.record).toMatchObject({ online: false, lat: 12.97, lng: 77.59, onlineSince: null });
  });
});
