import {
  type Actor,
  type BookingPrice,
  type BookingWindow,
  type EventData,
  type EventType,
  type JobExtra,
  maxJobExtras,
  type PartnerCard,
} from '@zefy/contracts';
import {
  accept,
  assertNever,
  type DecideContext,
  type Decider,
  type Decision,
  refuse,
} from '@zefy/platform/domain';
import { applyRateHalfUp, type PricingRule, priceBreakdown } from '@zefy/rules';
import {
  type CancellationPolicy,
  type CancellationQuote,
  type CancellationStage,
  quoteCancellation,
} from './cancellation.ts';
import { allocateRefund, checkAdjustedExtra, refundableOf, withGranted } from './refunds.ts';

/** What a hold promises: fixed when it is placed; the price never changes afterwards. */
export interface BookingTerms {
  bookingId: string;
  customerId: string;
  hubId: string;
  /** The hub's IANA time zone when the hold was placed: the window is shown in it. */
  timeZone: string;
  serviceId: string;
  serviceName: string;
  addressId: string;
  /** The capacity unit held (a partner's time); dispatch may later assign someone else. */
  partnerId: string;
  window: BookingWindow;
  price: BookingPrice;
  holdExpiresAt: string;
}

/** Who has the job, and what the customer is shown of them. */
export interface Assignment {
  partnerId: string;
  partner: PartnerCard;
  assignedAt: string;
  assignedBy: 'partner' | 'admin';
}

/** Where the partner is heading: the address pin as booking knew it when they set out (null: no pin). */
export interface Destination {
  lat: number;
  lng: number;
}

export type ArrivalDetectedBy = EventData<'booking.arrived'>['detectedBy'];

export type CancelledBy = EventData<'booking.cancelled'>['cancelledBy'];

/** What an admin gives back when cancelling: everything paid (the default), what the rule gives, or a sum. */
export type RefundChoice = { kind: 'full' } | { kind: 'rule' } | { kind: 'custom'; amountPaise: number };

/** Who did not turn up, as the team found: the customer (the partner was at the door) or the partner. */
export type NoShow = 'customer' | 'partner';

export interface CapturedPayment {
  paymentId: string;
  orderId: string;
  amountPaise: number;
  /** What the team granted back of it while the booking was open (refunds in part); absent: none. */
  grantedRefundPaise?: number;
  /** What of that grant payments has refunded so far, while the booking was open; absent: none. */
  refundedPaise?: number;
}

/** The server's timer of a finished job, and what its time beyond the included minutes costs. */
export interface FinishedWork {
  startedAt: string;
  endedAt: string;
  workedMinutes: number;
  extraDuePaise: number;
  /** The payable the extra is paid through (a second order of the booking); null when nothing is due. */
  extraPayableId: string | null;
  /** The extras as they stood at the end OTP; absent on jobs that ended before extras existed. */
  extras?: JobExtra[];
}

export type Booking =
  | { status: 'none' }
  | { status: 'held'; terms: BookingTerms }
  | { status: 'awaiting_payment'; terms: BookingTerms; orderId: string }
  | { status: 'payment_failed'; terms: BookingTerms; orderId: string; failureReason: string }
  | { status: 'expired'; terms: BookingTerms; orderId: string | null }
  | { status: 'confirmed'; terms: BookingTerms; payment: CapturedPayment }
  | { status: 'assigned'; terms: BookingTerms; payment: CapturedPayment; assignment: Assignment }
  | {
      status: 'en_route';
      terms: BookingTerms;
      payment: CapturedPayment;
      assignment: Assignment;
      startedAt: string;
    }
  | {
      status: 'arrived';
      terms: BookingTerms;
      payment: CapturedPayment;
      assignment: Assignment;
      startedAt: string;
      arrivedAt: string;
    }
  | {
      status: 'in_progress';
      terms: BookingTerms;
      payment: CapturedPayment;
      assignment: Assignment;
      /** When the start OTP matched: the server's timer runs from here. */
      jobStartedAt: string;
      /** Add-ons and materials the partner proposed; absent on jobs started before extras existed. */
      extras?: JobExtra[];
    }
  | {
      status: 'awaiting_extra_payment';
      terms: BookingTerms;
      payment: CapturedPayment;
      assignment: Assignment;
      work: FinishedWork;
    }
  | {
      status: 'completed';
      terms: BookingTerms;
      payment: CapturedPayment;
      assignment: Assignment;
      work: FinishedWork;
      extraPayment: CapturedPayment | null;
      completedAt: string;
    }
  | {
      status: 'rejected';
      terms: BookingTerms;
      payment: CapturedPayment;
      reason: RejectionReason;
      refundedPaise: number;
      refundIds: string[];
    }
  | {
      status: 'cancelled';
      terms: BookingTerms;
      orderId: string | null;
      payment: CapturedPayment | null;
      cancelledBy: CancelledBy;
      refundDuePaise: number;
      refundedPaise: number;
      refundIds: string[];
    }
  | {
      status: 'refunded';
      terms: BookingTerms;
      payment: CapturedPayment;
      /** Who cancelled it before the refund; null for a rejected payment; absent on bookings refunded before it was kept. */
      cancelledBy?: CancelledBy | null;
      refundDuePaise: number;
      refundedPaise: number;
      refundIds: string[];
    };

type Exists<B> = B extends { status: 'none' } ? never : B;
export type ExistingBooking = Exists<Booking>;

export type RejectionReason = EventData<'booking.payment_rejected'>['reason'];

export type BookingCommand =
  /**
   * `unpaidHolds`: the customer's other holds not yet paid and not lapsed, counted by the shell under a
   * per-customer lock (a fact across bookings), so concurrent placements cannot both slip under the limit.
   */
  | { type: 'PlaceHold'; terms: BookingTerms; unpaidHolds: number; maxUnpaidHolds: number }
  /** `customerId`: whom the payments service opened the order for. */
  | { type: 'StartPayment'; orderId: string; customerId: string; amountPaise: number }
  | { type: 'FailPayment'; orderId: string; paymentId: string; reason: string }
  | { type: 'ExpireHold' }
  /**
   * `hasCapacity`: the shell still holds (or could re-take) the partner's time for this booking. Only the
   * shell can know it (it is a row in PostgreSQL), so it comes with the command.
   */
  | {
      type: 'CapturePayment';
      orderId: string;
      paymentId: string;
      customerId: string;
      amountPaise: number;
      hasCapacity: boolean;
    }
  /** Dispatch found the partner (the system, from an accept) or the team chose them (admin): assign or reassign. */
  | {
      type: 'AssignPartner';
      partnerId: string;
      partner: PartnerCard;
      assignedBy: Assignment['assignedBy'];
      reason: string | null;
    }
  /** The assigned partner backed out; dispatch searches again. */
  | { type: 'ReleasePartner'; partnerId: string; reason: string | null }
  /** The assigned partner sets out ("On my way"); `destination` comes from the shell's address projection. */
  | { type: 'StartJourney'; destination: Destination | null }
  /** The partner is at the door: they said so, or tracking saw them within the arrival radius (the system). */
  | { type: 'ConfirmArrival'; detectedBy: ArrivalDetectedBy }
  /**
   * `policy`: the service's cancellation terms (a customer's refund follows them exactly); `refund`: an
   * admin's choice (default in full); `noShow`: an admin's finding, which fixes the refund itself (the rule
   * for an absent customer, everything for an absent partner).
   */
  | { type: 'Cancel'; reason: string; policy: CancellationPolicy; refund?: RefundChoice; noShow?: NoShow }
  | { type: 'RecordRefund'; paymentId: string; refundId: string; amountPaise: number }
  /** The start OTP matched (checked by the job module): the server's timer starts. */
  | { type: 'StartJob'; partnerId: string }
  /**
   * The end OTP matched: the timer stops; `pricing` is the service's rule the extra time is charged by,
   * `extraPayableId` a fresh id for its payment, used only if something is due.
   */
  | { type: 'EndJob'; partnerId: string; pricing: PricingRule; extraPayableId: string }
  /** The team gives back part of what an open booking was paid (refunds.ts says how much is left). */
  | { type: 'RefundPart'; amountPaise: number; reason: string }
  /**
   * The team lowers (or waives) the extra charge: before it is paid, the customer owes the new amount
   * through a fresh payable (`extraPayableId`); once paid, the difference is refunded in part.
   */
  | { type: 'AdjustExtra'; amountPaise: number; reason: string; extraPayableId: string }
  /** The assigned partner proposes an add-on or material (`amountPaise` before GST) while the job runs. */
  | {
      type: 'ProposeExtra';
      extraId: string;
      kind: JobExtra['kind'];
      description: string;
      amountPaise: number;
    }
  /** The customer approves or declines a proposed extra, once, before the end OTP. */
  | { type: 'DecideExtra'; extraId: string; decision: 'approve' | 'decline' }
  /** A verified payment of the extra time (the booking's second order). */
  | {
      type: 'CaptureExtraPayment';
      orderId: string;
      paymentId: string;
      customerId: string;
      amountPaise: number;
    };

export type BookingEventType = Extract<
  EventType,
  | 'booking.held'
  | 'booking.payment_started'
  | 'booking.payment_failed'
  | 'booking.hold_expired'
  | 'booking.confirmed'
  | 'booking.payment_rejected'
  | 'booking.rejected'
  | 'booking.partner_assigned'
  | 'booking.partner_released'
  | 'booking.en_route'
  | 'booking.arrived'
  | 'booking.cancelled'
  | 'booking.refunded'
  | 'booking.payment_refunded'
  | 'booking.job_started'
  | 'booking.job_ended'
  | 'booking.completed'
  | 'booking.refund_granted'
  | 'booking.extra_adjusted'
  | 'booking.extra_proposed'
  | 'booking.extra_approved'
  | 'booking.extra_declined'
>;

/** What booking always puts in `booking.confirmed` beyond the customer-facing fields (optional in the contract). */
interface ConfirmationDetails {
  serviceId: string;
  addressId: string;
  window: BookingWindow;
  orderId: string;
  paymentId: string;
  amountPaise: number;
  timeZone: string;
}

type BookingEventData<T extends BookingEventType> = T extends 'booking.confirmed'
  ? EventData<T> & ConfirmationDetails
  : T extends 'booking.held'
    ? EventData<T> & { timeZone: string }
    : EventData<T>;

export type BookingEvent = {
  [T in BookingEventType]: { type: T; data: BookingEventData<T> };
}[BookingEventType];

/**
 * Who may issue each command. Partners act on a booking through dispatch (an accept, backing out), which
 * issues the booking's command as the system, and on their own job's journey (only the assignee); the system
 * cancels when no partner was found, and confirms an arrival tracking saw.
 */
export const permittedActors: Record<BookingCommand['type'], readonly Actor['kind'][]> = {
  PlaceHold: ['customer'],
  StartPayment: ['system'],
  FailPayment: ['system'],
  ExpireHold: ['system'],
  CapturePayment: ['system'],
  AssignPartner: ['system', 'admin'],
  ReleasePartner: ['system'],
  StartJourney: ['partner'],
  ConfirmArrival: ['partner', 'system'],
  Cancel: ['customer', 'admin', 'system'],
  RecordRefund: ['system'],
  StartJob: ['partner'],
  EndJob: ['partner'],
  CaptureExtraPayment: ['system'],
  RefundPart: ['admin'],
  AdjustExtra: ['admin'],
  ProposeExtra: ['partner'],
  DecideExtra: ['customer'],
};

/**
 * States in which the booking keeps a claim on a partner's time. Exhaustive, so a new state (dispatch's
 * assigned, en route, …) has to say whether it keeps the partner's time.
 */
export function holdsCapacity(booking: Booking): boolean {
  switch (booking.status) {
    case 'held':
    case 'awaiting_payment':
    case 'confirmed':
    case 'assigned':
    case 'en_route':
    case 'arrived':
    case 'in_progress':
      return true;
    // a failed payment lets the time go at once, so the customer (or anyone) can book it again; a retry
    // that succeeds takes it back if it is still free (booking.commands.ts hasCapacityFor)
    case 'payment_failed':
    case 'awaiting_extra_payment':
    case 'completed':
    case 'none':
    case 'expired':
    case 'rejected':
    case 'cancelled':
    case 'refunded':
      return false;
    default:
      return assertNever(booking);
  }
}

/** Who has the job and since when, in the states where someone has it. Exhaustive, like holdsCapacity. */
export function assignmentOf(booking: Booking): Assignment | null {
  switch (booking.status) {
    case 'assigned':
    case 'en_route':
    case 'arrived':
    case 'in_progress':
    case 'awaiting_extra_payment':
    case 'completed':
      return booking.assignment;
    case 'none':
    case 'held':
    case 'awaiting_payment':
    case 'payment_failed':
    case 'expired':
    case 'confirmed':
    case 'rejected':
    case 'cancelled':
    case 'refunded':
      return null;
    default:
      return assertNever(booking);
  }
}

/** The partner who has the job, in the states where someone has it. */
export const assigneeOf = (booking: Booking): string | null => assignmentOf(booking)?.partnerId ?? null;

type LiveBooking = Extract<Booking, { status: 'confirmed' | 'assigned' | 'en_route' | 'arrived' }>;

/**
 * Paid and not closed: it may be cancelled, and the team may (re)assign it, also once the partner set out
 * (a partner stuck on the way is replaced; the new one starts from `assigned`).
 */
export const isLive = (booking: Booking): booking is LiveBooking =>
  booking.status === 'confirmed' ||
  booking.status === 'assigned' ||
  booking.status === 'en_route' ||
  booking.status === 'arrived';

type OpenPaidBooking = Extract<
  Booking,
  {
    status:
      | 'confirmed'
      | 'assigned'
      | 'en_route'
      | 'arrived'
      | 'in_progress'
      | 'awaiting_extra_payment'
      | 'completed';
  }
>;

/**
 * Paid and not closed: the states a refund in part gives back from (a closed booking's refund is its
 * cancellation's; an unpaid one has nothing to give back). Exhaustive, like holdsCapacity.
 */
export function isOpenPaid(booking: Booking): booking is OpenPaidBooking {
  switch (booking.status) {
    case 'confirmed':
    case 'assigned':
    case 'en_route':
    case 'arrived':
    case 'in_progress':
    case 'awaiting_extra_payment':
    case 'completed':
      return true;
    case 'none':
    case 'held':
    case 'awaiting_payment':
    case 'payment_failed':
    case 'expired':
    case 'rejected':
    case 'cancelled':
    case 'refunded':
      return false;
    default:
      return assertNever(booking);
  }
}

/** The captured payments of a paid booking that is not closed, its own first, then its extra's; else null. */
export function openPaymentsOf(booking: Booking): CapturedPayment[] | null {
  if (!isOpenPaid(booking)) return null;
  return booking.status === 'completed' && booking.extraPayment
    ? [booking.payment, booking.extraPayment]
    : [booking.payment];
}

/** What the team may still refund in part: 0 when the booking takes no refund in part. */
export const refundableInPartOf = (booking: Booking): number => {
  const payments = openPaymentsOf(booking);
  return payments ? refundableOf(payments) : 0;
};

/** Unpaid states that lapse at `holdExpiresAt`. */
export const isPendingHold = (
  booking: Booking,
): booking is Extract<Booking, { status: 'held' | 'awaiting_payment' | 'payment_failed' }> =>
  booking.status === 'held' || booking.status === 'awaiting_payment' || booking.status === 'payment_failed';

/** Where the start OTP is taken: once the partner is at the door. */
export const canStartJob = (booking: Booking): booking is Extract<Booking, { status: 'arrived' }> =>
  booking.status === 'arrived';

/** Whole minutes of the server's timer: a started minute is not a worked one. */
export const workedMinutesBetween = (startedAt: string, endedAt: string): number =>
  Math.max(0, Math.floor((Date.parse(endedAt) - Date.parse(startedAt)) / 60_000));

/** A job's extras, in the states that have them. */
export function extrasOf(booking: Booking): JobExtra[] {
  if (booking.status === 'in_progress') return booking.extras ?? [];
  if (booking.status === 'awaiting_extra_payment' || booking.status === 'completed')
    return booking.work.extras ?? [];
  return [];
}

/**
 * What counts at the end OTP: approved extras only. One still proposed then is not charged (the customer
 * never agreed to it) and can no longer be decided.
 */
export const approvedExtrasPaise = (extras: readonly JobExtra[]): number =>
  extras.reduce((sum, extra) => sum + (extra.status === 'approved' ? extra.amountPaise : 0), 0);

/**
 * What the customer owes at the end OTP, tax included: the shared price function's pre-tax total for the
 * time worked plus the approved extras (`approvedPaise`, before GST), taxed once at the service's rate as the
 * price is, less the total already paid for the included time (so the tax is never rounded twice).
 */
export const extraDuePaise = (pricing: PricingRule, workedMinutes: number, approvedPaise = 0): number => {
  const pretaxPaise = priceBreakdown(pricing, workedMinutes).pretaxPaise + approvedPaise;
  const totalPaise = pretaxPaise + applyRateHalfUp(pretaxPaise, pricing.taxRateBasisPoints);
  const extra = totalPaise - priceBreakdown(pricing).totalPaise;
  // Razorpay charges at least ₹1: less than that is not worth a second payment, so it is waived
  return extra < minimumChargePaise ? 0 : extra;
};

export const minimumChargePaise = 100;

type BookingDecision = Decision<BookingEvent>;

/** Nothing to do: a duplicate or a late fact. */
const ignore: BookingDecision = accept();

const ids = (terms: BookingTerms) => ({
  bookingId: terms.bookingId,
  customerId: terms.customerId,
  hubId: terms.hubId,
});

const paymentOf = (booking: ExistingBooking): CapturedPayment | null =>
  'payment' in booking ? booking.payment : null;

const orderOf = (booking: ExistingBooking): string | null => {
  if ('orderId' in booking) return booking.orderId;
  return paymentOf(booking)?.orderId ?? null;
};

function validateTerms(terms: BookingTerms, now: Date): string | null {
  const { price, window } = terms;
  if (
    price.totalPaise !== price.pretaxPaise + price.taxPaise ||
    price.pretaxPaise !== price.basePaise + price.extraPaise
  )
    return 'the price breakdown does not add up';
  if (price.totalPaise < 100) return 'the price must be at least ₹1.00 (100 paise)';
  if (Date.parse(window.endsAt) <= Date.parse(window.startsAt)) return 'the window must end after it starts';
  if (Date.parse(terms.holdExpiresAt) <= now.getTime()) return 'the hold must expire in the future';
  return null;
}

function rejectPayment(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'CapturePayment' }>,
  reason: RejectionReason,
): BookingEvent {
  return {
    type: 'booking.payment_rejected',
    data: {
      ...ids(booking.terms),
      orderId: command.orderId,
      paymentId: command.paymentId,
      amountPaise: command.amountPaise,
      reason,
    },
  };
}

function decideCapture(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'CapturePayment' }>,
): BookingDecision {
  const known = paymentOf(booking);
  // the checkout callback and the webhook both report the capture: the second one changes nothing
  if (known?.paymentId === command.paymentId) return ignore;
  // someone else's money never pays for this booking, whatever its state: it goes back to them
  if (command.customerId !== booking.terms.customerId)
    return accept(rejectPayment(booking, command, 'payer_not_customer'));
  switch (booking.status) {
    case 'held':
    case 'awaiting_payment':
    case 'payment_failed':
    case 'expired': {
      const { terms } = booking;
      // the order was created for the booking's price, so this is a tampered or foreign payment: refund it,
      // and leave an unpaid hold as it is
      if (command.amountPaise !== terms.price.totalPaise)
        return accept(rejectPayment(booking, command, 'amount_mismatch'));
      if (!command.hasCapacity)
        return accept(
          ...(booking.status === 'expired' ? [] : [expiredEvent(terms)]),
          rejectPayment(booking, command, 'hold_expired'),
          {
            type: 'booking.rejected',
            data: {
              bookingId: terms.bookingId,
              customerId: terms.customerId,
              amountPaise: command.amountPaise,
              reason: 'hold_expired',
            },
          },
        );
      return accept({
        type: 'booking.confirmed',
        data: {
          ...ids(terms),
          serviceName: terms.serviceName,
          scheduledFor: terms.window.kind === 'slot' ? terms.window.startsAt : null,
          serviceId: terms.serviceId,
          addressId: terms.addressId,
          window: terms.window,
          amountPaise: command.amountPaise,
          orderId: command.orderId,
          paymentId: command.paymentId,
          timeZone: terms.timeZone,
        },
      });
    }
    case 'confirmed':
    case 'assigned':
    case 'en_route':
    case 'arrived':
    case 'in_progress':
    case 'awaiting_extra_payment':
    case 'completed':
      return accept(rejectPayment(booking, command, 'duplicate_payment'));
    case 'rejected':
    case 'cancelled':
    case 'refunded':
      return accept(rejectPayment(booking, command, 'booking_closed'));
    default:
      return assertNever(booking);
  }
}

/** What the customer is owed back in a closed booking: everything, unless a cancellation kept a fee. */
function refundDue(booking: Extract<Booking, { status: 'rejected' | 'cancelled' | 'refunded' }>): number {
  return booking.status === 'rejected' ? booking.payment.amountPaise : booking.refundDuePaise;
}

const expiredEvent = (terms: BookingTerms): BookingEvent => ({
  type: 'booking.hold_expired',
  data: { ...ids(terms), partnerId: terms.partnerId },
});

const refundReasons: Record<CancelledBy, EventData<'booking.payment_refunded'>['reason']> = {
  customer: 'cancelled_by_customer',
  admin: 'cancelled_by_ops',
  // the only cancellation the system makes: dispatch gave up
  system: 'no_partner_found',
};

/** A refund of what the team granted back of an open booking reached the customer. */
function decideGrantRefund(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'RecordRefund' }>,
): BookingDecision {
  const payments = openPaymentsOf(booking) ?? [];
  const payment = payments.find((candidate) => candidate.paymentId === command.paymentId);
  // a refund of a duplicate payment on a live booking is the payments ledger's business, not the booking's
  if (!payment) return ignore;
  const outstanding = (payment.grantedRefundPaise ?? 0) - (payment.refundedPaise ?? 0);
  if (command.amountPaise <= 0 || command.amountPaise > outstanding)
    return refuse('BOOKING.AMOUNT_MISMATCH', `at most ${outstanding} paise granted is left to refund`);
  return accept({
    type: 'booking.refunded',
    data: {
      ...ids(booking.terms),
      paymentId: command.paymentId,
      refundId: command.refundId,
      amountPaise: command.amountPaise,
      refundedPaise: openRefundedPaise(payments) + command.amountPaise,
    },
  });
}

/** What payments refunded of an open booking's grants so far. */
export const openRefundedPaise = (payments: readonly CapturedPayment[]): number =>
  payments.reduce((sum, payment) => sum + (payment.refundedPaise ?? 0), 0);

function decideRefund(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'RecordRefund' }>,
): BookingDecision {
  if (booking.status !== 'rejected' && booking.status !== 'cancelled' && booking.status !== 'refunded')
    return decideGrantRefund(booking, command);
  if (booking.refundIds.includes(command.refundId)) return ignore;
  const { payment } = booking;
  if (payment === null || payment.paymentId !== command.paymentId) return ignore;
  const refundable = refundDue(booking) - booking.refundedPaise;
  if (command.amountPaise <= 0 || command.amountPaise > refundable)
    return refuse('BOOKING.AMOUNT_MISMATCH', `at most ${refundable} paise is left to refund`);
  const refunded: BookingEvent = {
    type: 'booking.refunded',
    data: {
      ...ids(booking.terms),
      paymentId: command.paymentId,
      refundId: command.refundId,
      amountPaise: command.amountPaise,
      refundedPaise: booking.refundedPaise + command.amountPaise,
    },
  };
  // a rejected payment's customer was told at rejection; a cancelled booking's customer hears it now
  if (booking.status !== 'cancelled') return accept(refunded);
  return accept<BookingEvent>(refunded, {
    type: 'booking.payment_refunded',
    data: {
      bookingId: booking.terms.bookingId,
      customerId: booking.terms.customerId,
      amountPaise: command.amountPaise,
      reason: refundReasons[booking.cancelledBy],
    },
  });
}

function decidePlaceHold(
  booking: Booking,
  command: Extract<BookingCommand, { type: 'PlaceHold' }>,
  { actor, now }: DecideContext,
): BookingDecision {
  if (booking.status !== 'none')
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', 'the booking already exists');
  if (actor.id !== command.terms.customerId)
    return refuse('BOOKING.ACTOR_NOT_ALLOWED', 'a hold is placed by its customer');
  const problem = validateTerms(command.terms, now);
  if (problem) return refuse('BOOKING.TRANSITION_NOT_ALLOWED', problem);
  if (command.unpaidHolds >= command.maxUnpaidHolds)
    return refuse(
      'BOOKING.UNPAID_HOLDS_LIMIT',
      `You have ${command.unpaidHolds} unpaid holds (at most ${command.maxUnpaidHolds}); pay for or cancel one first`,
    );
  const { terms } = command;
  return accept({
    type: 'booking.held',
    data: {
      ...ids(terms),
      serviceId: terms.serviceId,
      serviceName: terms.serviceName,
      addressId: terms.addressId,
      partnerId: terms.partnerId,
      window: terms.window,
      price: terms.price,
      amountPaise: terms.price.totalPaise,
      currency: 'INR',
      expiresAt: terms.holdExpiresAt,
      timeZone: terms.timeZone,
    },
  });
}

/** A paid booking gets its partner, or another one; the same partner again changes nothing. */
function decideAssign(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'AssignPartner' }>,
  now: Date,
): BookingDecision {
  if (!isLive(booking))
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.status} booking takes no partner`);
  const previous = assigneeOf(booking);
  if (previous === command.partnerId) return ignore;
  return accept({
    type: 'booking.partner_assigned',
    data: {
      ...ids(booking.terms),
      serviceName: booking.terms.serviceName,
      partnerId: command.partnerId,
      partner: command.partner,
      assignedBy: command.assignedBy,
      assignedAt: now.toISOString(),
      previousPartnerId: previous,
      reason: command.reason,
    },
  });
}

/** The assigned partner starts the job (its OTP matched); the same start again changes nothing. */
function decideStart(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'StartJob' }>,
  now: Date,
): BookingDecision {
  if (assigneeOf(booking) !== command.partnerId)
    return refuse('JOB.NOT_ASSIGNEE', "the job is not this partner's");
  if (booking.status === 'in_progress') return ignore;
  if (!canStartJob(booking))
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.status} job cannot start`);
  return accept({
    type: 'booking.job_started',
    data: { ...ids(booking.terms), partnerId: command.partnerId, startedAt: now.toISOString() },
  });
}

/** The timer stops; with nothing extra to pay, the job is completed at once. */
function decideEnd(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'EndJob' }>,
  now: Date,
): BookingDecision {
  if (assigneeOf(booking) !== command.partnerId)
    return refuse('JOB.NOT_ASSIGNEE', "the job is not this partner's");
  if (booking.status === 'awaiting_extra_payment' || booking.status === 'completed') return ignore;
  if (booking.status !== 'in_progress')
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.status} job cannot end`);
  const endedAt = now.toISOString();
  const workedMinutes = workedMinutesBetween(booking.jobStartedAt, endedAt);
  const extra = extraDuePaise(command.pricing, workedMinutes, approvedExtrasPaise(booking.extras ?? []));
  const ended: BookingEvent = {
    type: 'booking.job_ended',
    data: {
      ...ids(booking.terms),
      partnerId: command.partnerId,
      startedAt: booking.jobStartedAt,
      endedAt,
      workedMinutes,
      extraDuePaise: extra,
      extraPayableId: extra > 0 ? command.extraPayableId : null,
    },
  };
  if (extra > 0) return accept(ended);
  return accept<BookingEvent>(ended, {
    type: 'booking.completed',
    data: {
      ...ids(booking.terms),
      partnerId: command.partnerId,
      workedMinutes,
      extraPaidPaise: 0,
      extraPayableId: null,
      extraPayment: null,
      completedAt: endedAt,
    },
  });
}

const extraLimits = { minPaise: 100, maxPaise: 5_000_000, maxDescription: 120 };

/** An extra of the job in progress: by its partner only (decide's check), up to `maxJobExtras`, once per id. */
function decideProposeExtra(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'ProposeExtra' }>,
  now: Date,
): BookingDecision {
  if (booking.status !== 'in_progress')
    return refuse(
      'BOOKING.TRANSITION_NOT_ALLOWED',
      `extras are proposed during the job, not once ${booking.status}`,
    );
  const extras = booking.extras ?? [];
  if (extras.some((extra) => extra.extraId === command.extraId)) return ignore;
  if (extras.length >= maxJobExtras)
    return refuse('JOB.EXTRAS_LIMIT', `a job takes at most ${maxJobExtras} extras`);
  const { amountPaise, description } = command;
  if (
    !Number.isSafeInteger(amountPaise) ||
    amountPaise < extraLimits.minPaise ||
    amountPaise > extraLimits.maxPaise
  )
    return refuse(
      'REQUEST.VALIDATION_FAILED',
      `an extra costs whole paise from ${extraLimits.minPaise} to ${extraLimits.maxPaise}`,
    );
  if (description.trim() === '' || description.length > extraLimits.maxDescription)
    return refuse(
      'REQUEST.VALIDATION_FAILED',
      `say what it is in 1 to ${extraLimits.maxDescription} characters`,
    );
  return accept({
    type: 'booking.extra_proposed',
    data: {
      ...ids(booking.terms),
      partnerId: booking.assignment.partnerId,
      extraId: command.extraId,
      kind: command.kind,
      description,
      amountPaise,
      proposedAt: now.toISOString(),
    },
  });
}

/** The customer's decision on a proposed extra: once, while the job runs; the same decision again is a no-op. */
function decideExtra(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'DecideExtra' }>,
  now: Date,
): BookingDecision {
  const extra = extrasOf(booking).find((candidate) => candidate.extraId === command.extraId);
  const decided = command.decision === 'approve' ? 'approved' : 'declined';
  if (extra?.status === decided) return ignore;
  // an extra still proposed when the job ended lapsed: it is not charged and can no longer be decided
  if (booking.status !== 'in_progress')
    return refuse(
      'BOOKING.TRANSITION_NOT_ALLOWED',
      `extras are decided while the job runs, not once ${booking.status}`,
    );
  if (!extra) return refuse('JOB.EXTRA_NOT_FOUND', 'no such extra on this job');
  if (extra.status !== 'proposed')
    return refuse('JOB.EXTRA_DECIDED', `the extra was already ${extra.status}`);
  return accept({
    type: command.decision === 'approve' ? 'booking.extra_approved' : 'booking.extra_declined',
    data: {
      ...ids(booking.terms),
      partnerId: booking.assignment.partnerId,
      extraId: extra.extraId,
      amountPaise: extra.amountPaise,
      decidedAt: now.toISOString(),
    },
  });
}

/** The extra time's payment: only its customer, only its amount, once; anything else goes back. */
function decideExtraPayment(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'CaptureExtraPayment' }>,
  now: Date,
): BookingDecision {
  if (booking.status === 'completed' && booking.extraPayment?.paymentId === command.paymentId) return ignore;
  const capture = { ...command, type: 'CapturePayment' as const, hasCapacity: false };
  if (command.customerId !== booking.terms.customerId)
    return accept(rejectPayment(booking, capture, 'payer_not_customer'));
  if (booking.status !== 'awaiting_extra_payment')
    return accept(rejectPayment(booking, capture, 'duplicate_payment'));
  if (command.amountPaise !== booking.work.extraDuePaise)
    return accept(rejectPayment(booking, capture, 'amount_mismatch'));
  return accept({
    type: 'booking.completed',
    data: {
      ...ids(booking.terms),
      partnerId: booking.assignment.partnerId,
      workedMinutes: booking.work.workedMinutes,
      extraPaidPaise: command.amountPaise,
      extraPayableId: booking.work.extraPayableId,
      extraPayment: { paymentId: command.paymentId, orderId: command.orderId },
      completedAt: now.toISOString(),
    },
  });
}

const journeyOf = (booking: LiveBooking & { assignment: Assignment }) => ({
  ...ids(booking.terms),
  serviceName: booking.terms.serviceName,
  partnerId: booking.assignment.partnerId,
  partnerName: booking.assignment.partner.name,
});

/** "On my way": once, from assigned; a repeated tap (or one after arriving) changes nothing. */
function decideStartJourney(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'StartJourney' }>,
  now: Date,
): BookingDecision {
  switch (booking.status) {
    case 'assigned':
      return accept({
        type: 'booking.en_route',
        data: { ...journeyOf(booking), destination: command.destination, startedAt: now.toISOString() },
      });
    case 'en_route':
    case 'arrived':
      return ignore;
    default:
      return refuse('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.status} booking has no journey to start`);
  }
}

/**
 * "I have arrived", from en route only; a repeat changes nothing. Tracking's arrival by distance is a fact
 * that may come late (the booking was reassigned or cancelled meanwhile): it is ignored then.
 */
function decideArrival(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'ConfirmArrival' }>,
  { actor, now }: DecideContext,
): BookingDecision {
  if (booking.status === 'arrived') return ignore;
  if (booking.status !== 'en_route')
    return actor.kind === 'system'
      ? ignore
      : refuse('BOOKING.TRANSITION_NOT_ALLOWED', 'say you are on your way before you arrive');
  return accept({
    type: 'booking.arrived',
    data: {
      ...journeyOf(booking),
      startedAt: booking.startedAt,
      arrivedAt: now.toISOString(),
      detectedBy: command.detectedBy,
    },
  });
}

/** Where the booking stands for the cancellation rule; null: it cannot be cancelled any more. */
export function cancellationStageOf(booking: Booking): CancellationStage | null {
  switch (booking.status) {
    case 'held':
    case 'awaiting_payment':
    case 'payment_failed':
      return { stage: 'unpaid' };
    // what the team already gave back in part is not paid any more
    case 'confirmed':
    case 'assigned':
    case 'arrived':
      return { stage: booking.status, paidPaise: refundableOf([booking.payment]) };
    case 'en_route':
      return { stage: 'en_route', paidPaise: refundableOf([booking.payment]), startedAt: booking.startedAt };
    case 'none':
    case 'expired':
    case 'in_progress':
    case 'awaiting_extra_payment':
    case 'completed':
    case 'rejected':
    case 'cancelled':
    case 'refunded':
      return null;
    default:
      return assertNever(booking);
  }
}

/** What cancelling now would refund under the rule; null when the booking cannot be cancelled. */
export function cancellationQuoteOf(
  booking: Booking,
  policy: CancellationPolicy,
  now: Date,
): CancellationQuote | null {
  const stage = cancellationStageOf(booking);
  return stage && quoteCancellation(stage, policy, now);
}

type Refunded = { refundDuePaise: number; basis: EventData<'booking.cancelled'>['refundBasis'] };

/** The refund of an admin's choice; a string: why it cannot be given. */
function chosenRefund(choice: RefundChoice, quote: CancellationQuote): Refunded | string {
  switch (choice.kind) {
    case 'full':
      return { refundDuePaise: quote.paidPaise, basis: 'full' };
    case 'rule':
      return { refundDuePaise: quote.refundPaise, basis: 'rule' };
    case 'custom':
      if (choice.amountPaise > quote.paidPaise)
        return `at most ${quote.paidPaise} paise was paid, so at most that is refunded`;
      return { refundDuePaise: choice.amountPaise, basis: 'custom' };
    default:
      return assertNever(choice);
  }
}

/**
 * A customer cancels by the rule, exactly; the team by its choice (in full unless it says otherwise), or by
 * a no-show it found; the system (dispatch gave up) in full.
 */
function decideCancel(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'Cancel' }>,
  { actor, now }: DecideContext,
): BookingDecision {
  // a repeated submit (a double tap, a retry after a lost answer) changes nothing
  if (booking.status === 'cancelled' || (booking.status === 'refunded' && booking.cancelledBy)) return ignore;
  const quote = cancellationQuoteOf(booking, command.policy, now);
  if (!quote)
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.status} booking cannot be cancelled`);
  if ((command.refund || command.noShow) && actor.kind !== 'admin')
    return refuse('BOOKING.ACTOR_NOT_ALLOWED', 'only the team chooses a refund or records a no-show');
  if (command.noShow && command.refund)
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', "a no-show's refund follows from who was absent");
  if (command.noShow === 'customer' && booking.status !== 'arrived')
    return refuse(
      'BOOKING.TRANSITION_NOT_ALLOWED',
      'a customer is absent only once the partner is at the door',
    );
  if (command.noShow === 'partner' && assigneeOf(booking) === null)
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', 'no partner has this job to be absent');
  const choice: RefundChoice =
    command.refund ??
    (actor.kind === 'customer' || command.noShow === 'customer' ? { kind: 'rule' } : { kind: 'full' });
  const refunded = chosenRefund(choice, quote);
  if (typeof refunded === 'string') return refuse('BOOKING.REFUND_EXCEEDS_PAID', refunded);
  return accept({
    type: 'booking.cancelled',
    data: {
      ...ids(booking.terms),
      cancelledBy: actor.kind === 'customer' ? 'customer' : actor.kind === 'admin' ? 'admin' : 'system',
      reason: command.reason,
      paymentId: paymentOf(booking)?.paymentId ?? null,
      refundDuePaise: refunded.refundDuePaise,
      feePaise: quote.paidPaise - refunded.refundDuePaise,
      refundBasis: refunded.basis,
      rule: quote.rule,
      noShow: command.noShow ?? null,
      partnerId: assigneeOf(booking),
    },
  });
}

/**
 * A refund in part of an open booking, split over `payments` (all of its own, first the booking's then the
 * extra's, or only the extra's when an adjustment gives back part of it).
 */
function grantRefund(
  booking: ExistingBooking,
  payments: readonly CapturedPayment[],
  amountPaise: number,
  reason: string,
): BookingDecision {
  const parts = allocateRefund(payments, amountPaise);
  if (typeof parts === 'string') return refuse('BOOKING.REFUND_EXCEEDS_PAID', parts);
  const after = (openPaymentsOf(booking) ?? []).map((payment) => withGranted(payment, parts));
  return accept({
    type: 'booking.refund_granted',
    data: {
      ...ids(booking.terms),
      amountPaise,
      reason,
      parts,
      grantedPaise: after.reduce((sum, payment) => sum + (payment.grantedRefundPaise ?? 0), 0),
      refundablePaise: refundableOf(after),
    },
  });
}

function decideRefundPart(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'RefundPart' }>,
): BookingDecision {
  const payments = openPaymentsOf(booking);
  if (!payments)
    return refuse(
      'BOOKING.TRANSITION_NOT_ALLOWED',
      `a ${booking.status} booking takes no refund in part${booking.status === 'cancelled' || booking.status === 'refunded' ? ': its cancellation refunded it' : ''}`,
    );
  return grantRefund(booking, payments, command.amountPaise, command.reason);
}

/**
 * The team's adjustment of the extra charge (the rule: refunds.ts checkAdjustedExtra). Unpaid, the customer
 * owes the new amount through a fresh payable, since the old one's order was opened for the old amount (a
 * payment of it is refunded as not the booking's); 0 completes the booking at once. Paid, the difference is
 * refunded from the extra payment, as a refund in part.
 */
function decideAdjustExtra(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'AdjustExtra' }>,
  now: Date,
): BookingDecision {
  if (booking.status === 'completed' && booking.extraPayment) {
    const paid = booking.extraPayment;
    const problem = checkAdjustedExtra(paid.amountPaise, command.amountPaise, minimumChargePaise);
    if (problem) return refuse('BOOKING.TRANSITION_NOT_ALLOWED', problem);
    // only the extra payment gives the difference back: the booking's own price stays as it was
    return grantRefund(booking, [paid], paid.amountPaise - command.amountPaise, command.reason);
  }
  if (booking.status !== 'awaiting_extra_payment')
    return refuse(
      'BOOKING.TRANSITION_NOT_ALLOWED',
      `a ${booking.status} booking has no extra charge to adjust`,
    );
  const { work } = booking;
  const problem = checkAdjustedExtra(work.extraDuePaise, command.amountPaise, minimumChargePaise);
  if (problem) return refuse('BOOKING.TRANSITION_NOT_ALLOWED', problem);
  const adjustedAt = now.toISOString();
  const isWaived = command.amountPaise === 0;
  const adjusted: BookingEvent = {
    type: 'booking.extra_adjusted',
    data: {
      ...ids(booking.terms),
      previousDuePaise: work.extraDuePaise,
      extraDuePaise: command.amountPaise,
      previousPayableId: work.extraPayableId,
      extraPayableId: isWaived ? null : command.extraPayableId,
      reason: command.reason,
      adjustedAt,
    },
  };
  if (!isWaived) return accept(adjusted);
  return accept<BookingEvent>(adjusted, {
    type: 'booking.completed',
    data: {
      ...ids(booking.terms),
      partnerId: booking.assignment.partnerId,
      workedMinutes: work.workedMinutes,
      extraPaidPaise: 0,
      extraPayableId: null,
      extraPayment: null,
      completedAt: adjustedAt,
    },
  });
}

/** Every command but PlaceHold, on a booking that exists and that the actor may see. */
function decideExisting(
  booking: ExistingBooking,
  command: Exclude<BookingCommand, { type: 'PlaceHold' }>,
  { actor, now }: DecideContext,
): BookingDecision {
  const { terms } = booking;
  const isLapsed = now.getTime() >= Date.parse(terms.holdExpiresAt);
  switch (command.type) {
    case 'StartPayment': {
      if (command.customerId !== terms.customerId)
        return refuse(
          'BOOKING.PAYER_NOT_CUSTOMER',
          "the order was opened for someone other than the hold's customer",
        );
      if (booking.status === 'awaiting_payment' || booking.status === 'payment_failed') {
        if (booking.orderId === command.orderId) return ignore;
        return refuse('BOOKING.TRANSITION_NOT_ALLOWED', 'the booking already has a payment order');
      }
      if (booking.status !== 'held')
        return refuse('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.status} booking takes no payment`);
      if (isLapsed) return refuse('BOOKING.HOLD_EXPIRED', 'the hold expired before payment started');
      if (command.amountPaise !== terms.price.totalPaise)
        return refuse('BOOKING.AMOUNT_MISMATCH', `the booking costs ${terms.price.totalPaise} paise`);
      return accept({
        type: 'booking.payment_started',
        data: { ...ids(terms), orderId: command.orderId, amountPaise: command.amountPaise },
      });
    }
    case 'FailPayment':
      // a failed attempt is retryable on the same order until the hold lapses; late reports change nothing
      if (!isPendingHold(booking)) return ignore;
      return accept({
        type: 'booking.payment_failed',
        data: {
          ...ids(terms),
          orderId: command.orderId,
          paymentId: command.paymentId,
          reason: command.reason,
        },
      });
    case 'ExpireHold':
      if (!isPendingHold(booking)) return ignore;
      if (!isLapsed) return refuse('BOOKING.TRANSITION_NOT_ALLOWED', 'the hold has not lapsed yet');
      return accept(expiredEvent(terms));
    case 'CapturePayment':
      return decideCapture(booking, command);
    case 'AssignPartner':
      return decideAssign(booking, command, now);
    case 'ReleasePartner':
      if (booking.status === 'confirmed') return ignore;
      if (assigneeOf(booking) !== command.partnerId)
        return refuse('BOOKING.TRANSITION_NOT_ALLOWED', 'the partner does not have this job');
      if (booking.status !== 'assigned')
        return refuse(
          'BOOKING.TRANSITION_NOT_ALLOWED',
          'the partner is on the way or there: only the team can reassign the job now',
        );
      return accept({
        type: 'booking.partner_released',
        data: { ...ids(terms), partnerId: command.partnerId, reason: command.reason },
      });
    case 'Cancel':
      return decideCancel(booking, command, { actor, now });
    case 'StartJourney':
      return decideStartJourney(booking, command, now);
    case 'ConfirmArrival':
      return decideArrival(booking, command, { actor, now });
    case 'RecordRefund':
      return decideRefund(booking, command);
    case 'StartJob':
      return decideStart(booking, command, now);
    case 'EndJob':
      return decideEnd(booking, command, now);
    case 'CaptureExtraPayment':
      return decideExtraPayment(booking, command, now);
    case 'RefundPart':
      return decideRefundPart(booking, command);
    case 'AdjustExtra':
      return decideAdjustExtra(booking, command, now);
    case 'ProposeExtra':
      return decideProposeExtra(booking, command, now);
    case 'DecideExtra':
      return decideExtra(booking, command, now);
    default:
      return assertNever(command);
  }
}

function decide(command: BookingCommand, booking: Booking, context: DecideContext): BookingDecision {
  const { actor } = context;
  if (!permittedActors[command.type].includes(actor.kind))
    return refuse('BOOKING.ACTOR_NOT_ALLOWED', `a ${actor.kind} may not ${command.type}`);
  if (command.type === 'PlaceHold') return decidePlaceHold(booking, command, context);
  if (booking.status === 'none') return refuse('BOOKING.NOT_FOUND', 'no such booking');
  // another customer's booking does not exist, as far as this customer can tell
  if (actor.kind === 'customer' && actor.id !== booking.terms.customerId)
    return refuse('BOOKING.NOT_FOUND', 'no such booking');
  // a partner acts on their own job only: anyone else's does not exist, as far as they can tell
  if (actor.kind === 'partner' && actor.id !== assigneeOf(booking))
    return refuse('BOOKING.NOT_FOUND', 'no such job of yours');
  return decideExisting(booking, command, context);
}

/** An open booking after a refund of its grants: the payment it was of counts it. */
function withOpenRefund(
  booking: OpenPaidBooking,
  refund: { paymentId: string; amountPaise: number },
): Booking {
  const counted = (payment: CapturedPayment): CapturedPayment =>
    payment.paymentId === refund.paymentId
      ? { ...payment, refundedPaise: (payment.refundedPaise ?? 0) + refund.amountPaise }
      : payment;
  if (booking.status !== 'completed') return { ...booking, payment: counted(booking.payment) };
  return {
    ...booking,
    payment: counted(booking.payment),
    extraPayment: booking.extraPayment && counted(booking.extraPayment),
  };
}

/** Total: an event that does not apply to a state leaves it unchanged. */
function evolve(booking: Booking, event: BookingEvent): Booking {
  switch (event.type) {
    case 'booking.held': {
      const { data } = event;
      return {
        status: 'held',
        terms: {
          bookingId: data.bookingId,
          customerId: data.customerId,
          hubId: data.hubId,
          timeZone: data.timeZone,
          serviceId: data.serviceId,
          serviceName: data.serviceName,
          addressId: data.addressId,
          partnerId: data.partnerId,
          window: data.window,
          price: data.price,
          holdExpiresAt: data.expiresAt,
        },
      };
    }
    case 'booking.payment_started':
      if (booking.status !== 'held') return booking;
      return { status: 'awaiting_payment', terms: booking.terms, orderId: event.data.orderId };
    case 'booking.payment_failed':
      if (!isPendingHold(booking)) return booking;
      return {
        status: 'payment_failed',
        terms: booking.terms,
        orderId: event.data.orderId,
        failureReason: event.data.reason,
      };
    case 'booking.hold_expired':
      if (!isPendingHold(booking)) return booking;
      return { status: 'expired', terms: booking.terms, orderId: orderOf(booking) };
    case 'booking.confirmed':
      if (!isPendingHold(booking) && booking.status !== 'expired') return booking;
      return {
        status: 'confirmed',
        terms: booking.terms,
        payment: {
          paymentId: event.data.paymentId,
          orderId: event.data.orderId,
          amountPaise: event.data.amountPaise,
        },
      };
    case 'booking.payment_rejected':
      // a payment that is not the booking's own (duplicate, after closing, someone else's) leaves it as it is
      if (booking.status !== 'expired' || event.data.reason === 'payer_not_customer') return booking;
      return {
        status: 'rejected',
        terms: booking.terms,
        payment: {
          paymentId: event.data.paymentId,
          orderId: event.data.orderId,
          amountPaise: event.data.amountPaise,
        },
        reason: event.data.reason,
        refundedPaise: 0,
        refundIds: [],
      };
    case 'booking.rejected':
    case 'booking.payment_refunded':
      // what the customer is told; the state moved with booking.payment_rejected / booking.refunded
      return booking;
    case 'booking.partner_assigned':
      if (!isLive(booking)) return booking;
      return {
        status: 'assigned',
        terms: booking.terms,
        payment: booking.payment,
        assignment: {
          partnerId: event.data.partnerId,
          partner: event.data.partner,
          assignedAt: event.data.assignedAt,
          assignedBy: event.data.assignedBy,
        },
      };
    case 'booking.partner_released':
      if (booking.status !== 'assigned' || booking.assignment.partnerId !== event.data.partnerId)
        return booking;
      return { status: 'confirmed', terms: booking.terms, payment: booking.payment };
    case 'booking.en_route':
      if (booking.status !== 'assigned') return booking;
      return { ...booking, status: 'en_route', startedAt: event.data.startedAt };
    case 'booking.arrived':
      if (booking.status !== 'en_route') return booking;
      return { ...booking, status: 'arrived', arrivedAt: event.data.arrivedAt };
    case 'booking.cancelled': {
      if (!isPendingHold(booking) && !isLive(booking)) return booking;
      // what the team granted back before (refunded already, or still on its way) is owed back as well
      const payment = paymentOf(booking);
      return {
        status: 'cancelled',
        terms: booking.terms,
        orderId: orderOf(booking),
        payment,
        cancelledBy: event.data.cancelledBy,
        refundDuePaise: event.data.refundDuePaise + (payment?.grantedRefundPaise ?? 0),
        refundedPaise: payment?.refundedPaise ?? 0,
        refundIds: [],
      };
    }
    case 'booking.refunded': {
      if (isOpenPaid(booking)) return withOpenRefund(booking, event.data);
      if (booking.status !== 'rejected' && booking.status !== 'cancelled' && booking.status !== 'refunded')
        return booking;
      const { payment } = booking;
      if (payment === null) return booking;
      const refundedPaise = event.data.refundedPaise;
      const refundIds = [...booking.refundIds, event.data.refundId];
      const refundDuePaise = refundDue(booking);
      if (refundedPaise >= refundDuePaise)
        return {
          status: 'refunded',
          terms: booking.terms,
          payment,
          cancelledBy: booking.status === 'rejected' ? null : (booking.cancelledBy ?? null),
          refundDuePaise,
          refundedPaise,
          refundIds,
        };
      return { ...booking, refundedPaise, refundIds };
    }
    case 'booking.job_started':
      if (!canStartJob(booking) || booking.assignment.partnerId !== event.data.partnerId) return booking;
      return {
        status: 'in_progress',
        terms: booking.terms,
        payment: booking.payment,
        assignment: booking.assignment,
        jobStartedAt: event.data.startedAt,
        extras: [],
      };
    case 'booking.job_ended': {
      if (booking.status !== 'in_progress') return booking;
      const { startedAt, endedAt, workedMinutes, extraDuePaise, extraPayableId } = event.data;
      return {
        status: 'awaiting_extra_payment',
        terms: booking.terms,
        payment: booking.payment,
        assignment: booking.assignment,
        work: {
          startedAt,
          endedAt,
          workedMinutes,
          extraDuePaise,
          extraPayableId,
          extras: booking.extras ?? [],
        },
      };
    }
    case 'booking.extra_proposed': {
      if (booking.status !== 'in_progress') return booking;
      const { extraId, kind, description, amountPaise, proposedAt } = event.data;
      const proposed: JobExtra = {
        extraId,
        kind,
        description,
        amountPaise,
        status: 'proposed',
        proposedAt,
        decidedAt: null,
      };
      return { ...booking, extras: [...(booking.extras ?? []), proposed] };
    }
    case 'booking.extra_approved':
    case 'booking.extra_declined': {
      if (booking.status !== 'in_progress') return booking;
      const status: JobExtra['status'] = event.type === 'booking.extra_approved' ? 'approved' : 'declined';
      const extras = (booking.extras ?? []).map((extra) =>
        extra.extraId === event.data.extraId ? { ...extra, status, decidedAt: event.data.decidedAt } : extra,
      );
      return { ...booking, extras };
    }
    case 'booking.refund_granted': {
      const { parts } = event.data;
      if (!isOpenPaid(booking)) return booking;
      const payment = withGranted(booking.payment, parts);
      if (booking.status !== 'completed') return { ...booking, payment };
      return {
        ...booking,
        payment,
        extraPayment: booking.extraPayment && withGranted(booking.extraPayment, parts),
      };
    }
    case 'booking.extra_adjusted':
      if (booking.status !== 'awaiting_extra_payment') return booking;
      return {
        ...booking,
        work: {
          ...booking.work,
          extraDuePaise: event.data.extraDuePaise,
          extraPayableId: event.data.extraPayableId,
        },
      };
    case 'booking.completed': {
      if (booking.status !== 'awaiting_extra_payment') return booking;
      const { extraPayment, extraPaidPaise } = event.data;
      return {
        status: 'completed',
        terms: booking.terms,
        payment: booking.payment,
        assignment: booking.assignment,
        work: booking.work,
        extraPayment: extraPayment && { ...extraPayment, amountPaise: extraPaidPaise },
        completedAt: event.data.completedAt,
      };
    }
    default:
      return assertNever(event);
  }
}

/**
 * The booking lifecycle: what a command does to a booking (events, or a coded refusal), and what the events
 * make of it. Pure: time and the actor come in the context; routes, consumers and jobs all go through it.
 */
export const bookingDecider: Decider<BookingCommand, Booking, BookingEvent> = {
  initialState: { status: 'none' },
  decide,
  evolve,
};
