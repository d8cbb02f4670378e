import { describe, expect, it } from 'vitest';
import { assessLedger, type LedgerFigures } from './ledger.ts';

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
