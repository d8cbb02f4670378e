import { Type } from 'typebox';
import { BookingPriceSchema, BookingWindowSchema, PartnerCard } from '../http/booking.ts';

/** Every booking event names the booking and its hub (the partition key of everything booking-related). */
const Ids = { bookingId: Type.String(), customerId: Type.String(), hubId: Type.String() };

/** Who is on the way to the customer, and since when. */
const Journey = {
  serviceName: Type.String(),
  partnerId: Type.String(),
  partnerName: Type.String({ description: 'as the customer was shown them' }),
  startedAt: Type.String({ format: 'date-time', description: 'when they said "On my way"' }),
};

/**
 * The booking lifecycle (services/booking/src/booking/booking.ts decides them), next to the customer-facing
 * `booking.confirmed`, `booking.rejected` and `booking.payment_refunded` of events/booking.ts; each is also
 * a row of the booking's timeline. The payments service acts on `booking.payment_rejected` (refund this
 * payment), `booking.cancelled` (refund `refundDuePaise` of `paymentId`) and `booking.refund_granted`
 * (refund each of its `parts`).
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
      // the booking service always sends it; optional for holds placed before it did
      timeZone: Type.Optional(
        Type.String({ description: "the hub's IANA time zone, to show the window in" }),
      ),
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
  /**
   * A captured payment that did not (or no longer could) pay for this booking: refund it in full. Also
   * for a payment of someone other than the booking's customer (`payer_not_customer`); `customerId` stays
   * the booking's.
   */
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
        Type.Literal('payer_not_customer'),
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
      // the booking service always sends the rest; optional for cancellations made before it did
      feePaise: Type.Optional(
        Type.Integer({ minimum: 0, description: 'what was paid and is kept: paid − refundDuePaise' }),
      ),
      refundBasis: Type.Optional(
        Type.Union([Type.Literal('rule'), Type.Literal('full'), Type.Literal('custom')], {
          description: "rule: the cancellation rule's refund; full: everything paid; custom: an admin's sum",
        }),
      ),
      rule: Type.Optional(
        Type.Union(
          [Type.Literal('unpaid'), Type.Literal('free'), Type.Literal('fee'), Type.Literal('no_refund')],
          { description: 'which term of the cancellation rule applied when it was cancelled' },
        ),
      ),
      noShow: Type.Optional(
        Type.Union([Type.Literal('customer'), Type.Literal('partner'), Type.Null()], {
          description: 'the team found the customer (partner at the door) or the partner absent',
        }),
      ),
      partnerId: Type.Optional(
        Type.Union([Type.String(), Type.Null()], { description: 'who had the job when it was cancelled' }),
      ),
    }),
  },
  /**
   * A partner has the job: they accepted the offer, or the team assigned (or reassigned) them. The customer's
   * app shows `partner`; `previousPartnerId` (a reassignment) no longer has the job.
   */
  'booking.partner_assigned': {
    version: 1,
    data: Type.Object({
      ...Ids,
      serviceName: Type.String(),
      partnerId: Type.String(),
      partner: PartnerCard,
      assignedBy: Type.Union([Type.Literal('partner'), Type.Literal('admin')]),
      assignedAt: Type.String({ format: 'date-time' }),
      previousPartnerId: Type.Union([Type.String(), Type.Null()]),
      reason: Type.Union([Type.String(), Type.Null()], {
        description: "the team's reason; null for an accept",
      }),
    }),
  },
  /** The assigned partner backed out: the booking is searching for a partner again. */
  'booking.partner_released': {
    version: 1,
    data: Type.Object({
      ...Ids,
      partnerId: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()], {
        description: "the partner's words, for the team (not shown to the customer)",
      }),
    }),
  },
  /** The assigned partner said "On my way": the customer follows them from now on (the tracking service). */
  'booking.en_route': {
    version: 1,
    data: Type.Object({
      ...Ids,
      ...Journey,
      destination: Type.Union([Type.Object({ lat: Type.Number(), lng: Type.Number() }), Type.Null()], {
        description: "the customer's address pin when the partner set out; null: no pin",
      }),
    }),
  },
  /** The partner is at the door: they said so, or tracking saw them within the arrival radius. */
  'booking.arrived': {
    version: 1,
    data: Type.Object({
      ...Ids,
      ...Journey,
      arrivedAt: Type.String({ format: 'date-time' }),
      detectedBy: Type.Union([Type.Literal('partner'), Type.Literal('position')], {
        description: "partner: they said so; position: tracking's arrival by distance",
      }),
    }),
  },
  /**
   * The team gave back part of what a booking that is not closed was paid (`reason`: theirs, audited):
   * `parts` says how much of which payment (its first, then its extra-time payment), and the payments
   * service refunds each. `grantedPaise` is all granted back so far; `refundablePaise` what is left.
   */
  'booking.refund_granted': {
    version: 1,
    data: Type.Object({
      ...Ids,
      amountPaise: Type.Integer({ minimum: 1 }),
      reason: Type.String(),
      parts: Type.Array(
        Type.Object({ paymentId: Type.String(), amountPaise: Type.Integer({ minimum: 1 }) }),
        {
          minItems: 1,
        },
      ),
      grantedPaise: Type.Integer({ minimum: 1 }),
      refundablePaise: Type.Integer({ minimum: 0 }),
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
