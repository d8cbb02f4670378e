import { type PaymentOrder, paymentRoutes } from '@zefy/contracts';
import { type CheckoutOutcome, payOnCheckoutPage } from '@zefy/stand-ins/razorpay';
import type { ApiClient } from './http.ts';

/**
 * Pays an order as the user app's browser does on Razorpay's checkout (here the Razorpay simulator's page,
 * through the gateway): opens the page, presses one of its buttons, and for a success asks payments to verify
 * the signed answer, as the app does back from checkout. An abandoned checkout never comes back.
 */
export async function payOrder(
  api: ApiClient,
  token: string,
  order: PaymentOrder,
  outcome: CheckoutOutcome,
): Promise<boolean> {
  if (outcome === 'abandon') return false;
  const back = (await payOnCheckoutPage(api.baseUrl, order, outcome)).location.searchParams;
  if (outcome === 'failure') return false;
  const field = (name: string) => {
    const value = back.get(name);
    if (value === null) throw new Error(`Checkout came back without ${name}`);
    return value;
  };
  await api.as(token).call(paymentRoutes.verifyCheckout, {
    body: {
      orderId: order.id,
      razorpay_order_id: field('razorpay_order_id'),
      razorpay_payment_id: field('razorpay_payment_id'),
      razorpay_signature: field('razorpay_signature'),
    },
  });
  return true;
}
