import type { DispatchJob } from './dispatch.ts';
import type { Candidate } from './waves.ts';

/** An eligible partner for tests: at the default reputation threshold, never idle, 1 km away, no other offers. */
export const candidate = (partnerId: string, fields: Partial<Candidate> = {}): Candidate => ({
  partnerId,
  offerId: `offer-${partnerId}`,
  reputation: 4.5,
  idleSeconds: 0,
  distanceMeters: 1000,
  openOffers: 0,
  ...fields,
});

/** A "now" job in Indiranagar confirmed at 10:00 on 2026-03-02, as tests of the round and its timers use it. */
export const job: Omit<DispatchJob, 'earningPaise'> = {
  bookingId: 'b-1',
  customerId: 'c-1',
  hubId: 'hub-1',
  area: 'Indiranagar',
  serviceName: 'Bathroom cleaning',
  window: { kind: 'now', startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:30:00.000Z' },
  timeZone: 'Asia/Kolkata',
  confirmedAt: '2026-03-02T10:00:00.000Z',
};
