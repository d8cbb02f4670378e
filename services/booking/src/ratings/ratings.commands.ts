import type { Actor, RatingInput, RatingView } from '@zefy/contracts';
import { AppError, appendToOutbox, createEvent } from '@zefy/platform';
import { appendTimeline, lockBooking } from '../booking/booking.repository.ts';
import type { BookingDeps } from '../deps.ts';
import { countRating } from '../dispatch/dispatch.repository.ts';
import { hasRated, insertRating } from './ratings.repository.ts';
import { decideRating } from './ratings.ts';

/**
 * A rating of a completed booking, under the booking's lock: stored once per side (a second is refused),
 * on the timeline and in the outbox; the customer's counts towards the partner's reputation at once.
 */
export function rateBooking(
  deps: BookingDeps,
  bookingId: string,
  input: RatingInput,
  actor: Actor,
): Promise<RatingView> {
  return deps.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    const side = actor.kind === 'partner' ? 'partner' : 'customer';
    const decision = decideRating(booking.state, actor, input, await hasRated(tx, bookingId, side));
    if (!decision.ok) throw new AppError(decision.code, decision.detail);
    const now = deps.clock.now();
    const envelopes = decision.events.map((event) =>
      createEvent(event.type, event.data, { actor, clock: { now: () => now } }),
    );
    const [rated] = decision.events;
    if (!rated) throw new Error('a rating decision without its event');
    const { customerId, partnerId, by, stars } = rated.data;
    const view = await insertRating(tx, { ...input, bookingId, by, customerId, partnerId, ratedAt: now });
    if (by === 'customer') await countRating(tx, partnerId, stars, now);
    await appendTimeline(tx, bookingId, envelopes);
    await appendToOutbox(tx, envelopes);
    return view;
  });
}
