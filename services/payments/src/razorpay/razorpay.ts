import {
  notesOf,
  type RazorpayPayment,
  type RazorpayRefund,
  type RazorpayWebhookEvent,
} from '@zefy/razorpay';
import type { PaymentSnapshot, RefundSnapshot } from '../payment/payment.ts';

/** The note our refunds carry, so a refund's webhook finds the refund we asked for. */
export const refundNote = 'zefy_refund_id';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const paymentSnapshotOf = (payment: RazorpayPayment): PaymentSnapshot => ({
  razorpayPaymentId: payment.id,
  razorpayOrderId: payment.order_id,
  amountPaise: payment.amount,
  currency: payment.currency,
  status: payment.status,
  method: payment.method,
  error:
    payment.error_code || payment.error_reason || payment.error_description
      ? { code: payment.error_code, reason: payment.error_reason, description: payment.error_description }
      : null,
});

export function refundSnapshotOf(refund: RazorpayRefund): RefundSnapshot {
  const ours = notesOf(refund.notes)[refundNote];
  return {
    razorpayRefundId: refund.id,
    refundId: ours && uuid.test(ours) ? ours : null,
    amountPaise: refund.amount,
    status: refund.status,
  };
}

export type WebhookFacts =
  | {
      kind: 'payment';
      payment: PaymentSnapshot;
      /** The order entity `order.paid` carries, checked against ours as well. */
      order?: { id: string; amountPaise: number; currency: string };
    }
  | { kind: 'refund'; payment: PaymentSnapshot; refund: RefundSnapshot }
  | { kind: 'ignored'; reason: string };

/** What a webhook tells us, whatever order it arrives in; events we do not use are acknowledged and ignored. */
export function webhookFacts(event: RazorpayWebhookEvent): WebhookFacts {
  const payment = event.payload.payment?.entity;
  const order = event.payload.order?.entity;
  const refund = event.payload.refund?.entity;
  switch (event.event) {
    case 'payment.authorized':
    case 'payment.captured':
    case 'payment.failed':
      return payment
        ? { kind: 'payment', payment: paymentSnapshotOf(payment) }
        : { kind: 'ignored', reason: 'no payment entity' };
    case 'order.paid':
      if (!payment || !order) return { kind: 'ignored', reason: 'order.paid without its payment and order' };
      return {
        kind: 'payment',
        payment: paymentSnapshotOf(payment),
        order: { id: order.id, amountPaise: order.amount, currency: order.currency },
      };
    case 'refund.created':
    case 'refund.processed':
    case 'refund.failed':
      if (!payment || !refund)
        return { kind: 'ignored', reason: `${event.event} without its refund and payment` };
      return { kind: 'refund', payment: paymentSnapshotOf(payment), refund: refundSnapshotOf(refund) };
    default:
      return { kind: 'ignored', reason: `${event.event} is not used` };
  }
}
