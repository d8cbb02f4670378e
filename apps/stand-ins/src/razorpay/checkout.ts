import { checkoutSignature, type RazorpayPayment } from '@zefy/razorpay';
import { invalidInput } from './errors.ts';
import { randomId } from './ids.ts';
import { captureNow, paymentEvent } from './payments.ts';
import { orderNamed, paymentEntity, type SimContext, type StoredOrder, type StoredPayment } from './state.ts';

export interface CheckoutSuccess {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

export interface CheckoutFailure {
  code: string;
  description: string;
  source: string;
  step: string;
  reason: string;
  metadata: { order_id: string; payment_id?: string };
}

export type CheckoutResult =
  | { outcome: 'success'; payment: RazorpayPayment; callback: CheckoutSuccess }
  | { outcome: 'failure'; payment: RazorpayPayment; error: CheckoutFailure }
  | { outcome: 'abandon'; error: CheckoutFailure };

export interface CheckoutAttempt {
  outcome: 'success' | 'failure' | 'abandon';
  /** Paid amount; defaults to the order's. A different one simulates a tampered or buggy checkout. */
  amount?: number;
  method?: 'upi' | 'card' | 'netbanking' | 'wallet';
  /** Overrides the order's capture setting: `manual` leaves the payment authorized, as a failed auto-capture would. */
  capture?: 'automatic' | 'manual';
}

export interface Checkout {
  /** What the checkout page does when the customer presses a button. */
  checkout(orderId: string, attempt: CheckoutAttempt): CheckoutResult;
}

/** Checkout: a customer's attempt to pay an order, as the HTML page and the control API make it. */
export function createCheckout(sim: SimContext): Checkout {
  return {
    checkout(orderId, attempt) {
      const order = orderNamed(sim.state, orderId);
      if (order.entity.status === 'paid') throw invalidInput('This order has already been paid');
      if (attempt.outcome === 'abandon') {
        return {
          outcome: 'abandon',
          error: {
            code: 'BAD_REQUEST_ERROR',
            description: 'Payment processing cancelled by user',
            source: 'customer',
            step: 'payment_authentication',
            reason: 'payment_cancelled',
            metadata: { order_id: orderId },
          },
        };
      }
      if (attempt.amount !== undefined && (!Number.isInteger(attempt.amount) || attempt.amount < 100))
        throw invalidInput('The amount must be at least INR 1.00', 'amount');
      const payment = newPayment(
        order,
        attempt,
        attempt.outcome === 'success' ? 'authorized' : 'failed',
        sim.seconds(),
      );
      sim.state.payments[payment.entity.id] = payment;
      order.entity = { ...order.entity, status: 'attempted', attempts: order.entity.attempts + 1 };
      if (attempt.outcome === 'failure') {
        sim.save();
        sim.webhooks.emit([paymentEvent('payment.failed', payment)]);
        return {
          outcome: 'failure',
          payment: paymentEntity(payment),
          error: {
            code: 'BAD_REQUEST_ERROR',
            description: 'Payment failed',
            source: 'bank',
            step: 'payment_authorization',
            reason: 'payment_failed',
            metadata: { order_id: orderId, payment_id: payment.entity.id },
          },
        };
      }
      const events = [paymentEvent('payment.authorized', payment)];
      if ((attempt.capture ?? order.capture) === 'automatic') captureNow(sim, payment, events);
      sim.save();
      sim.webhooks.emit(events);
      return {
        outcome: 'success',
        payment: paymentEntity(payment),
        callback: {
          razorpay_payment_id: payment.entity.id,
          razorpay_order_id: orderId,
          razorpay_signature: checkoutSignature(sim.keys.keySecret, orderId, payment.entity.id),
        },
      };
    },
  };
}

function newPayment(
  order: StoredOrder,
  attempt: CheckoutAttempt,
  status: 'authorized' | 'failed',
  createdAt: number,
): StoredPayment {
  const method = attempt.method ?? 'upi';
  const isFailed = status === 'failed';
  return {
    notes: {},
    entity: {
      id: randomId('pay_'),
      entity: 'payment',
      amount: attempt.amount ?? order.entity.amount_due,
      currency: order.entity.currency,
      status,
      order_id: order.entity.id,
      invoice_id: null,
      international: false,
      method,
      amount_refunded: 0,
      refund_status: null,
      captured: false,
      description: 'Zefy booking',
      card_id: method === 'card' ? randomId('card_') : null,
      bank: method === 'netbanking' ? 'HDFC' : null,
      wallet: method === 'wallet' ? 'paytm' : null,
      vpa: method === 'upi' ? (isFailed ? 'failure@razorpay' : 'success@razorpay') : null,
      email: 'customer@example.com',
      contact: '+919000090000',
      notes: [],
      fee: null,
      tax: null,
      error_code: isFailed ? 'BAD_REQUEST_ERROR' : null,
      error_description: isFailed ? 'Payment failed' : null,
      error_source: isFailed ? 'bank' : null,
      error_step: isFailed ? 'payment_authorization' : null,
      error_reason: isFailed ? 'payment_failed' : null,
      acquirer_data: isFailed ? {} : { rrn: String(100_000_000_000 + Math.floor(Math.random() * 1e11)) },
      created_at: createdAt,
    },
  };
}
