import type { RazorpayOrder } from '@zefy/razorpay';

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const rupees = (paise: number): string =>
  new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 }).format(
    paise / 100,
  );

const styles = `
  body { font-family: system-ui, sans-serif; background: #f2f4f8; margin: 0; padding: 2rem 1rem; color: #1d2433; }
  main { max-width: 26rem; margin: 0 auto; background: #fff; border-radius: 12px; padding: 1.5rem;
         box-shadow: 0 4px 24px rgba(0, 0, 0, 0.08); }
  .badge { display: inline-block; background: #fff4d6; color: #7a5600; border-radius: 6px; padding: 0.15rem 0.5rem;
           font-size: 0.8rem; }
  .amount { font-size: 2rem; font-weight: 700; margin: 0.75rem 0 0.25rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 1rem; font-size: 0.9rem; color: #4a5468; }
  dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
  label { display: block; margin: 1rem 0 0.5rem; font-size: 0.9rem; }
  select { width: 100%; padding: 0.5rem; border-radius: 8px; border: 1px solid #c8cfdc; font-size: 1rem; }
  .actions { display: grid; gap: 0.5rem; margin-top: 1.25rem; }
  button { border: 0; border-radius: 8px; padding: 0.8rem; font-size: 1rem; cursor: pointer; }
  .pay { background: #2b64f0; color: #fff; font-weight: 600; }
  .fail { background: #fde8e8; color: #a61b1b; }
  .abandon { background: #eef0f4; color: #1d2433; }
  .error { color: #a61b1b; }`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/**
 * The simulated Razorpay Checkout: the order, a payment method, and the three things a customer can do.
 * No script: the buttons post a form, so it works under any Content-Security-Policy that allows 'self'.
 */
export function checkoutPage(input: { order: RazorpayOrder; keyId: string; callbackUrl: string }): string {
  const { order } = input;
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return page(
    'Razorpay Checkout (simulator)',
    `<span class="badge">Test mode · Razorpay simulator</span>
<h1>Zefy</h1>
<p class="amount" data-testid="amount">${escapeHtml(rupees(order.amount_due))}</p>
<dl>
  <dt>Order</dt><dd data-testid="order-id">${escapeHtml(order.id)}</dd>
  <dt>Receipt</dt><dd>${escapeHtml(order.receipt ?? '—')}</dd>
  <dt>Attempts</dt><dd>${order.attempts}</dd>
</dl>
<form method="post" action="checkout/pay">
  ${hidden('order_id', order.id)}
  ${hidden('key_id', input.keyId)}
  ${hidden('callback_url', input.callbackUrl)}
  <label for="method">Pay with</label>
  <select id="method" name="method">
    <option value="upi">UPI (success@razorpay)</option>
    <option value="card">Card 4111 1111 1111 1111</option>
    <option value="netbanking">Netbanking (HDFC)</option>
    <option value="wallet">Wallet (Paytm)</option>
  </select>
  <div class="actions">
    <button class="pay" name="outcome" value="success" type="submit">Pay ${escapeHtml(rupees(order.amount_due))}</button>
    <button class="fail" name="outcome" value="failure" type="submit">Make the payment fail</button>
    <button class="abandon" name="outcome" value="abandon" type="submit">Cancel and go back</button>
  </div>
</form>`,
  );
}

export function checkoutErrorPage(message: string): string {
  return page(
    'Checkout error (simulator)',
    `<span class="badge">Test mode · Razorpay simulator</span>
<h1>Cannot open checkout</h1>
<p class="error" data-testid="error">${escapeHtml(message)}</p>`,
  );
}
