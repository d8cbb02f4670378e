import type { Transaction } from '@zefy/platform';

/** One payment, named as the payments service's events name it; `holdId` is the booking's id. */
export interface PaymentRef {
  paymentId: string;
  holdId: string;
  orderId: string;
  razorpayPaymentId: string;
}

export interface PaymentState {
  status: 'captured' | 'failed' | 'refunded' | 'partially_refunded';
  amountPaise: number;
  refundedPaise: number;
  method: string | null;
}

/** The booking's view of one payment, as the payments service last reported it (newer facts win). */
export async function recordPayment(
  tx: Transaction,
  payment: PaymentRef,
  state: PaymentState,
  sourceAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO booking_payments (payment_id, booking_id, order_id, status, amount_paise, refunded_paise, method,
       razorpay_payment_id, source_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (payment_id) DO UPDATE SET status = EXCLUDED.status, amount_paise = EXCLUDED.amount_paise,
       refunded_paise = GREATEST(booking_payments.refunded_paise, EXCLUDED.refunded_paise),
       method = COALESCE(EXCLUDED.method, booking_payments.method),
       razorpay_payment_id = COALESCE(EXCLUDED.razorpay_payment_id, booking_payments.razorpay_payment_id),
       source_at = EXCLUDED.source_at
     WHERE booking_payments.source_at <= EXCLUDED.source_at`,
    [
      payment.paymentId,
      payment.holdId,
      payment.orderId,
      state.status,
      state.amountPaise,
      state.refundedPaise,
      state.method,
      payment.razorpayPaymentId,
      sourceAt,
    ],
  );
}

/** A refund that failed keeps the payment's amounts; only its state changes. */
export async function markRefundFailed(tx: Transaction, paymentId: string, sourceAt: string): Promise<void> {
  await tx.query(
    `UPDATE booking_payments SET status = 'refund_failed', source_at = $2
     WHERE payment_id = $1 AND source_at <= $2`,
    [paymentId, sourceAt],
  );
}

/**
 * What a payment's `holdId` pays for: a hold's id is its booking's; the extra time of a job is a payable of
 * its own, named by the booking that owes it (also one an adjustment replaced: its payment is refunded).
 */
export async function resolvePayable(
  tx: Transaction,
  payableId: string,
): Promise<{ bookingId: string; isExtra: boolean }> {
  const { rows } = await tx.query<{ booking_id: string }>(
    'SELECT booking_id FROM extra_payables WHERE payable_id = $1',
    [payableId],
  );
  const extraOf = rows[0]?.booking_id;
  return extraOf ? { bookingId: extraOf, isExtra: true } : { bookingId: payableId, isExtra: false };
}
