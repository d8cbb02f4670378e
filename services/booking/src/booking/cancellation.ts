import { formatRupees } from '@zefy/rules';

/** What a cancellation after assignment keeps: a fixed sum, or a share of what was paid. */
export type CancellationFee = { kind: 'flat'; paise: number } | { kind: 'percent'; percent: number };

/** The booking service's cancellation terms (config.ts: BOOKING_CANCEL_FEE, BOOKING_CANCEL_NO_REFUND_AFTER_MINUTES). */
export interface CancellationPolicy {
  fee: CancellationFee;
  /** Once the partner has been on the way this long (or is at the door), nothing is refunded. */
  noRefundAfterEnRouteMinutes: number;
}

/**
 * Which term applies: nothing was paid; free (no partner yet); the fee (a partner has the job, or is on the
 * way for less than the cut-off); nothing back (on the way past the cut-off, or at the door).
 */
export type CancellationRule = 'unpaid' | 'free' | 'fee' | 'no_refund';

/** Where a booking stands, as far as the rule cares: only booking's own facts, so it decides alone. */
export type CancellationStage =
  | { stage: 'unpaid' }
  | { stage: 'confirmed'; paidPaise: number }
  | { stage: 'assigned'; paidPaise: number }
  | { stage: 'en_route'; paidPaise: number; startedAt: string }
  | { stage: 'arrived'; paidPaise: number };

export interface CancellationQuote {
  rule: CancellationRule;
  paidPaise: number;
  feePaise: number;
  refundPaise: number;
  /** The rule in words, as the customer is shown it before confirming. */
  text: string;
}

/** The fee for `paidPaise`, never more than was paid; a percentage rounds down (in the customer's favour). */
export function feeFor(fee: CancellationFee, paidPaise: number): number {
  const kept = fee.kind === 'flat' ? fee.paise : Math.floor((paidPaise * fee.percent) / 100);
  return Math.min(paidPaise, Math.max(0, kept));
}

const feeWords = (fee: CancellationFee): string =>
  fee.kind === 'flat' ? formatRupees(fee.paise) : `${fee.percent}% of what you paid`;

/** Whether the partner has been on the way past the policy's cut-off at `now`. */
export const isPastNoRefundPoint = (startedAt: string, policy: CancellationPolicy, now: Date): boolean =>
  now.getTime() - Date.parse(startedAt) >= policy.noRefundAfterEnRouteMinutes * 60_000;

/**
 * The cancellation rule, the one place it is written: free before a partner is assigned; the configured fee
 * once one is; nothing back once the partner has been on the way past the cut-off, or is at the door.
 * Pure and total: the refund is always between 0 and what was paid.
 */
export function quoteCancellation(
  booking: CancellationStage,
  policy: CancellationPolicy,
  now: Date,
): CancellationQuote {
  if (booking.stage === 'unpaid')
    return { rule: 'unpaid', paidPaise: 0, feePaise: 0, refundPaise: 0, text: 'Nothing has been paid yet.' };
  const { paidPaise } = booking;
  const cutoff = `${policy.noRefundAfterEnRouteMinutes} minutes`;
  const noRefund: CancellationQuote = {
    rule: 'no_refund',
    paidPaise,
    feePaise: paidPaise,
    refundPaise: 0,
    text:
      booking.stage === 'arrived'
        ? 'Your professional is at your door: nothing is refunded.'
        : `Your professional has been on the way for more than ${cutoff}: nothing is refunded.`,
  };
  switch (booking.stage) {
    case 'confirmed':
      return {
        rule: 'free',
        paidPaise,
        feePaise: 0,
        refundPaise: paidPaise,
        text: `No professional has been assigned yet: cancelling is free and ${formatRupees(paidPaise)} is refunded in full.`,
      };
    case 'en_route':
      if (isPastNoRefundPoint(booking.startedAt, policy, now)) return noRefund;
      return withFee(paidPaise, policy, cutoff);
    case 'assigned':
      return withFee(paidPaise, policy, cutoff);
    case 'arrived':
      return noRefund;
  }
}

function withFee(paidPaise: number, policy: CancellationPolicy, cutoff: string): CancellationQuote {
  const feePaise = feeFor(policy.fee, paidPaise);
  return {
    rule: 'fee',
    paidPaise,
    feePaise,
    refundPaise: paidPaise - feePaise,
    text: `A professional has been assigned: a cancellation fee of ${feeWords(policy.fee)} (${formatRupees(feePaise)}) is kept and ${formatRupees(paidPaise - feePaise)} is refunded. Once they have been on the way for ${cutoff}, nothing is refunded.`,
  };
}
