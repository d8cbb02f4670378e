import { describe, expect, it } from 'vitest';
import { offset, origin } from '../geo.fixture.ts';
import { offlineEta } from './eta.offline.ts';
import { etaDefaults } from './eta.ts';

const estimator = offlineEta(etaDefaults.offline);
/** About 1 km north of the origin: 1,350 m by road with the 1.35 road factor. */
const oneKilometre = { origin, destination: offset(1000) };
const leaving = (instant: string) => ({ ...oneKilometre, departAt: new Date(instant) });

describe('the offline ETA estimator', () => {
  it('rides the road distance at the night speed (32 km/h at 03:00 in Bengaluru)', () => {
    expect(estimator.estimateOne(leaving('2026-03-01T21:30:00Z'))).toEqual({
      durationSeconds: 152,
      distanceMeters: 1350,
      source: 'offline',
      fallbackReason: null,
    });
  });

  it('is slower in the evening peak (12 km/h at 18:00 IST)', () => {
    expect(estimator.estimateOne(leaving('2026-03-02T12:30:00Z')).durationSeconds).toBe(405);
  });

  it('blends the hour’s speed into the next one’s, so the ETA does not jump on the hour', () => {
    // 17:30 IST: halfway between 13 and 12 km/h
    expect(estimator.estimateOne(leaving('2026-03-02T12:00:00Z')).durationSeconds).toBe(389);
  });

  it('reads the hours in the hub’s time zone', () => {
    const inUtc = offlineEta({ ...etaDefaults.offline, timeZone: 'UTC' });
    // 12:30 UTC is 12:30 there (19 km/h), not 18:00
    expect(inUtc.estimateOne(leaving('2026-03-02T12:30:00Z')).durationSeconds).toBe(256);
  });

  it('estimates nothing to go for a partner already at the address', () => {
    expect(estimator.estimateOne({ origin, destination: origin, departAt: new Date() })).toMatchObject({
      durationSeconds: 0,
      distanceMeters: 0,
    });
  });

  it('answers a list of requests in their order', async () => {
    const requests = [leaving('2026-03-02T12:30:00Z'), leaving('2026-03-01T21:30:00Z')];
    const estimates = await estimator.estimate(requests);
    expect(estimates.map((estimate) => estimate.durationSeconds)).toEqual([405, 152]);
  });
});
