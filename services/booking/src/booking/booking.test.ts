import type { Actor } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import {
  type Booking,
  type BookingCommand,
  type BookingEvent,
  type BookingTerms,
  decide,
  evolve,
  holdsCapacity,
  replay,
} from './booking.ts';

const now = new Date('2026-03-02T10:00:00.000Z');
const customer: Actor = { kind: 'customer', id: 'cust-1' };
const system: Actor = { kind: 'system', id: 'booking' };
const admin: Actor = { kind: 'admin', id: 'admin-1' };

const terms: BookingTerms = {
  bookingId: 'b-1',
  customerId: 'cust-1',
  hubId: 'hub-1',
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
  },
};
const capture = (
  overrides: Partial<Extract<BookingCommand, { type: 'CapturePayment' }>> = {},
): BookingCommand => ({
  type: 'CapturePayment',
  orderId: 'order_1',
  paymentId: 'pay_1',
  amountPaise: 58_882,
  hasCapacity: true,
  ...overrides,
});
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

/** given past events, when a command arrives (by whom, when), then these events or this refusal. */
function given(...events: BookingEvent[]) {
  const state = replay(events);
  return {
    state,
    when(command: BookingCommand, actor: Actor = system, at: Date = now) {
      const decision = decide(command, state, { actor, now: at });
      return {
        decision,
        thenEvents(expected: BookingEvent[]) {
          expect(decision).toEqual({ ok: true, events: expected });
          return expected.reduce(evolve, state);
        },
        thenRefused(code: string) {
          expect(decision).toMatchObject({ ok: false, code });
        },
      };
    },
  };
}

describe('placing a hold', () => {
  it('holds the partner for the customer with the price fixed', () => {
    const state = given().when({ type: 'PlaceHold', terms }, customer).thenEvents([held]);
    expect(state).toEqual({ status: 'held', terms });
    expect(holdsCapacity(state)).toBe(true);
  });

  it('is the customer’s own act: another customer, a partner or the system cannot place it', () => {
    given()
      .when({ type: 'PlaceHold', terms }, { kind: 'customer', id: 'someone-else' })
      .thenRefused('BOOKING.ACTOR_NOT_ALLOWED');
    given()
      .when({ type: 'PlaceHold', terms }, { kind: 'partner', id: 'p-1' })
      .thenRefused('BOOKING.ACTOR_NOT_ALLOWED');
    given().when({ type: 'PlaceHold', terms }, system).thenRefused('BOOKING.ACTOR_NOT_ALLOWED');
  });

  it('refuses a price that does not add up, is under ₹1, or a hold that is already over', () => {
    const wrong = { ...terms, price: { ...terms.price, totalPaise: 1 } };
    given().when({ type: 'PlaceHold', terms: wrong }, customer).thenRefused('BOOKING.TRANSITION_NOT_ALLOWED');
    const free = {
      ...terms,
      price: { ...terms.price, basePaise: 50, pretaxPaise: 50, taxPaise: 0, totalPaise: 50 },
    };
    given().when({ type: 'PlaceHold', terms: free }, customer).thenRefused('BOOKING.TRANSITION_NOT_ALLOWED');
    given()
      .when({ type: 'PlaceHold', terms }, customer, later(10))
      .thenRefused('BOOKING.TRANSITION_NOT_ALLOWED');
  });

  it('cannot place the same booking twice', () => {
    given(held).when({ type: 'PlaceHold', terms }, customer).thenRefused('BOOKING.TRANSITION_NOT_ALLOWED');
  });
});

describe('paying', () => {
  it('awaits payment once the payments service opened an order for the exact price', () => {
    given(held)
      .when({ type: 'StartPayment', orderId: 'order_1', amountPaise: 58_882 })
      .thenEvents([paymentStarted]);
  });

  it('ignores the same order reported twice, refuses a second order or a wrong amount', () => {
    given(held, paymentStarted)
      .when({ type: 'StartPayment', orderId: 'order_1', amountPaise: 58_882 })
      .thenEvents([]);
    given(held, paymentStarted)
      .when({ type: 'StartPayment', orderId: 'order_2', amountPaise: 58_882 })
      .thenRefused('BOOKING.TRANSITION_NOT_ALLOWED');
    given(held)
      .when({ type: 'StartPayment', orderId: 'order_1', amountPaise: 100 })
      .thenRefused('BOOKING.AMOUNT_MISMATCH');
  });

  it('refuses to start paying for a hold that has lapsed', () => {
    given(held)
      .when({ type: 'StartPayment', orderId: 'order_1', amountPaise: 58_882 }, system, later(10))
      .thenRefused('BOOKING.HOLD_EXPIRED');
  });

  it('confirms the booking when the payment is captured in time', () => {
    const state = given(held, paymentStarted).when(capture()).thenEvents([confirmed]);
    expect(state).toMatchObject({
      status: 'confirmed',
      payment: { paymentId: 'pay_1', amountPaise: 58_882 },
    });
  });

  it('confirms once however many times the capture is reported (checkout callback and webhook)', () => {
    given(held, paymentStarted, confirmed).when(capture()).thenEvents([]);
  });

  it('lets the customer retry after a failed attempt, on the same order', () => {
    const failed: BookingEvent = {
      type: 'booking.payment_failed',
      data: { ...ids, orderId: 'order_1', paymentId: 'pay_0', reason: 'card declined' },
    };
    const state = given(held, paymentStarted)
      .when({ type: 'FailPayment', orderId: 'order_1', paymentId: 'pay_0', reason: 'card declined' })
      .thenEvents([failed]);
    expect(state.status).toBe('payment_failed');
    given(held, paymentStarted, failed).when(capture()).thenEvents([confirmed]);
  });

  it('ignores a failure reported after the booking was confirmed', () => {
    given(held, paymentStarted, confirmed)
      .when({ type: 'FailPayment', orderId: 'order_1', paymentId: 'pay_0', reason: 'late' })
      .thenEvents([]);
  });

  it('refunds a second, different payment for a confirmed booking and keeps the booking as it is', () => {
    const second = given(held, paymentStarted, confirmed).when(capture({ paymentId: 'pay_2' }));
    const state = second.thenEvents([
      {
        type: 'booking.payment_rejected',
        data: {
          ...ids,
          orderId: 'order_1',
          paymentId: 'pay_2',
          amountPaise: 58_882,
          reason: 'duplicate_payment',
        },
      },
    ]);
    expect(state).toMatchObject({ status: 'confirmed', payment: { paymentId: 'pay_1' } });
  });

  it('refunds a payment of the wrong amount and keeps the hold open for the right one', () => {
    const state = given(held, paymentStarted)
      .when(capture({ amountPaise: 100 }))
      .thenEvents([
        {
          type: 'booking.payment_rejected',
          data: {
            ...ids,
            orderId: 'order_1',
            paymentId: 'pay_1',
            amountPaise: 100,
            reason: 'amount_mismatch',
          },
        },
      ]);
    expect(state.status).toBe('awaiting_payment');
  });
});

describe('hold expiry', () => {
  it('expires an unpaid hold once its time has passed, and frees the capacity', () => {
    const state = given(held, paymentStarted)
      .when({ type: 'ExpireHold' }, system, later(10))
      .thenEvents([holdExpired]);
    expect(state).toMatchObject({ status: 'expired', orderId: 'order_1' });
    expect(holdsCapacity(state)).toBe(false);
  });

  it('does not expire a hold early, nor a confirmed booking', () => {
    given(held).when({ type: 'ExpireHold' }, system, later(9)).thenRefused('BOOKING.TRANSITION_NOT_ALLOWED');
    given(held, paymentStarted, confirmed).when({ type: 'ExpireHold' }, system, later(30)).thenEvents([]);
  });

  it('confirms a payment captured after expiry when the partner’s time could be taken again', () => {
    given(held, paymentStarted, holdExpired)
      .when(capture({ hasCapacity: true }), system, later(12))
      .thenEvents([confirmed]);
  });

  it('rejects a payment captured after expiry when the capacity is gone, so it is refunded', () => {
    const rejected: BookingEvent = {
      type: 'booking.payment_rejected',
      data: { ...ids, orderId: 'order_1', paymentId: 'pay_1', amountPaise: 58_882, reason: 'hold_expired' },
    };
    const toldWhy: BookingEvent = {
      type: 'booking.rejected',
      data: { bookingId: 'b-1', customerId: 'cust-1', amountPaise: 58_882, reason: 'hold_expired' },
    };
    const state = given(held, paymentStarted, holdExpired)
      .when(capture({ hasCapacity: false }), system, later(12))
      .thenEvents([rejected, toldWhy]);
    expect(state).toMatchObject({ status: 'rejected', reason: 'hold_expired', refundedPaise: 0 });
  });

  it('expires and rejects in one step when the capture finds a lapsed hold without capacity', () => {
    const decision = given(held, paymentStarted).when(
      capture({ hasCapacity: false }),
      system,
      later(11),
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
    given(held)
      .when({ type: 'Cancel', reason: 'changed my mind' }, customer)
      .thenEvents([
        {
          type: 'booking.cancelled',
          data: {
            ...ids,
            cancelledBy: 'customer',
            reason: 'changed my mind',
            paymentId: null,
            refundDuePaise: 0,
          },
        },
      ]);
  });

  it('refunds the full amount when a confirmed booking is cancelled, and ends refunded', () => {
    const cancelled: BookingEvent = {
      type: 'booking.cancelled',
      data: {
        ...ids,
        cancelledBy: 'admin',
        reason: 'no partner',
        paymentId: 'pay_1',
        refundDuePaise: 58_882,
      },
    };
    given(held, paymentStarted, confirmed)
      .when({ type: 'Cancel', reason: 'no partner' }, admin)
      .thenEvents([cancelled]);
    const refunded: BookingEvent = {
      type: 'booking.refunded',
      data: { ...ids, paymentId: 'pay_1', refundId: 'rfnd_1', amountPaise: 58_882, refundedPaise: 58_882 },
    };
    const state = given(held, paymentStarted, confirmed, cancelled)
      .when({ type: 'RecordRefund', paymentId: 'pay_1', refundId: 'rfnd_1', amountPaise: 58_882 })
      .thenEvents([
        refunded,
        {
          type: 'booking.payment_refunded',
          data: { bookingId: 'b-1', customerId: 'cust-1', amountPaise: 58_882, reason: 'cancelled_by_ops' },
        },
      ]);
    expect(state).toMatchObject({ status: 'refunded', refundedPaise: 58_882 });
    given(held, paymentStarted, confirmed, cancelled, refunded)
      .when({ type: 'RecordRefund', paymentId: 'pay_1', refundId: 'rfnd_1', amountPaise: 58_882 })
      .thenEvents([]);
  });

  it('never refunds more than was paid', () => {
    const cancelled: BookingEvent = {
      type: 'booking.cancelled',
      data: { ...ids, cancelledBy: 'customer', reason: 'x', paymentId: 'pay_1', refundDuePaise: 58_882 },
    };
    given(held, paymentStarted, confirmed, cancelled)
      .when({ type: 'RecordRefund', paymentId: 'pay_1', refundId: 'rfnd_9', amountPaise: 58_883 })
      .thenRefused('BOOKING.AMOUNT_MISMATCH');
  });

  it('hides other customers’ bookings and keeps partners and the system from cancelling', () => {
    given(held)
      .when({ type: 'Cancel', reason: 'x' }, { kind: 'customer', id: 'cust-2' })
      .thenRefused('BOOKING.NOT_FOUND');
    given(held)
      .when({ type: 'Cancel', reason: 'x' }, { kind: 'partner', id: 'p-1' })
      .thenRefused('BOOKING.ACTOR_NOT_ALLOWED');
    given(held).when({ type: 'Cancel', reason: 'x' }, system).thenRefused('BOOKING.ACTOR_NOT_ALLOWED');
  });

  it('cannot cancel an expired hold', () => {
    given(held, holdExpired)
      .when({ type: 'Cancel', reason: 'x' }, customer, later(20))
      .thenRefused('BOOKING.TRANSITION_NOT_ALLOWED');
  });
});

describe('evolve', () => {
  it('ignores an event that does not apply to the state', () => {
    const state: Booking = replay([held, paymentStarted, confirmed]);
    expect(evolve(state, holdExpired)).toBe(state);
    expect(evolve(state, paymentStarted)).toBe(state);
  });
});
