import type { Actor, ErrorCode, EventType } from '@zefy/contracts';
import { AppError, type Transaction } from '@zefy/platform';
import { RazorpayApiError } from '@zefy/razorpay';
import { type PaymentsDeps, systemActor } from '../deps.ts';
import { recordRefund, rejectRefund, requestRefund } from '../payment/payment.commands.ts';
import type { RefundRow } from '../payment/payment.repository.ts';
import { refundNote, refundSnapshotOf } from '../razorpay/razorpay.ts';
import { flagForReview } from '../reviews/reviews.repository.ts';
import { claimRefundAttempt, findRefund, noteRefundError } from './refunds.repository.ts';

/** X-Refund-Idempotency for our refund: however often we send it, Razorpay makes one refund. */
export const refundIdempotencyKey = (refundId: string): string => `zefy-refund-${refundId}`;

/**
 * Asks Razorpay for a refund recorded as `requested`, and records its answer. Safe to call again at any
 * time (the reconciliation job does, for refunds whose answer never came): the key makes it one refund.
 * Razorpay refusing fails the refund and flags it; no answer leaves it `requested` for the next try.
 */
export async function sendRefund(deps: PaymentsDeps, refundId: string): Promise<RefundRow | null> {
  const { db, razorpay, clock, logger } = deps;
  const refund = await claimRefundAttempt(db.pool, refundId, clock.now());
  if (refund) {
    try {
      const answer = await razorpay.refundPayment(
        refund.razorpay_payment_id,
        {
          amount: refund.amount_paise,
          speed: 'normal',
          notes: { [refundNote]: refund.id, reason: refund.reason.slice(0, 256) },
          receipt: `rf_${refund.id.replaceAll('-', '')}`,
        },
        refundIdempotencyKey(refund.id),
      );
      await db.transaction((tx) =>
        recordRefund(tx, {
          razorpayPaymentId: refund.razorpay_payment_id,
          snapshot: { ...refundSnapshotOf(answer), refundId: refund.id },
          at: clock.now(),
          actor: systemActor,
        }),
      );
    } catch (error) {
      if (error instanceof RazorpayApiError) {
        logger.error({ refundId, err: error }, 'Razorpay refused a refund; flagged for review');
        await db.transaction((tx) =>
          rejectRefund(tx, {
            paymentId: refund.payment_id,
            refundId,
            failure: error.error.description,
            at: clock.now(),
            actor: systemActor,
          }),
        );
      } else {
        logger.warn({ refundId, err: error }, 'refund not sent; the reconciliation job will send it again');
        await noteRefundError(db.pool, refundId, String((error as Error).message));
      }
    }
  }
  return findRefund(db.pool, refundId);
}

/**
 * An admin's refund: recorded, then sent. Answers the refund as it stands (`requested` while Razorpay
 * does not answer: reconciliation sends it again); Razorpay refusing it is an error for the admin.
 */
export async function refundPayment(
  deps: PaymentsDeps,
  input: { paymentId: string; amountPaise: number | null; reason: string; actor: Actor },
): Promise<RefundRow> {
  const requested = await deps.db.transaction((tx) =>
    requestRefund(tx, {
      paymentId: input.paymentId,
      amountPaise: input.amountPaise,
      policy: 'exact',
      reason: input.reason.trim(),
      requestedBy: `${input.actor.kind}:${input.actor.id}`,
      at: deps.clock.now(),
      actor: input.actor,
    }),
  );
  if (!requested.ok) throw new AppError(requested.code, requested.detail);
  const sent = (await sendRefund(deps, requested.refund.id)) as RefundRow;
  if (sent.status === 'failed')
    throw new AppError(
      'PAYMENTS.GATEWAY_REJECTED',
      `Razorpay refused the refund: ${sent.failure ?? 'no reason'}`,
    );
  return sent;
}

/** What a booking event asks to give back: up to `amountPaise` of one payment. */
export interface RefundAsk {
  paymentId: string;
  amountPaise: number;
  reason: string;
}

/** A payment with nothing (or nothing captured) left to give back: not a fault to retry, a case for a person. */
const settledCodes: readonly ErrorCode[] = [
  'PAYMENTS.REFUND_EXCEEDS_BALANCE',
  'PAYMENTS.PAYMENT_NOT_CAPTURED',
];

/**
 * Records the refund a booking event asks for, in the consumer's transaction, refunding what is left if
 * less; the refund's id, to send once this commits, or null when nothing can be refunded (flagged). An
 * unknown payment throws, so the event is retried and then dead-lettered.
 */
export async function requestRefundFor(
  deps: PaymentsDeps,
  tx: Transaction,
  ask: RefundAsk,
  event: { id: string; type: EventType },
): Promise<string | null> {
  const at = deps.clock.now();
  const requested = await requestRefund(tx, {
    ...ask,
    policy: 'at_most',
    requestedBy: `event:${event.type}:${event.id}`,
    at,
    actor: systemActor,
  });
  if (requested.ok) return requested.refund.id;
  const { code, detail } = requested;
  if (!settledCodes.includes(code)) throw new AppError(code, detail);
  deps.logger.warn({ eventId: event.id, ask, code, detail }, 'refund asked by a booking event not possible');
  await flagForReview(tx, {
    kind: 'refund_not_possible',
    source: event.type,
    razorpayOrderId: null,
    razorpayPaymentId: null,
    detail: `payment ${ask.paymentId}: ${detail || code}`,
    at,
  });
  return null;
}
