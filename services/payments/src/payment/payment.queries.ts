import type { PaymentDetail, PaymentRefund, PaymentSummary } from '@zefy/contracts';
import { AppError } from '@zefy/platform';
import type { PaymentsDeps } from '../deps.ts';
import { ledgerLinesOfPayment } from '../ledger/ledger.repository.ts';
import { findOrder } from '../orders/orders.repository.ts';
import {
  findPaymentListItem,
  type PaymentListItem,
  type RefundRow,
  refundRows,
} from './payment.repository.ts';
import { refundedPaise } from './payment.ts';

export const refundView = (row: RefundRow): PaymentRefund => ({
  id: row.id,
  paymentId: row.payment_id,
  razorpayRefundId: row.razorpay_refund_id,
  amountPaise: row.amount_paise,
  status: row.status,
  reason: row.reason,
  requestedBy: row.requested_by,
  createdAt: row.created_at.toISOString(),
  processedAt: row.processed_at?.toISOString() ?? null,
});

export const paymentSummary = (payment: PaymentListItem): PaymentSummary => ({
  id: payment.paymentId,
  razorpayPaymentId: payment.razorpayPaymentId,
  status: payment.status,
  amountPaise: payment.amountPaise,
  refundedPaise: refundedPaise(payment),
  method: payment.method,
  verifiedBy: payment.verifiedBy,
  capturedAt: payment.capturedAt?.toISOString() ?? null,
});

/** A payment with its order, refunds and ledger lines, for admin and ops. */
export async function paymentDetail(deps: PaymentsDeps, paymentId: string): Promise<PaymentDetail> {
  const { pool } = deps.db;
  const payment = await findPaymentListItem(pool, paymentId);
  const order = payment ? await findOrder(pool, payment.orderId) : null;
  if (!payment || !order?.razorpayOrderId)
    throw new AppError('PAYMENTS.PAYMENT_NOT_FOUND', `No payment ${paymentId}`);
  const [refunds, ledger] = await Promise.all([
    refundRows(pool, payment.paymentId),
    ledgerLinesOfPayment(pool, payment.paymentId),
  ]);
  return {
    ...paymentSummary(payment),
    orderId: order.id,
    holdId: order.holdId,
    customerId: order.customerId,
    razorpayOrderId: order.razorpayOrderId,
    refunds: refunds.map(refundView),
    ledger: ledger.map((line) => ({
      journalId: line.journal_id,
      kind: line.kind,
      account: line.account,
      amountPaise: line.amount_paise,
      refundId: line.refund_id,
      createdAt: line.created_at.toISOString(),
    })),
  };
}
