import { type BookingView, type CheckoutCallback, type PaymentOrder, paymentRoutes } from '@zefy/contracts';
import { apiOrigin } from '@zefy/web-kit';
import { api } from '../../../lib/api-client.ts';

/**
 * The order paying for a payable: the hold (its id is the booking's) or the job's extra time (the
 * booking's `job.extraPayableId`), at the amount the server fixed for it. A payable has one order however
 * often it is asked for, so each tap has its own key: a refusal (a payable the server has not heard of yet)
 * is not replayed to the next tap.
 */
export function openPaymentOrder(payableId: string): Promise<PaymentOrder> {
  return api.call(paymentRoutes.createOrder, { body: { holdId: payableId } }, { idempotencyKey: true });
}

export function verifyCheckout(callback: CheckoutCallback) {
  return api.call(paymentRoutes.verifyCheckout, { body: callback });
}

/**
 * The checkout page for an order (on the gateway's origin), sending the browser back to this app's
 * `/bookings/:id/payment` with the order's id: a full URL, since the app may be served from another origin.
 */
export function checkoutPageUrl(booking: BookingView, order: PaymentOrder, checkoutUrl: string): string {
  const back = new URL(
    `${import.meta.env.BASE_URL}bookings/${encodeURIComponent(booking.id)}/payment`,
    window.location.origin,
  );
  back.searchParams.set('order', order.id);
  const checkout = new URL(checkoutUrl, apiOrigin || window.location.origin);
  checkout.searchParams.set('callback_url', back.toString());
  return checkout.toString();
}

export interface CheckoutReturn {
  /** Razorpay's success fields, to verify; null when the payment failed or was abandoned. */
  callback: CheckoutCallback | null;
  /** Why not, in checkout's words. */
  failure: string | null;
}

/** What checkout put on the return URL: Razorpay's success fields, or `error[…]` fields; null without an order. */
export function readCheckoutReturn(search: string): CheckoutReturn | null {
  const params = new URLSearchParams(search);
  const orderId = params.get('order');
  if (!orderId) return null;
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
    callback,
    failure: callback ? null : (params.get('error[description]') ?? 'The payment was not completed.'),
  };
}
