import {
  type AdminAdjustExtraInput,
  type AdminBookingQuery,
  type AdminRefundInput,
  bookingRoutes,
  type NoShowInput,
  type RefundChoice,
} from '@zefy/contracts';
import { api } from '../../../lib/api-client.ts';

export type BookingFilters = Pick<AdminBookingQuery, 'hubId' | 'status' | 'paid' | 'date' | 'q'>;

export function listBookings(filters: BookingFilters, cursor?: string, signal?: AbortSignal) {
  return api.call(bookingRoutes.listAdminBookings, { query: { ...filters, cursor } }, { signal });
}

export function getBookingDetail(bookingId: string, signal?: AbortSignal) {
  return api.call(bookingRoutes.getAdminBooking, { params: { bookingId } }, { signal });
}

/** What the customer's cancellation rule would refund now: the team's reference when it chooses. */
export function getCancellation(bookingId: string, signal?: AbortSignal) {
  return api.call(bookingRoutes.getCancellation, { params: { bookingId } }, { signal });
}

/** Cancel with the chosen refund; audited with the reason. */
export function cancelBooking(
  bookingId: string,
  reason: string,
  refund: RefundChoice,
  idempotencyKey: string,
) {
  return api.call(
    bookingRoutes.adminCancelBooking,
    { params: { bookingId }, body: { reason, refund } },
    { idempotencyKey },
  );
}

/** Record who did not turn up (the booking is cancelled and refunded accordingly); audited with the reason. */
export function markNoShow(bookingId: string, input: NoShowInput, idempotencyKey: string) {
  return api.call(bookingRoutes.markNoShow, { params: { bookingId }, body: input }, { idempotencyKey });
}

/** Give back part of what the booking was paid (its first payment, then its extra); audited with the reason. */
export function refundInPart(bookingId: string, input: AdminRefundInput, idempotencyKey: string) {
  return api.call(
    bookingRoutes.adminRefundBooking,
    { params: { bookingId }, body: input },
    { idempotencyKey },
  );
}

/** Lower or waive the extra charge (refunding the difference once paid); audited with the reason. */
export function adjustExtra(bookingId: string, input: AdminAdjustExtraInput, idempotencyKey: string) {
  return api.call(bookingRoutes.adminAdjustExtra, { params: { bookingId }, body: input }, { idempotencyKey });
}
