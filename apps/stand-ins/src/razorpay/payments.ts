import type { RazorpayPayment, RazorpayWebhookEventName } from '@zefy/razorpay';
import { invalidInput } from './errors.ts';
import { readAmount, readBody } from './input.ts';
import { orderEntity, paymentEntity, paymentNamed, type SimContext, type StoredPayment } from './state.ts';
import type { NewWebhookEvent } from './webhooks.ts';

export interface Payments {
  fetchPayment(paymentId: string): RazorpayPayment;
  capture(paymentId: string, body: unknown): RazorpayPayment;
}

/** Payments API: payments come from checkout; an authorized one is captured here unless checkout did it. */
export function createPayments(sim: SimContext): Payments {
  return {
    fetchPayment: (paymentId) => paymentEntity(paymentNamed(sim.state, paymentId)),

    capture(paymentId, body) {
      const payment = paymentNamed(sim.state, paymentId);
      const input = readBody(body);
      const amount = readAmount(input.amount);
      if (input.currency === undefined) throw invalidInput('The currency field is required.', 'currency');
      if (payment.entity.status === 'captured' || payment.entity.status === 'refunded')
        throw invalidInput('This payment has already been captured');
      if (payment.entity.status !== 'authorized')
        throw invalidInput('Only payments which have been authorized and not yet captured can be captured');
      if (amount !== payment.entity.amount)
        throw invalidInput('Capture amount must be equal to the amount authorized', 'amount');
      if (input.currency !== payment.entity.currency)
        throw invalidInput('Currency should be same as that of the payment', 'currency');
      const events: NewWebhookEvent[] = [];
      captureNow(sim, payment, events);
      sim.save();
      sim.webhooks.emit(events);
      return paymentEntity(payment);
    },
  };
}

export const paymentEvent = (name: RazorpayWebhookEventName, payment: StoredPayment): NewWebhookEvent => ({
  name,
  contains: ['payment'],
  payload: { payment: { entity: paymentEntity(payment) } },
  refs: { orderId: payment.entity.order_id, paymentId: payment.entity.id, refundId: null },
});

/** Marks the payment captured and its order paid; the events it causes are appended to `events`. */
export function captureNow(sim: SimContext, payment: StoredPayment, events: NewWebhookEvent[]): void {
  const fee = Math.round(payment.entity.amount * 0.02);
  payment.entity = {
    ...payment.entity,
    status: 'captured',
    captured: true,
    fee,
    tax: Math.round(fee * 0.18),
  };
  events.push(paymentEvent('payment.captured', payment));
  const order = payment.entity.order_id ? sim.state.orders[payment.entity.order_id] : undefined;
  if (order) {
    const paid = order.entity.amount_paid + payment.entity.amount;
    order.entity = {
      ...order.entity,
      amount_paid: paid,
      amount_due: Math.max(order.entity.amount - paid, 0),
      status: 'paid',
    };
    events.push({
      name: 'order.paid',
      contains: ['payment', 'order'],
      payload: { payment: { entity: paymentEntity(payment) }, order: { entity: orderEntity(order) } },
      refs: { orderId: order.entity.id, paymentId: payment.entity.id, refundId: null },
    });
  }
}
