import type { EventEnvelope } from '@zefy/contracts';
import { onEvents, type Subscription, type Transaction } from '@zefy/platform';
import type { TrackingDeps } from '../deps.ts';
import { forgetBooking } from '../live/live.store.ts';
import { lockTracked, saveTracked } from './bookings.repository.ts';
import { type BookingFact, trackedAfter } from './bookings.ts';

export const bookingsGroup = 'tracking.bookings';

/** One of booking's events applied to tracking's read model, unless a later one was applied already. */
async function apply(
  deps: TrackingDeps,
  tx: Transaction,
  fact: BookingFact,
  event: EventEnvelope,
): Promise<void> {
  const occurredAt = new Date(event.occurredAt);
  const locked = await lockTracked(tx, fact.data.bookingId);
  if (locked && locked.sourceAt > occurredAt) return;
  const after = trackedAfter(locked?.booking ?? null, fact, deps.settings.arrival);
  if (!after) return;
  await saveTracked(tx, after, occurredAt);
  // uploads read the booking from the cache: the next one reads it again
  await forgetBooking(deps.cache, after.bookingId);
}

/** Which partner has which booking, where they head and how far they got, from booking's events. */
export function bookingsSubscriptions(deps: TrackingDeps): Subscription[] {
  return [
    onEvents(deps.db, bookingsGroup, {
      'booking.partner_assigned': (data, tx, event) =>
        apply(deps, tx, { type: 'booking.partner_assigned', data }, event),
      'booking.en_route': (data, tx, event) => apply(deps, tx, { type: 'booking.en_route', data }, event),
      'booking.arrived': (data, tx, event) => apply(deps, tx, { type: 'booking.arrived', data }, event),
      'booking.partner_released': (data, tx, event) =>
        apply(deps, tx, { type: 'booking.partner_released', data }, event),
      'booking.cancelled': (data, tx, event) => apply(deps, tx, { type: 'booking.cancelled', data }, event),
    }),
  ];
}
