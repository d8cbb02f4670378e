/**
 * What the team may give back of a booking that is not closed: its payments (the booking's own and any
 * extra-time payment) less what was already granted back. Pure; the decider calls it under the booking's row
 * lock, so two refunds decided at once are decided one after the other and never give back more than was paid.
 */

/** One captured payment of a booking, and how much of it the booking has already granted back. */
export interface RefundablePayment {
  paymentId: string;
  amountPaise: number;
  grantedRefundPaise?: number;
}

/** A slice of a refund: how much of which payment payments is asked to give back. */
export interface RefundPart {
  paymentId: string;
  amountPaise: number;
}

const leftOf = (payment: RefundablePayment): number =>
  payment.amountPaise - (payment.grantedRefundPaise ?? 0);

/** Captured less granted, over all the booking's payments. */
export const refundableOf = (payments: readonly RefundablePayment[]): number =>
  payments.reduce((sum, payment) => sum + leftOf(payment), 0);

/**
 * Splits a refund over the payments, in the order given (the booking's first payment, then the extra's),
 * each giving what it has left before the next is touched; a string: why it cannot be given.
 */
export function allocateRefund(
  payments: readonly RefundablePayment[],
  amountPaise: number,
): RefundPart[] | string {
  if (!Number.isSafeInteger(amountPaise) || amountPaise < 1)
    return 'a refund is a whole number of paise, at least 1';
  const refundable = refundableOf(payments);
  if (amountPaise > refundable) return `at most ${refundable} paise is left to refund`;
  const parts: RefundPart[] = [];
  let rest = amountPaise;
  for (const payment of payments) {
    const part = Math.min(rest, leftOf(payment));
    if (part > 0) parts.push({ paymentId: payment.paymentId, amountPaise: part });
    rest -= part;
  }
  return parts;
}

/** The payments after a refund's parts were granted. */
export const withGranted = <P extends RefundablePayment>(payment: P, parts: readonly RefundPart[]): P => {
  const granted = parts
    .filter((part) => part.paymentId === payment.paymentId)
    .reduce((sum, part) => sum + part.amountPaise, 0);
  return granted === 0
    ? payment
    : { ...payment, grantedRefundPaise: (payment.grantedRefundPaise ?? 0) + granted };
};

/**
 * The rule of an admin's adjustment of an extra charge (booking.ts decideAdjustExtra): only down, never up
 * (a higher charge is the partner's to add and the customer's to approve); to zero (waived), or to at least
 * Razorpay's minimum charge, since less cannot be paid. `minimumPaise` is that minimum.
 */
export function checkAdjustedExtra(
  currentPaise: number,
  newPaise: number,
  minimumPaise: number,
): string | null {
  if (!Number.isSafeInteger(newPaise) || newPaise < 0)
    return 'the new amount is a whole number of paise, 0 or more';
  if (newPaise >= currentPaise) return `an adjustment lowers the extra charge (${currentPaise} paise now)`;
  if (newPaise > 0 && newPaise < minimumPaise)
    return `waive it (0) or charge at least ${minimumPaise} paise: less cannot be paid`;
  return null;
}
