import type { Actor, Rejection } from '@zefy/contracts';
import { decideOrThrow, type Logger, newId, type Transaction } from '@zefy/platform';
import { postJournals } from '../ledger/ledger.repository.ts';
import {
  lockOrderByRazorpayId,
  lockOrderOfPayment,
  lockOrderOfRazorpayPayment,
  setOrderStatus,
} from '../orders/orders.repository.ts';
import { type Order, orderStatusAfter } from '../orders/orders.ts';
import { flagForReview } from '../reviews/reviews.repository.ts';
import { toWireEvents } from './payment.events.ts';
import { planJournals } from './payment.journals.ts';
import { loadPayment, savePayment } from './payment.repository.ts';
import {
  checkAgainstOrder,
  type Mismatch,
  type PaymentCommand,
  type PaymentEvent,
  type PaymentSnapshot,
  type PaymentState,
  paymentDecider,
  type Refund,
  type RefundSnapshot,
  type VerificationSource,
} from './payment.ts';

interface FactContext {
  at: Date;
  actor: Actor;
}

/**
 * Stores what decided facts change, in the caller's transaction (which holds the order's lock): the payment
 * and its refunds, the ledger journals, the order's status and the outbox events. Facts that change nothing
 * never get here, so an event is published once per fact.
 */
async function persist(
  tx: Transaction,
  order: Order,
  before: PaymentState,
  events: readonly PaymentEvent[],
  context: FactContext,
): Promise<PaymentState> {
  if (events.length === 0) return before;
  const { after, journals } = planJournals(before, events, order.holdId);
  if (after.status === 'unknown') return after;
  const { at } = context;
  const isCaptured = events.some((event) => event.type === 'PaymentCaptured');
  await savePayment(
    tx,
    { orderId: order.id, before, after, capturedAt: isCaptured ? at : null, at },
    toWireEvents(before, events, order, context),
  );
  await postJournals(
    tx,
    journals.map((journal) => journal.lines),
    { paymentId: after.paymentId, holdId: order.holdId, at },
  );
  const status = orderStatusAfter(order, after.status === 'captured');
  if (status !== order.status) await setOrderStatus(tx, order.id, status, at);
  return after;
}

/** decide → persist for a command no caller expects refused (a refusal is a bug, thrown). */
async function apply(
  tx: Transaction,
  order: Order,
  before: PaymentState,
  command: PaymentCommand,
  context: FactContext,
): Promise<{ after: PaymentState; events: PaymentEvent[] }> {
  const { events } = decideOrThrow(paymentDecider, command, before, {
    actor: context.actor,
    now: context.at,
  });
  return { after: await persist(tx, order, before, events, context), events };
}

export type RecordOutcome =
  | { kind: 'unknown_order' }
  | { kind: 'mismatch'; order: Order; mismatch: Mismatch }
  | { kind: 'recorded'; order: Order; after: PaymentState; events: PaymentEvent[] };

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
    logger: Logger;
  } & FactContext,
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
  const command: PaymentCommand = {
    type: 'RecordPayment',
    snapshot,
    source: input.source,
    newPaymentId: newId(),
  };
  return { kind: 'recorded', order, ...(await apply(tx, order, before, command, input)) };
}

/** Applies what Razorpay says about a refund of a payment we know. */
export async function recordRefund(
  tx: Transaction,
  input: { razorpayPaymentId: string; snapshot: RefundSnapshot } & FactContext,
): Promise<{ kind: 'unknown_payment' } | { kind: 'recorded'; events: PaymentEvent[] }> {
  const order = await lockOrderOfRazorpayPayment(tx, input.razorpayPaymentId);
  if (!order) return { kind: 'unknown_payment' };
  const before = await loadPayment(tx, { razorpayPaymentId: input.razorpayPaymentId });
  const command: PaymentCommand = { type: 'RecordRefund', snapshot: input.snapshot, newRefundId: newId() };
  const { events } = await apply(tx, order, before, command, input);
  return { kind: 'recorded', events };
}

/**
 * Records a refund to send (status `requested`), or says why the payment cannot give it; sending it to
 * Razorpay waits until this has committed (refunds.commands.ts).
 */
export async function requestRefund(
  tx: Transaction,
  input: {
    paymentId: string;
    amountPaise: number | null;
    policy: 'exact' | 'at_most';
    reason: string;
    requestedBy: string;
  } & FactContext,
): Promise<{ ok: true; refund: Refund } | ({ ok: false } & Rejection)> {
  const order = await lockOrderOfPayment(tx, input.paymentId);
  if (!order)
    return { ok: false, code: 'PAYMENTS.PAYMENT_NOT_FOUND', detail: `No payment ${input.paymentId}` };
  const before = await loadPayment(tx, { paymentId: input.paymentId });
  const refundId = newId();
  const decision = paymentDecider.decide(
    {
      type: 'RequestRefund',
      refundId,
      amountPaise: input.amountPaise,
      policy: input.policy,
      reason: input.reason,
      requestedBy: input.requestedBy,
    },
    before,
    { actor: input.actor, now: input.at },
  );
  if (!decision.ok) return decision;
  const after = await persist(tx, order, before, decision.events, input);
  const refund = after.status === 'unknown' ? undefined : after.refunds.find((r) => r.id === refundId);
  if (!refund) throw new Error(`refund ${refundId} was decided but not recorded`);
  return { ok: true, refund };
}

/** Razorpay refused a refund we asked for: it fails, the money stays with the hold, and ops are told. */
export async function rejectRefund(
  tx: Transaction,
  input: { paymentId: string; refundId: string; failure: string } & FactContext,
): Promise<void> {
  const order = await lockOrderOfPayment(tx, input.paymentId);
  if (!order) return;
  const before = await loadPayment(tx, { paymentId: input.paymentId });
  const command: PaymentCommand = { type: 'RejectRefund', refundId: input.refundId, failure: input.failure };
  const { events } = await apply(tx, order, before, command, input);
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
