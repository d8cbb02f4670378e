import type { LiveTracking } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { applyTrackingUpdate, fromServer } from './live-tracking.ts';

const bookingId = '018f0000-0000-7000-8000-000000000001';
const enRoute: LiveTracking = {
  bookingId,
  partnerId: 'p1',
  status: 'en_route',
  position: { lat: 12.9, lng: 77.6, accuracyMeters: 10, fixAt: '2026-03-02T05:00:00.000Z' },
  lastUpdateAt: '2026-03-02T05:00:00.000Z',
  isDelayed: false,
  eta: {
    estimatedArrivalAt: '2026-03-02T05:20:00.000Z',
    durationSeconds: 1200,
    distanceMeters: 4000,
    source: 'offline',
    computedAt: '2026-03-02T05:00:00.000Z',
  },
  promisedArrivalAt: '2026-03-02T05:10:00.000Z',
  arrivalStage: 'en_route',
  destination: { lat: 12.95, lng: 77.64 },
};

describe('live tracking as shown', () => {
  it('judges late or early from the promise until the server says', () => {
    expect(fromServer(enRoute)).toMatchObject({ punctuality: 'late', deviationSeconds: 600 });
    expect(fromServer({ ...enRoute, promisedArrivalAt: '2026-03-02T05:17:00.000Z' }).punctuality).toBe(
      'on_time',
    );
    expect(fromServer({ ...enRoute, eta: null }).punctuality).toBe('on_time');
  });

  it('moves the marker, refreshes the ETA and clears "location delayed" on a new position', () => {
    const delayed = { ...fromServer(enRoute), isDelayed: true };
    const position = { lat: 12.91, lng: 77.61, accuracyMeters: 8, fixAt: '2026-03-02T05:01:00.000Z' };
    const moved = applyTrackingUpdate(delayed, { kind: 'position', bookingId, position });
    expect(moved).toMatchObject({ position, lastUpdateAt: position.fixAt, isDelayed: false });

    const eta = {
      ...(enRoute.eta as NonNullable<LiveTracking['eta']>),
      estimatedArrivalAt: '2026-03-02T05:15:00.000Z',
    };
    expect(applyTrackingUpdate(moved, { kind: 'eta', bookingId, ...eta }).eta).toEqual(eta);
  });

  it('takes the first ETA as the promise when there was none', () => {
    const unpromised = fromServer({ ...enRoute, eta: null, promisedArrivalAt: null });
    const eta = enRoute.eta as NonNullable<LiveTracking['eta']>;
    expect(applyTrackingUpdate(unpromised, { kind: 'eta', bookingId, ...eta }).promisedArrivalAt).toBe(
      eta.estimatedArrivalAt,
    );
  });

  it('follows arrival, delays and the punctuality the server pushes, and ignores other bookings', () => {
    let state = fromServer(enRoute);
    state = applyTrackingUpdate(state, { kind: 'location_delayed', bookingId, lastFixAt: null });
    expect(state.isDelayed).toBe(true);
    state = applyTrackingUpdate(state, { kind: 'location_resumed', bookingId });
    expect(state.isDelayed).toBe(false);
    state = applyTrackingUpdate(state, {
      kind: 'punctuality',
      bookingId,
      punctuality: 'early',
      estimatedArrivalAt: '2026-03-02T05:02:00.000Z',
      deviationSeconds: -480,
    });
    expect(state).toMatchObject({ punctuality: 'early', deviationSeconds: -480 });
    state = applyTrackingUpdate(state, { kind: 'arrival', bookingId, stage: 'arrived', distanceMeters: 20 });
    expect(state).toMatchObject({ status: 'arrived', arrivalStage: 'arrived' });
    const other = applyTrackingUpdate(state, {
      kind: 'location_delayed',
      bookingId: 'another',
      lastFixAt: null,
    });
    expect(other).toBe(state);
  });
});
