import type { Actor } from '@zefy/contracts';
import { createEvent, type DomainEvent } from '@zefy/platform';
import type { Order } from '../orders/orders.ts';
import {
  type KnownPayment,
  type PaymentEvent,
  type PaymentState,
  paymentDecider,
  type Refund,
  refundedPaise,
} from './payment.ts';

type WireEvent =
  | DomainEvent<'payment.captured'>
  | DomainEvent<'payment.failed'>
  | DomainEvent<'payment.refunded'>
  | DomainEvent<'payment.refund_failed'>;

/** What other services hear of one fact, given the payment it made; authorisations and refund steps stay internal. */
function wireEventsOf(
  event: PaymentEvent,
  after: KnownPayment,
  order: Order,
  context: { at: Date; actor: Actor },
): WireEvent[] {
  const options = { actor: context.actor, clock: { now: () => context.at } };
  const at = context.at.toISOString();
  const ref = {
    paymentId: after.paymentId,
    razorpayPaymentId: after.razorpayPaymentId,
    orderId: order.id,
    razorpayOrderId: order.razorpayOrderId ?? '',
    holdId: order.holdId,
    customerId: order.customerId,
  };
  const refundNamed = (refundId: string) => after.refunds.find((refund) => refund.id === refundId) as Refund;
  switch (event.type) {
    case 'PaymentCaptured':
      return [
        createEvent(
          'payment.captured',
          {
            ...ref,
            amountPaise: after.amountPaise,
            currency: 'INR',
            method: after.method,
            verifiedBy: event.verifiedBy,
            capturedAt: at,
          },
          options,
        ),
      ];
    case 'PaymentFailed':
      return [
        createEvent(
          'payment.failed',
          {
            ...ref,
            amountPaise: after.amountPaise,
            errorCode: event.error?.code ?? null,
            errorReason: event.error?.reason ?? null,
            errorDescription: event.error?.description ?? null,
            failedAt: at,
          },
          options,
        ),
      ];
    case 'RefundProcessed': {
      const refund = refundNamed(event.refundId);
      const refunded = refundedPaise(after);
      return [
        createEvent(
          'payment.refunded',
          {
            ...ref,
            refundId: refund.id,
            razorpayRefundId: event.razorpayRefundId,
            amountPaise: refund.amountPaise,
            refundedPaise: refunded,
            capturedPaise: after.amountPaise,
            isFullyRefunded: refunded === after.amountPaise,
            reason: refund.reason,
            processedAt: at,
          },
          options,
        ),
      ];
    }
    case 'RefundFailed': {
      const refund = refundNamed(event.refundId);
      return [
        createEvent(
          'payment.refund_failed',
          {
            ...ref,
            refundId: refund.id,
            amountPaise: refund.amountPaise,
            reason: refund.reason,
            failure: event.failure,
            failedAt: at,
          },
          options,
        ),
      ];
    }
    case 'PaymentAuthorized':
    case 'RefundRequested':
    case 'RefundAccepted':
      return [];
  }
}

/** The wire events of facts decided together, each built from the payment as that fact left it. */
export function toWireEvents(
  before: PaymentState,
  events: readonly PaymentEvent[],
  order: Order,
  context: { at: Date; actor: Actor },
): WireEvent[] {
  let state = before;
  return events.flatMap((event) => {
    state = paymentDecider.evolve(state, event);
    return state.status === 'unknown' ? [] : wireEventsOf(event, state, order, context);
  });
}
