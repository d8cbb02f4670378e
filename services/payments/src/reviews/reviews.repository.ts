import { newId, type Sql } from '@zefy/platform';

/** A fact that did not fit our records (a mismatched payment, a refund refused or not possible). */
export interface Review {
  kind: string;
  source: string;
  razorpayOrderId: string | null;
  razorpayPaymentId: string | null;
  detail: string;
  at: Date;
}

/** Records a fact for a person to look at; the same open review is not recorded twice (reconciliation repeats). */
export async function flagForReview(sql: Sql, review: Review): Promise<void> {
  await sql.query(
    `INSERT INTO reviews (id, kind, source, razorpay_order_id, razorpay_payment_id, detail, created_at)
     SELECT $1, $2, $3, $4, $5, $6, $7
     WHERE NOT EXISTS (
       SELECT 1 FROM reviews WHERE resolved_at IS NULL AND kind = $2 AND source = $3
         AND razorpay_payment_id IS NOT DISTINCT FROM $5 AND detail = $6)`,
    [
      newId(),
      review.kind,
      review.source,
      review.razorpayOrderId,
      review.razorpayPaymentId,
      review.detail,
      review.at,
    ],
  );
}

export async function listOpenReviews(sql: Sql) {
  const { rows } = await sql.query<{
    id: string;
    kind: string;
    source: string;
    razorpay_order_id: string | null;
    razorpay_payment_id: string | null;
    detail: string;
    created_at: Date;
  }>('SELECT * FROM reviews WHERE resolved_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 500');
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    source: row.source,
    razorpayOrderId: row.razorpay_order_id,
    razorpayPaymentId: row.razorpay_payment_id,
    detail: row.detail,
    createdAt: row.created_at.toISOString(),
  }));
}
