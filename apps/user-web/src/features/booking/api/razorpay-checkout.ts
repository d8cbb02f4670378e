import type { PaymentOrder } from '@zefy/contracts';

/** Razorpay's Standard Checkout script: loaded from Razorpay (never bundled or self-hosted), once. */
export const checkoutJsUrl = 'https://checkout.razorpay.com/v1/checkout.js';

/** What checkout.js hands `handler` on success: the fields payments verifies by their signature. */
export interface RazorpaySuccess {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature: string;
}

/** The `payment.failed` event: an attempt failed; the modal stays open for another one. */
export interface RazorpayFailure {
  error: {
    code: string;
    description: string;
    source: string;
    step: string;
    reason: string;
    metadata: { order_id: string; payment_id?: string };
  };
}

/** The Standard Checkout options the app passes. */
interface RazorpayOptions {
  key: string;
  order_id: string;
  amount: number;
  currency: string;
  name: string;
  description: string;
  prefill: { name?: string; contact?: string };
  theme: { color: string };
  handler: (response: RazorpaySuccess) => void;
  modal: { ondismiss: () => void };
}

interface RazorpayCheckout {
  open(): void;
  on(event: 'payment.failed', listener: (response: RazorpayFailure) => void): void;
}

type RazorpayConstructor = new (options: RazorpayOptions) => RazorpayCheckout;

declare global {
  interface Window {
    /** Set by checkout.js once it has run. */
    Razorpay?: RazorpayConstructor;
  }
}

let loading: Promise<RazorpayConstructor> | null = null;

/** checkout.js's `Razorpay`, adding its script tag the first time; a failed load is retried on the next call. */
function loadCheckoutJs(): Promise<RazorpayConstructor> {
  if (window.Razorpay) return Promise.resolve(window.Razorpay);
  loading ??= new Promise<RazorpayConstructor>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = checkoutJsUrl;
    script.async = true;
    const fail = () => {
      script.remove();
      loading = null;
      reject(new Error('Razorpay checkout could not be loaded. Check your connection and try again.'));
    };
    script.onload = () => (window.Razorpay ? resolve(window.Razorpay) : fail());
    script.onerror = fail;
    document.head.append(script);
  });
  return loading;
}

export type CheckoutJsOutcome =
  | { kind: 'paid'; response: RazorpaySuccess }
  /** Closed after a failed attempt (in Razorpay's words) or without one (`failure` null). */
  | { kind: 'closed'; failure: string | null };

/**
 * Opens Razorpay's checkout over the app for `order` and waits for it to end: paid (the handler), or closed
 * by the customer, after the last failed attempt if there was one. A failed attempt does not end it, since
 * the modal stays open to try again.
 */
export async function payInCheckoutJs(
  order: PaymentOrder,
  details: { description: string; customer: { name: string | null; phone: string } | null },
): Promise<CheckoutJsOutcome> {
  const razorpayOrderId = order.razorpayOrderId;
  if (!razorpayOrderId) throw new Error('Razorpay has not opened this payment yet. Try again in a moment.');
  const Razorpay = await loadCheckoutJs();
  return new Promise((resolve) => {
    let failure: string | null = null;
    const checkout = new Razorpay({
      key: order.razorpayKeyId,
      order_id: razorpayOrderId,
      amount: order.amountPaise,
      currency: order.currency,
      name: 'Zefy',
      description: details.description,
      prefill: details.customer
        ? {
            contact: details.customer.phone,
            ...(details.customer.name ? { name: details.customer.name } : {}),
          }
        : {},
      theme: { color: '#4338ca' },
      handler: (response) => resolve({ kind: 'paid', response }),
      modal: { ondismiss: () => resolve({ kind: 'closed', failure }) },
    });
    checkout.on('payment.failed', (response) => {
      failure = response.error.description;
    });
    checkout.open();
  });
}
