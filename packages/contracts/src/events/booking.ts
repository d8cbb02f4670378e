import { Type } from 'typebox';
import { BookingWindowSchema } from '../http/booking.ts';

/**
 * Why a customer's money goes back. Codes, not prose: the notifications service owns the wording, and a
 * new code is a contract change every consumer sees at compile time.
 */
export const RefundReason = Type.Union(
  [
    Type.Literal('hold_expired'),
    Type.Literal('no_capacity'),
    Type.Literal('no_partner_found'),
    Type.Literal('cancelled_by_customer'),
    Type.Literal('cancelled_by_ops'),
  ],
  { description: 'why the payment is refunded' },
);

const refund = Type.Object({
  bookingId: Type.String({ description: 'the booking (or the hold that never became one)' }),
  customerId: Type.String(),
  amountPaise: Type.Integer({ minimum: 1, description: 'amount refunded, integer paise' }),
  reason: RefundReason,
});

/**
 * Booking lifecycle events other services react to. Published by the booking service through its outbox;
 * `customerId` is the identity principal id (the `user:<id>` realtime channel).
 */
export const bookingEvents = {
  /** The payment is verified and the booking exists; dispatch starts looking for a partner. */
  'booking.confirmed': {
    version: 1,
    data: Type.Object({
      bookingId: Type.String(),
      customerId: Type.String(),
      hubId: Type.String(),
      serviceName: Type.String({ description: 'as the customer saw it when booking' }),
      scheduledFor: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'the booked slot start; null for "now"',
      }),
      // the booking service always sends these (its timeline and dispatch need them); optional for v1 producers
      serviceId: Type.Optional(Type.String()),
      addressId: Type.Optional(Type.String()),
      window: Type.Optional(BookingWindowSchema),
      orderId: Type.Optional(Type.String({ description: "the payments service's order id" })),
      paymentId: Type.Optional(Type.String({ description: "the payments service's payment id" })),
      amountPaise: Type.Optional(Type.Integer({ minimum: 1, description: 'what the customer paid' })),
      timeZone: Type.Optional(
        Type.String({ description: "the hub's IANA time zone, in which the slot is shown to the customer" }),
      ),
    }),
  },
  /** A captured payment could not become a booking (hold expired, no capacity); the refund is initiated. */
  'booking.rejected': { version: 1, data: refund },
  /** A confirmed booking's payment was refunded (cancellation, no partner found). */
  'booking.payment_refunded': { version: 1, data: refund },
} as const;
