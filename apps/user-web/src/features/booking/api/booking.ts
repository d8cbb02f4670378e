import { bookingRoutes, channels, type HoldRequest } from '@zefy/contracts';
import { useLiveQuery, useQuery } from '@zefy/web-kit';
import { api, realtime } from '../../../lib/api-client.ts';

interface AvailabilityQuery {
  serviceId: string;
  addressId: string;
  date?: string;
}

export function useAvailability(query: AvailabilityQuery) {
  return useQuery(`availability/${query.serviceId}/${query.addressId}/${query.date ?? 'today'}`, (signal) =>
    api.call(bookingRoutes.getAvailability, { query }, { signal }),
  );
}

/** The same key for a retry of the same submission, so a lost response never places a second hold. */
export function placeHold(request: HoldRequest, idempotencyKey: string) {
  return api.call(bookingRoutes.placeHold, { body: request }, { idempotencyKey });
}

export function getBooking(bookingId: string, signal?: AbortSignal) {
  return api.call(bookingRoutes.getBooking, { params: { bookingId } }, { signal });
}

/**
 * The booking as the server has it, kept current: every state change on the booking's channel fetches it
 * again (after a reconnect the channel resumes from the last change seen, and the booking is fetched anew).
 */
export function useLiveBooking(bookingId: string) {
  return useLiveQuery(
    { realtime, channel: channels.booking(bookingId) },
    `booking/${bookingId}`,
    (signal) => getBooking(bookingId, signal),
    () => false,
  );
}

/** `idempotencyKey`: the form's, so a retry of the same confirmation is the same cancellation. */
export function cancelBooking(bookingId: string, reason: string, idempotencyKey: string | true = true) {
  return api.call(
    bookingRoutes.cancelBooking,
    { params: { bookingId }, body: { reason } },
    { idempotencyKey },
  );
}

/** What cancelling now would refund and keep, with the rule in words: asked before the customer confirms. */
export function getCancellation(bookingId: string) {
  return api.call(bookingRoutes.getCancellation, { params: { bookingId } });
}
