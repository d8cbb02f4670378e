import type { Actor, CheckoutCallback, PaymentOrder } from '@zefy/contracts';
import { AppError, createEvent, newId } from '@zefy/platform';
import { isCheckoutSignatureValid, RazorpayApiError, type RazorpayOrder } from '@zefy/razorpay';
import type { PaymentsDeps } from '../dependencies.ts';
import { recordPayment } from '../payment/payment.commands.ts';
import {
  flagForReview,
  type OrderRecord,
  type PaymentListItem,
  paymentsOfOrder,
} from '../payment/payment.repository.ts';
import type { KnownPayment, PaymentSnapshot } from '../payment/payment.ts';
import { refundedPaise } from '../payment/payment.ts';
import { paymentSnapshotOf } from '../razorpay/razorpay.ts';
import {
  attachRazorpayOrder,
  findOrder,
  insertPendingOrder,
  lockOrderOfHold,
} from './checkout.repository.ts';

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
 * The one Razorpay order of a hold. Concurrent and repeated calls for the hold wait on its row and get
 * the same order; a create whose answer was lost is found again by its receipt before creating another.
 */
export async function createOrderForHold(
  deps: PaymentsDeps,
  input: { holdId: string; amountPaise: number; customerId: string; actor: Actor },
): Promise<OrderRecord> {
  const { db, razorpay, clock } = deps;
  await insertPendingOrder(db.pool, { id: newId(), ...input, at: clock.now() });
  return db.transaction(async (tx) => {
    const order = (await lockOrderOfHold(tx, input.holdId)) as OrderRecord;
    if (order.customerId !== input.customerId || order.amountPaise !== input.amountPaise)
      throw new AppError(
        'PAYMENTS.HOLD_ORDER_CONFLICT',
        order.customerId === input.customerId
          ? `The hold's order is for ${order.amountPaise} paise`
          : 'The hold belongs to another customer',
      );
    if (order.razorpayOrderId) return order;
    const [found] = await askRazorpay(deps, 'look up an order by receipt', () =>
      razorpay.findOrdersByReceipt(order.receipt),
    );
    const created: RazorpayOrder =
      found ??
      (await askRazorpay(deps, 'create an order', () =>
        razorpay.createOrder({
          amount: order.amountPaise,
          currency: 'INR',
          receipt: order.receipt,
          notes: { zefy_order_id: order.id, hold_id: order.holdId, customer_id: order.customerId },
          payment: { capture: 'automatic' },
        }),
      ));
    const at = clock.now();
    return attachRazorpayOrder(tx, {
      orderId: order.id,
      razorpayOrderId: created.id,
      // paid at Razorpay but not yet here: its payment arrives through a webhook or reconciliation
      status: created.status === 'created' ? 'created' : 'attempted',
      at,
      event: createEvent(
        'payment.order_created',
        {
          orderId: order.id,
          razorpayOrderId: created.id,
          holdId: order.holdId,
          customerId: order.customerId,
          amountPaise: order.amountPaise,
          currency: 'INR',
        },
        { actor: input.actor, clock: { now: () => at } },
      ),
    });
  });
}

export function orderView(deps: PaymentsDeps, order: OrderRecord, payments: PaymentListItem[]): PaymentOrder {
  const { keyId, checkoutUrl } = deps.settings.razorpay;
  return {
    id: order.id,
    holdId: order.holdId,
    customerId: order.customerId,
    amountPaise: order.amountPaise,
    currency: 'INR',
    status: order.status,
    razorpayOrderId: order.razorpayOrderId,
    razorpayKeyId: keyId,
    checkoutUrl:
      checkoutUrl && order.razorpayOrderId
        ? `${checkoutUrl}?order_id=${encodeURIComponent(order.razorpayOrderId)}&key_id=${encodeURIComponent(keyId)}`
        : null,
    payments: payments.map((payment) => ({
      id: payment.paymentId,
      razorpayPaymentId: payment.razorpayPaymentId,
      status: payment.status,
      amountPaise: payment.amountPaise,
      refundedPaise: refundedPaise(payment),
      method: payment.method,
      verifiedBy: payment.verifiedBy,
      capturedAt: payment.capturedAt?.toISOString() ?? null,
    })),
    createdAt: order.createdAt.toISOString(),
  };
}

export async function orderViewOf(deps: PaymentsDeps, order: OrderRecord): Promise<PaymentOrder> {
  return orderView(deps, order, await paymentsOfOrder(deps.db.pool, order.id));
}

/**
 * Checkout's success callback. The signature is checked against the Razorpay order id in OUR records
 * (the callback's own is only compared), in constant time; then Razorpay is asked what the payment is,
 * so the amount is checked too, and the payment recorded like a webhook would.
 */
export async function verifyCheckout(
  deps: PaymentsDeps,
  input: { callback: CheckoutCallback; customerId: string; actor: Actor },
): Promise<{ order: OrderRecord; payment: KnownPayment }> {
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
