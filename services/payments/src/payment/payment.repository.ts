import { appendToOutbox, type DomainEvent, type Sql, type Transaction } from '@zefy/platform';
import type {
  KnownPayment,
  PaymentState,
  PaymentStatus,
  Refund,
  RefundStatus,
  VerificationSource,
} from './payment.ts';

interface PaymentRow {
  id: string;
  razorpay_payment_id: string;
  order_id: string;
  amount_paise: number;
  status: PaymentStatus;
  method: string | null;
  verified_by: VerificationSource | null;
  error_code: string | null;
  error_reason: string | null;
  error_description: string | null;
  captured_at: Date | null;
  created_at: Date;
}

export interface RefundRow {
  id: string;
  payment_id: string;
  razorpay_refund_id: string | null;
  amount_paise: number;
  status: RefundStatus;
  reason: string;
  requested_by: string;
  failure: string | null;
  attempts: number;
  created_at: Date;
  updated_at: Date;
  processed_at: Date | null;
}

/** What a refund is to the payment: the columns `toRefund` reads (JSON from `loadPayment`, rows elsewhere). */
type RefundFields = Pick<
  RefundRow,
  'id' | 'amount_paise' | 'status' | 'razorpay_refund_id' | 'reason' | 'requested_by'
>;

const toRefund = (row: RefundFields): Refund => ({
  id: row.id,
  amountPaise: row.amount_paise,
  status: row.status,
  razorpayRefundId: row.razorpay_refund_id,
  reason: row.reason,
  requestedBy: row.requested_by,
});

const toPayment = (row: PaymentRow, refunds: readonly RefundFields[]): KnownPayment => ({
  status: row.status,
  paymentId: row.id,
  razorpayPaymentId: row.razorpay_payment_id,
  amountPaise: row.amount_paise,
  method: row.method,
  verifiedBy: row.verified_by,
  error:
    row.error_code || row.error_reason || row.error_description
      ? { code: row.error_code, reason: row.error_reason, description: row.error_description }
      : null,
  refunds: refunds.map(toRefund),
});

export async function refundRows(sql: Sql, paymentId: string): Promise<RefundRow[]> {
  const { rows } = await sql.query<RefundRow>(
    'SELECT * FROM refunds WHERE payment_id = $1 ORDER BY created_at, id',
    [paymentId],
  );
  return rows;
}

/** Payments with their refunds (as `RefundFields` JSON, oldest first) in the same round trip. */
const paymentsWithRefunds = `SELECT p.*, COALESCE(
    (SELECT json_agg(json_build_object('id', r.id, 'amount_paise', r.amount_paise, 'status', r.status,
       'razorpay_refund_id', r.razorpay_refund_id, 'reason', r.reason, 'requested_by', r.requested_by)
       ORDER BY r.created_at, r.id)
     FROM refunds r WHERE r.payment_id = p.id), '[]') AS refunds
  FROM payments p`;
type PaymentWithRefundsRow = PaymentRow & { refunds: RefundFields[] };

/** A payment and its refunds, by our id or Razorpay's; `unknown` when we have never seen it. */
export async function loadPayment(
  sql: Sql,
  key: { paymentId: string } | { razorpayPaymentId: string },
): Promise<PaymentState> {
  const { rows } = await sql.query<PaymentWithRefundsRow>(
    `${paymentsWithRefunds} WHERE ${'paymentId' in key ? 'p.id' : 'p.razorpay_payment_id'} = $1`,
    ['paymentId' in key ? key.paymentId : key.razorpayPaymentId],
  );
  const row = rows[0];
  if (!row) return { status: 'unknown' };
  return toPayment(row, row.refunds);
}

/** A payment as listed: with its order and when it was captured. */
export interface PaymentListItem extends KnownPayment {
  orderId: string;
  capturedAt: Date | null;
}

const toListItem = (row: PaymentWithRefundsRow): PaymentListItem => ({
  ...toPayment(row, row.refunds),
  orderId: row.order_id,
  capturedAt: row.captured_at,
});

export async function findPaymentListItem(sql: Sql, paymentId: string): Promise<PaymentListItem | null> {
  const { rows } = await sql.query<PaymentWithRefundsRow>(`${paymentsWithRefunds} WHERE p.id = $1`, [
    paymentId,
  ]);
  const row = rows[0];
  return row ? toListItem(row) : null;
}

export async function paymentsOfOrder(sql: Sql, orderId: string): Promise<PaymentListItem[]> {
  const { rows } = await sql.query<PaymentWithRefundsRow>(
    `${paymentsWithRefunds} WHERE p.order_id = $1 ORDER BY p.created_at, p.id`,
    [orderId],
  );
  return rows.map(toListItem);
}

async function saveRefunds(
  tx: Transaction,
  before: PaymentState,
  after: KnownPayment,
  at: Date,
): Promise<void> {
  const previous = new Map(
    before.status === 'unknown' ? [] : before.refunds.map((refund) => [refund.id, refund]),
  );
  for (const refund of after.refunds) {
    const was = previous.get(refund.id);
    if (!was) {
      await tx.query(
        `INSERT INTO refunds (id, payment_id, razorpay_refund_id, amount_paise, status, reason, requested_by, created_at, updated_at, processed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)`,
        [
          refund.id,
          after.paymentId,
          refund.razorpayRefundId,
          refund.amountPaise,
          refund.status,
          refund.reason,
          refund.requestedBy,
          at,
          refund.status === 'processed' ? at : null,
        ],
      );
    } else if (was.status !== refund.status || was.razorpayRefundId !== refund.razorpayRefundId) {
      await tx.query(
        `UPDATE refunds SET status = $2, razorpay_refund_id = $3, updated_at = $4,
           processed_at = CASE WHEN $2 = 'processed' THEN $4 ELSE processed_at END
         WHERE id = $1`,
        [refund.id, refund.status, refund.razorpayRefundId, at],
      );
    }
  }
}

/**
 * Stores the payment as its new facts left it (its row and its refunds' rows) with their outbox events, in
 * the caller's transaction, which holds the order's lock.
 */
export async function savePayment(
  tx: Transaction,
  input: { orderId: string; before: PaymentState; after: KnownPayment; capturedAt: Date | null; at: Date },
  events: readonly DomainEvent[],
): Promise<void> {
  const { before, after, at } = input;
  const values = [
    after.paymentId,
    after.status,
    after.method,
    after.verifiedBy,
    after.error?.code ?? null,
    after.error?.reason ?? null,
    after.error?.description ?? null,
    input.capturedAt,
    at,
  ];
  if (before.status === 'unknown')
    await tx.query(
      `INSERT INTO payments (id, status, method, verified_by, error_code, error_reason, error_description,
         captured_at, created_at, updated_at, razorpay_payment_id, order_id, amount_paise)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12)`,
      [...values, after.razorpayPaymentId, input.orderId, after.amountPaise],
    );
  else
    await tx.query(
      `UPDATE payments SET status = $2, method = $3, verified_by = $4, error_code = $5, error_reason = $6,
         error_description = $7, captured_at = COALESCE(captured_at, $8), updated_at = $9
       WHERE id = $1`,
      values,
    );
  await saveRefunds(tx, before, after, at);
  await appendToOutbox(tx, events);
}
