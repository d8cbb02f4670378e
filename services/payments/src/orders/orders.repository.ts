import { appendToOutbox, type DomainEvent, type Sql, type Transaction } from '@zefy/platform';
import { type Order, type OrderStatus, receiptFor } from './orders.ts';

interface OrderRow {
  id: string;
  hold_id: string;
  customer_id: string;
  amount_paise: number;
  currency: 'INR';
  receipt: string;
  razorpay_order_id: string | null;
  status: OrderStatus;
  created_at: Date;
  reconciled_at: Date | null;
}

const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  holdId: row.hold_id,
  customerId: row.customer_id,
  amountPaise: row.amount_paise,
  currency: row.currency,
  receipt: row.receipt,
  razorpayOrderId: row.razorpay_order_id,
  status: row.status,
  createdAt: row.created_at,
  reconciledAt: row.reconciled_at,
});

async function lockOrder(tx: Transaction, where: string, value: string): Promise<Order | null> {
  const { rows } = await tx.query<OrderRow>(`SELECT o.* FROM orders o WHERE ${where} FOR UPDATE OF o`, [
    value,
  ]);
  return rows[0] ? toOrder(rows[0]) : null;
}

/**
 * Every fact about a payment (callback, webhook, reconciliation, refund) is applied under its order's row
 * lock, so concurrent arrivals apply one after the other.
 */
export const lockOrderByRazorpayId = (tx: Transaction, razorpayOrderId: string) =>
  lockOrder(tx, 'o.razorpay_order_id = $1', razorpayOrderId);

export const lockOrderById = (tx: Transaction, orderId: string) => lockOrder(tx, 'o.id = $1', orderId);

export const lockOrderOfHold = (tx: Transaction, holdId: string) => lockOrder(tx, 'o.hold_id = $1', holdId);

export const lockOrderOfPayment = (tx: Transaction, paymentId: string) =>
  lockOrder(tx, 'o.id = (SELECT order_id FROM payments WHERE id = $1)', paymentId);

export const lockOrderOfRazorpayPayment = (tx: Transaction, razorpayPaymentId: string) =>
  lockOrder(tx, 'o.id = (SELECT order_id FROM payments WHERE razorpay_payment_id = $1)', razorpayPaymentId);

export async function findOrder(sql: Sql, orderId: string): Promise<Order | null> {
  const { rows } = await sql.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [orderId]);
  return rows[0] ? toOrder(rows[0]) : null;
}

/**
 * Reserves the hold's order row; a second caller for the same hold finds the first one's. Every unique key
 * is an arbiter: two first inserts can both pass the check on `hold_id`, and the later one then meets the
 * other's row on `receipt` (derived from the hold), which `ON CONFLICT (hold_id)` would raise as a 23505.
 */
export async function insertPendingOrder(
  sql: Sql,
  order: { id: string; holdId: string; customerId: string; amountPaise: number; at: Date },
): Promise<void> {
  await sql.query(
    `INSERT INTO orders (id, hold_id, customer_id, amount_paise, currency, receipt, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'INR', $5, 'pending', $6, $6)
     ON CONFLICT DO NOTHING`,
    [order.id, order.holdId, order.customerId, order.amountPaise, receiptFor(order.holdId), order.at],
  );
}

/** Stores the Razorpay order an order of ours became, with its `payment.order_created`. */
export async function attachRazorpayOrder(
  tx: Transaction,
  input: { orderId: string; razorpayOrderId: string; status: 'created' | 'attempted'; at: Date },
  events: readonly DomainEvent<'payment.order_created'>[],
): Promise<Order> {
  const { rows } = await tx.query<OrderRow>(
    `UPDATE orders SET razorpay_order_id = $2, status = $3, updated_at = $4 WHERE id = $1 RETURNING *`,
    [input.orderId, input.razorpayOrderId, input.status, input.at],
  );
  await appendToOutbox(tx, events);
  return toOrder(rows[0] as OrderRow);
}

export async function setOrderStatus(
  tx: Transaction,
  orderId: string,
  status: OrderStatus,
  at: Date,
): Promise<void> {
  await tx.query('UPDATE orders SET status = $2, updated_at = $3 WHERE id = $1', [orderId, status, at]);
}

/** Orders not paid yet, created before `cutoff` and not looked at since, oldest first. */
export async function ordersToReconcile(sql: Sql, cutoff: Date, limit: number): Promise<Order[]> {
  const { rows } = await sql.query<OrderRow>(
    `SELECT * FROM orders WHERE status IN ('pending', 'created', 'attempted') AND created_at <= $1
       AND (reconciled_at IS NULL OR reconciled_at <= $1)
     ORDER BY created_at LIMIT $2`,
    [cutoff, limit],
  );
  return rows.map(toOrder);
}

/** Stamps an order as looked at; one still unpaid and created before `abandonBefore` is abandoned. */
export async function markReconciled(
  sql: Sql,
  orderId: string,
  input: { at: Date; abandonBefore: Date },
): Promise<OrderStatus | null> {
  const { rows } = await sql.query<{ status: OrderStatus }>(
    `UPDATE orders SET reconciled_at = $2,
       status = CASE WHEN status IN ('pending', 'created', 'attempted') AND created_at <= $3 THEN 'abandoned' ELSE status END
     WHERE id = $1 RETURNING status`,
    [orderId, input.at, input.abandonBefore],
  );
  return rows[0]?.status ?? null;
}
