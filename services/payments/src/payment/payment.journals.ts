import { type LedgerKind, type LedgerLine, ledgerAccounts } from '../ledger/ledger.ts';
import { type PaymentEvent, type PaymentState, paymentDecider } from './payment.ts';

const refundAmount = (state: PaymentState, refundId: string): number => {
  const refund = state.status === 'unknown' ? undefined : state.refunds.find((r) => r.id === refundId);
  if (!refund) throw new Error(`refund ${refundId} is not part of the payment`);
  return refund.amountPaise;
};

/** The journal one fact about a payment posts (accounts in ledger.ts), given the payment just before it. */
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
    state = paymentDecider.evolve(state, event);
  }
  return { after: state, journals };
}
