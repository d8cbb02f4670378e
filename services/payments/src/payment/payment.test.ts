import { replay } from '@zefy/platform/domain';
import { given } from '@zefy/platform/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAgainstOrder,
  type KnownPayment,
  type PaymentCommand,
  type PaymentEvent,
  type PaymentSnapshot,
  type PaymentState,
  paymentDecider,
  refundablePaise,
  refundedPaise,
} from './payment.ts';

const asPayments = {
  actor: { kind: 'system' as const, id: 'payments' },
  now: new Date('2026-03-02T10:00:00Z'),
};

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

const payment = (...history: PaymentEvent[]) => given(paymentDecider, ...history);

const facts = { paymentId: 'p-1', razorpayPaymentId: 'pay_A', amountPaise: 49_900, method: 'upi' };
const authorized: PaymentEvent = { type: 'PaymentAuthorized', ...facts };
const captured = (verifiedBy: 'checkout' | 'webhook' | 'reconciliation' = 'webhook'): PaymentEvent => ({
  type: 'PaymentCaptured',
  verifiedBy,
  ...facts,
});
const paymentFailed: PaymentEvent = {
  type: 'PaymentFailed',
  error: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed', description: 'Payment failed' },
  ...facts,
};
const failedWithoutReason: PaymentEvent = { type: 'PaymentFailed', error: null, ...facts };
const refundRequested = (
  refundId: string,
  amountPaise: number,
  overrides: { reason?: string; requestedBy?: string } = {},
): PaymentEvent => ({
  type: 'RefundRequested',
  refundId,
  amountPaise,
  reason: 'test',
  requestedBy: 'admin:a1',
  ...overrides,
});
const refundAccepted = (refundId: string, razorpayRefundId: string): PaymentEvent => ({
  type: 'RefundAccepted',
  refundId,
  razorpayRefundId,
});
const refundProcessed = (refundId: string, razorpayRefundId: string): PaymentEvent => ({
  type: 'RefundProcessed',
  refundId,
  razorpayRefundId,
});
const requestRefund = (
  refundId: string,
  amountPaise: number | null,
  policy: 'exact' | 'at_most' = 'exact',
): PaymentCommand => ({
  type: 'RequestRefund',
  refundId,
  amountPaise,
  policy,
  reason: 'x',
  requestedBy: 'a',
});

describe('payment capture', () => {
  it('captures a payment first seen captured, crediting whoever saw it first', () => {
    const after = payment().when(record('captured', 'checkout'), asPayments).thenEmits(captured('checkout'));
    expect(after.status).toBe('captured');
  });

  it('moves authorized to captured', () => {
    payment(authorized).when(record('captured'), asPayments).thenEmits(captured());
  });

  it('decides nothing when the capture is seen again, by any path', () => {
    for (const source of ['checkout', 'webhook', 'reconciliation'] as const)
      payment(captured()).when(record('captured', source), asPayments).thenEmits();
  });

  it('never moves a captured payment back when an older webhook arrives late', () => {
    payment(captured()).when(record('authorized'), asPayments).thenEmits();
    payment(captured()).when(record('failed'), asPayments).thenEmits();
  });

  it('treats a refunded snapshot as proof of capture when the capture itself was missed', () => {
    payment(authorized).when(record('refunded'), asPayments).thenEmits(captured());
  });

  it('records a failure with its reason, and ignores an authorization after it', () => {
    const after = payment(authorized).when(record('failed'), asPayments).thenEmits(paymentFailed);
    expect(after.status).toBe('failed');
    payment(failedWithoutReason).when(record('authorized'), asPayments).thenEmits();
  });

  it('lets a capture after a failure win: the money moved (late authorisation)', () => {
    payment(failedWithoutReason).when(record('captured'), asPayments).thenEmits(captured());
  });

  it('learns nothing from a payment still being created', () => {
    payment().when(record('created'), asPayments).thenEmits();
  });

  it('refuses news of another payment than the one it is applied to', () => {
    payment(captured())
      .when(
        {
          type: 'RecordPayment',
          snapshot: snapshot('captured', { razorpayPaymentId: 'pay_B' }),
          source: 'webhook',
          newPaymentId: 'p-2',
        },
        asPayments,
      )
      .thenRefuses('PAYMENTS.PAYMENT_NOT_FOUND');
  });
});

describe('refunds', () => {
  it('refunds all that remains when no amount is given', () => {
    const after = payment(captured())
      .when(
        {
          type: 'RequestRefund',
          refundId: 'r-1',
          amountPaise: null,
          policy: 'exact',
          reason: 'ops',
          requestedBy: 'admin:a1',
        },
        asPayments,
      )
      .thenEmits(refundRequested('r-1', 49_900, { reason: 'ops' }));
    expect(refundablePaise(after)).toBe(0);
  });

  it('refuses to refund more than is left, counting refunds still in flight', () => {
    payment(captured(), refundRequested('r-1', 40_000))
      .when(requestRefund('r-2', 10_000), asPayments)
      .thenRefuses('PAYMENTS.REFUND_EXCEEDS_BALANCE');
  });

  it('refunds what is left when asked for at most an amount', () => {
    payment(captured(), refundRequested('r-1', 40_000))
      .when(requestRefund('r-2', 49_900, 'at_most'), asPayments)
      .thenEmits(refundRequested('r-2', 9_900, { reason: 'x', requestedBy: 'a' }));
  });

  it('refuses to refund a payment that is not captured', () => {
    payment(authorized)
      .when(requestRefund('r-1', null), asPayments)
      .thenRefuses('PAYMENTS.PAYMENT_NOT_CAPTURED');
    payment().when(requestRefund('r-1', null), asPayments).thenRefuses('PAYMENTS.PAYMENT_NOT_CAPTURED');
  });

  it('follows Razorpay: accepted, then processed, once', () => {
    const requested = [captured(), refundRequested('r-1', 10_000)];
    const refund = (status: 'pending' | 'processed' | 'failed'): PaymentCommand => ({
      type: 'RecordRefund',
      snapshot: { razorpayRefundId: 'rfnd_1', refundId: 'r-1', amountPaise: 10_000, status },
      newRefundId: 'unused',
    });
    const accepted = refundAccepted('r-1', 'rfnd_1');
    const processed = refundProcessed('r-1', 'rfnd_1');
    payment(...requested)
      .when(refund('processed'), asPayments)
      .thenEmits(accepted, processed);
    payment(...requested, accepted)
      .when(refund('pending'), asPayments)
      .thenEmits();
    const after = payment(...requested, accepted)
      .when(refund('processed'), asPayments)
      .thenEmits(processed);
    expect(refundedPaise(after as KnownPayment)).toBe(10_000);
    payment(...requested, accepted, processed)
      .when(refund('failed'), asPayments)
      .thenEmits();
    payment(...requested, accepted)
      .when(refund('failed'), asPayments)
      .thenEmits({ type: 'RefundFailed', refundId: 'r-1', failure: 'failed at Razorpay', wasAccepted: true });
    payment(...requested)
      .when(refund('failed'), asPayments)
      .thenEmits({
        type: 'RefundFailed',
        refundId: 'r-1',
        failure: 'failed at Razorpay',
        wasAccepted: false,
      });
  });

  it('finds our refund by its Razorpay id when the notes are lost', () => {
    payment(captured(), refundRequested('r-1', 10_000), refundAccepted('r-1', 'rfnd_1'))
      .when(
        {
          type: 'RecordRefund',
          snapshot: { razorpayRefundId: 'rfnd_1', refundId: null, amountPaise: 10_000, status: 'processed' },
          newRefundId: 'r-new',
        },
        asPayments,
      )
      .thenEmits(refundProcessed('r-1', 'rfnd_1'));
  });

  it('books a refund made on the Razorpay Dashboard, and ignores auto-refunds of uncaptured payments', () => {
    const external: PaymentCommand = {
      type: 'RecordRefund',
      snapshot: { razorpayRefundId: 'rfnd_9', refundId: null, amountPaise: 5_000, status: 'processed' },
      newRefundId: 'r-9',
    };
    payment(captured())
      .when(external, asPayments)
      .thenEmits(
        refundRequested('r-9', 5_000, { reason: 'refunded outside Zefy', requestedBy: 'razorpay' }),
        refundAccepted('r-9', 'rfnd_9'),
        refundProcessed('r-9', 'rfnd_9'),
      );
    payment(authorized).when(external, asPayments).thenEmits();
  });

  it('fails a refund Razorpay refused, which frees the amount again', () => {
    const after = payment(captured(), refundRequested('r-1', 49_900))
      .when({ type: 'RejectRefund', refundId: 'r-1', failure: 'amount too large' }, asPayments)
      .thenEmits({ type: 'RefundFailed', refundId: 'r-1', failure: 'amount too large', wasAccepted: false });
    expect(refundablePaise(after)).toBe(49_900);
  });

  it('leaves a payment it does not know unchanged by refund facts', () => {
    expect(replay(paymentDecider, [refundRequested('r-1', 100), refundAccepted('r-1', 'rfnd_1')])).toEqual({
      status: 'unknown',
    });
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
        let state: PaymentState = paymentDecider.initialState;
        let captures = 0;
        steps.forEach((current, index) => {
          const decision = paymentDecider.decide(
            current.kind === 'observe'
              ? {
                  type: 'RecordPayment',
                  snapshot: snapshot(current.status),
                  source: current.source,
                  newPaymentId: 'p-1',
                }
              : requestRefund(`r-${index}`, current.amount),
            state,
            asPayments,
          );
          // only a refund may be refused, and only for a payment not captured or not enough left
          if (!decision.ok) {
            expect(current.kind).toBe('refund');
            expect(['PAYMENTS.PAYMENT_NOT_CAPTURED', 'PAYMENTS.REFUND_EXCEEDS_BALANCE']).toContain(
              decision.code,
            );
          }
          const events = decision.ok ? decision.events : [];
          captures += events.filter((event) => event.type === 'PaymentCaptured').length;
          const next = replay(paymentDecider, events, state);
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
