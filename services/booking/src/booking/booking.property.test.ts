import type { Actor } from '@zefy/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assigneeOf,
  type Booking,
  type BookingCommand,
  type BookingTerms,
  bookingDecider,
  cancellationQuoteOf,
  type NoShow,
  permittedActors,
  type RefundChoice,
} from './booking.ts';

const { decide, evolve } = bookingDecider;

const start = Date.parse('2026-03-02T10:00:00.000Z');
const terms: BookingTerms = {
  bookingId: 'b-1',
  customerId: 'cust-1',
  hubId: 'hub-1',
  timeZone: 'Asia/Kolkata',
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
  { kind: 'partner', id: 'p-2' },
  { kind: 'admin', id: 'admin-1' },
  { kind: 'system', id: 'booking' },
);
const orderId = fc.constantFrom('order_1', 'order_2');
const paymentId = fc.constantFrom('pay_1', 'pay_2', 'pay_3');
const amount = fc.oneof(fc.constant(total), fc.integer({ min: 0, max: 2 * total }));
const payer = fc.constantFrom('cust-1', 'cust-2');

const command: fc.Arbitrary<BookingCommand> = fc.oneof(
  fc.record({
    type: fc.constant('PlaceHold' as const),
    terms: fc.constant(terms),
    unpaidHolds: fc.integer({ min: 0, max: 3 }),
    maxUnpaidHolds: fc.constant(2),
  }),
  fc.record({
    type: fc.constant('StartPayment' as const),
    orderId,
    customerId: payer,
    amountPaise: amount,
  }),
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
    customerId: payer,
    amountPaise: amount,
    hasCapacity: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('AssignPartner' as const),
    partnerId: fc.constantFrom('p-1', 'p-2'),
    partner: fc.constant({ name: 'Asha', photoUrl: null, phone: '+919800000002', rating: 4.5 }),
    assignedBy: fc.constantFrom('partner' as const, 'admin' as const),
    reason: fc.constantFrom(null, 'closer'),
  }),
  fc.record({
    type: fc.constant('ReleasePartner' as const),
    partnerId: fc.constantFrom('p-1', 'p-2'),
    reason: fc.constant(null),
  }),
  fc.record({
    type: fc.constant('StartJourney' as const),
    destination: fc.constantFrom(null, { lat: 12.97, lng: 77.64 }),
  }),
  fc.record({
    type: fc.constant('ConfirmArrival' as const),
    detectedBy: fc.constantFrom('partner' as const, 'position' as const),
  }),
  fc.record(
    {
      type: fc.constant('Cancel' as const),
      reason: fc.constant('because'),
      policy: fc.record({
        fee: fc.oneof(
          fc.record({ kind: fc.constant('flat' as const), paise: fc.integer({ min: 0, max: 2 * total }) }),
          fc.record({ kind: fc.constant('percent' as const), percent: fc.integer({ min: 0, max: 100 }) }),
        ),
        noRefundAfterEnRouteMinutes: fc.integer({ min: 0, max: 30 }),
      }),
      refund: fc.oneof(
        fc.constant<RefundChoice>({ kind: 'full' }),
        fc.constant<RefundChoice>({ kind: 'rule' }),
        fc.record({
          kind: fc.constant('custom' as const),
          amountPaise: fc.integer({ min: 0, max: 2 * total }),
        }),
      ),
      noShow: fc.constantFrom<NoShow>('customer', 'partner'),
    },
    { requiredKeys: ['type', 'reason', 'policy'] },
  ),
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
  confirmed: ['assigned', 'cancelled'],
  assigned: ['confirmed', 'en_route', 'cancelled'],
  // the team may reassign a partner stuck on the way: the new one starts from assigned
  en_route: ['arrived', 'assigned', 'cancelled'],
  arrived: ['assigned', 'cancelled', 'in_progress'],
  in_progress: ['awaiting_extra_payment', 'completed'],
  awaiting_extra_payment: ['completed'],
  completed: [],
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
    if (['confirmed', 'assigned', 'en_route', 'arrived'].includes(booking.status))
      expect(booking.payment.amountPaise).toBe(total);
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
            // only the assigned partner moves their journey on; the system only confirms an arrival
            if (event.type === 'booking.en_route')
              expect(by).toEqual({ kind: 'partner', id: assigneeOf(state) });
            if (event.type === 'booking.arrived' && by.kind === 'partner')
              expect(by.id).toBe(assigneeOf(state));
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
            { type: 'PlaceHold', terms, unpaidHolds: 0, maxUnpaidHolds: 2 },
            { kind: 'customer', id: 'cust-1' },
          ],
          [
            { type: 'StartPayment', orderId: 'order_1', customerId: 'cust-1', amountPaise: total },
            { kind: 'system', id: 's' },
          ],
          [
            {
              type: 'CapturePayment',
              orderId: 'order_1',
              paymentId: 'pay_1',
              customerId: 'cust-1',
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

  it('refunds a cancellation never more than was paid, and a customer exactly what the rule says, in every state at every time', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 40 }), (steps) => {
        let state: Booking = { status: 'none' };
        let at = start;
        for (const { command: next, actor: by, minutesLater } of steps) {
          at += minutesLater * 60_000;
          const now = new Date(at);
          const decision = decide(next, state, { actor: by, now });
          if (!decision.ok) continue;
          for (const event of decision.events) {
            if (event.type === 'booking.cancelled' && next.type === 'Cancel') {
              const paid = 'payment' in state && state.payment ? state.payment.amountPaise : 0;
              const quote = cancellationQuoteOf(state, next.policy, now);
              expect(event.data.refundDuePaise).toBeGreaterThanOrEqual(0);
              expect(event.data.refundDuePaise).toBeLessThanOrEqual(paid);
              expect(event.data.refundDuePaise + (event.data.feePaise ?? 0)).toBe(paid);
              if (by.kind === 'customer') expect(event.data.refundDuePaise).toBe(quote?.refundPaise);
              // nobody gets less than the rule gives, unless the team chose a sum or found the customer absent
              if (next.refund?.kind !== 'custom' && next.noShow !== 'customer')
                expect(event.data.refundDuePaise).toBeGreaterThanOrEqual(quote?.refundPaise ?? 0);
            }
            state = evolve(state, event);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
