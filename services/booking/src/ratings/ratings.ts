import type { Actor, EventData, RatingInput } from '@zefy/contracts';
import { accept, type Decision, refuse } from '@zefy/platform/domain';
import type { Booking } from '../booking/booking.ts';

export type RatedBy = EventData<'booking.rated'>['by'];
export type RatingEvent = { type: 'booking.rated'; data: EventData<'booking.rated'> };

/**
 * Whether `actor` may rate the booking: its customer rates the partner, the partner who did it rates the
 * customer, each once (`alreadyRated`: a rating of that side exists), and only after completion.
 */
export function decideRating(
  booking: Booking,
  actor: Actor,
  input: RatingInput,
  alreadyRated: boolean,
): Decision<RatingEvent> {
  if (booking.status === 'none') return refuse('BOOKING.NOT_FOUND', 'no such booking');
  const by: RatedBy | null =
    actor.kind === 'customer' && actor.id === booking.terms.customerId
      ? 'customer'
      : actor.kind === 'partner' && 'assignment' in booking && booking.assignment.partnerId === actor.id
        ? 'partner'
        : null;
  // someone else's booking does not exist, as far as they can tell
  if (by === null)
    return refuse(
      actor.kind === 'partner' ? 'DISPATCH.JOB_NOT_FOUND' : 'BOOKING.NOT_FOUND',
      'no such booking of yours',
    );
  if (booking.status !== 'completed')
    return refuse('JOB.NOT_COMPLETED', `a ${booking.status} booking cannot be rated yet`);
  if (alreadyRated) return refuse('JOB.ALREADY_RATED', 'each side rates a booking once');
  return accept({
    type: 'booking.rated',
    data: {
      bookingId: booking.terms.bookingId,
      customerId: booking.terms.customerId,
      hubId: booking.terms.hubId,
      partnerId: booking.assignment.partnerId,
      by,
      stars: input.stars,
    },
  });
}
