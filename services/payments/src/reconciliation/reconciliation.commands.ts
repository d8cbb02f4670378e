import type { ReconciliationReport } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { RazorpayApiError } from '@zefy/razorpay';
import { recordRazorpayOrder } from '../checkout/checkout.commands.ts';
import { type PaymentsDeps, systemActor } from '../deps.ts';
import { lockOrderById, markReconciled, ordersToReconcile } from '../orders/orders.repository.ts';
import type { Order } from '../orders/orders.ts';
import { recordPayment, recordRefund } from '../payment/payment.commands.ts';
import { checkAgainstOrder, type PaymentSnapshot } from '../payment/payment.ts';
import { paymentSnapshotOf, refundSnapshotOf } from '../razorpay/razorpay.ts';
import { sendRefund } from '../refunds/refunds.commands.ts';
import { refundsToReconcile, touchRefund } from '../refunds/refunds.repository.ts';
import { acquireLease, releaseLease, renewLease } from './reconciliation.repository.ts';

const batchSize = 200;
const job = 'reconcile';
// long enough for one order's few Razorpay calls at their timeout; renewed after each order and refund
const leaseSeconds = 300;

/** Keeps this run's lease: true while it still holds it (a run that lost it stops). */
type KeepLease = () => Promise<boolean>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** An order whose create answer was lost: Razorpay may have it under its receipt. */
async function findOrderAgain(deps: PaymentsDeps, order: Order): Promise<Order> {
  if (order.razorpayOrderId) return order;
  const [found] = await deps.razorpay.findOrdersByReceipt(order.receipt);
  if (!found) return order;
  return recordRazorpayOrder(
    deps,
    (tx) => lockOrderById(tx, order.id),
    async () => found,
    systemActor,
  );
}

/** Asks Razorpay about one open order and applies every payment of it; captures any stuck authorized. */
async function settleOrder(deps: PaymentsDeps, order: Order, cutoff: Date, report: ReconciliationReport) {
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
  keepLease: KeepLease,
): Promise<void> {
  const { db, clock, logger, settings } = deps;
  for (const order of await ordersToReconcile(db.pool, cutoff, batchSize)) {
    if (!(await keepLease())) return;
    report.ordersChecked += 1;
    try {
      await settleOrder(deps, order, cutoff, report);
    } catch (error) {
      report.errors.push(`order ${order.id}: ${message(error)}`);
      logger.warn({ orderId: order.id, err: error }, 'reconciliation could not settle an order');
    }
    const now = clock.now();
    const status = await markReconciled(db.pool, order.id, {
      at: now,
      abandonBefore: new Date(now.getTime() - settings.reconciliation.abandonAfterSeconds * 1000),
    });
    if (status === 'abandoned') report.ordersAbandoned += 1;
  }
}

async function reconcileRefunds(
  deps: PaymentsDeps,
  cutoff: Date,
  report: ReconciliationReport,
  keepLease: KeepLease,
): Promise<void> {
  const { db, razorpay, clock, logger } = deps;
  for (const refund of await refundsToReconcile(db.pool, cutoff, batchSize)) {
    if (!(await keepLease())) return;
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
      else await touchRefund(db.pool, refund.id, clock.now());
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
 * not yet processed. One run at a time across instances (a lease); null at once when another holds it.
 */
export async function reconcile(
  deps: PaymentsDeps,
  options: { minAgeSeconds: number },
): Promise<ReconciliationReport | null> {
  const { pool } = deps.db;
  const holder = newId();
  if (!(await acquireLease(pool, job, holder, leaseSeconds))) return null;
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
    const keepLease = () => renewLease(pool, job, holder, leaseSeconds);
    const cutoff = new Date(deps.clock.now().getTime() - options.minAgeSeconds * 1000);
    await reconcileOrders(deps, cutoff, report, keepLease);
    await reconcileRefunds(deps, cutoff, report, keepLease);
    return report;
  } finally {
    await releaseLease(pool, job, holder);
  }
}
