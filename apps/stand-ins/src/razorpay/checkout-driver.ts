/** What a customer's browser needs of an order to open its checkout page (payments' `PaymentOrder` has it). */
export interface CheckoutOrder {
  id: string;
  razorpayOrderId: string | null;
  razorpayKeyId: string;
  checkoutUrl: string | null;
}

export type CheckoutOutcome = 'success' | 'failure' | 'abandon';

export interface CheckoutReturn {
  status: number;
  /** The callback URL the checkout page sent the browser back to, with Razorpay's fields. */
  location: URL;
  params: Record<string, string>;
}

/**
 * Does what a browser does on the simulator's checkout page, reached through the gateway at `baseUrl`: opens
 * it and presses one of its buttons. The simulator and the tests pay this way.
 */
export async function payOnCheckoutPage(
  baseUrl: string,
  order: CheckoutOrder,
  outcome: CheckoutOutcome,
): Promise<CheckoutReturn> {
  if (!order.checkoutUrl) throw new Error(`order ${order.id} has no checkout page`);
  const callbackUrl = `/pay/callback?orderId=${order.id}`;
  const page = await fetch(`${baseUrl}${order.checkoutUrl}&callback_url=${encodeURIComponent(callbackUrl)}`);
  if (page.status !== 200) throw new Error(`checkout page: ${page.status} ${await page.text()}`);
  const action = /<form method="post" action="([^"]+)"/.exec(await page.text())?.[1];
  const submitted = await fetch(new URL(action ?? '', page.url), {
    method: 'POST',
    body: new URLSearchParams({
      order_id: order.razorpayOrderId ?? '',
      key_id: order.razorpayKeyId,
      callback_url: callbackUrl,
      method: 'upi',
      outcome,
    }),
    redirect: 'manual',
  });
  const location = new URL(submitted.headers.get('location') ?? '', baseUrl);
  return { status: submitted.status, location, params: Object.fromEntries(location.searchParams) };
}
