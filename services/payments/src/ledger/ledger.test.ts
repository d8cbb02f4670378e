import { describe, expect, it } from 'vitest';
import { evolveAll, type PaymentEvent, unknownPayment } from '../payment/payment.ts';
import { assessLedger, type LedgerFigures, planJournals } from './ledger.ts';

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
    const before = evolveAll(unknownPayment, [captured, requested, accepted]);
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

describe('assessLedger', () => {
  const healthy: LedgerFigures = {
    capturedPaise: 50_000,
    refundedPaise: 20_000,
    accountBalances: { razorpay: 30_000, holds: -25_000, refunds: -5_000 },
    unbalancedJournals: [],
    captureMismatches: [],
    refundMismatches: [],
    overdrawnHolds: [],
  };

  it('balances when captured = held + in flight + refunded', () => {
    expect(assessLedger(healthy)).toEqual({
      isBalanced: true,
      capturedPaise: 50_000,
      heldForBookingsPaise: 25_000,
      refundsInFlightPaise: 5_000,
      refundedPaise: 20_000,
      razorpayBalancePaise: 30_000,
      problems: [],
    });
  });

  it('reports a capture recorded without its posting, or posted twice', () => {
    const report = assessLedger({
      ...healthy,
      capturedPaise: 60_000,
      captureMismatches: [{ paymentId: 'p-2', expectedPaise: 10_000, postedPaise: 0 }],
    });
    expect(report.isBalanced).toBe(false);
    expect(report.problems).toEqual([
      'payment p-2: 0 paise posted as captured, 10000 expected',
      'captured 60000 paise ≠ held 25000 + in flight 5000 + refunded 20000',
      'the razorpay account shows 30000 paise, captured − refunded is 40000',
    ]);
  });

  it('reports lopsided journals, refunds posted wrongly and overdrawn holds', () => {
    const report = assessLedger({
      ...healthy,
      unbalancedJournals: [{ journalId: 'j-1', sumPaise: 1 }],
      refundMismatches: [{ refundId: 'r-2', status: 'processed', detail: 'no posting' }],
      overdrawnHolds: [{ account: 'hold:h-2', balancePaise: 100 }],
    });
    expect(report.problems).toHaveLength(3);
    expect(report.isBalanced).toBe(false);
  });
});
