import type { BookingView, CheckoutCallback, PaymentOrder } from '@zefy/contracts';
import { api } from '../../../lib/api-client.ts';

/** The order paying for a hold; asking again (same key) returns the same order. */
export function openPaymentOrder(booking: BookingView): Promise<PaymentOrder> {
  return api.post<PaymentOrder>(
    '/payments/orders',
    { holdId: booking.id, amountPaise: booking.price.totalPaise },
    { idempotencyKey: `order-${booking.id}` },
  );
}

export function verifyCheckout(callback: CheckoutCallback): Promise<unknown> {
  return api.post('/payments/verify', callback);
}

/** Where checkout sends the browser back: this app, naming the booking and the order being paid. */
export const checkoutReturnPath = (booking: BookingView, order: PaymentOrder): string =>
  `${window.location.pathname}?booking=${encodeURIComponent(booking.id)}&paymentOrder=${encodeURIComponent(order.id)}`;

/** What checkout put on the return URL: Razorpay's success fields, or `error[…]` fields. */
export function readCheckoutReturn(search: string) {
  const params = new URLSearchParams(search);
  const bookingId = params.get('booking');
  const orderId = params.get('paymentOrder');
  if (!bookingId || !orderId) return null;
  const paymentId = params.get('razorpay_payment_id');
  const razorpayOrderId = params.get('razorpay_order_id');
  const signature = params.get('razorpay_signature');
  const callback: CheckoutCallback | null =
    paymentId && razorpayOrderId && signature
      ? {
          orderId,
          razorpay_order_id: razorpayOrderId,
          razorpay_payment_id: paymentId,
          razorpay_signature: signature,
        }
      : null;
  return {
    bookingId,
    callback,
    failure: callback ? null : (params.get('error[description]') ?? 'Payment not completed'),
  };
}
