import type { Transaction } from '@zefy/platform';

export interface PaymentRecord {
  paymentId: string;
  bookingId: string;
  orderId: string;
  status: string;
  amountPaise: number;
  refundedPaise: number;
  method: string | null;
  razorpayPaymentId: string | null;
}

/** The booking's view of one payment, as the payments service last reported it (newer facts win). */
export async function recordPayment(tx: Transaction, record: PaymentRecord, sourceAt: string): Promise<void> {
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
      record.paymentId,
      record.bookingId,
      record.orderId,
      record.status,
      record.amountPaise,
      record.refundedPaise,
      record.method,
      record.razorpayPaymentId,
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
