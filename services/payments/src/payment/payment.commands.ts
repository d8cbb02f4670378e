import type { Actor } from '@zefy/contracts';
import { AppError, type Logger, newId, type Transaction } from '@zefy/platform';
import {
  flagForReview,
  loadPayment,
  lockOrderByRazorpayId,
  lockOrderOfPayment,
  lockOrderOfRazorpayPayment,
  type OrderRecord,
  savePaymentFacts,
} from './payment.repository.ts';
import {
  checkAgainstOrder,
  decide,
  type KnownPayment,
  type Mismatch,
  type PaymentEvent,
  type PaymentSnapshot,
  type PaymentState,
  type Refund,
  type RefundSnapshot,
  type VerificationSource,
} from './payment.ts';

export type RecordOutcome =
  | { kind: 'unknown_order' }
  | { kind: 'mismatch'; order: OrderRecord; mismatch: Mismatch }
  | { kind: 'recorded'; order: OrderRecord; after: PaymentState; events: PaymentEvent[] };

/**
 * Applies what Razorpay says about a payment, from any of the three paths, under the order's lock: the
 * first path to show it captured publishes `payment.captured`; the others find nothing left to do. A
 * payment of another order, amount or currency changes nothing and is flagged for review.
 */
export async function recordPayment(
  tx: Transaction,
  input: {
    snapshot: PaymentSnapshot;
    /** The order the caller holds the payment to be of (checkout: from our records, not the callback). */
    razorpayOrderId?: string;
    razorpayOrder?: { id: string; amountPaise: number; currency: string };
    source: VerificationSource;
    at: Date;
    actor: Actor;
    logger: Logger;
  },
): Promise<RecordOutcome> {
  const { snapshot } = input;
  const razorpayOrderId = input.razorpayOrderId ?? snapshot.razorpayOrderId;
  const order = razorpayOrderId ? await lockOrderByRazorpayId(tx, razorpayOrderId) : null;
  if (!order?.razorpayOrderId) return { kind: 'unknown_order' };
  const mismatch = checkAgainstOrder(
    { razorpayOrderId: order.razorpayOrderId, amountPaise: order.amountPaise, currency: order.currency },
    snapshot,
    input.razorpayOrder,
  );
  if (mismatch) {
    await flagForReview(tx, {
      kind: mismatch.kind,
      source: input.source,
      razorpayOrderId: order.razorpayOrderId,
      razorpayPaymentId: snapshot.razorpayPaymentId,
      detail: mismatch.detail,
      at: input.at,
    });
    input.logger.warn(
      { orderId: order.id, razorpayPaymentId: snapshot.razorpayPaymentId, source: input.source, mismatch },
      'payment rejected: it does not match our order; flagged for review',
    );
    return { kind: 'mismatch', order, mismatch };
  }
  const before = await loadPayment(tx, { razorpayPaymentId: snapshot.razorpayPaymentId });
  const events = decide(before, {
    type: 'RecordPayment',
    snapshot,
    source: input.source,
    newPaymentId: newId(),
  });
  const after = await savePaymentFacts(tx, { order, before, events, at: input.at, actor: input.actor });
  return { kind: 'recorded', order, after, events };
}

/** Applies what Razorpay says about a refund of a payment we know. */
export async function recordRefund(
  tx: Transaction,
  input: { razorpayPaymentId: string; snapshot: RefundSnapshot; at: Date; actor: Actor },
): Promise<{ kind: 'unknown_payment' } | { kind: 'recorded'; events: PaymentEvent[] }> {
  const order = await lockOrderOfRazorpayPayment(tx, input.razorpayPaymentId);
  if (!order) return { kind: 'unknown_payment' };
  const before = await loadPayment(tx, { razorpayPaymentId: input.razorpayPaymentId });
  const events = decide(before, { type: 'RecordRefund', snapshot: input.snapshot, newRefundId: newId() });
  await savePaymentFacts(tx, { order, before, events, at: input.at, actor: input.actor });
  return { kind: 'recorded', events };
}

/** Records a refund to send (status `requested`); `sendRefund` asks Razorpay once this has committed. */
export async function requestRefund(
  tx: Transaction,
  input: {
    paymentId: string;
    amountPaise: number | null;
    policy: 'exact' | 'at_most';
    reason: string;
    requestedBy: string;
    at: Date;
    actor: Actor;
  },
): Promise<{ payment: KnownPayment; refund: Refund }> {
  const order = await lockOrderOfPayment(tx, input.paymentId);
  if (!order) throw new AppError('PAYMENTS.PAYMENT_NOT_FOUND', `No payment ${input.paymentId}`);
  const before = await loadPayment(tx, { paymentId: input.paymentId });
  const refundId = newId();
  const events = decide(before, {
    type: 'RequestRefund',
    refundId,
    amountPaise: input.amountPaise,
    policy: input.policy,
    reason: input.reason,
    requestedBy: input.requestedBy,
  });
  const after = (await savePaymentFacts(tx, {
    order,
    before,
    events,
    at: input.at,
    actor: input.actor,
  })) as KnownPayment;
  return { payment: after, refund: after.refunds.find((refund) => refund.id === refundId) as Refund };
}

/** Razorpay refused a refund we asked for: it fails, the money stays with the hold, and ops are told. */
export async function rejectRefund(
  tx: Transaction,
  input: { paymentId: string; refundId: string; failure: string; at: Date; actor: Actor },
): Promise<void> {
  const order = await lockOrderOfPayment(tx, input.paymentId);
  if (!order) return;
  const before = await loadPayment(tx, { paymentId: input.paymentId });
  const events = decide(before, { type: 'RejectRefund', refundId: input.refundId, failure: input.failure });
  await savePaymentFacts(tx, { order, before, events, at: input.at, actor: input.actor });
  if (events.length > 0 && before.status !== 'unknown')
    await flagForReview(tx, {
      kind: 'refund_rejected',
      source: 'refund',
      razorpayOrderId: order.razorpayOrderId,
      razorpayPaymentId: before.razorpayPaymentId,
      detail: `refund ${input.refundId}: ${input.failure}`,
      at: input.at,
    });
}
