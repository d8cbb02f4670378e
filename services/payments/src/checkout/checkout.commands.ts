import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor, CheckoutCallback } from '@zefy/contracts';
import { AppError, createEvent, decideOrThrow, newId, type Transaction } from '@zefy/platform';
import { isCheckoutSignatureValid, RazorpayApiError, type RazorpayOrder } from '@zefy/razorpay';
import type { PaymentsDeps } from '../deps.ts';
import {
  attachRazorpayOrder,
  findOrder,
  insertPendingOrder,
  lockOrderOfHold,
} from '../orders/orders.repository.ts';
import { type Order, statusOnceCreated } from '../orders/orders.ts';
import { findPayableOf } from '../payables/payables.repository.ts';
import { type PayableState, payableDecider } from '../payables/payables.ts';
import { recordPayment } from '../payment/payment.commands.ts';
import type { KnownPayment, PaymentSnapshot } from '../payment/payment.ts';
import { paymentSnapshotOf } from '../razorpay/razorpay.ts';
import { flagForReview } from '../reviews/reviews.repository.ts';

/** Razorpay's answer, or the problem the API client gets: 503 to retry, 502 when Razorpay refused. */
async function askRazorpay<T>(deps: PaymentsDeps, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RazorpayApiError) {
      deps.logger.error({ err: error }, `Razorpay refused to ${what}`);
      throw new AppError('PAYMENTS.GATEWAY_REJECTED', error.error.description);
    }
    deps.logger.warn({ err: error }, `Razorpay did not answer a request to ${what}`);
    throw new AppError('UPSTREAM.UNAVAILABLE', `Razorpay did not answer; retry (${what})`);
  }
}

/**
 * The customer's payable of this id. A hold placed a moment ago may not have reached us yet (booking's
 * event is on its way), so an unknown one is looked up again, backing off, for up to `holdWaitMs`.
 * Another customer's hold waits just as long as an unknown one: the answer's timing tells nothing either.
 */
async function awaitPayable(
  deps: PaymentsDeps,
  payableId: string,
  customerId: string,
): Promise<PayableState> {
  const deadline = Date.now() + deps.settings.holdWaitMs;
  for (let delayMs = 25; ; delayMs *= 2) {
    const payable = await findPayableOf(deps.db.pool, payableId, customerId);
    const leftMs = deadline - Date.now();
    if (payable.status !== 'unknown' || leftMs <= 0) return payable;
    await sleep(Math.min(delayMs, leftMs));
  }
}

/**
 * Stores the Razorpay order an order of ours became (created now, or found again by its receipt) and
 * publishes `payment.order_created`, once: under the order's lock, an order that has one already is
 * returned as it is, and Razorpay is not asked.
 */
export function recordRazorpayOrder(
  deps: PaymentsDeps,
  lock: (tx: Transaction) => Promise<Order | null>,
  razorpayOrderOf: (order: Order) => Promise<RazorpayOrder>,
  actor: Actor,
): Promise<Order> {
  return deps.db.transaction(async (tx) => {
    const order = (await lock(tx)) as Order;
    if (order.razorpayOrderId) return order;
    const created = await razorpayOrderOf(order);
    const at = deps.clock.now();
    const event = createEvent(
      'payment.order_created',
      {
        orderId: order.id,
        razorpayOrderId: created.id,
        holdId: order.holdId,
        customerId: order.customerId,
        amountPaise: order.amountPaise,
        currency: 'INR',
      },
      { actor, clock: { now: () => at } },
    );
    // paid at Razorpay but not yet here: its payment arrives through a webhook or reconciliation
    const status = statusOnceCreated(created.status);
    return attachRazorpayOrder(tx, { orderId: order.id, razorpayOrderId: created.id, status, at }, [event]);
  });
}

/** Razorpay's order under our receipt (a create whose answer was lost), or a new one. */
async function findOrCreateRazorpayOrder(deps: PaymentsDeps, order: Order): Promise<RazorpayOrder> {
  const { razorpay } = deps;
  const [found] = await askRazorpay(deps, 'look up an order by receipt', () =>
    razorpay.findOrdersByReceipt(order.receipt),
  );
  return (
    found ??
    askRazorpay(deps, 'create an order', () =>
      razorpay.createOrder({
        amount: order.amountPaise,
        currency: 'INR',
        receipt: order.receipt,
        notes: { zefy_order_id: order.id, hold_id: order.holdId, customer_id: order.customerId },
        payment: { capture: 'automatic' },
      }),
    )
  );
}

/**
 * The one Razorpay order of a payable (today a hold), for its customer and at its price (both from the
 * payable learned from booking, never from the request). Unknown, expired and closed holds are refused
 * before Razorpay is asked. Concurrent and repeated calls for the hold wait on its row and get the same
 * order.
 */
export async function openOrder(
  deps: PaymentsDeps,
  input: { payableId: string; customerId: string; actor: Actor },
): Promise<Order> {
  const { db, clock } = deps;
  const payable = await awaitPayable(deps, input.payableId, input.customerId);
  const { events } = decideOrThrow(
    payableDecider,
    { type: 'OpenOrder', payableId: input.payableId },
    payable,
    { actor: input.actor, now: clock.now() },
  );
  for (const event of events)
    if (event.type === 'OrderOpened')
      await insertPendingOrder(db.pool, {
        id: newId(),
        holdId: event.payableId,
        customerId: event.customerId,
        amountPaise: event.amountPaise,
        at: clock.now(),
      });
  return recordRazorpayOrder(
    deps,
    (tx) => lockOrderOfHold(tx, input.payableId),
    (order) => findOrCreateRazorpayOrder(deps, order),
    input.actor,
  );
}
/**
 * Checkout's success callback. The signature is checked against the Razorpay order id in OUR records
 * (the callback's own is only compared), in constant time; then Razorpay is asked what the payment is,
 * so the amount is checked too, and the payment recorded like a webhook would.
 */
export async function verifyCheckout(
  deps: PaymentsDeps,
  input: { callback: CheckoutCallback; customerId: string; actor: Actor },
): Promise<{ order: Order; payment: KnownPayment }> {
  const { db, razorpay, clock, logger, settings } = deps;
  const { callback } = input;
  const order = await findOrder(db.pool, callback.orderId);
  if (!order || order.customerId !== input.customerId)
    throw new AppError('PAYMENTS.ORDER_NOT_FOUND', `No order ${callback.orderId} of yours`);
  if (!order.razorpayOrderId || callback.razorpay_order_id !== order.razorpayOrderId) {
    const detail = `checkout callback for order ${order.id} names ${callback.razorpay_order_id}, ours is ${order.razorpayOrderId ?? 'not created'}`;
    await flagForReview(db.pool, {
      kind: 'order_mismatch',
      source: 'checkout',
      razorpayOrderId: callback.razorpay_order_id,
      razorpayPaymentId: callback.razorpay_payment_id,
      detail,
      at: clock.now(),
    });
    logger.warn(
      { orderId: order.id, detail },
      'checkout callback rejected: order mismatch; flagged for review',
    );
    throw new AppError('PAYMENTS.ORDER_MISMATCH', detail);
  }
  const isValid = isCheckoutSignatureValid({
    keySecret: settings.razorpay.keySecret,
    orderId: order.razorpayOrderId,
    paymentId: callback.razorpay_payment_id,
    signature: callback.razorpay_signature,
  });
  if (!isValid) {
    logger.warn(
      { orderId: order.id, razorpayPaymentId: callback.razorpay_payment_id },
      'checkout callback rejected: signature does not match',
    );
    throw new AppError(
      'PAYMENTS.SIGNATURE_INVALID',
      'razorpay_signature does not match this order and payment',
    );
  }
  let snapshot: PaymentSnapshot;
  try {
    snapshot = paymentSnapshotOf(await razorpay.fetchPayment(callback.razorpay_payment_id));
  } catch (error) {
    if (error instanceof RazorpayApiError) {
      logger.error(
        { err: error, orderId: order.id },
        'Razorpay does not know a payment whose signature is valid',
      );
      throw new AppError('PAYMENTS.GATEWAY_REJECTED', error.error.description);
    }
    // the signature proves Razorpay authorised this payment for this order; the capture comes by webhook or reconciliation
    logger.warn(
      { err: error, orderId: order.id },
      'Razorpay unreachable; recording the signed payment as authorized',
    );
    snapshot = {
      razorpayPaymentId: callback.razorpay_payment_id,
      razorpayOrderId: order.razorpayOrderId,
      amountPaise: order.amountPaise,
      currency: order.currency,
      status: 'authorized',
      method: null,
      error: null,
    };
  }
  // a valid signature is only issued once the payment is authorised, whatever a lagging read says
  if (snapshot.status === 'created') snapshot = { ...snapshot, status: 'authorized' };
  const outcome = await db.transaction((tx) =>
    recordPayment(tx, {
      snapshot,
      razorpayOrderId: order.razorpayOrderId as string,
      source: 'checkout',
      at: clock.now(),
      actor: input.actor,
      logger,
    }),
  );
  if (outcome.kind === 'mismatch')
    throw new AppError(
      outcome.mismatch.kind === 'order_mismatch' ? 'PAYMENTS.ORDER_MISMATCH' : 'PAYMENTS.AMOUNT_MISMATCH',
      outcome.mismatch.detail,
    );
  if (outcome.kind === 'unknown_order' || outcome.after.status === 'unknown')
    throw new AppError('PAYMENTS.ORDER_NOT_FOUND', `No order ${callback.orderId}`);
  return { order: outcome.order, payment: outcome.after };
}
