import { replay } from '@zefy/platform/domain';
import { describe, expect, it } from 'vitest';
import { planJournals } from './payment.journals.ts';
import { type PaymentEvent, paymentDecider } from './payment.ts';

const unknownPayment = paymentDecider.initialState;

const facts = { paymentId: 'p-1', razorpayPaymentId: 'pay_A', amountPaise: 50_000, method: 'upi' };
const captured: PaymentEvent = { type: 'PaymentCaptured', verifiedBy: 'webhook', ...facts };
const requested: PaymentEvent = {
  type: 'RefundRequested',
  refundId: 'r-1',
  amountPaise: 20_000,
  reason: 'x',
  requestedBy: 'a',
};
const accepted: PaymentEvent = { type: 'RefundAccepted', refundId: 'r-1', razorpayRefundId: 'rfnd_1' };
const processed: PaymentEvent = { type: 'RefundProcessed', refundId: 'r-1', razorpayRefundId: 'rfnd_1' };

const balances = (lines: Array<{ account: string; amountPaise: number }>) =>
  lines.reduce<Record<string, number>>((sum, line) => {
    sum[line.account] = (sum[line.account] ?? 0) + line.amountPaise;
    return sum;
  }, {});

describe('journals', () => {
  it('posts a capture to Razorpay against the hold, and nothing for authorizations or requests', () => {
    const { journals } = planJournals(
      unknownPayment,
      [{ type: 'PaymentAuthorized', ...facts }, captured],
      'h-1',
    );
    expect(journals.map((journal) => journal.lines)).toEqual([
      [
        { kind: 'capture', account: 'razorpay', amountPaise: 50_000, refundId: null },
        { kind: 'capture', account: 'hold:h-1', amountPaise: -50_000, refundId: null },
      ],
    ]);
  });

  it('moves a refund from the hold to the refund account, then out of Razorpay; every journal sums to zero', () => {
    const { journals } = planJournals(unknownPayment, [captured, requested, accepted, processed], 'h-1');
    for (const journal of journals)
      expect(journal.lines.reduce((sum, line) => sum + line.amountPaise, 0)).toBe(0);
    expect(balances(journals.flatMap((journal) => journal.lines))).toEqual({
      razorpay: 30_000,
      'hold:h-1': -30_000,
      'refund:r-1': 0,
    });
  });

  it('gives the hold its money back when an accepted refund fails', () => {
    const before = replay(paymentDecider, [captured, requested, accepted]);
    const { journals } = planJournals(
      before,
      [{ type: 'RefundFailed', refundId: 'r-1', failure: 'bank', wasAccepted: true }],
      'h-1',
    );
    expect(journals[0]?.lines).toEqual([
      { kind: 'refund_reversed', account: 'refund:r-1', amountPaise: 20_000, refundId: 'r-1' },
      { kind: 'refund_reversed', account: 'hold:h-1', amountPaise: -20_000, refundId: 'r-1' },
    ]);
  });
});
