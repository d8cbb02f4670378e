import type { LiveTracking } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { etaWords, isTracked, markersOf } from './live-job.ts';

const tracking: LiveTracking = {
  bookingId: '11111111-1111-4111-8111-111111111111',
  partnerId: 'partner-1',
  status: 'en_route',
  position: { lat: 12.93, lng: 77.61, accuracyMeters: 10, fixAt: '2026-03-02T10:00:00.000Z' },
  lastUpdateAt: '2026-03-02T10:00:00.000Z',
  isDelayed: false,
  eta: null,
  promisedArrivalAt: null,
  arrivalStage: 'en_route',
  destination: { lat: 12.97, lng: 77.64 },
};

describe("the console's live job", () => {
  it('tracks a booking from assignment until the partner is at the door', () => {
    expect(['assigned', 'en_route', 'arrived'].every((status) => isTracked(status as never))).toBe(true);
    expect(isTracked('in_progress')).toBe(false);
    expect(isTracked('confirmed')).toBe(false);
  });

  it("maps the customer's address and the partner's shown position", () => {
    expect(markersOf(tracking)).toEqual([
      expect.objectContaining({ kind: 'destination', lat: 12.97, lng: 77.64 }),
      expect.objectContaining({ kind: 'partner', lat: 12.93, lng: 77.61, id: 'partner:partner-1' }),
    ]);
    expect(markersOf({ ...tracking, position: null, destination: null })).toEqual([]);
  });

  it('says the ETA in minutes from now', () => {
    const now = Date.parse('2026-03-02T10:00:00.000Z');
    expect(etaWords('2026-03-02T10:06:10.000Z', now)).toBe('in 7 min');
    expect(etaWords('2026-03-02T10:00:30.000Z', now)).toBe('any moment');
    expect(etaWords('2026-03-02T09:57:00.000Z', now)).toBe('overdue by 3 min');
  });
});
