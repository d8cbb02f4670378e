import { Type } from 'typebox';
import { BookingPriceSchema, BookingWindowSchema } from '../http/booking.ts';

/** Every booking event names the booking and its hub (the partition key of everything booking-related). */
const Ids = { bookingId: Type.String(), customerId: Type.String(), hubId: Type.String() };

/**
 * The booking lifecycle (services/booking/src/booking/booking.ts decides them), next to the customer-facing
 * `booking.confirmed`, `booking.rejected` and `booking.payment_refunded` of events/booking.ts; each is also
 * a row of the booking's timeline. The payments service acts on `booking.payment_rejected` (refund this
 * payment) and `booking.cancelled` (refund `refundDuePaise` of `paymentId`).
 */
export const bookingLifecycleEvents = {
  'booking.held': {
    version: 1,
    data: Type.Object({
      ...Ids,
      serviceId: Type.String(),
      serviceName: Type.String({ description: 'as the customer saw it when booking' }),
      addressId: Type.String(),
      partnerId: Type.String({ description: 'the capacity unit held; dispatch may assign someone else' }),
      window: BookingWindowSchema,
      price: BookingPriceSchema,
      amountPaise: Type.Integer({ minimum: 100 }),
      currency: Type.Literal('INR'),
      expiresAt: Type.String({ format: 'date-time' }),
    }),
  },
  'booking.payment_started': {
    version: 1,
    data: Type.Object({ ...Ids, orderId: Type.String(), amountPaise: Type.Integer() }),
  },
  'booking.payment_failed': {
    version: 1,
    data: Type.Object({ ...Ids, orderId: Type.String(), paymentId: Type.String(), reason: Type.String() }),
  },
  'booking.hold_expired': {
    version: 1,
    data: Type.Object({ ...Ids, partnerId: Type.String() }),
  },
  /** A captured payment that did not (or no longer could) pay for this booking: refund it in full. */
  'booking.payment_rejected': {
    version: 1,
    data: Type.Object({
      ...Ids,
      orderId: Type.String(),
      paymentId: Type.String(),
      amountPaise: Type.Integer(),
      reason: Type.Union([
        Type.Literal('hold_expired'),
        Type.Literal('amount_mismatch'),
        Type.Literal('duplicate_payment'),
        Type.Literal('booking_closed'),
      ]),
    }),
  },
  'booking.cancelled': {
    version: 1,
    data: Type.Object({
      ...Ids,
      cancelledBy: Type.Union([Type.Literal('customer'), Type.Literal('admin'), Type.Literal('system')]),
      reason: Type.String(),
      paymentId: Type.Union([Type.String(), Type.Null()]),
      refundDuePaise: Type.Integer({ minimum: 0 }),
    }),
  },
  'booking.refunded': {
    version: 1,
    data: Type.Object({
      ...Ids,
      paymentId: Type.String(),
      refundId: Type.String(),
      amountPaise: Type.Integer(),
      refundedPaise: Type.Integer({ description: 'total refunded so far' }),
    }),
  },
} as const;
