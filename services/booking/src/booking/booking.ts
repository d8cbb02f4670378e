import type { Actor, BookingPrice, BookingWindow, ErrorCode, EventData, EventType } from '@zefy/contracts';

/** What a hold promises: fixed when it is placed; the price never changes afterwards. */
export interface BookingTerms {
  bookingId: string;
  customerId: string;
  hubId: string;
  serviceId: string;
  serviceName: string;
  addressId: string;
  /** The capacity unit held (a partner's time); dispatch may later assign someone else. */
  partnerId: string;
  window: BookingWindow;
  price: BookingPrice;
  holdExpiresAt: string;
}

export interface CapturedPayment {
  paymentId: string;
  orderId: string;
  amountPaise: number;
}

export type Booking =
  | { status: 'none' }
  | { status: 'held'; terms: BookingTerms }
  | { status: 'awaiting_payment'; terms: BookingTerms; orderId: string }
  | { status: 'payment_failed'; terms: BookingTerms; orderId: string; failureReason: string }
  | { status: 'expired'; terms: BookingTerms; orderId: string | null }
  | { status: 'confirmed'; terms: BookingTerms; payment: CapturedPayment }
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
      cancelledBy: 'customer' | 'admin';
      refundDuePaise: number;
      refundedPaise: number;
      refundIds: string[];
    }
  | {
      status: 'refunded';
      terms: BookingTerms;
      payment: CapturedPayment;
      refundDuePaise: number;
      refundedPaise: number;
      refundIds: string[];
    };

type Exists<B> = B extends { status: 'none' } ? never : B;
export type ExistingBooking = Exists<Booking>;

export type RejectionReason = EventData<'booking.payment_rejected'>['reason'];

export type BookingCommand =
  | { type: 'PlaceHold'; terms: BookingTerms }
  | { type: 'StartPayment'; orderId: string; amountPaise: number }
  | { type: 'FailPayment'; orderId: string; paymentId: string; reason: string }
  | { type: 'ExpireHold' }
  /**
   * `hasCapacity`: the shell still holds (or could re-take) the partner's time for this booking. Only the
   * shell can know it (it is a row in PostgreSQL), so it comes with the command.
   */
  | { type: 'CapturePayment'; orderId: string; paymentId: string; amountPaise: number; hasCapacity: boolean }
  | { type: 'Cancel'; reason: string }
  | { type: 'RecordRefund'; paymentId: string; refundId: string; amountPaise: number };

export type BookingEventType = Extract<
  EventType,
  | 'booking.held'
  | 'booking.payment_started'
  | 'booking.payment_failed'
  | 'booking.hold_expired'
  | 'booking.confirmed'
  | 'booking.payment_rejected'
  | 'booking.rejected'
  | 'booking.cancelled'
  | 'booking.refunded'
  | 'booking.payment_refunded'
>;

/** What booking always puts in `booking.confirmed` beyond the customer-facing fields (optional in the contract). */
interface ConfirmationDetails {
  serviceId: string;
  addressId: string;
  window: BookingWindow;
  orderId: string;
  paymentId: string;
  amountPaise: number;
}

type BookingEventData<T extends BookingEventType> = T extends 'booking.confirmed'
  ? EventData<T> & ConfirmationDetails
  : EventData<T>;

export type BookingEvent = {
  [T in BookingEventType]: { type: T; data: BookingEventData<T> };
}[BookingEventType];

export interface DecideContext {
  actor: Actor;
  now: Date;
}

export type Decision = { ok: true; events: BookingEvent[] } | { ok: false; code: ErrorCode; detail: string };

/** Who may issue each command. Partners get commands when dispatch (a later issue) extends the machine. */
export const permittedActors: Record<BookingCommand['type'], readonly Actor['kind'][]> = {
  PlaceHold: ['customer'],
  StartPayment: ['system'],
  FailPayment: ['system'],
  ExpireHold: ['system'],
  CapturePayment: ['system'],
  Cancel: ['customer', 'admin'],
  RecordRefund: ['system'],
};

/** States in which the booking keeps a claim on a partner's time. */
export const holdsCapacity = (booking: Booking): boolean =>
  booking.status === 'held' ||
  booking.status === 'awaiting_payment' ||
  booking.status === 'payment_failed' ||
  booking.status === 'confirmed';

/** Unpaid states that lapse at `holdExpiresAt`. */
export const isPendingHold = (
  booking: Booking,
): booking is Extract<Booking, { status: 'held' | 'awaiting_payment' | 'payment_failed' }> =>
  booking.status === 'held' || booking.status === 'awaiting_payment' || booking.status === 'payment_failed';

const ok = (...events: BookingEvent[]): Decision => ({ ok: true, events });
const fail = (code: ErrorCode, detail: string): Decision => ({ ok: false, code, detail });
const ignore: Decision = { ok: true, events: [] };

function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}

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
): Decision {
  const known = paymentOf(booking);
  // the checkout callback and the webhook both report the capture: the second one changes nothing
  if (known?.paymentId === command.paymentId) return ignore;
  switch (booking.status) {
    case 'held':
    case 'awaiting_payment':
    case 'payment_failed':
    case 'expired': {
      const { terms } = booking;
      // the order was created for the booking's price, so this is a tampered or foreign payment: refund it,
      // and leave an unpaid hold as it is
      if (command.amountPaise !== terms.price.totalPaise)
        return ok(rejectPayment(booking, command, 'amount_mismatch'));
      if (!command.hasCapacity)
        return ok(
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
      return ok({
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
        },
      });
    }
    case 'confirmed':
      return ok(rejectPayment(booking, command, 'duplicate_payment'));
    case 'rejected':
    case 'cancelled':
    case 'refunded':
      return ok(rejectPayment(booking, command, 'booking_closed'));
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

function decideRefund(
  booking: ExistingBooking,
  command: Extract<BookingCommand, { type: 'RecordRefund' }>,
): Decision {
  if (booking.status !== 'rejected' && booking.status !== 'cancelled' && booking.status !== 'refunded')
    // a refund of a duplicate payment on a live booking is the payments ledger's business, not the booking's
    return ignore;
  if (booking.refundIds.includes(command.refundId)) return ignore;
  const { payment } = booking;
  if (payment === null || payment.paymentId !== command.paymentId) return ignore;
  const refundable = refundDue(booking) - booking.refundedPaise;
  if (command.amountPaise <= 0 || command.amountPaise > refundable)
    return fail('BOOKING.AMOUNT_MISMATCH', `at most ${refundable} paise is left to refund`);
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
  if (booking.status !== 'cancelled') return ok(refunded);
  return ok(refunded, {
    type: 'booking.payment_refunded',
    data: {
      bookingId: booking.terms.bookingId,
      customerId: booking.terms.customerId,
      amountPaise: command.amountPaise,
      reason: booking.cancelledBy === 'admin' ? 'cancelled_by_ops' : 'cancelled_by_customer',
    },
  });
}

/** decide(command, state) → events, or why not. Pure: time and the actor come in the context. */
export function decide(command: BookingCommand, booking: Booking, context: DecideContext): Decision {
  const { actor, now } = context;
  if (!permittedActors[command.type].includes(actor.kind))
    return fail('BOOKING.ACTOR_NOT_ALLOWED', `a ${actor.kind} may not ${command.type}`);

  if (command.type === 'PlaceHold') {
    if (booking.status !== 'none')
      return fail('BOOKING.TRANSITION_NOT_ALLOWED', 'the booking already exists');
    if (actor.id !== command.terms.customerId)
      return fail('BOOKING.ACTOR_NOT_ALLOWED', 'a hold is placed by its customer');
    const problem = validateTerms(command.terms, now);
    if (problem) return fail('BOOKING.TRANSITION_NOT_ALLOWED', problem);
    const { terms } = command;
    return ok({
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
      },
    });
  }
  if (booking.status === 'none') return fail('BOOKING.NOT_FOUND', 'no such booking');
  if (actor.kind === 'customer' && actor.id !== booking.terms.customerId)
    return fail('BOOKING.NOT_FOUND', 'no such booking');
  const { terms } = booking;
  const isLapsed = now.getTime() >= Date.parse(terms.holdExpiresAt);

  switch (command.type) {
    case 'StartPayment': {
      if (booking.status === 'awaiting_payment' || booking.status === 'payment_failed') {
        if (booking.orderId === command.orderId) return ignore;
        return fail('BOOKING.TRANSITION_NOT_ALLOWED', 'the booking already has a payment order');
      }
      if (booking.status !== 'held')
        return fail('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.status} booking takes no payment`);
      if (isLapsed) return fail('BOOKING.HOLD_EXPIRED', 'the hold expired before payment started');
      if (command.amountPaise !== terms.price.totalPaise)
        return fail('BOOKING.AMOUNT_MISMATCH', `the booking costs ${terms.price.totalPaise} paise`);
      return ok({
        type: 'booking.payment_started',
        data: { ...ids(terms), orderId: command.orderId, amountPaise: command.amountPaise },
      });
    }
    case 'FailPayment':
      // a failed attempt is retryable on the same order until the hold lapses; late reports change nothing
      if (!isPendingHold(booking)) return ignore;
      return ok({
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
      if (!isLapsed) return fail('BOOKING.TRANSITION_NOT_ALLOWED', 'the hold has not lapsed yet');
      return ok(expiredEvent(terms));
    case 'CapturePayment':
      return decideCapture(booking, command);
    case 'Cancel': {
      if (!isPendingHold(booking) && booking.status !== 'confirmed')
        return fail('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.status} booking cannot be cancelled`);
      const payment = paymentOf(booking);
      return ok({
        type: 'booking.cancelled',
        data: {
          ...ids(terms),
          cancelledBy: actor.kind === 'admin' ? 'admin' : 'customer',
          reason: command.reason,
          paymentId: payment?.paymentId ?? null,
          refundDuePaise: payment?.amountPaise ?? 0,
        },
      });
    }
    case 'RecordRefund':
      return decideRefund(booking, command);
    default:
      return assertNever(command);
  }
}

/** evolve(state, event) → state. Total: an event that does not apply to a state leaves it unchanged. */
export function evolve(booking: Booking, event: BookingEvent): Booking {
  switch (event.type) {
    case 'booking.held': {
      const { data } = event;
      return {
        status: 'held',
        terms: {
          bookingId: data.bookingId,
          customerId: data.customerId,
          hubId: data.hubId,
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
      // a payment that is not the booking's own (duplicate, or after closing) leaves the booking as it is
      if (booking.status !== 'expired') return booking;
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
    case 'booking.cancelled':
      if (!isPendingHold(booking) && booking.status !== 'confirmed') return booking;
      return {
        status: 'cancelled',
        terms: booking.terms,
        orderId: orderOf(booking),
        payment: paymentOf(booking),
        cancelledBy: event.data.cancelledBy === 'admin' ? 'admin' : 'customer',
        refundDuePaise: event.data.refundDuePaise,
        refundedPaise: 0,
        refundIds: [],
      };
    case 'booking.refunded': {
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
          refundDuePaise,
          refundedPaise,
          refundIds,
        };
      return { ...booking, refundedPaise, refundIds };
    }
    default:
      return assertNever(event);
  }
}

/** Replays a booking's events from nothing. */
export const replay = (events: readonly BookingEvent[]): Booking =>
  events.reduce(evolve, { status: 'none' } as Booking);
