import { AppError } from '@zefy/platform/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAgainstOrder,
  decide,
  evolveAll,
  type KnownPayment,
  type PaymentCommand,
  type PaymentEvent,
  type PaymentSnapshot,
  type PaymentState,
  refundablePaise,
  refundedPaise,
  unknownPayment,
} from './payment.ts';

const snapshot = (
  status: PaymentSnapshot['status'],
  overrides: Partial<PaymentSnapshot> = {},
): PaymentSnapshot => ({
  razorpayPaymentId: 'pay_A',
  razorpayOrderId: 'order_A',
  amountPaise: 49_900,
  currency: 'INR',
  status,
  method: 'upi',
  error:
    status === 'failed'
      ? { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed', description: 'Payment failed' }
      : null,
  ...overrides,
});

const record = (
  status: PaymentSnapshot['status'],
  source: 'checkout' | 'webhook' | 'reconciliation' = 'webhook',
): PaymentCommand => ({
  type: 'RecordPayment',
  snapshot: snapshot(status),
  source,
  newPaymentId: 'p-1',
});

/** given the facts so far, when a command comes, then these facts follow */
function given(events: PaymentEvent[]) {
  const state = evolveAll(unknownPayment, events);
  return {
    state,
    when: (command: PaymentCommand) => ({
      expect: (expected: Array<Partial<PaymentEvent>>) => {
        const decided = decide(state, command);
        expect(decided).toHaveLength(expected.length);
        for (const [index, event] of decided.entries())
          expect(event).toMatchObject(expected[index] as object);
        return evolveAll(state, decided);
      },
      expectRejection: (code: string) => {
        try {
          decide(state, command);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe(code);
          return;
        }
        throw new Error('the command was accepted');
      },
    }),
  };
}

const facts = { paymentId: 'p-1', razorpayPaymentId: 'pay_A', amountPaise: 49_900, method: 'upi' };
const authorized: PaymentEvent = { type: 'PaymentAuthorized', ...facts };
const captured: PaymentEvent = { type: 'PaymentCaptured', verifiedBy: 'webhook', ...facts };
const refundRequested = (refundId: string, amountPaise: number): PaymentEvent => ({
  type: 'RefundRequested',
  refundId,
  amountPaise,
  reason: 'test',
  requestedBy: 'admin:a1',
});

describe('payment capture', () => {
  it('captures a payment first seen captured, crediting whoever saw it first', () => {
    const after = given([])
      .when(record('captured', 'checkout'))
      .expect([{ type: 'PaymentCaptured', paymentId: 'p-1', amountPaise: 49_900, verifiedBy: 'checkout' }]);
    expect(after.status).toBe('captured');
  });

  it('moves authorized to captured', () => {
    given([authorized])
      .when(record('captured'))
      .expect([{ type: 'PaymentCaptured', paymentId: 'p-1' }]);
  });

  it('decides nothing when the capture is seen again, by any path', () => {
    for (const source of ['checkout', 'webhook', 'reconciliation'] as const)
      given([captured]).when(record('captured', source)).expect([]);
  });

  it('never moves a captured payment back when an older webhook arrives late', () => {
    given([captured]).when(record('authorized')).expect([]);
    given([captured]).when(record('failed')).expect([]);
  });

  it('treats a refunded snapshot as proof of capture when the capture itself was missed', () => {
    given([authorized])
      .when(record('refunded'))
      .expect([{ type: 'PaymentCaptured' }]);
  });

  it('records a failure with its reason, and ignores an authorization after it', () => {
    const after = given([authorized])
      .when(record('failed'))
      .expect([
        {
          type: 'PaymentFailed',
          error: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed', description: 'Payment failed' },
        },
      ]);
    expect(after.status).toBe('failed');
    given([{ type: 'PaymentFailed', error: null, ...facts }])
      .when(record('authorized'))
      .expect([]);
  });

  it('lets a capture after a failure win: the money moved (late authorisation)', () => {
    given([{ type: 'PaymentFailed', error: null, ...facts }])
      .when(record('captured'))
      .expect([{ type: 'PaymentCaptured' }]);
  });

  it('learns nothing from a payment still being created', () => {
    given([]).when(record('created')).expect([]);
  });
});

describe('refunds', () => {
  it('refunds all that remains when no amount is given', () => {
    const after = given([captured])
      .when({
        type: 'RequestRefund',
        refundId: 'r-1',
        amountPaise: null,
        policy: 'exact',
        reason: 'ops',
        requestedBy: 'admin:a1',
      })
      .expect([{ type: 'RefundRequested', refundId: 'r-1', amountPaise: 49_900 }]);
    expect(refundablePaise(after)).toBe(0);
  });

  it('refuses to refund more than is left, counting refunds still in flight', () => {
    given([captured, refundRequested('r-1', 40_000)])
      .when({
        type: 'RequestRefund',
        refundId: 'r-2',
        amountPaise: 10_000,
        policy: 'exact',
        reason: 'x',
        requestedBy: 'a',
      })
      .expectRejection('PAYMENTS.REFUND_EXCEEDS_BALANCE');
  });

  it('refunds what is left when asked for at most an amount', () => {
    given([captured, refundRequested('r-1', 40_000)])
      .when({
        type: 'RequestRefund',
        refundId: 'r-2',
        amountPaise: 49_900,
        policy: 'at_most',
        reason: 'x',
        requestedBy: 'a',
      })
      .expect([{ type: 'RefundRequested', amountPaise: 9_900 }]);
  });

  it('refuses to refund a payment that is not captured', () => {
    given([authorized])
      .when({
        type: 'RequestRefund',
        refundId: 'r-1',
        amountPaise: null,
        policy: 'exact',
        reason: 'x',
        requestedBy: 'a',
      })
      .expectRejection('PAYMENTS.PAYMENT_NOT_CAPTURED');
  });

  it('follows Razorpay: accepted, then processed, once', () => {
    const requested = [captured, refundRequested('r-1', 10_000)];
    const refund = (status: 'pending' | 'processed' | 'failed'): PaymentCommand => ({
      type: 'RecordRefund',
      snapshot: { razorpayRefundId: 'rfnd_1', refundId: 'r-1', amountPaise: 10_000, status },
      newRefundId: 'unused',
    });
    given(requested)
      .when(refund('processed'))
      .expect([
        { type: 'RefundAccepted', refundId: 'r-1', razorpayRefundId: 'rfnd_1' },
        { type: 'RefundProcessed', refundId: 'r-1' },
      ]);
    const accepted: PaymentEvent = { type: 'RefundAccepted', refundId: 'r-1', razorpayRefundId: 'rfnd_1' };
    given([...requested, accepted])
      .when(refund('pending'))
      .expect([]);
    const processed = given([...requested, accepted])
      .when(refund('processed'))
      .expect([{ type: 'RefundProcessed' }]);
    expect(refundedPaise(processed as KnownPayment)).toBe(10_000);
    given([...requested, accepted, { type: 'RefundProcessed', refundId: 'r-1', razorpayRefundId: 'rfnd_1' }])
      .when(refund('failed'))
      .expect([]);
    given([...requested, accepted])
      .when(refund('failed'))
      .expect([{ type: 'RefundFailed', wasAccepted: true }]);
  });

  it('finds our refund by its Razorpay id when the notes are lost', () => {
    const accepted: PaymentEvent = { type: 'RefundAccepted', refundId: 'r-1', razorpayRefundId: 'rfnd_1' };
    given([captured, refundRequested('r-1', 10_000), accepted])
      .when({
        type: 'RecordRefund',
        snapshot: { razorpayRefundId: 'rfnd_1', refundId: null, amountPaise: 10_000, status: 'processed' },
        newRefundId: 'r-new',
      })
      .expect([{ type: 'RefundProcessed', refundId: 'r-1' }]);
  });

  it('books a refund made on the Razorpay Dashboard, and ignores auto-refunds of uncaptured payments', () => {
    const external: PaymentCommand = {
      type: 'RecordRefund',
      snapshot: { razorpayRefundId: 'rfnd_9', refundId: null, amountPaise: 5_000, status: 'processed' },
      newRefundId: 'r-9',
    };
    given([captured])
      .when(external)
      .expect([
        { type: 'RefundRequested', refundId: 'r-9', amountPaise: 5_000, requestedBy: 'razorpay' },
        { type: 'RefundAccepted', refundId: 'r-9' },
        { type: 'RefundProcessed', refundId: 'r-9' },
      ]);
    given([authorized]).when(external).expect([]);
  });

  it('fails a refund Razorpay refused, which frees the amount again', () => {
    const after = given([captured, refundRequested('r-1', 49_900)])
      .when({ type: 'RejectRefund', refundId: 'r-1', failure: 'amount too large' })
      .expect([{ type: 'RefundFailed', refundId: 'r-1', wasAccepted: false }]);
    expect(refundablePaise(after)).toBe(49_900);
  });
});

describe('checkAgainstOrder', () => {
  const terms = { razorpayOrderId: 'order_A', amountPaise: 49_900, currency: 'INR' };

  it('accepts the payment of the order, for its amount', () => {
    expect(checkAgainstOrder(terms, snapshot('captured'))).toBeNull();
  });

  it('rejects another amount, another order, another currency', () => {
    expect(checkAgainstOrder(terms, snapshot('captured', { amountPaise: 100 }))?.kind).toBe(
      'amount_mismatch',
    );
    expect(checkAgainstOrder(terms, snapshot('captured', { razorpayOrderId: 'order_B' }))?.kind).toBe(
      'order_mismatch',
    );
    expect(checkAgainstOrder(terms, snapshot('captured', { currency: 'USD' }))?.kind).toBe(
      'currency_mismatch',
    );
    expect(
      checkAgainstOrder(terms, snapshot('captured'), { id: 'order_B', amountPaise: 49_900, currency: 'INR' })
        ?.kind,
    ).toBe('order_mismatch');
    expect(
      checkAgainstOrder(terms, snapshot('captured'), { id: 'order_A', amountPaise: 1_000, currency: 'INR' })
        ?.kind,
    ).toBe('amount_mismatch');
  });
});

describe('payment invariants (any order, any repetition of facts)', () => {
  const level: Record<PaymentState['status'], number> = { unknown: 0, authorized: 1, failed: 2, captured: 3 };
  const observation = fc.record({
    status: fc.constantFrom<PaymentSnapshot['status']>(
      'created',
      'authorized',
      'captured',
      'refunded',
      'failed',
    ),
    source: fc.constantFrom('checkout' as const, 'webhook' as const, 'reconciliation' as const),
  });
  const refundAsk = fc.record({ amount: fc.option(fc.integer({ min: 1, max: 60_000 }), { nil: null }) });
  const step = fc.oneof(
    observation.map((o) => ({ kind: 'observe' as const, ...o })),
    refundAsk.map((r) => ({ kind: 'refund' as const, ...r })),
  );

  it('never goes backwards, captures at most once, and never refunds more than it captured', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let state: PaymentState = unknownPayment;
        let captures = 0;
        steps.forEach((current, index) => {
          let events: PaymentEvent[] = [];
          if (current.kind === 'observe') {
            events = decide(state, {
              type: 'RecordPayment',
              snapshot: snapshot(current.status),
              source: current.source,
              newPaymentId: 'p-1',
            });
          } else {
            try {
              events = decide(state, {
                type: 'RequestRefund',
                refundId: `r-${index}`,
                amountPaise: current.amount,
                policy: 'exact',
                reason: 'x',
                requestedBy: 'a',
              });
            } catch (error) {
              expect(error).toBeInstanceOf(AppError);
            }
          }
          captures += events.filter((event) => event.type === 'PaymentCaptured').length;
          const next = evolveAll(state, events);
          const isLateCapture = state.status === 'failed' && next.status === 'captured';
          expect(level[next.status] >= level[state.status] || isLateCapture).toBe(true);
          if (state.status === 'captured') expect(next.status).toBe('captured');
          state = next;
          if (state.status !== 'unknown')
            expect(state.refunds.reduce((sum, refund) => sum + refund.amountPaise, 0)).toBeLessThanOrEqual(
              state.status === 'captured' ? state.amountPaise : 0,
            );
        });
        expect(captures).toBeLessThanOrEqual(1);
      }),
    );
  });
});
