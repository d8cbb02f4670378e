import { RazorpayApiError } from '@zefy/razorpay';
import { type PaymentsDeps, systemActor } from '../dependencies.ts';
import { recordRefund, rejectRefund } from '../payment/payment.commands.ts';
import type { RefundRow } from '../payment/payment.repository.ts';
import { refundNote, refundSnapshotOf } from '../razorpay/razorpay.ts';

/** X-Refund-Idempotency for our refund: however often we send it, Razorpay makes one refund. */
export const refundIdempotencyKey = (refundId: string): string => `zefy-refund-${refundId}`;

/**
 * Asks Razorpay for a refund recorded as `requested`, and records its answer. Safe to call again at any
 * time (the reconciliation job does, for refunds whose answer never came): the key makes it one refund.
 * Razorpay refusing fails the refund and flags it; no answer leaves it `requested` for the next try.
 */
export async function sendRefund(deps: PaymentsDeps, refundId: string): Promise<RefundRow | null> {
  const { db, razorpay, clock, logger } = deps;
  const { rows } = await db.pool.query<RefundRow & { razorpay_payment_id: string }>(
    `UPDATE refunds r SET attempts = r.attempts + 1, updated_at = $2
     FROM payments p WHERE r.id = $1 AND p.id = r.payment_id AND r.status = 'requested'
     RETURNING r.*, p.razorpay_payment_id`,
    [refundId, clock.now()],
  );
  const refund = rows[0];
  if (refund) {
    try {
      const answer = await razorpay.refundPayment(
        refund.razorpay_payment_id,
        {
          amount: refund.amount_paise,
          speed: 'normal',
          notes: { [refundNote]: refund.id, reason: refund.reason.slice(0, 256) },
          receipt: `rf_${refund.id.replaceAll('-', '')}`,
        },
        refundIdempotencyKey(refund.id),
      );
      await db.transaction((tx) =>
        recordRefund(tx, {
          razorpayPaymentId: refund.razorpay_payment_id,
          snapshot: { ...refundSnapshotOf(answer), refundId: refund.id },
          at: clock.now(),
          actor: systemActor,
        }),
      );
    } catch (error) {
      if (error instanceof RazorpayApiError) {
        logger.error({ refundId, err: error }, 'Razorpay refused a refund; flagged for review');
        await db.transaction((tx) =>
          rejectRefund(tx, {
            paymentId: refund.payment_id,
            refundId,
            failure: error.error.description,
            at: clock.now(),
            actor: systemActor,
          }),
        );
      } else {
        logger.warn({ refundId, err: error }, 'refund not sent; the reconciliation job will send it again');
        await db.pool.query('UPDATE refunds SET last_error = $2 WHERE id = $1', [
          refundId,
          String((error as Error).message).slice(0, 1000),
        ]);
      }
    }
  }
  const current = await db.pool.query<RefundRow>('SELECT * FROM refunds WHERE id = $1', [refundId]);
  return current.rows[0] ?? null;
}
