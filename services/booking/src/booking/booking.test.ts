import type { Actor } from '@zefy/contracts';
import { replay } from '@zefy/platform/domain';
import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import {
  assigneeOf,
  type Booking,
  type BookingCommand,
  type BookingEvent,
  type BookingTerms,
  bookingDecider,
  extraDuePaise,
  holdsCapacity,
  workedMinutesBetween,
} from './booking.ts';
import type { CancellationPolicy } from './cancellation.ts';

const now = new Date('2026-03-02T10:00:00.000Z');
const customer: Actor = { kind: 'customer', id: 'cust-1' };
const system: Actor = { kind: 'system', id: 'booking' };
const admin: Actor = { kind: 'admin', id: 'admin-1' };

const terms: BookingTerms = {
  bookingId: 'b-1',
  customerId: 'cust-1',
  hubId: 'hub-1',
  timeZone: 'Asia/Kolkata',
  serviceId: 'svc-1',
  serviceName: 'Bathroom cleaning',
  addressId: 'addr-1',
  partnerId: 'p-1',
  window: { kind: 'slot', startsAt: '2026-03-02T12:00:00.000Z', endsAt: '2026-03-02T13:00:00.000Z' },
  price: {
    basePaise: 49_900,
    extraBlocks: 0,
    extraPaise: 0,
    pretaxPaise: 49_900,
    taxRateBasisPoints: 1800,
    taxPaise: 8982,
    totalPaise: 58_882,
  },
  holdExpiresAt: '2026-03-02T10:10:00.000Z',
};
const ids = { bookingId: 'b-1', customerId: 'cust-1', hubId: 'hub-1' };

const held: BookingEvent = {
  type: 'booking.held',
  data: {
    ...ids,
    serviceId: 'svc-1',
    serviceName: 'Bathroom cleaning',
    addressId: 'addr-1',
    partnerId: 'p-1',
    window: terms.window,
    price: terms.price,
    amountPaise: 58_882,
    currency: 'INR',
    expiresAt: terms.holdExpiresAt,
    timeZone: 'Asia/Kolkata',
  },
};
const paymentStarted: BookingEvent = {
  type: 'booking.payment_started',
  data: { ...ids, orderId: 'order_1', amountPaise: 58_882 },
};
const holdExpired: BookingEvent = { type: 'booking.hold_expired', data: { ...ids, partnerId: 'p-1' } };
const confirmed: BookingEvent = {
  type: 'booking.confirmed',
  data: {
    ...ids,
    serviceName: 'Bathroom cleaning',
    scheduledFor: '2026-03-02T12:00:00.000Z',
    serviceId: 'svc-1',
    addressId: 'addr-1',
    window: terms.window,
    amountPaise: 58_882,
    orderId: 'order_1',
    paymentId: 'pay_1',
    timeZone: 'Asia/Kolkata',
  },
};
const capture = (
  overrides: Partial<Extract<BookingCommand, { type: 'CapturePayment' }>> = {},
): BookingCommand => ({
  type: 'CapturePayment',
  orderId: 'order_1',
  paymentId: 'pay_1',
  customerId: 'cust-1',
  amountPaise: 58_882,
  hasCapacity: true,
  ...overrides,
});
const placeHold = (
  overrides: Partial<Extract<BookingCommand, { type: 'PlaceHold' }>> = {},
): BookingCommand => ({ type: 'PlaceHold', terms, unpaidHolds: 0, maxUnpaidHolds: 2, ...overrides });
const startPayment = (
  overrides: Partial<Extract<BookingCommand, { type: 'StartPayment' }>> = {},
): BookingCommand => ({
  type: 'StartPayment',
  orderId: 'order_1',
  customerId: 'cust-1',
  amountPaise: 58_882,
  ...overrides,
});
const paymentRejected = (
  data: Partial<Extract<BookingEvent, { type: 'booking.payment_rejected' }>['data']>,
): BookingEvent => ({
  type: 'booking.payment_rejected',
  data: {
    ...ids,
    orderId: 'order_1',
    paymentId: 'pay_1',
    amountPaise: 58_882,
    reason: 'hold_expired',
    ...data,
  },
});
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

/** ₹50 kept after assignment; nothing back once on the way for 10 minutes. */
const policy: CancellationPolicy = { fee: { kind: 'flat', paise: 5000 }, noRefundAfterEnRouteMinutes: 10 };
const cancel = (
  reason: string,
  choices: Pick<Extract<BookingCommand, { type: 'Cancel' }>, 'refund' | 'noShow'> = {},
): BookingCommand => ({ type: 'Cancel', reason, policy, ...choices });
type Cancelled = Extract<BookingEvent, { type: 'booking.cancelled' }>['data'];
/** A cancellation of the paid booking (₹588.82) as the decider reports it. */
const cancelledEvent = (data: Partial<Cancelled>): BookingEvent => ({
  type: 'booking.cancelled',
  data: {
    ...ids,
    cancelledBy: 'customer',
    reason: 'x',
    paymentId: 'pay_1',
    refundDuePaise: 58_882,
    feePaise: 0,
    refundBasis: 'rule',
    rule: 'free',
    noShow: null,
    partnerId: null,
    ...data,
  },
});

/** Who issues the command, and when (now unless said otherwise). */
const by = (actor: Actor, at: Date = now) => ({ actor, now: at });

describe('placing a hold', () => {
  it('holds the partner for the customer with the price fixed', () => {
    const state = given(bookingDecider).when(placeHold(), by(customer)).thenEmits(held);
    expect(state).toEqual({ status: 'held', terms });
    expect(holdsCapacity(state)).toBe(true);
  });

  it('is the customer’s own act: another customer, a partner or the system cannot place it', () => {
    given(bookingDecider)
      .when(placeHold(), by({ kind: 'customer', id: 'someone-else' }))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    given(bookingDecider)
      .when(placeHold(), by({ kind: 'partner', id: 'p-1' }))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    given(bookingDecider).when(placeHold(), by(system)).thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });

  it('refuses a price that does not add up, is under ₹1, or a hold that is already over', () => {
    const wrong = { ...terms, price: { ...terms.price, totalPaise: 1 } };
    given(bookingDecider)
      .when(placeHold({ terms: wrong }), by(customer))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    const free = {
      ...terms,
      price: { ...terms.price, basePaise: 50, pretaxPaise: 50, taxPaise: 0, totalPaise: 50 },
    };
    given(bookingDecider)
      .when(placeHold({ terms: free }), by(customer))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider)
      .when(placeHold(), by(customer, later(10)))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
  });

  it('refuses a hold beyond the customer’s limit of unpaid holds, and allows the last one under it', () => {
    given(bookingDecider)
      .when(placeHold({ unpaidHolds: 1, maxUnpaidHolds: 2 }), by(customer))
      .thenEmits(held);
    given(bookingDecider)
      .when(placeHold({ unpaidHolds: 2, maxUnpaidHolds: 2 }), by(customer))
      .thenRefuses('BOOKING.UNPAID_HOLDS_LIMIT');
  });

  it('cannot place the same booking twice', () => {
    given(bookingDecider, held).when(placeHold(), by(customer)).thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
  });
});

describe('paying', () => {
  it('awaits payment once the payments service opened an order for the exact price', () => {
    given(bookingDecider, held).when(startPayment(), by(system)).thenEmits(paymentStarted);
  });

  it('ignores the same order reported twice, refuses a second order or a wrong amount', () => {
    given(bookingDecider, held, paymentStarted).when(startPayment(), by(system)).thenEmits();
    given(bookingDecider, held, paymentStarted)
      .when(startPayment({ orderId: 'order_2' }), by(system))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider, held)
      .when(startPayment({ amountPaise: 100 }), by(system))
      .thenRefuses('BOOKING.AMOUNT_MISMATCH');
  });

  it('refuses an order opened for anyone but the hold’s customer, in any state', () => {
    given(bookingDecider, held)
      .when(startPayment({ customerId: 'cust-2' }), by(system))
      .thenRefuses('BOOKING.PAYER_NOT_CUSTOMER');
    given(bookingDecider, held, paymentStarted)
      .when(startPayment({ customerId: 'cust-2' }), by(system))
      .thenRefuses('BOOKING.PAYER_NOT_CUSTOMER');
  });

  it('refunds a capture paid by someone else and leaves the hold unpaid for its customer', () => {
    const foreign = given(bookingDecider, held)
      .when(capture({ customerId: 'cust-2', paymentId: 'pay_9' }), by(system))
      .thenEmits(paymentRejected({ paymentId: 'pay_9', reason: 'payer_not_customer' }));
    expect(foreign).toEqual({ status: 'held', terms });
    const expired = given(bookingDecider, held, holdExpired)
      .when(capture({ customerId: 'cust-2', hasCapacity: true }), by(system, later(12)))
      .thenEmits(paymentRejected({ reason: 'payer_not_customer' }));
    expect(expired).toMatchObject({ status: 'expired' });
  });

  it('refuses to start paying for a hold that has lapsed', () => {
    given(bookingDecider, held)
      .when(startPayment(), by(system, later(10)))
      .thenRefuses('BOOKING.HOLD_EXPIRED');
  });

  it('confirms the booking when the payment is captured in time', () => {
    const state = given(bookingDecider, held, paymentStarted)
      .when(capture(), by(system))
      .thenEmits(confirmed);
    expect(state).toMatchObject({
      status: 'confirmed',
      payment: { paymentId: 'pay_1', amountPaise: 58_882 },
    });
  });

  it('confirms once however many times the capture is reported (checkout callback and webhook)', () => {
    given(bookingDecider, held, paymentStarted, confirmed).when(capture(), by(system)).thenEmits();
  });

  it("lets a failed attempt's time go, and a retry on the same order confirm while it is free", () => {
    const failed: BookingEvent = {
      type: 'booking.payment_failed',
      data: { ...ids, orderId: 'order_1', paymentId: 'pay_0', reason: 'card declined' },
    };
    const state = given(bookingDecider, held, paymentStarted)
      .when(
        { type: 'FailPayment', orderId: 'order_1', paymentId: 'pay_0', reason: 'card declined' },
        by(system),
      )
      .thenEmits(failed);
    expect(state.status).toBe('payment_failed');
    // the partner's time is let go at once; a retry confirms only if the shell could take it back
    expect(holdsCapacity(state)).toBe(false);
    given(bookingDecider, held, paymentStarted, failed).when(capture(), by(system)).thenEmits(confirmed);
    const { decision } = given(bookingDecider, held, paymentStarted, failed).when(
      capture({ hasCapacity: false }),
      by(system),
    );
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual([
      'booking.hold_expired',
      'booking.payment_rejected',
      'booking.rejected',
    ]);
  });

  it('ignores a failure reported after the booking was confirmed', () => {
    given(bookingDecider, held, paymentStarted, confirmed)
      .when({ type: 'FailPayment', orderId: 'order_1', paymentId: 'pay_0', reason: 'late' }, by(system))
      .thenEmits();
  });

  it('refunds a second, different payment for a confirmed booking and keeps the booking as it is', () => {
    const second = given(bookingDecider, held, paymentStarted, confirmed).when(
      capture({ paymentId: 'pay_2' }),
      by(system),
    );
    const state = second.thenEmits(paymentRejected({ paymentId: 'pay_2', reason: 'duplicate_payment' }));
    expect(state).toMatchObject({ status: 'confirmed', payment: { paymentId: 'pay_1' } });
  });

  it('refunds a payment of the wrong amount and keeps the hold open for the right one', () => {
    const state = given(bookingDecider, held, paymentStarted)
      .when(capture({ amountPaise: 100 }), by(system))
      .thenEmits(paymentRejected({ amountPaise: 100, reason: 'amount_mismatch' }));
    expect(state.status).toBe('awaiting_payment');
  });
});

describe('hold expiry', () => {
  it('expires an unpaid hold once its time has passed, and frees the capacity', () => {
    const state = given(bookingDecider, held, paymentStarted)
      .when({ type: 'ExpireHold' }, by(system, later(10)))
      .thenEmits(holdExpired);
    expect(state).toMatchObject({ status: 'expired', orderId: 'order_1' });
    expect(holdsCapacity(state)).toBe(false);
  });

  it('does not expire a hold early, nor a confirmed booking', () => {
    given(bookingDecider, held)
      .when({ type: 'ExpireHold' }, by(system, later(9)))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider, held, paymentStarted, confirmed)
      .when({ type: 'ExpireHold' }, by(system, later(30)))
      .thenEmits();
  });

  it('confirms a payment captured after expiry when the partner’s time could be taken again', () => {
    given(bookingDecider, held, paymentStarted, holdExpired)
      .when(capture({ hasCapacity: true }), by(system, later(12)))
      .thenEmits(confirmed);
  });

  it('rejects a payment captured after expiry when the capacity is gone, so it is refunded', () => {
    const rejected = paymentRejected({});
    const toldWhy: BookingEvent = {
      type: 'booking.rejected',
      data: { bookingId: 'b-1', customerId: 'cust-1', amountPaise: 58_882, reason: 'hold_expired' },
    };
    const state = given(bookingDecider, held, paymentStarted, holdExpired)
      .when(capture({ hasCapacity: false }), by(system, later(12)))
      .thenEmits(rejected, toldWhy);
    expect(state).toMatchObject({ status: 'rejected', reason: 'hold_expired', refundedPaise: 0 });
  });

  it('expires and rejects in one step when the capture finds a lapsed hold without capacity', () => {
    const decision = given(bookingDecider, held, paymentStarted).when(
      capture({ hasCapacity: false }),
      by(system, later(11)),
    ).decision;
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual([
      'booking.hold_expired',
      'booking.payment_rejected',
      'booking.rejected',
    ]);
  });
});

describe('cancelling and refunds', () => {
  it('lets the customer drop an unpaid hold, with nothing to refund', () => {
    given(bookingDecider, held)
      .when(cancel('changed my mind'), by(customer))
      .thenEmits({
        type: 'booking.cancelled',
        data: {
          ...ids,
          cancelledBy: 'customer',
          reason: 'changed my mind',
          paymentId: null,
          refundDuePaise: 0,
          feePaise: 0,
          refundBasis: 'rule',
          rule: 'unpaid',
          noShow: null,
          partnerId: null,
        },
      });
  });

  it('refunds the full amount when a confirmed booking is cancelled, and ends refunded', () => {
    const cancelled = cancelledEvent({ cancelledBy: 'admin', reason: 'no partner', refundBasis: 'full' });
    given(bookingDecider, held, paymentStarted, confirmed)
      .when(cancel('no partner'), by(admin))
      .thenEmits(cancelled);
    const refunded: BookingEvent = {
      type: 'booking.refunded',
      data: { ...ids, paymentId: 'pay_1', refundId: 'rfnd_1', amountPaise: 58_882, refundedPaise: 58_882 },
    };
    const state = given(bookingDecider, held, paymentStarted, confirmed, cancelled)
      .when({ type: 'RecordRefund', paymentId: 'pay_1', refundId: 'rfnd_1', amountPaise: 58_882 }, by(system))
      .thenEmits(refunded, {
        type: 'booking.payment_refunded',
        data: { bookingId: 'b-1', customerId: 'cust-1', amountPaise: 58_882, reason: 'cancelled_by_ops' },
      });
    // once refunded, the booking still says who cancelled it
    expect(state).toMatchObject({ status: 'refunded', refundedPaise: 58_882, cancelledBy: 'admin' });
    given(bookingDecider, held, paymentStarted, confirmed, cancelled, refunded)
      .when({ type: 'RecordRefund', paymentId: 'pay_1', refundId: 'rfnd_1', amountPaise: 58_882 }, by(system))
      .thenEmits();
  });

  it('never refunds more than was paid', () => {
    const cancelled = cancelledEvent({});
    given(bookingDecider, held, paymentStarted, confirmed, cancelled)
      .when({ type: 'RecordRefund', paymentId: 'pay_1', refundId: 'rfnd_9', amountPaise: 58_883 }, by(system))
      .thenRefuses('BOOKING.AMOUNT_MISMATCH');
  });

  it('hides other customers’ bookings and keeps partners from cancelling', () => {
    given(bookingDecider, held)
      .when(cancel('x'), by({ kind: 'customer', id: 'cust-2' }))
      .thenRefuses('BOOKING.NOT_FOUND');
    given(bookingDecider, held)
      .when(cancel('x'), by({ kind: 'partner', id: 'p-1' }))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });

  it('cancels for the system when no partner was found, refunding everything paid, and says why', () => {
    const cancelled = cancelledEvent({
      cancelledBy: 'system',
      reason: 'no_partner_found',
      refundBasis: 'full',
    });
    given(bookingDecider, held, paymentStarted, confirmed)
      .when(cancel('no_partner_found'), by(system))
      .thenEmits(cancelled);
    const { decision } = given(bookingDecider, held, paymentStarted, confirmed, cancelled).when(
      { type: 'RecordRefund', paymentId: 'pay_1', refundId: 'rfnd_1', amountPaise: 58_882 },
      by(system),
    );
    expect(decision.ok && decision.events.at(-1)).toEqual({
      type: 'booking.payment_refunded',
      data: { bookingId: 'b-1', customerId: 'cust-1', amountPaise: 58_882, reason: 'no_partner_found' },
    });
  });

  it('changes nothing when a cancelled booking is cancelled again', () => {
    const cancelled = cancelledEvent({});
    given(bookingDecider, held, paymentStarted, confirmed, cancelled)
      .when(cancel('again'), by(customer))
      .thenEmits();
    given(bookingDecider, held, paymentStarted, confirmed, cancelled)
      .when(cancel('again', { refund: { kind: 'custom', amountPaise: 1 } }), by(admin))
      .thenEmits();
  });

  it('cannot cancel an expired hold', () => {
    given(bookingDecider, held, holdExpired)
      .when(cancel('x'), by(customer, later(20)))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
  });
});

const asha = { name: 'Asha', photoUrl: null, phone: '+919800000002', rating: 4.6 };
const assign = (partnerId: string, assignedBy: 'partner' | 'admin' = 'partner'): BookingCommand => ({
  type: 'AssignPartner',
  partnerId,
  partner: asha,
  assignedBy,
  reason: assignedBy === 'admin' ? 'closest' : null,
});
const assignedTo = (partnerId: string, previousPartnerId: string | null = null): BookingEvent => ({
  type: 'booking.partner_assigned',
  data: {
    ...ids,
    serviceName: 'Bathroom cleaning',
    partnerId,
    partner: asha,
    assignedBy: previousPartnerId ? 'admin' : 'partner',
    assignedAt: now.toISOString(),
    previousPartnerId,
    reason: previousPartnerId ? 'closest' : null,
  },
});

describe('assigning a partner', () => {
  it('gives a confirmed booking its partner, keeping the partner’s time', () => {
    const state = given(bookingDecider, held, paymentStarted, confirmed)
      .when(assign('p-2'), by(system))
      .thenEmits(assignedTo('p-2'));
    expect(state).toMatchObject({
      status: 'assigned',
      assignment: { partnerId: 'p-2', partner: asha, assignedAt: now.toISOString(), assignedBy: 'partner' },
    });
    expect(holdsCapacity(state)).toBe(true);
  });

  it('reassigns to another partner naming the one released, and ignores the same partner again', () => {
    given(bookingDecider, held, paymentStarted, confirmed, assignedTo('p-2'))
      .when(assign('p-3', 'admin'), by(admin))
      .thenEmits(assignedTo('p-3', 'p-2'));
    given(bookingDecider, held, paymentStarted, confirmed, assignedTo('p-2'))
      .when(assign('p-2'), by(system))
      .thenEmits();
  });

  it('assigns only paid, open bookings, and only for dispatch or the team', () => {
    given(bookingDecider, held).when(assign('p-2'), by(system)).thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider, held, paymentStarted, confirmed)
      .when(assign('p-2'), by({ kind: 'partner', id: 'p-2' }))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    given(bookingDecider, held, paymentStarted, confirmed)
      .when(assign('p-2'), by(customer))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });

  it('goes back to searching when the partner backs out, and can be assigned again', () => {
    const released: BookingEvent = {
      type: 'booking.partner_released',
      data: { ...ids, partnerId: 'p-2', reason: 'flat tyre' },
    };
    const state = given(bookingDecider, held, paymentStarted, confirmed, assignedTo('p-2'))
      .when({ type: 'ReleasePartner', partnerId: 'p-2', reason: 'flat tyre' }, by(system))
      .thenEmits(released);
    expect(state.status).toBe('confirmed');
    given(bookingDecider, held, paymentStarted, confirmed, assignedTo('p-2'))
      .when({ type: 'ReleasePartner', partnerId: 'p-3', reason: null }, by(system))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider, held, paymentStarted, confirmed, assignedTo('p-2'), released)
      .when(assign('p-4'), by(system))
      .thenEmits(assignedTo('p-4'));
  });

  it('keeps the cancellation fee when the customer cancels an assigned booking', () => {
    given(bookingDecider, held, paymentStarted, confirmed, assignedTo('p-2'))
      .when(cancel('plans changed'), by(customer))
      .thenEmits(
        cancelledEvent({
          reason: 'plans changed',
          refundDuePaise: 53_882,
          feePaise: 5000,
          rule: 'fee',
          partnerId: 'p-2',
        }),
      );
  });

  it('refunds an assigned booking in full when the team cancels it, unless it chooses otherwise', () => {
    const base = [held, paymentStarted, confirmed, assignedTo('p-2')] as const;
    const byTeam = { cancelledBy: 'admin', reason: 'ops', partnerId: 'p-2', rule: 'fee' } as const;
    given(bookingDecider, ...base)
      .when(cancel('ops'), by(admin))
      .thenEmits(cancelledEvent({ ...byTeam, refundBasis: 'full' }));
    given(bookingDecider, ...base)
      .when(cancel('ops', { refund: { kind: 'rule' } }), by(admin))
      .thenEmits(cancelledEvent({ ...byTeam, refundDuePaise: 53_882, feePaise: 5000 }));
    given(bookingDecider, ...base)
      .when(cancel('ops', { refund: { kind: 'custom', amountPaise: 10_000 } }), by(admin))
      .thenEmits(
        cancelledEvent({ ...byTeam, refundDuePaise: 10_000, feePaise: 48_882, refundBasis: 'custom' }),
      );
    given(bookingDecider, ...base)
      .when(cancel('ops', { refund: { kind: 'custom', amountPaise: 58_883 } }), by(admin))
      .thenRefuses('BOOKING.REFUND_EXCEEDS_PAID');
  });

  it('lets only the team choose a refund or record a no-show', () => {
    const base = [held, paymentStarted, confirmed, assignedTo('p-2')] as const;
    given(bookingDecider, ...base)
      .when(cancel('x', { refund: { kind: 'full' } }), by(customer))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    given(bookingDecider, ...base)
      .when(cancel('x', { noShow: 'partner' }), by(customer))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });

  it('refunds a second payment for an assigned booking and keeps the booking as it is', () => {
    given(bookingDecider, held, paymentStarted, confirmed, assignedTo('p-2'))
      .when(capture({ paymentId: 'pay_2' }), by(system))
      .thenEmits(paymentRejected({ paymentId: 'pay_2', reason: 'duplicate_payment' }));
  });
});

describe('the journey', () => {
  const p2: Actor = { kind: 'partner', id: 'p-2' };
  const assigned = [held, paymentStarted, confirmed, assignedTo('p-2')] as const;
  const pin = { lat: 12.97, lng: 77.64 };
  const journey = {
    ...ids,
    serviceName: 'Bathroom cleaning',
    partnerId: 'p-2',
    partnerName: 'Asha',
    startedAt: now.toISOString(),
  };
  const enRoute: BookingEvent = { type: 'booking.en_route', data: { ...journey, destination: pin } };
  const arrivedBy = (detectedBy: 'partner' | 'position', at: Date = later(20)): BookingEvent => ({
    type: 'booking.arrived',
    data: { ...journey, arrivedAt: at.toISOString(), detectedBy },
  });
  const onMyWay: BookingCommand = { type: 'StartJourney', destination: pin };
  const iHaveArrived: BookingCommand = { type: 'ConfirmArrival', detectedBy: 'partner' };

  it('sets out when the assigned partner says "On my way", keeping their time and assignment', () => {
    const state = given(bookingDecider, ...assigned)
      .when(onMyWay, by(p2))
      .thenEmits(enRoute);
    expect(state).toMatchObject({ status: 'en_route', startedAt: now.toISOString() });
    expect(assigneeOf(state)).toBe('p-2');
    expect(holdsCapacity(state)).toBe(true);
  });

  it('arrives when the partner says so, or when tracking saw them at the door', () => {
    const state = given(bookingDecider, ...assigned, enRoute)
      .when(iHaveArrived, by(p2, later(20)))
      .thenEmits(arrivedBy('partner'));
    expect(state).toMatchObject({ status: 'arrived', arrivedAt: later(20).toISOString() });
    expect(holdsCapacity(state)).toBe(true);
    given(bookingDecider, ...assigned, enRoute)
      .when({ type: 'ConfirmArrival', detectedBy: 'position' }, by(system, later(20)))
      .thenEmits(arrivedBy('position'));
  });

  it('changes nothing on a repeated tap', () => {
    given(bookingDecider, ...assigned, enRoute)
      .when(onMyWay, by(p2))
      .thenEmits();
    given(bookingDecider, ...assigned, enRoute, arrivedBy('partner'))
      .when(onMyWay, by(p2))
      .thenEmits();
    given(bookingDecider, ...assigned, enRoute, arrivedBy('partner'))
      .when(iHaveArrived, by(p2))
      .thenEmits();
  });

  it('refuses an arrival before setting out, and a journey without an assigned partner', () => {
    given(bookingDecider, ...assigned)
      .when(iHaveArrived, by(p2))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider, held, paymentStarted, confirmed)
      .when(onMyWay, by(p2))
      .thenRefuses('BOOKING.NOT_FOUND');
  });

  it('ignores an arrival by distance that comes after the booking moved on', () => {
    given(bookingDecider, ...assigned)
      .when({ type: 'ConfirmArrival', detectedBy: 'position' }, by(system))
      .thenEmits();
  });

  it('is the assigned partner’s own act: another partner finds no such job, others may not', () => {
    given(bookingDecider, ...assigned)
      .when(onMyWay, by({ kind: 'partner', id: 'p-3' }))
      .thenRefuses('BOOKING.NOT_FOUND');
    given(bookingDecider, ...assigned, enRoute)
      .when(iHaveArrived, by({ kind: 'partner', id: 'p-3' }))
      .thenRefuses('BOOKING.NOT_FOUND');
    given(bookingDecider, ...assigned)
      .when(onMyWay, by(customer))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    given(bookingDecider, ...assigned)
      .when(onMyWay, by(admin))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    given(bookingDecider, ...assigned)
      .when(onMyWay, by(system))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });

  it('lets the team cancel on the way or at the door with a full refund', () => {
    for (const [journeySoFar, rule] of [
      [[enRoute], 'fee'],
      [[enRoute, arrivedBy('partner')], 'no_refund'],
    ] as const) {
      const state = given(bookingDecider, ...assigned, ...journeySoFar)
        .when(cancel('ops'), by(admin))
        .thenEmits(
          cancelledEvent({
            cancelledBy: 'admin',
            reason: 'ops',
            refundBasis: 'full',
            rule,
            partnerId: 'p-2',
          }),
        );
      expect(holdsCapacity(state)).toBe(false);
    }
  });

  it('keeps the fee while the partner is on the way, and everything from the cut-off on', () => {
    const byCustomer = { reason: 'x', partnerId: 'p-2' } as const;
    given(bookingDecider, ...assigned, enRoute)
      .when(cancel('x'), by(customer, new Date(later(10).getTime() - 1)))
      .thenEmits(cancelledEvent({ ...byCustomer, refundDuePaise: 53_882, feePaise: 5000, rule: 'fee' }));
    given(bookingDecider, ...assigned, enRoute)
      .when(cancel('x'), by(customer, later(10)))
      .thenEmits(cancelledEvent({ ...byCustomer, refundDuePaise: 0, feePaise: 58_882, rule: 'no_refund' }));
    given(bookingDecider, ...assigned, enRoute, arrivedBy('partner', later(2)))
      .when(cancel('x'), by(customer, later(3)))
      .thenEmits(cancelledEvent({ ...byCustomer, refundDuePaise: 0, feePaise: 58_882, rule: 'no_refund' }));
  });

  it('records a no-show: an absent customer by the rule, an absent partner with everything back', () => {
    const atTheDoor = [...assigned, enRoute, arrivedBy('partner')] as const;
    const byTeam = { cancelledBy: 'admin', reason: 'nobody home', partnerId: 'p-2' } as const;
    given(bookingDecider, ...atTheDoor)
      .when(cancel('nobody home', { noShow: 'customer' }), by(admin, later(40)))
      .thenEmits(
        cancelledEvent({
          ...byTeam,
          refundDuePaise: 0,
          feePaise: 58_882,
          rule: 'no_refund',
          noShow: 'customer',
        }),
      );
    given(bookingDecider, ...assigned, enRoute)
      .when(cancel('nobody home', { noShow: 'customer' }), by(admin))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider, ...assigned, enRoute)
      .when(cancel('nobody home', { noShow: 'partner' }), by(admin, later(60)))
      .thenEmits(cancelledEvent({ ...byTeam, refundBasis: 'full', rule: 'no_refund', noShow: 'partner' }));
    given(bookingDecider, held, paymentStarted, confirmed)
      .when(cancel('nobody home', { noShow: 'partner' }), by(admin))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider, ...atTheDoor)
      .when(cancel('x', { noShow: 'partner', refund: { kind: 'rule' } }), by(admin))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
  });

  it('lets the team replace a partner on the way, who starts again from assigned', () => {
    const state = given(bookingDecider, ...assigned, enRoute)
      .when(assign('p-3', 'admin'), by(admin))
      .thenEmits(assignedTo('p-3', 'p-2'));
    expect(state).toMatchObject({ status: 'assigned', assignment: { partnerId: 'p-3' } });
  });

  it('keeps a partner on the way from backing out alone: the team reassigns', () => {
    given(bookingDecider, ...assigned, enRoute)
      .when({ type: 'ReleasePartner', partnerId: 'p-2', reason: null }, by(system))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
  });

  it('refunds a second payment on the way and stays on the way', () => {
    given(bookingDecider, ...assigned, enRoute)
      .when(capture({ paymentId: 'pay_2' }), by(system))
      .thenEmits(paymentRejected({ paymentId: 'pay_2', reason: 'duplicate_payment' }));
  });
});

describe('the job: timer, end, extra time', () => {
  const partner: Actor = { kind: 'partner', id: 'p-2' };
  const assigned: BookingEvent = {
    type: 'booking.partner_assigned',
    data: {
      ...ids,
      serviceName: 'Bathroom cleaning',
      partnerId: 'p-2',
      partner: { name: 'Asha', photoUrl: null, phone: null, rating: 4.6 },
      assignedBy: 'partner',
      assignedAt: now.toISOString(),
      previousPartnerId: null,
      reason: null,
    },
  };
  // 60 minutes included, 10 of grace, then ₹100 per started 15 minutes, 18% GST
  const pricing = {
    basePricePaise: 49_900,
    includedMinutes: 60,
    graceMinutes: 10,
    extraBlockMinutes: 15,
    extraBlockPricePaise: 10_000,
    taxRateBasisPoints: 1800,
  };
  const startedAt = now.toISOString();
  const started: BookingEvent = {
    type: 'booking.job_started',
    data: { ...ids, partnerId: 'p-2', startedAt },
  };
  const at = (minutes: number, actor: Actor) => ({ actor, now: new Date(now.getTime() + minutes * 60_000) });
  const endedAfter = (minutes: number, extraDuePaise: number): BookingEvent => ({
    type: 'booking.job_ended',
    data: {
      ...ids,
      partnerId: 'p-2',
      startedAt,
      endedAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
      workedMinutes: Math.floor(minutes),
      extraDuePaise,
      extraPayableId: extraDuePaise > 0 ? 'extra-1' : null,
    },
  });
  const journey = {
    ...ids,
    serviceName: 'Bathroom cleaning',
    partnerId: 'p-2',
    partnerName: 'Asha',
    startedAt: later(-30).toISOString(),
  };
  const enRoute: BookingEvent = { type: 'booking.en_route', data: { ...journey, destination: null } };
  const arrived: BookingEvent = {
    type: 'booking.arrived',
    data: { ...journey, arrivedAt: later(-1).toISOString(), detectedBy: 'partner' },
  };
  const base = [held, paymentStarted, confirmed, assigned, enRoute, arrived];

  it('starts the timer for the assigned partner at the server’s time, once', () => {
    const state = given(bookingDecider, ...base)
      .when({ type: 'StartJob', partnerId: 'p-2' }, by(partner))
      .thenEmits(started);
    expect(state).toMatchObject({ status: 'in_progress', jobStartedAt: startedAt });
    expect(holdsCapacity(state)).toBe(true);
    given(bookingDecider, ...base, started)
      .when({ type: 'StartJob', partnerId: 'p-2' }, by(partner))
      .thenEmits();
  });

  it('refuses a start by another partner, before anyone has the job, and before the partner arrived', () => {
    given(bookingDecider, ...base)
      .when({ type: 'StartJob', partnerId: 'p-3' }, by({ kind: 'partner', id: 'p-3' }))
      .thenRefuses('BOOKING.NOT_FOUND');
    given(bookingDecider, held, paymentStarted, confirmed)
      .when({ type: 'StartJob', partnerId: 'p-2' }, by(partner))
      .thenRefuses('BOOKING.NOT_FOUND');
    given(bookingDecider, held, paymentStarted, confirmed, assigned, enRoute)
      .when({ type: 'StartJob', partnerId: 'p-2' }, by(partner))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    given(bookingDecider, ...base)
      .when({ type: 'StartJob', partnerId: 'p-2' }, by(customer))
      .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
  });

  it('completes at once a job that ended within its included time and grace', () => {
    const state = given(bookingDecider, ...base, started)
      .when({ type: 'EndJob', partnerId: 'p-2', pricing, extraPayableId: 'extra-1' }, at(70.9, partner))
      .thenEmits(endedAfter(70.9, 0), {
        type: 'booking.completed',
        data: {
          ...ids,
          partnerId: 'p-2',
          workedMinutes: 70,
          extraPaidPaise: 0,
          extraPayableId: null,
          extraPayment: null,
          completedAt: new Date(now.getTime() + 70.9 * 60_000).toISOString(),
        },
      });
    expect(state).toMatchObject({ status: 'completed', work: { workedMinutes: 70, extraDuePaise: 0 } });
    expect(holdsCapacity(state)).toBe(false);
  });

  it('charges every started block past the grace, tax included, and waits for that payment', () => {
    // 71 minutes: 1 minute into the first block → ₹100 + 18% = 11 800 paise
    const state = given(bookingDecider, ...base, started)
      .when({ type: 'EndJob', partnerId: 'p-2', pricing, extraPayableId: 'extra-1' }, at(71, partner))
      .thenEmits(endedAfter(71, 11_800));
    expect(state.status).toBe('awaiting_extra_payment');
    expect(extraDuePaise(pricing, 86)).toBe(23_600);
    // less than Razorpay's ₹1 is not worth a second payment
    expect(extraDuePaise({ ...pricing, extraBlockPricePaise: 50 }, 71)).toBe(0);
  });

  it('completes on the extra payment of its customer and amount; refunds any other', () => {
    const history = [...base, started, endedAfter(71, 11_800)];
    const pay = (overrides: Partial<Extract<BookingCommand, { type: 'CaptureExtraPayment' }>> = {}) => ({
      type: 'CaptureExtraPayment' as const,
      orderId: 'order_x',
      paymentId: 'pay_x',
      customerId: 'cust-1',
      amountPaise: 11_800,
      ...overrides,
    });
    const state = given(bookingDecider, ...history)
      .when(pay(), at(80, system))
      .thenEmits({
        type: 'booking.completed',
        data: {
          ...ids,
          partnerId: 'p-2',
          workedMinutes: 71,
          extraPaidPaise: 11_800,
          extraPayableId: 'extra-1',
          extraPayment: { paymentId: 'pay_x', orderId: 'order_x' },
          completedAt: new Date(now.getTime() + 80 * 60_000).toISOString(),
        },
      });
    expect(state).toMatchObject({
      status: 'completed',
      extraPayment: { paymentId: 'pay_x', amountPaise: 11_800 },
    });
    given(bookingDecider, ...history)
      .when(pay({ amountPaise: 100 }), by(system))
      .thenEmits(
        paymentRejected({
          orderId: 'order_x',
          paymentId: 'pay_x',
          amountPaise: 100,
          reason: 'amount_mismatch',
        }),
      );
    given(bookingDecider, ...history)
      .when(pay({ customerId: 'cust-2' }), by(system))
      .thenEmits(
        paymentRejected({
          orderId: 'order_x',
          paymentId: 'pay_x',
          amountPaise: 11_800,
          reason: 'payer_not_customer',
        }),
      );
  });

  it('refuses to end a job that has not started', () => {
    given(bookingDecider, ...base)
      .when({ type: 'EndJob', partnerId: 'p-2', pricing, extraPayableId: 'extra-1' }, by(partner))
      .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
  });

  describe('add-ons and materials the customer approves', () => {
    const propose = (extraId: string, amountPaise = 10_000, description = 'Descaling liquid') => ({
      type: 'ProposeExtra' as const,
      extraId,
      kind: 'material' as const,
      description,
      amountPaise,
    });
    const proposed = (extraId: string, amountPaise = 10_000, minutes = 5): BookingEvent => ({
      type: 'booking.extra_proposed',
      data: {
        ...ids,
        partnerId: 'p-2',
        extraId,
        kind: 'material',
        description: 'Descaling liquid',
        amountPaise,
        proposedAt: later(minutes).toISOString(),
      },
    });
    const decided = (
      type: 'booking.extra_approved' | 'booking.extra_declined',
      extraId: string,
      amountPaise = 10_000,
    ): BookingEvent => ({
      type,
      data: { ...ids, partnerId: 'p-2', extraId, amountPaise, decidedAt: later(10).toISOString() },
    });
    const approve = (extraId: string) => ({
      type: 'DecideExtra' as const,
      extraId,
      decision: 'approve' as const,
    });
    const decline = (extraId: string) => ({
      type: 'DecideExtra' as const,
      extraId,
      decision: 'decline' as const,
    });
    const end = { type: 'EndJob' as const, partnerId: 'p-2', pricing, extraPayableId: 'extra-1' };

    it('takes a proposal from the assigned partner only while the job is in progress, once per id', () => {
      const state = given(bookingDecider, ...base, started)
        .when(propose('x-1'), at(5, partner))
        .thenEmits(proposed('x-1'));
      expect(state).toMatchObject({
        status: 'in_progress',
        extras: [{ extraId: 'x-1', status: 'proposed' }],
      });
      given(bookingDecider, ...base, started, proposed('x-1'))
        .when(propose('x-1'), at(6, partner))
        .thenEmits();
      given(bookingDecider, ...base)
        .when(propose('x-1'), by(partner))
        .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
      given(bookingDecider, ...base, started, endedAfter(71, 11_800))
        .when(propose('x-1'), at(72, partner))
        .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
      given(bookingDecider, ...base, started)
        .when(propose('x-1'), by({ kind: 'partner', id: 'p-3' }))
        .thenRefuses('BOOKING.NOT_FOUND');
      given(bookingDecider, ...base, started)
        .when(propose('x-1'), by(customer))
        .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    });

    it('takes at most ten extras a job, each of ₹1 to ₹50,000 with a description of 1 to 120 characters', () => {
      const ten = Array.from({ length: 10 }, (_, n) => proposed(`x-${n}`));
      given(bookingDecider, ...base, started, ...ten)
        .when(propose('x-10'), by(partner))
        .thenRefuses('JOB.EXTRAS_LIMIT');
      for (const amountPaise of [99, 5_000_001, 150.5, Number.NaN, Number.POSITIVE_INFINITY, -5])
        given(bookingDecider, ...base, started)
          .when(propose('x-1', amountPaise), by(partner))
          .thenRefuses('REQUEST.VALIDATION_FAILED');
      for (const description of ['   ', 'a'.repeat(121)])
        given(bookingDecider, ...base, started)
          .when(propose('x-1', 10_000, description), by(partner))
          .thenRefuses('REQUEST.VALIDATION_FAILED');
    });

    it("is decided once by the booking's customer while the job runs; the same decision again changes nothing", () => {
      const proposing = [...base, started, proposed('x-1')];
      const state = given(bookingDecider, ...proposing)
        .when(approve('x-1'), at(10, customer))
        .thenEmits(decided('booking.extra_approved', 'x-1'));
      expect(state).toMatchObject({
        extras: [{ extraId: 'x-1', status: 'approved', decidedAt: later(10).toISOString() }],
      });
      const approved = [...proposing, decided('booking.extra_approved', 'x-1')];
      given(bookingDecider, ...approved)
        .when(approve('x-1'), at(11, customer))
        .thenEmits();
      given(bookingDecider, ...approved)
        .when(decline('x-1'), at(11, customer))
        .thenRefuses('JOB.EXTRA_DECIDED');
      given(bookingDecider, ...proposing)
        .when(decline('x-1'), at(10, customer))
        .thenEmits(decided('booking.extra_declined', 'x-1'));
      given(bookingDecider, ...proposing)
        .when(approve('x-9'), by(customer))
        .thenRefuses('JOB.EXTRA_NOT_FOUND');
      given(bookingDecider, ...base)
        .when(approve('x-1'), by(customer))
        .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
      given(bookingDecider, ...proposing)
        .when(approve('x-1'), by({ kind: 'customer', id: 'cust-2' }))
        .thenRefuses('BOOKING.NOT_FOUND');
      given(bookingDecider, ...proposing)
        .when(approve('x-1'), by(partner))
        .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
    });

    it('charges only approved extras at the end OTP, taxed once with the extra time; undecided ones lapse', () => {
      const decidedJob = [
        ...base,
        started,
        proposed('x-1', 10_000),
        proposed('x-2', 20_000),
        proposed('x-3', 5_000),
        decided('booking.extra_approved', 'x-1', 10_000),
        decided('booking.extra_declined', 'x-2', 20_000),
      ];
      // 71 minutes: one block (₹100) + the approved ₹100, plus 18% on both = 23 600 paise
      const state = given(bookingDecider, ...decidedJob)
        .when(end, at(71, partner))
        .thenEmits(endedAfter(71, 23_600));
      expect(state).toMatchObject({
        status: 'awaiting_extra_payment',
        work: {
          extras: [
            { extraId: 'x-1', status: 'approved' },
            { extraId: 'x-2', status: 'declined' },
            { extraId: 'x-3', status: 'proposed' },
          ],
        },
      });
      // within the included time, the approved extra alone is owed (a second payment, not a completion)
      given(bookingDecider, ...decidedJob)
        .when(end, at(30, partner))
        .thenEmits(endedAfter(30, 11_800));
      // once the job ended, the undecided extra can no longer be approved; a repeated approval still answers
      const ended = [...decidedJob, endedAfter(71, 23_600)];
      given(bookingDecider, ...ended)
        .when(approve('x-3'), at(72, customer))
        .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
      given(bookingDecider, ...ended)
        .when(approve('x-1'), at(72, customer))
        .thenEmits();
      // tax on the sum, rounded once: 333 paise of extras owe 393, not 333 + 60 rounded apart
      expect(extraDuePaise(pricing, 60, 333)).toBe(393);
    });

    it('lets the team lower an extra that includes approved add-ons', () => {
      const ended = [
        ...base,
        started,
        proposed('x-1'),
        decided('booking.extra_approved', 'x-1'),
        endedAfter(30, 11_800),
      ];
      given(bookingDecider, ...ended)
        .when(
          { type: 'AdjustExtra', amountPaise: 5_900, reason: 'half the liquid', extraPayableId: 'extra-2' },
          at(31, admin),
        )
        .thenEmits({
          type: 'booking.extra_adjusted',
          data: {
            ...ids,
            previousDuePaise: 11_800,
            extraDuePaise: 5_900,
            previousPayableId: 'extra-1',
            extraPayableId: 'extra-2',
            reason: 'half the liquid',
            adjustedAt: later(31).toISOString(),
          },
        });
    });
  });

  describe("the team's refund in part and adjustment of the extra", () => {
    const extraPaid: BookingEvent = {
      type: 'booking.completed',
      data: {
        ...ids,
        partnerId: 'p-2',
        workedMinutes: 71,
        extraPaidPaise: 11_800,
        extraPayableId: 'extra-1',
        extraPayment: { paymentId: 'pay_x', orderId: 'order_x' },
        completedAt: later(80).toISOString(),
      },
    };
    const completedWithExtra = [...base, started, endedAfter(71, 11_800), extraPaid];
    const granted = (
      amountPaise: number,
      parts: { paymentId: string; amountPaise: number }[],
      grantedPaise: number,
      refundablePaise: number,
      reason = 'stain left',
    ): BookingEvent => ({
      type: 'booking.refund_granted',
      data: { ...ids, amountPaise, reason, parts, grantedPaise, refundablePaise },
    });
    const refund = (amountPaise: number) => ({
      type: 'RefundPart' as const,
      amountPaise,
      reason: 'stain left',
    });
    const adjust = (amountPaise: number) => ({
      type: 'AdjustExtra' as const,
      amountPaise,
      reason: 'slow because of our tools',
      extraPayableId: 'extra-2',
    });

    it('refunds the first payment first, then the extra, never past what was paid', () => {
      const paid = 58_882 + 11_800;
      given(bookingDecider, ...completedWithExtra)
        .when(refund(60_000), by(admin))
        .thenEmits(
          granted(
            60_000,
            [
              { paymentId: 'pay_1', amountPaise: 58_882 },
              { paymentId: 'pay_x', amountPaise: 1118 },
            ],
            60_000,
            paid - 60_000,
          ),
        );
      // what was granted is kept on the payments, so a second refund sees only what is left
      const state = replay(bookingDecider, [
        ...completedWithExtra,
        granted(
          60_000,
          [
            { paymentId: 'pay_1', amountPaise: 58_882 },
            { paymentId: 'pay_x', amountPaise: 1118 },
          ],
          60_000,
          paid - 60_000,
        ),
      ]);
      expect(state).toMatchObject({
        status: 'completed',
        payment: { grantedRefundPaise: 58_882 },
        extraPayment: { grantedRefundPaise: 1118 },
      });
      expect(bookingDecider.decide(refund(paid - 60_000 + 1), state, by(admin))).toMatchObject({
        ok: false,
        code: 'BOOKING.REFUND_EXCEEDS_PAID',
      });
    });

    it('refunds in part only for the team, only a paid booking that is not closed', () => {
      given(bookingDecider, ...completedWithExtra)
        .when(refund(100), by(customer))
        .thenRefuses('BOOKING.ACTOR_NOT_ALLOWED');
      given(bookingDecider, held, paymentStarted)
        .when(refund(100), by(admin))
        .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
      given(bookingDecider, ...base)
        .when(refund(0), by(admin))
        .thenRefuses('BOOKING.REFUND_EXCEEDS_PAID');
      given(bookingDecider, ...base)
        .when(refund(1000), by(admin))
        .thenEmits(granted(1000, [{ paymentId: 'pay_1', amountPaise: 1000 }], 1000, 58_882 - 1000));
    });

    it('lowers an unpaid extra to a new payable, and completes at once when it is waived', () => {
      const awaiting = [...base, started, endedAfter(71, 11_800)];
      const adjusted = (extraDuePaise: number, extraPayableId: string | null): BookingEvent => ({
        type: 'booking.extra_adjusted',
        data: {
          ...ids,
          previousDuePaise: 11_800,
          extraDuePaise,
          previousPayableId: 'extra-1',
          extraPayableId,
          reason: 'slow because of our tools',
          adjustedAt: now.toISOString(),
        },
      });
      const lowered = given(bookingDecider, ...awaiting)
        .when(adjust(5000), by(admin))
        .thenEmits(adjusted(5000, 'extra-2'));
      expect(lowered).toMatchObject({
        status: 'awaiting_extra_payment',
        work: { extraDuePaise: 5000, extraPayableId: 'extra-2' },
      });
      const waived = given(bookingDecider, ...awaiting)
        .when(adjust(0), by(admin))
        .thenEmits(adjusted(0, null), {
          type: 'booking.completed',
          data: {
            ...ids,
            partnerId: 'p-2',
            workedMinutes: 71,
            extraPaidPaise: 0,
            extraPayableId: null,
            extraPayment: null,
            completedAt: now.toISOString(),
          },
        });
      expect(waived.status).toBe('completed');
      for (const refused of [11_800, 20_000, 99, -5])
        given(bookingDecider, ...awaiting)
          .when(adjust(refused), by(admin))
          .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
      // the old payable's payment no longer pays: it is not the amount now owed
      given(bookingDecider, ...awaiting, adjusted(5000, 'extra-2'))
        .when(
          {
            type: 'CaptureExtraPayment',
            orderId: 'order_x',
            paymentId: 'pay_x',
            customerId: 'cust-1',
            amountPaise: 11_800,
          },
          by(system),
        )
        .thenEmits(
          paymentRejected({
            orderId: 'order_x',
            paymentId: 'pay_x',
            amountPaise: 11_800,
            reason: 'amount_mismatch',
          }),
        );
    });

    it('refunds the difference of an extra already paid, from the extra payment only', () => {
      given(bookingDecider, ...completedWithExtra)
        .when(adjust(1800), by(admin))
        .thenEmits(
          granted(
            10_000,
            [{ paymentId: 'pay_x', amountPaise: 10_000 }],
            10_000,
            58_882 + 1800,
            'slow because of our tools',
          ),
        );
      given(bookingDecider, ...base, started, endedAfter(70, 0), {
        type: 'booking.completed',
        data: {
          ...ids,
          partnerId: 'p-2',
          workedMinutes: 70,
          extraPaidPaise: 0,
          extraPayableId: null,
          extraPayment: null,
          completedAt: now.toISOString(),
        },
      })
        .when(adjust(0), by(admin))
        .thenRefuses('BOOKING.TRANSITION_NOT_ALLOWED');
    });

    it('counts the refunds of what it granted, and a cancellation owes back what is still on its way', () => {
      const grant = granted(20_000, [{ paymentId: 'pay_1', amountPaise: 20_000 }], 20_000, 38_882);
      const recordRefund = (refundId: string, amountPaise: number) => ({
        type: 'RecordRefund' as const,
        paymentId: 'pay_1',
        refundId,
        amountPaise,
      });
      const refunded = (refundId: string, amountPaise: number, refundedPaise: number): BookingEvent => ({
        type: 'booking.refunded',
        data: { ...ids, paymentId: 'pay_1', refundId, amountPaise, refundedPaise },
      });
      const open = given(bookingDecider, ...base.slice(0, 4), grant)
        .when(recordRefund('rf_1', 5000), by(system))
        .thenEmits(refunded('rf_1', 5000, 5000));
      expect(open).toMatchObject({
        status: 'assigned',
        payment: { grantedRefundPaise: 20_000, refundedPaise: 5000 },
      });
      // more than was granted, or of another payment, is not the grant's
      given(bookingDecider, ...base.slice(0, 4), grant, refunded('rf_1', 5000, 5000))
        .when(recordRefund('rf_2', 15_001), by(system))
        .thenRefuses('BOOKING.AMOUNT_MISMATCH');
      given(bookingDecider, ...base.slice(0, 4), grant)
        .when({ ...recordRefund('rf_3', 100), paymentId: 'pay_dup' }, by(system))
        .thenEmits();
      // cancelled with 15 000 of the grant still on its way: that and the cancellation's 38 882 are owed back
      const cancelled = replay(bookingDecider, [
        ...base.slice(0, 4),
        grant,
        refunded('rf_1', 5000, 5000),
        {
          type: 'booking.cancelled',
          data: {
            ...ids,
            cancelledBy: 'admin',
            reason: 'x',
            paymentId: 'pay_1',
            refundDuePaise: 38_882,
            feePaise: 0,
            refundBasis: 'full',
            rule: 'fee',
            noShow: null,
            partnerId: 'p-2',
          },
        },
      ]);
      expect(cancelled).toMatchObject({ status: 'cancelled', refundDuePaise: 58_882, refundedPaise: 5000 });
      const done = replay(
        bookingDecider,
        [refunded('rf_2', 15_000, 20_000), refunded('rf_4', 38_882, 58_882)],
        cancelled,
      );
      expect(done).toMatchObject({ status: 'refunded', refundedPaise: 58_882 });
    });

    it('lowers what a later cancellation counts as paid by what was already granted back', () => {
      const state = replay(bookingDecider, [
        ...base.slice(0, 4),
        granted(8882, [{ paymentId: 'pay_1', amountPaise: 8882 }], 8882, 50_000),
      ]);
      expect(bookingDecider.decide({ type: 'Cancel', reason: 'x', policy }, state, by(admin))).toMatchObject({
        ok: true,
        events: [{ data: { refundDuePaise: 50_000 } }],
      });
    });
  });

  it('counts whole minutes between the server timestamps', () => {
    expect(workedMinutesBetween('2026-03-02T10:00:00.000Z', '2026-03-02T10:59:59.999Z')).toBe(59);
    expect(workedMinutesBetween('2026-03-02T10:00:00.000Z', '2026-03-02T09:00:00.000Z')).toBe(0);
  });
});

describe('evolve', () => {
  it('ignores an event that does not apply to the state', () => {
    const state: Booking = replay(bookingDecider, [held, paymentStarted, confirmed]);
    expect(bookingDecider.evolve(state, holdExpired)).toBe(state);
    expect(bookingDecider.evolve(state, paymentStarted)).toBe(state);
  });
});
