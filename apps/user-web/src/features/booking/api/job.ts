import { channels, jobRoutes, type MyBookingsQuery, type RatingInput } from '@zefy/contracts';
import { bookingIdOf, useLiveQuery, useQuery } from '@zefy/web-kit';
import { api, realtime } from '../../../lib/api-client.ts';

/**
 * The start and end codes to read out to the partner, fetched again with every change of the booking's
 * state (a reissued code, the start code used) and on every reconnect.
 */
export function useOtps(bookingId: string) {
  return useLiveQuery(
    { realtime, channel: channels.booking(bookingId) },
    `otps/${bookingId}`,
    (signal) => api.call(jobRoutes.getOtps, { params: { bookingId } }, { signal }),
    () => false,
  );
}

/** A rating is given once: a retry of the same tap carries the same key and answers the same rating. */
export function rateJob(bookingId: string, rating: RatingInput, idempotencyKey: string) {
  return api.call(jobRoutes.rateJob, { params: { bookingId }, body: rating }, { idempotencyKey });
}

export function useMyBookings(scope: MyBookingsQuery['scope'], customerId: string) {
  return useLiveQuery(
    { realtime, channel: channels.user(customerId) },
    `my-bookings/${scope}`,
    (signal) => api.call(jobRoutes.listMyBookings, { query: { scope, limit: 50 } }, { signal }),
    (event) => bookingIdOf(event) !== null,
  );
}

/** `version` is part of the key: the booking's `updatedAt` fetches the receipt again when the booking changes. */
export function useReceipt(bookingId: string, version: string) {
  return useQuery(`receipt/${bookingId}/${version}`, (signal) =>
    api.call(jobRoutes.getReceipt, { params: { bookingId } }, { signal }),
  );
}

/** The customer's answer to a proposed extra; the same answer again is answered the same. */
export const decideExtra = (bookingId: string, extraId: string, decision: 'approve' | 'decline') =>
  api.call(decision === 'approve' ? jobRoutes.approveExtra : jobRoutes.declineExtra, {
    params: { bookingId, extraId },
  });
