import type { Sql } from '@zefy/platform';
import type { RefundRow } from '../payment/payment.repository.ts';

export type RefundToSend = RefundRow & { razorpay_payment_id: string };

/** Counts an attempt at a refund still `requested`; null when it is no longer waiting to be sent. */
export async function claimRefundAttempt(sql: Sql, refundId: string, at: Date): Promise<RefundToSend | null> {
  const { rows } = await sql.query<RefundToSend>(
    `UPDATE refunds r SET attempts = r.attempts + 1, updated_at = $2
     FROM payments p WHERE r.id = $1 AND p.id = r.payment_id AND r.status = 'requested'
     RETURNING r.*, p.razorpay_payment_id`,
    [refundId, at],
  );
  return rows[0] ?? null;
}

export async function noteRefundError(sql: Sql, refundId: string, message: string): Promise<void> {
  await sql.query('UPDATE refunds SET last_error = $2 WHERE id = $1', [refundId, message.slice(0, 1000)]);
}

export async function findRefund(sql: Sql, refundId: string): Promise<RefundRow | null> {
  const { rows } = await sql.query<RefundRow>('SELECT * FROM refunds WHERE id = $1', [refundId]);
  return rows[0] ?? null;
}

/** Refunds not yet accepted or not yet processed, untouched since `cutoff`, oldest first. */
export async function refundsToReconcile(sql: Sql, cutoff: Date, limit: number): Promise<RefundToSend[]> {
  const { rows } = await sql.query<RefundToSend>(
    `SELECT r.*, p.razorpay_payment_id FROM refunds r JOIN payments p ON p.id = r.payment_id
     WHERE r.status IN ('requested', 'pending') AND r.updated_at <= $1 ORDER BY r.updated_at LIMIT $2`,
    [cutoff, limit],
  );
  return rows;
}

/** Marks a refund looked at, so the next run starts with others. */
export async function touchRefund(sql: Sql, refundId: string, at: Date): Promise<void> {
  await sql.query('UPDATE refunds SET updated_at = $2 WHERE id = $1', [refundId, at]);
}
