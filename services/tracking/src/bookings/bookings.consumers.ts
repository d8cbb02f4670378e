import type { EventEnvelope } from '@zefy/contracts';
import { type AfterCommit, onEvents, type Subscription, type Transaction } from '@zefy/platform';
import type { TrackingDeps } from '../deps.ts';
import { lockTrackedOrNew, saveTracked } from './bookings.repository.ts';
import { cacheBooking } from './bookings.store.ts';
import { type BookingFact, trackedAfter } from './bookings.ts';

export const bookingsGroup = 'tracking.bookings';

/**
 * One of booking's events applied to tracking's read model, unless a later one was applied already. Uploads
 * read the booking from the cache: once committed (not before, or an upload in between would cache the old
 * row again), the new copy replaces the cached one, so a cancelled booking refuses the very next position.
 */
export async function applyBookingFact(
  deps: TrackingDeps,
  tx: Transaction,
  fact: BookingFact,
  event: Pick<EventEnvelope, 'occurredAt'>,
): Promise<AfterCommit | undefined> {
  const occurredAt = new Date(event.occurredAt);
  const locked = await lockTrackedOrNew(tx, fact.data.bookingId);
  if (locked && locked.sourceAt > occurredAt) return undefined;
  const after = trackedAfter(locked?.booking ?? null, fact, deps.settings.arrival);
  if (!after) return undefined;
  await saveTracked(tx, after, occurredAt);
  return () => cacheBooking(deps.cache, { booking: after, sourceAt: occurredAt });
}

/** Which partner has which booking, where they head and how far they got, from booking's events. */
export function bookingsSubscriptions(deps: TrackingDeps): Subscription[] {
  return [
    onEvents(deps.db, bookingsGroup, {
      'booking.partner_assigned': (data, tx, event) =>
        applyBookingFact(deps, tx, { type: 'booking.partner_assigned', data }, event),
      'booking.en_route': (data, tx, event) =>
        applyBookingFact(deps, tx, { type: 'booking.en_route', data }, event),
      'booking.arrived': (data, tx, event) =>
        applyBookingFact(deps, tx, { type: 'booking.arrived', data }, event),
      'booking.partner_released': (data, tx, event) =>
        applyBookingFact(deps, tx, { type: 'booking.partner_released', data }, event),
      'booking.cancelled': (data, tx, event) =>
        applyBookingFact(deps, tx, { type: 'booking.cancelled', data }, event),
    }),
  ];
}
