import type { PaymentOrder } from '@zefy/contracts';

export { type CheckoutOutcome, type CheckoutReturn, payOnCheckoutPage } from '@zefy/stand-ins/razorpay';

/** What the user app does back from checkout: asks payments to verify Razorpay's signed answer. */
export const verifyPayment = (
  baseUrl: string,
  token: string,
  order: PaymentOrder,
  params: Record<string, string>,
): Promise<Response> =>
  fetch(`${baseUrl}/api/v1/payments/verify`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      orderId: order.id,
      razorpay_order_id: params.razorpay_order_id,
      razorpay_payment_id: params.razorpay_payment_id,
      razorpay_signature: params.razorpay_signature,
    }),
  });
