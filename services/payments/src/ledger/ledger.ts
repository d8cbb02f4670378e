/**
 * Double-entry, append-only, integer paise; debits positive, credits negative, every journal sums to zero.
 *   razorpay          money Razorpay holds or paid out to us (asset)
 *   hold:<holdId>     captured money held for that hold/booking (liability to the customer)
 *   refund:<refundId> money on its way back to the customer (liability)
 * So every captured paisa sits either in a hold account or in a refund (in flight or processed).
 */
export type LedgerKind = 'capture' | 'refund_accepted' | 'refund_processed' | 'refund_reversed';

export interface LedgerLine {
  kind: LedgerKind;
  account: string;
  amountPaise: number;
  refundId: string | null;
}

export const ledgerAccounts = {
  razorpay: 'razorpay',
  hold: (holdId: string) => `hold:${holdId}`,
  refund: (refundId: string) => `refund:${refundId}`,
};

/** What the books say, gathered by the repository's check queries. */
export interface LedgerFigures {
  /** Sum of the captured payments' amounts, from the payments table. */
  capturedPaise: number;
  accountBalances: { razorpay: number; holds: number; refunds: number };
  /** Refunds processed, from the refunds table. */
  refundedPaise: number;
  unbalancedJournals: Array<{ journalId: string; sumPaise: number }>;
  /** Captured payments whose capture posting differs from their amount (or uncaptured ones with one). */
  captureMismatches: Array<{ paymentId: string; expectedPaise: number; postedPaise: number }>;
  /** Refunds whose postings do not match their state. */
  refundMismatches: Array<{ refundId: string; status: string; detail: string }>;
  /** Hold accounts in debit: more refunded than was captured for them. */
  overdrawnHolds: Array<{ account: string; balancePaise: number }>;
}

export interface LedgerAssessment {
  isBalanced: boolean;
  capturedPaise: number;
  heldForBookingsPaise: number;
  refundsInFlightPaise: number;
  refundedPaise: number;
  razorpayBalancePaise: number;
  problems: string[];
}

/**
 * Every captured paisa maps to a hold or a refund: captured = held + in flight + refunded, and Razorpay's
 * account holds captured − refunded, with captured and refunded taken from the payments and refunds
 * themselves, so the books and the records check each other. No journal may be lopsided, and no payment
 * or refund posted other than once.
 */
export function assessLedger(figures: LedgerFigures): LedgerAssessment {
  const held = -figures.accountBalances.holds;
  const inFlight = -figures.accountBalances.refunds;
  const { capturedPaise, refundedPaise } = figures;
  const problems = [
    ...figures.unbalancedJournals.map(
      (journal) => `journal ${journal.journalId} sums to ${journal.sumPaise} paise, not 0`,
    ),
    ...figures.captureMismatches.map(
      (payment) =>
        `payment ${payment.paymentId}: ${payment.postedPaise} paise posted as captured, ${payment.expectedPaise} expected`,
    ),
    ...figures.refundMismatches.map(
      (refund) => `refund ${refund.refundId} (${refund.status}): ${refund.detail}`,
    ),
    ...figures.overdrawnHolds.map((hold) => `${hold.account} is overdrawn by ${hold.balancePaise} paise`),
  ];
  if (held + inFlight + refundedPaise !== capturedPaise)
    problems.push(
      `captured ${capturedPaise} paise ≠ held ${held} + in flight ${inFlight} + refunded ${refundedPaise}`,
    );
  if (figures.accountBalances.razorpay !== capturedPaise - refundedPaise)
    problems.push(
      `the razorpay account shows ${figures.accountBalances.razorpay} paise, captured − refunded is ${capturedPaise - refundedPaise}`,
    );
  return {
    isBalanced: problems.length === 0,
    capturedPaise,
    heldForBookingsPaise: held,
    refundsInFlightPaise: inFlight,
    refundedPaise,
    razorpayBalancePaise: figures.accountBalances.razorpay,
    problems,
  };
}
