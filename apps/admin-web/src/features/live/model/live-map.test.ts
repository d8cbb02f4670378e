import type { AdminHubDashboard, LiveTracking } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import { liveMarkers, moveTracked } from './live-map.ts';

const hub = (partners: AdminHubDashboard['partnersOnDuty']): AdminHubDashboard => ({
  hubId: 'hub-1',
  hubName: 'Indiranagar',
  timeZone: 'Asia/Kolkata',
  today: '2026-03-02',
  bookingsToday: [],
  waitingForPartner: 0,
  slaBreaches: 0,
  partnersOnline: partners.length,
  otpLocked: 0,
  partnersOnDuty: partners,
});
const onDuty = (partnerId: string, lat: number) => ({
  partnerId,
  name: partnerId === 'p-1' ? 'Asha Rao' : null,
  lat,
  lng: 77.6,
  lastSeenAt: '2026-03-02T10:00:00.000Z',
});
const enRoute = (partnerId: string, bookingId: string): LiveTracking => ({
  bookingId,
  partnerId,
  status: 'en_route',
  position: { lat: 12.5, lng: 77.5, accuracyMeters: 5, fixAt: '2026-03-02T10:00:00.000Z' },
  lastUpdateAt: '2026-03-02T10:00:00.000Z',
  isDelayed: false,
  eta: null,
  promisedArrivalAt: null,
  arrivalStage: 'en_route',
  destination: { lat: 12.9, lng: 77.7 },
});

describe('the live map', () => {
  it('marks every partner on duty, and a partner on the way once, where tracking shows them, with the address', () => {
    const markers = liveMarkers(
      [hub([onDuty('p-1', 12.1), onDuty('p-2', 12.2)])],
      [enRoute('p-2', '11111111-1111-4111-8111-111111111111')],
    );
    expect(markers.map(({ id, kind, lat, label }) => ({ id, kind, lat, label }))).toEqual([
      { id: 'partner:p-1', kind: 'partner', lat: 12.1, label: 'Asha Rao, on duty in Indiranagar' },
      { id: 'partner:p-2', kind: 'partner', lat: 12.5, label: 'Partner p-2, on the way to booking 11111111' },
      {
        id: 'address:11111111-1111-4111-8111-111111111111',
        kind: 'destination',
        lat: 12.9,
        label: 'Address of booking 11111111',
      },
    ]);
  });

  it('keeps the heartbeat position of a partner on the way before tracking has one', () => {
    const markers = liveMarkers(
      [hub([onDuty('p-2', 12.2)])],
      [{ ...enRoute('p-2', '11111111-1111-4111-8111-111111111111'), position: null }],
    );
    expect(markers.filter((marker) => marker.kind === 'partner')).toEqual([
      expect.objectContaining({ id: 'partner:p-2', lat: 12.2 }),
    ]);
  });

  it('moves the job a hub channel update is about, and only that one', () => {
    const jobs = [enRoute('p-1', 'b-1'), enRoute('p-2', 'b-2')];
    const position = { lat: 12.7, lng: 77.6, accuracyMeters: 5, fixAt: '2026-03-02T10:00:10.000Z' };
    const moved = moveTracked(jobs, { kind: 'position', bookingId: 'b-2', position });
    expect(moved[0]).toBe(jobs[0]);
    expect(moved[1]).toMatchObject({ position, lastUpdateAt: position.fixAt });
    expect(liveMarkers([], moved).find((marker) => marker.id === 'partner:p-2')?.lat).toBe(12.7);
  });
});
