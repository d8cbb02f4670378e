import type { DomainEvent, Sql, Transaction } from '@zefy/platform';
import { appendToOutbox } from '@zefy/platform';
import { type OrderRecord, type OrderRow, toOrder } from '../payment/payment.repository.ts';

/** `hold_<uuid without dashes>`: 37 characters, under Razorpay's 40, and unique per hold like the order. */
export const receiptFor = (holdId: string): string => `hold_${holdId.replaceAll('-', '')}`;

/** Reserves the hold's order row; a second caller for the same hold finds the first one's. */
export async function insertPendingOrder(
  sql: Sql,
  order: { id: string; holdId: string; customerId: string; amountPaise: number; at: Date },
): Promise<void> {
  await sql.query(
    `INSERT INTO orders (id, hold_id, customer_id, amount_paise, currency, receipt, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'INR', $5, 'pending', $6, $6)
     ON CONFLICT (hold_id) DO NOTHING`,
    [order.id, order.holdId, order.customerId, order.amountPaise, receiptFor(order.holdId), order.at],
  );
}

export async function lockOrderOfHold(tx: Transaction, holdId: string): Promise<OrderRecord | null> {
  const { rows } = await tx.query<OrderRow>('SELECT * FROM orders WHERE hold_id = $1 FOR UPDATE', [holdId]);
  return rows[0] ? toOrder(rows[0]) : null;
}

export async function findOrder(sql: Sql, orderId: string): Promise<OrderRecord | null> {
  const { rows } = await sql.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [orderId]);
  return rows[0] ? toOrder(rows[0]) : null;
}

export async function attachRazorpayOrder(
  tx: Transaction,
  input: {
    orderId: string;
    razorpayOrderId: string;
    status: 'created' | 'attempted';
    at: Date;
    event: DomainEvent<'payment.order_created'>;
  },
): Promise<OrderRecord> {
  const { rows } = await tx.query<OrderRow>(
    `UPDATE orders SET razorpay_order_id = $2, status = $3, updated_at = $4 WHERE id = $1 RETURNING *`,
    [input.orderId, input.razorpayOrderId, input.status, input.at],
  );
  await appendToOutbox(tx, [input.event]);
  return toOrder(rows[0] as OrderRow);
}
