import { type PaymentDetail, type PaymentRefund, paymentRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { findOrder } from '../checkout/checkout.repository.ts';
import type { PaymentsDeps } from '../dependencies.ts';
import { ledgerLinesOfPayment } from '../ledger/ledger.repository.ts';
import { requestRefund } from '../payment/payment.commands.ts';
import { listOpenReviews, loadPayment, type RefundRow, refundRows } from '../payment/payment.repository.ts';
import { refundedPaise } from '../payment/payment.ts';
import { sendRefund } from './refunds.commands.ts';

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

export function registerRefundRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  const { db, clock } = deps;

  implementRoute(app, db, paymentRoutes.getPayment, async ({ params }): Promise<PaymentDetail> => {
    const { rows } = await db.pool.query<{ order_id: string; captured_at: Date | null }>(
      'SELECT order_id, captured_at FROM payments WHERE id = $1',
      [params.paymentId],
    );
    const payment = await loadPayment(db.pool, { paymentId: params.paymentId });
    const order = rows[0] ? await findOrder(db.pool, rows[0].order_id) : null;
    if (payment.status === 'unknown' || !order?.razorpayOrderId)
      throw new AppError('PAYMENTS.PAYMENT_NOT_FOUND', `No payment ${params.paymentId}`);
    const [refunds, ledger] = await Promise.all([
      refundRows(db.pool, payment.paymentId),
      ledgerLinesOfPayment(db.pool, payment.paymentId),
    ]);
    return {
      id: payment.paymentId,
      razorpayPaymentId: payment.razorpayPaymentId,
      status: payment.status,
      amountPaise: payment.amountPaise,
      refundedPaise: refundedPaise(payment),
      method: payment.method,
      verifiedBy: payment.verifiedBy,
      capturedAt: rows[0]?.captured_at?.toISOString() ?? null,
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
  });

  implementRoute(app, db, paymentRoutes.refundPayment, async ({ params, body, principal, reply }) => {
    const { refund } = await db.transaction((tx) =>
      requestRefund(tx, {
        paymentId: params.paymentId,
        amountPaise: body.amountPaise ?? null,
        policy: 'exact',
        reason: body.reason.trim(),
        requestedBy: `admin:${principal.id}`,
        at: clock.now(),
        actor: { kind: 'admin', id: principal.id },
      }),
    );
    const sent = (await sendRefund(deps, refund.id)) as RefundRow;
    if (sent.status === 'failed')
      throw new AppError(
        'PAYMENTS.GATEWAY_REJECTED',
        `Razorpay refused the refund: ${sent.failure ?? 'no reason'}`,
      );
    if (sent.status === 'requested') reply.code(202);
    return refundView(sent);
  });

  implementRoute(app, db, paymentRoutes.listReviews, async () => ({ items: await listOpenReviews(db.pool) }));
}
