import type { ReconciliationReport } from '@zefy/contracts';
import { createEvent } from '@zefy/platform';
import { RazorpayApiError } from '@zefy/razorpay';
import { attachRazorpayOrder } from '../checkout/checkout.repository.ts';
import { type PaymentsDeps, systemActor } from '../dependencies.ts';
import { recordPayment, recordRefund } from '../payment/payment.commands.ts';
import {
  lockOrderById,
  type OrderRecord,
  type OrderRow,
  type RefundRow,
  toOrder,
} from '../payment/payment.repository.ts';
import { checkAgainstOrder, type PaymentSnapshot } from '../payment/payment.ts';
import { paymentSnapshotOf, refundSnapshotOf } from '../razorpay/razorpay.ts';
import { sendRefund } from '../refunds/refunds.commands.ts';

const batchSize = 200;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** An order whose create answer was lost: Razorpay may have it under its receipt. */
async function findOrderAgain(deps: PaymentsDeps, order: OrderRecord): Promise<OrderRecord> {
  if (order.razorpayOrderId) return order;
  const [found] = await deps.razorpay.findOrdersByReceipt(order.receipt);
  if (!found) return order;
  return deps.db.transaction(async (tx) => {
    const locked = (await lockOrderById(tx, order.id)) as OrderRecord;
    if (locked.razorpayOrderId) return locked;
    const at = deps.clock.now();
    return attachRazorpayOrder(tx, {
      orderId: order.id,
      razorpayOrderId: found.id,
      status: found.status === 'created' ? 'created' : 'attempted',
      at,
      event: createEvent(
        'payment.order_created',
        {
          orderId: order.id,
          razorpayOrderId: found.id,
          holdId: order.holdId,
          customerId: order.customerId,
          amountPaise: order.amountPaise,
          currency: 'INR',
        },
        { actor: systemActor, clock: { now: () => at } },
      ),
    });
  });
}

/** Asks Razorpay about one open order and applies every payment of it; captures any stuck authorized. */
async function settleOrder(
  deps: PaymentsDeps,
  order: OrderRecord,
  cutoff: Date,
  report: ReconciliationReport,
) {
  const { razorpay, db, clock, logger } = deps;
  const current = await findOrderAgain(deps, order);
  if (!current.razorpayOrderId) return;
  const razorpayOrderId = current.razorpayOrderId;
  for (const payment of await razorpay.fetchOrderPayments(razorpayOrderId)) {
    let snapshot: PaymentSnapshot = paymentSnapshotOf(payment);
    const isOurs =
      checkAgainstOrder(
        { razorpayOrderId, amountPaise: current.amountPaise, currency: current.currency },
        snapshot,
      ) === null;
    // auto-capture normally does this; an authorization left alone is refunded by Razorpay after 3 days
    if (isOurs && payment.status === 'authorized' && payment.created_at * 1000 <= cutoff.getTime()) {
      try {
        snapshot = paymentSnapshotOf(
          await razorpay.capturePayment(payment.id, payment.amount, payment.currency),
        );
        report.paymentsCaptured += 1;
      } catch (error) {
        if (!(error instanceof RazorpayApiError)) throw error;
        snapshot = paymentSnapshotOf(await razorpay.fetchPayment(payment.id));
      }
    }
    const outcome = await db.transaction((tx) =>
      recordPayment(tx, {
        snapshot,
        razorpayOrderId,
        source: 'reconciliation',
        at: clock.now(),
        actor: systemActor,
        logger,
      }),
    );
    if (
      outcome.kind === 'recorded' &&
      outcome.events.some((event) => event.type === 'PaymentCaptured' || event.type === 'PaymentFailed')
    )
      report.paymentsSettled += 1;
  }
}

async function reconcileOrders(
  deps: PaymentsDeps,
  cutoff: Date,
  report: ReconciliationReport,
): Promise<void> {
  const { db, clock, logger, settings } = deps;
  const { rows } = await db.pool.query<OrderRow>(
    `SELECT * FROM orders WHERE status IN ('pending', 'created', 'attempted') AND created_at <= $1
       AND (reconciled_at IS NULL OR reconciled_at <= $1)
     ORDER BY created_at LIMIT $2`,
    [cutoff, batchSize],
  );
  for (const order of rows.map(toOrder)) {
    report.ordersChecked += 1;
    try {
      await settleOrder(deps, order, cutoff, report);
    } catch (error) {
      report.errors.push(`order ${order.id}: ${message(error)}`);
      logger.warn({ orderId: order.id, err: error }, 'reconciliation could not settle an order');
    }
    const now = clock.now();
    const abandoned = await db.pool.query(
      `UPDATE orders SET reconciled_at = $2,
         status = CASE WHEN status IN ('pending', 'created', 'attempted') AND created_at <= $3 THEN 'abandoned' ELSE status END
       WHERE id = $1 RETURNING status`,
      [order.id, now, new Date(now.getTime() - settings.reconciliation.abandonAfterSeconds * 1000)],
    );
    if (abandoned.rows[0]?.status === 'abandoned') report.ordersAbandoned += 1;
  }
}

async function reconcileRefunds(
  deps: PaymentsDeps,
  cutoff: Date,
  report: ReconciliationReport,
): Promise<void> {
  const { db, razorpay, clock, logger } = deps;
  const { rows } = await db.pool.query<RefundRow & { razorpay_payment_id: string }>(
    `SELECT r.*, p.razorpay_payment_id FROM refunds r JOIN payments p ON p.id = r.payment_id
     WHERE r.status IN ('requested', 'pending') AND r.updated_at <= $1 ORDER BY r.updated_at LIMIT $2`,
    [cutoff, batchSize],
  );
  for (const refund of rows) {
    try {
      if (refund.status === 'requested') {
        const sent = await sendRefund(deps, refund.id);
        if (sent && sent.status !== 'requested') report.refundsSent += 1;
        continue;
      }
      const answer = await razorpay.fetchRefund(refund.razorpay_refund_id as string);
      const outcome = await db.transaction((tx) =>
        recordRefund(tx, {
          razorpayPaymentId: refund.razorpay_payment_id,
          snapshot: { ...refundSnapshotOf(answer), refundId: refund.id },
          at: clock.now(),
          actor: systemActor,
        }),
      );
      if (outcome.kind === 'recorded' && outcome.events.length > 0) report.refundsSettled += 1;
      else await db.pool.query('UPDATE refunds SET updated_at = $2 WHERE id = $1', [refund.id, clock.now()]);
    } catch (error) {
      report.errors.push(`refund ${refund.id}: ${message(error)}`);
      logger.warn({ refundId: refund.id, err: error }, 'reconciliation could not settle a refund');
    }
  }
}

/**
 * Settles what a lost webhook or an interrupted request left between states: orders older than
 * `minAgeSeconds` not paid yet (their payments are fetched and applied through the same path as webhooks,
 * so each fact still publishes once), refunds not yet accepted (sent again with their idempotency key) or
 * not yet processed. One instance at a time (an advisory lock); `wait: false` skips when another runs.
 */
export async function reconcile(
  deps: PaymentsDeps,
  options: { minAgeSeconds: number; wait: boolean },
): Promise<ReconciliationReport | null> {
  const client = await deps.db.pool.connect();
  const lockKey = `${deps.db.schema}.reconcile`;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      options.wait
        ? 'SELECT pg_advisory_lock(hashtext($1)) IS NOT NULL AS locked'
        : 'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [lockKey],
    );
    if (!rows[0]?.locked) return null;
    try {
      const report: ReconciliationReport = {
        ordersChecked: 0,
        paymentsSettled: 0,
        paymentsCaptured: 0,
        ordersAbandoned: 0,
        refundsSent: 0,
        refundsSettled: 0,
        errors: [],
      };
      const cutoff = new Date(deps.clock.now().getTime() - options.minAgeSeconds * 1000);
      await reconcileOrders(deps, cutoff, report);
      await reconcileRefunds(deps, cutoff, report);
      return report;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    client.release();
  }
}

/** Runs `reconcile` every PAYMENTS_RECONCILE_INTERVAL_SECONDS in the background. */
export function startReconciliation(deps: PaymentsDeps): { stop(): Promise<void> } {
  const { afterSeconds, intervalSeconds } = deps.settings.reconciliation;
  let running: Promise<void> | null = null;
  let isStopped = false;
  const tick = () => {
    if (running || isStopped) return;
    running = reconcile(deps, { minAgeSeconds: afterSeconds, wait: false })
      .then((report) => {
        const didWork =
          report &&
          report.paymentsSettled +
            report.paymentsCaptured +
            report.ordersAbandoned +
            report.refundsSent +
            report.refundsSettled +
            report.errors.length >
            0;
        if (didWork) deps.logger.info({ report }, 'reconciliation settled payments');
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'reconciliation failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
