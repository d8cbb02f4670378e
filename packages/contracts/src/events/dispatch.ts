import { type Static, Type } from 'typebox';
import { BookingWindowSchema } from '../http/booking.ts';

/** Why a partner says no to an offer (also the body of the reject route). */
export const OfferRejectReason = Type.Union(
  [
    Type.Literal('too_far'),
    Type.Literal('busy'),
    Type.Literal('timing'),
    Type.Literal('earning_too_low'),
    Type.Literal('not_my_skill'),
    Type.Literal('other'),
  ],
  { description: 'why the partner rejected the offer' },
);
export type OfferRejectReason = Static<typeof OfferRejectReason>;

/** Why an open offer was taken back before the partner answered it. */
export const OfferWithdrawalReason = Type.Union(
  [
    Type.Literal('taken', { description: 'another partner accepted' }),
    Type.Literal('reassigned', { description: 'an admin assigned a partner' }),
    Type.Literal('partner_offline', { description: 'the partner went off duty' }),
    Type.Literal('partner_busy', { description: 'the partner took another job for the same time' }),
    Type.Literal('booking_cancelled', { description: 'the booking was cancelled, or no partner was found' }),
  ],
  { description: 'why the offer was withdrawn' },
);
export type OfferWithdrawalReason = Static<typeof OfferWithdrawalReason>;

const Ids = { bookingId: Type.String(), hubId: Type.String() };
const Timestamp = Type.String({ format: 'date-time' });

/**
 * Dispatch of a confirmed booking to a partner (services/booking/src/dispatch decides them). The booking
 * service publishes one `offers_sent` per wave; a partner's channel receives it with their own offer only.
 */
export const dispatchEvents = {
  'dispatch.offers_sent': {
    version: 1,
    data: Type.Object({
      ...Ids,
      wave: Type.Integer({ minimum: 1 }),
      trigger: Type.Union([Type.Literal('head_start'), Type.Literal('open_to_all'), Type.Literal('resend')], {
        description: 'best-ranked partners first, then every eligible partner, or an admin sent it again',
      }),
      serviceName: Type.String(),
      area: Type.String({ description: "the hub's name" }),
      window: BookingWindowSchema,
      timeZone: Type.String({ description: "the hub's IANA time zone, to show the window in" }),
      earningPaise: Type.Integer({ minimum: 0, description: "the partner's earning for the job" }),
      sentAt: Timestamp,
      expiresAt: Type.String({ format: 'date-time', description: 'the countdown ends here (server clock)' }),
      offers: Type.Array(
        Type.Object({
          offerId: Type.String(),
          partnerId: Type.String(),
          distanceMeters: Type.Integer({ minimum: 0, description: 'from the partner to the address' }),
        }),
        { minItems: 1 },
      ),
    }),
  },
  'dispatch.offers_withdrawn': {
    version: 1,
    data: Type.Object({
      ...Ids,
      reason: OfferWithdrawalReason,
      partnerIds: Type.Array(Type.String(), { minItems: 1 }),
    }),
  },
  /** The customer, the partner and the admin console are told; `previousPartnerId` was released. */
  'dispatch.partner_assigned': {
    version: 1,
    data: Type.Object({
      ...Ids,
      customerId: Type.String(),
      partnerId: Type.String(),
      assignedBy: Type.Union([Type.Literal('partner'), Type.Literal('admin')]),
      offerId: Type.Union([Type.String(), Type.Null()], {
        description: 'the accepted offer; null for an admin',
      }),
      previousPartnerId: Type.Union([Type.String(), Type.Null()]),
      reason: Type.Union([Type.String(), Type.Null()], { description: "the admin's reason" }),
      window: BookingWindowSchema,
    }),
  },
  /** The partner no longer has the job (reassigned by an admin, or the booking was cancelled). */
  'dispatch.partner_released': {
    version: 1,
    data: Type.Object({
      ...Ids,
      partnerId: Type.String(),
      reason: Type.Union([Type.Literal('reassigned'), Type.Literal('booking_cancelled')]),
    }),
  },
  /** The assigned partner backed out: the job is offered again first, and it counts against them. */
  'dispatch.partner_cancelled': {
    version: 1,
    data: Type.Object({
      ...Ids,
      customerId: Type.String(),
      partnerId: Type.String(),
      reason: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  /** Nobody has taken the job yet at the escalation point: the admin console raises an alert. */
  'dispatch.escalated': {
    version: 1,
    data: Type.Object({
      ...Ids,
      customerId: Type.String(),
      escalatedAt: Timestamp,
      giveUpAt: Type.String({
        format: 'date-time',
        description: 'cancelled and refunded then if unassigned',
      }),
      offeredCount: Type.Integer({ minimum: 0 }),
      rejectedCount: Type.Integer({ minimum: 0 }),
      isPriority: Type.Boolean({ description: 'back in the queue after a partner cancelled' }),
    }),
  },
  /** Past the hard limit with nobody assigned: the booking is cancelled and refunded in full. */
  'dispatch.gave_up': {
    version: 1,
    data: Type.Object({ ...Ids, customerId: Type.String(), reason: Type.Literal('no_partner_found') }),
  },
} as const;
