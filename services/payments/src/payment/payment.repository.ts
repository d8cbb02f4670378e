import type { Actor } from '@zefy/contracts';
import {
  appendToOutbox,
  createEvent,
  type DomainEvent,
  newId,
  type Sql,
  type Transaction,
} from '@zefy/platform';
import { postJournals } from '../ledger/ledger.repository.ts';
import { planJournals } from '../ledger/ledger.ts';
import {
  evolve,
  type KnownPayment,
  type PaymentEvent,
  type PaymentState,
  type PaymentStatus,
  type Refund,
  type RefundStatus,
  refundedPaise,
  unknownPayment,
  type VerificationSource,
} from './payment.ts';

export type OrderStatus = 'pending' | 'created' | 'attempted' | 'paid' | 'abandoned';

export interface OrderRecord {
  id: string;
  holdId: string;
  customerId: string;
  amountPaise: number;
  currency: 'INR';
  receipt: string;
  razorpayOrderId: string | null;
  status: OrderStatus;
  createdAt: Date;
  reconciledAt: Date | null;
}

export interface OrderRow {
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

export const toOrder = (row: OrderRow): OrderRecord => ({
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

async function lockOrder(tx: Transaction, where: string, value: string): Promise<OrderRecord | null> {
  const { rows } = await tx.query<OrderRow>(`SELECT o.* FROM orders o WHERE ${where} FOR UPDATE OF o`, [
    value,
  ]);
  return rows[0] ? toOrder(rows[0]) : null;
}

/**
 * The order row is the lock of everything about its payments: every fact about a payment (callback,
 * webhook, reconciliation, refund) is applied under it, so concurrent arrivals apply one after the other.
 */
export const lockOrderByRazorpayId = (tx: Transaction, razorpayOrderId: string) =>
  lockOrder(tx, 'o.razorpay_order_id = $1', razorpayOrderId);

export const lockOrderById = (tx: Transaction, orderId: string) => lockOrder(tx, 'o.id = $1', orderId);

export const lockOrderOfPayment = (tx: Transaction, paymentId: string) =>
  lockOrder(tx, 'o.id = (SELECT order_id FROM payments WHERE id = $1)', paymentId);

export const lockOrderOfRazorpayPayment = (tx: Transaction, razorpayPaymentId: string) =>
  lockOrder(tx, 'o.id = (SELECT order_id FROM payments WHERE razorpay_payment_id = $1)', razorpayPaymentId);

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

const toRefund = (row: RefundRow): Refund => ({
  id: row.id,
  amountPaise: row.amount_paise,
  status: row.status,
  razorpayRefundId: row.razorpay_refund_id,
  reason: row.reason,
  requestedBy: row.requested_by,
});

const toPayment = (row: PaymentRow, refunds: RefundRow[]): KnownPayment => ({
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

/** A payment and its refunds, by our id or Razorpay's; `unknown` when we have never seen it. */
export async function loadPayment(
  sql: Sql,
  key: { paymentId: string } | { razorpayPaymentId: string },
): Promise<PaymentState> {
  const { rows } = await sql.query<PaymentRow>(
    'paymentId' in key
      ? 'SELECT * FROM payments WHERE id = $1'
      : 'SELECT * FROM payments WHERE razorpay_payment_id = $1',
    ['paymentId' in key ? key.paymentId : key.razorpayPaymentId],
  );
  const row = rows[0];
  if (!row) return unknownPayment;
  const refunds = await sql.query<RefundRow>(
    'SELECT * FROM refunds WHERE payment_id = $1 ORDER BY created_at, id',
    [row.id],
  );
  return toPayment(row, refunds.rows);
}

export interface PaymentListItem extends KnownPayment {
  orderId: string;
  capturedAt: Date | null;
}

export async function paymentsOfOrder(sql: Sql, orderId: string): Promise<PaymentListItem[]> {
  const { rows } = await sql.query<PaymentRow>(
    'SELECT * FROM payments WHERE order_id = $1 ORDER BY created_at, id',
    [orderId],
  );
  const refunds = await sql.query<RefundRow>(
    'SELECT r.* FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = $1 ORDER BY r.created_at, r.id',
    [orderId],
  );
  return rows.map((row) => ({
    ...toPayment(
      row,
      refunds.rows.filter((refund) => refund.payment_id === row.id),
    ),
    orderId: row.order_id,
    capturedAt: row.captured_at,
  }));
}

export async function refundRows(sql: Sql, paymentId: string): Promise<RefundRow[]> {
  const { rows } = await sql.query<RefundRow>(
    'SELECT * FROM refunds WHERE payment_id = $1 ORDER BY created_at, id',
    [paymentId],
  );
  return rows;
}

type BusEvent =
  | DomainEvent<'payment.captured'>
  | DomainEvent<'payment.failed'>
  | DomainEvent<'payment.refunded'>
  | DomainEvent<'payment.refund_failed'>;

/** The events other services hear about a fact; authorisations and refund steps stay internal. */
function busEventsFor(
  event: PaymentEvent,
  after: KnownPayment,
  order: OrderRecord,
  context: { at: Date; actor: Actor },
): BusEvent[] {
  const options = { actor: context.actor, clock: { now: () => context.at } };
  const at = context.at.toISOString();
  const ref = {
    paymentId: after.paymentId,
    razorpayPaymentId: after.razorpayPaymentId,
    orderId: order.id,
    razorpayOrderId: order.razorpayOrderId ?? '',
    holdId: order.holdId,
    customerId: order.customerId,
  };
  const refundNamed = (refundId: string) => after.refunds.find((refund) => refund.id === refundId) as Refund;
  switch (event.type) {
    case 'PaymentCaptured':
      return [
        createEvent(
          'payment.captured',
          {
            ...ref,
            amountPaise: after.amountPaise,
            currency: 'INR',
            method: after.method,
            verifiedBy: event.verifiedBy,
            capturedAt: at,
          },
          options,
        ),
      ];
    case 'PaymentFailed':
      return [
        createEvent(
          'payment.failed',
          {
            ...ref,
            amountPaise: after.amountPaise,
            errorCode: event.error?.code ?? null,
            errorReason: event.error?.reason ?? null,
            errorDescription: event.error?.description ?? null,
            failedAt: at,
          },
          options,
        ),
      ];
    case 'RefundProcessed': {
      const refund = refundNamed(event.refundId);
      const refunded = refundedPaise(after);
      return [
        createEvent(
          'payment.refunded',
          {
            ...ref,
            refundId: refund.id,
            razorpayRefundId: event.razorpayRefundId,
            amountPaise: refund.amountPaise,
            refundedPaise: refunded,
            capturedPaise: after.amountPaise,
            isFullyRefunded: refunded === after.amountPaise,
            reason: refund.reason,
            processedAt: at,
          },
          options,
        ),
      ];
    }
    case 'RefundFailed': {
      const refund = refundNamed(event.refundId);
      return [
        createEvent(
          'payment.refund_failed',
          {
            ...ref,
            refundId: refund.id,
            amountPaise: refund.amountPaise,
            reason: refund.reason,
            failure: event.failure,
            failedAt: at,
          },
          options,
        ),
      ];
    }
    default:
      return [];
  }
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
 * Stores what the facts change, in the caller's transaction (which holds the order lock): the payment row,
 * its refunds, the ledger journals and the outbox events. Facts that change nothing are never passed here,
 * so an event is published once per fact.
 */
export async function savePaymentFacts(
  tx: Transaction,
  input: {
    order: OrderRecord;
    before: PaymentState;
    events: readonly PaymentEvent[];
    at: Date;
    actor: Actor;
  },
): Promise<PaymentState> {
  const { order, before, events, at } = input;
  if (events.length === 0) return before;
  const { after, journals } = planJournals(before, events, order.holdId);
  if (after.status === 'unknown') return after;
  const capturedAt = events.some((event) => event.type === 'PaymentCaptured') ? at : null;
  const values = [
    after.paymentId,
    after.status,
    after.method,
    after.verifiedBy,
    after.error?.code ?? null,
    after.error?.reason ?? null,
    after.error?.description ?? null,
    capturedAt,
    at,
  ];
  if (before.status === 'unknown')
    await tx.query(
      `INSERT INTO payments (id, status, method, verified_by, error_code, error_reason, error_description,
         captured_at, created_at, updated_at, razorpay_payment_id, order_id, amount_paise)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12)`,
      [...values, after.razorpayPaymentId, order.id, after.amountPaise],
    );
  else
    await tx.query(
      `UPDATE payments SET status = $2, method = $3, verified_by = $4, error_code = $5, error_reason = $6,
         error_description = $7, captured_at = COALESCE(captured_at, $8), updated_at = $9
       WHERE id = $1`,
      values,
    );
  await saveRefunds(tx, before, after, at);
  await postJournals(tx, journals, { paymentId: after.paymentId, holdId: order.holdId, at });
  const orderStatus = after.status === 'captured' ? 'paid' : order.status === 'paid' ? 'paid' : 'attempted';
  if (orderStatus !== order.status)
    await tx.query('UPDATE orders SET status = $2, updated_at = $3 WHERE id = $1', [
      order.id,
      orderStatus,
      at,
    ]);
  let state: PaymentState = before;
  const outgoing: BusEvent[] = [];
  for (const event of events) {
    state = evolve(state, event);
    outgoing.push(...busEventsFor(event, state as KnownPayment, order, { at, actor: input.actor }));
  }
  await appendToOutbox(tx, outgoing);
  return after;
}

export interface ReviewInput {
  kind: string;
  source: string;
  razorpayOrderId: string | null;
  razorpayPaymentId: string | null;
  detail: string;
  at: Date;
}

/** Records a fact for a person to look at; the same open review is not recorded twice (reconciliation repeats). */
export async function flagForReview(sql: Sql, review: ReviewInput): Promise<void> {
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
