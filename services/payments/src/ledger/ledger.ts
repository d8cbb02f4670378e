import { evolve, type PaymentEvent, type PaymentState } from '../payment/payment.ts';

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

const refundAmount = (state: PaymentState, refundId: string): number => {
  const refund = state.status === 'unknown' ? undefined : state.refunds.find((r) => r.id === refundId);
  if (!refund) throw new Error(`refund ${refundId} is not part of the payment`);
  return refund.amountPaise;
};

/** The journal one fact posts, given the payment as it was just before it. */
export function journalFor(event: PaymentEvent, before: PaymentState, holdId: string): LedgerLine[] {
  const pair = (kind: LedgerKind, debit: string, credit: string, amount: number, refundId: string | null) => [
    { kind, account: debit, amountPaise: amount, refundId },
    { kind, account: credit, amountPaise: -amount, refundId },
  ];
  const hold = ledgerAccounts.hold(holdId);
  switch (event.type) {
    case 'PaymentCaptured':
      return pair('capture', ledgerAccounts.razorpay, hold, event.amountPaise, null);
    case 'RefundAccepted':
      return pair(
        'refund_accepted',
        hold,
        ledgerAccounts.refund(event.refundId),
        refundAmount(before, event.refundId),
        event.refundId,
      );
    case 'RefundProcessed':
      return pair(
        'refund_processed',
        ledgerAccounts.refund(event.refundId),
        ledgerAccounts.razorpay,
        refundAmount(before, event.refundId),
        event.refundId,
      );
    case 'RefundFailed':
      return event.wasAccepted
        ? pair(
            'refund_reversed',
            ledgerAccounts.refund(event.refundId),
            hold,
            refundAmount(before, event.refundId),
            event.refundId,
          )
        : [];
    case 'PaymentAuthorized':
    case 'PaymentFailed':
    case 'RefundRequested':
      return [];
  }
}

export interface PlannedJournal {
  event: PaymentEvent;
  lines: LedgerLine[];
}

/** Folds the facts into the payment, collecting the journal each one posts. */
export function planJournals(
  before: PaymentState,
  events: readonly PaymentEvent[],
  holdId: string,
): { after: PaymentState; journals: PlannedJournal[] } {
  let state = before;
  const journals: PlannedJournal[] = [];
  for (const event of events) {
    const lines = journalFor(event, state, holdId);
    if (lines.length > 0) journals.push({ event, lines });
    state = evolve(state, event);
  }
  return { after: state, journals };
}

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
