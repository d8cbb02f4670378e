import type { Actor } from '@zefy/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Booking,
  type BookingCommand,
  type BookingTerms,
  decide,
  evolve,
  permittedActors,
} from './booking.ts';

const start = Date.parse('2026-03-02T10:00:00.000Z');
const terms: BookingTerms = {
  bookingId: 'b-1',
  customerId: 'cust-1',
  hubId: 'hub-1',
  serviceId: 'svc-1',
  serviceName: 'Bathroom cleaning',
  addressId: 'addr-1',
  partnerId: 'p-1',
  window: { kind: 'now', startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:30:00.000Z' },
  price: {
    basePaise: 29_900,
    extraBlocks: 0,
    extraPaise: 0,
    pretaxPaise: 29_900,
    taxRateBasisPoints: 1800,
    taxPaise: 5382,
    totalPaise: 35_282,
  },
  holdExpiresAt: '2026-03-02T10:10:00.000Z',
};
const total = terms.price.totalPaise;

const actor: fc.Arbitrary<Actor> = fc.constantFrom<Actor>(
  { kind: 'customer', id: 'cust-1' },
  { kind: 'customer', id: 'cust-2' },
  { kind: 'partner', id: 'p-1' },
  { kind: 'admin', id: 'admin-1' },
  { kind: 'system', id: 'booking' },
);
const orderId = fc.constantFrom('order_1', 'order_2');
const paymentId = fc.constantFrom('pay_1', 'pay_2', 'pay_3');
const amount = fc.oneof(fc.constant(total), fc.integer({ min: 0, max: 2 * total }));

const command: fc.Arbitrary<BookingCommand> = fc.oneof(
  fc.constant<BookingCommand>({ type: 'PlaceHold', terms }),
  fc.record({ type: fc.constant('StartPayment' as const), orderId, amountPaise: amount }),
  fc.record({
    type: fc.constant('FailPayment' as const),
    orderId,
    paymentId,
    reason: fc.constant('declined'),
  }),
  fc.constant<BookingCommand>({ type: 'ExpireHold' }),
  fc.record({
    type: fc.constant('CapturePayment' as const),
    orderId,
    paymentId,
    amountPaise: amount,
    hasCapacity: fc.boolean(),
  }),
  fc.record({ type: fc.constant('Cancel' as const), reason: fc.constant('because') }),
  fc.record({
    type: fc.constant('RecordRefund' as const),
    paymentId,
    refundId: fc.constantFrom('rfnd_1', 'rfnd_2', 'rfnd_3'),
    amountPaise: fc.oneof(
      fc.constant(total),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: total }),
    ),
  }),
);

/** A step: who issues what, after how many minutes. */
const step = fc.record({ command, actor, minutesLater: fc.integer({ min: 0, max: 8 }) });

const transitions: Record<Booking['status'], readonly Booking['status'][]> = {
  none: ['held'],
  held: ['awaiting_payment', 'payment_failed', 'expired', 'confirmed', 'cancelled'],
  awaiting_payment: ['payment_failed', 'expired', 'confirmed', 'cancelled'],
  payment_failed: ['expired', 'confirmed', 'cancelled'],
  expired: ['confirmed', 'rejected'],
  confirmed: ['cancelled'],
  rejected: ['refunded'],
  cancelled: ['refunded'],
  refunded: [],
};

/** What must hold in every state the machine can reach. */
function checkInvariants(booking: Booking): void {
  if (booking.status === 'none') return;
  const { price } = booking.terms;
  expect(price.totalPaise).toBe(price.pretaxPaise + price.taxPaise);
  if ('payment' in booking && booking.payment) {
    expect(booking.payment.amountPaise).toBeGreaterThanOrEqual(0);
    if (booking.status === 'confirmed') expect(booking.payment.amountPaise).toBe(total);
  }
  if ('refundedPaise' in booking) {
    const paid = booking.payment?.amountPaise ?? 0;
    expect(booking.refundedPaise).toBeGreaterThanOrEqual(0);
    expect(booking.refundedPaise).toBeLessThanOrEqual(paid);
    expect(new Set(booking.refundIds).size).toBe(booking.refundIds.length);
  }
  if (booking.status === 'refunded')
    expect(booking.refundedPaise).toBeGreaterThanOrEqual(booking.refundDuePaise);
}

const money = (booking: Booking) =>
  booking.status === 'none'
    ? null
    : {
        price: booking.terms.price,
        payment: 'payment' in booking ? booking.payment : null,
        refundedPaise: 'refundedPaise' in booking ? booking.refundedPaise : 0,
      };

describe('booking state machine properties', () => {
  it('reaches only valid states, by allowed transitions, by permitted actors', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 40 }), (steps) => {
        let state: Booking = { status: 'none' };
        let at = start;
        for (const { command: next, actor: by, minutesLater } of steps) {
          at += minutesLater * 60_000;
          const decision = decide(next, state, { actor: by, now: new Date(at) });
          if (!permittedActors[next.type].includes(by.kind)) expect(decision.ok).toBe(false);
          if (!decision.ok) continue;
          for (const event of decision.events) {
            const after: Booking = evolve(state, event);
            if (after.status !== state.status) expect(transitions[state.status]).toContain(after.status);
            checkInvariants(after);
            state = after;
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never changes the price or the payment once confirmed; only refunds move money, up to what was paid', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 40 }), (steps) => {
        // drive the booking to confirmed first, then let anything happen
        const prefix: Array<[BookingCommand, Actor]> = [
          [
            { type: 'PlaceHold', terms },
            { kind: 'customer', id: 'cust-1' },
          ],
          [
            { type: 'StartPayment', orderId: 'order_1', amountPaise: total },
            { kind: 'system', id: 's' },
          ],
          [
            {
              type: 'CapturePayment',
              orderId: 'order_1',
              paymentId: 'pay_1',
              amountPaise: total,
              hasCapacity: true,
            },
            { kind: 'system', id: 's' },
          ],
        ];
        let state: Booking = { status: 'none' };
        for (const [next, by] of prefix) {
          const decision = decide(next, state, { actor: by, now: new Date(start) });
          if (!decision.ok) throw new Error(decision.detail);
          state = decision.events.reduce(evolve, state);
        }
        expect(state.status).toBe('confirmed');
        const confirmedMoney = money(state);
        let at = start;
        for (const { command: next, actor: by, minutesLater } of steps) {
          at += minutesLater * 60_000;
          const decision = decide(next, state, { actor: by, now: new Date(at) });
          if (!decision.ok) continue;
          const after: Booking = decision.events.reduce(evolve, state);
          const before = money(state);
          const now = money(after);
          expect(now?.price).toEqual(confirmedMoney?.price);
          expect(now?.payment).toEqual(confirmedMoney?.payment);
          expect(now?.refundedPaise).toBeGreaterThanOrEqual(before?.refundedPaise ?? 0);
          if ((now?.refundedPaise ?? 0) > (before?.refundedPaise ?? 0))
            expect(decision.events.map((event) => event.type)).toContain('booking.refunded');
          expect(now?.refundedPaise).toBeLessThanOrEqual(total);
          state = after;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
