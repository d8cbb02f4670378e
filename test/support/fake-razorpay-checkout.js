/*
 * A stand-in for https://checkout.razorpay.com/v1/checkout.js, served to the browser by the tests' route
 * (there is no network). It keeps Standard Checkout's surface: `new Razorpay(options)`, `open()`,
 * `on('payment.failed', …)`, `options.handler` with `razorpay_payment_id`, `razorpay_order_id` and
 * `razorpay_signature`, `options.modal.ondismiss`. Payments are made on the Razorpay stand-in through
 * `window.razorpayStandIn(orderId, outcome)`, a binding the test exposes, so the payment exists there and its
 * signature is Razorpay's (HMAC-SHA256 of `order_id|payment_id` with the key secret).
 */
(() => {
  class Razorpay {
    constructor(options) {
      this.options = options;
      this.listeners = [];
    }

    on(event, listener) {
      if (event === 'payment.failed') this.listeners.push(listener);
    }

    open() {
      const { options } = this;
      const modal = document.createElement('div');
      modal.setAttribute('role', 'dialog');
      modal.setAttribute('aria-label', 'Razorpay Checkout');
      modal.dataset.testid = 'razorpay-checkout';
      modal.dataset.options = JSON.stringify({ ...options, handler: undefined, modal: undefined });
      modal.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:1000;padding:16px';
      const heading = document.createElement('p');
      heading.textContent = `${options.name}: ${options.description}, ${options.amount} ${options.currency}`;
      modal.append(heading);
      const button = (label, onClick) => {
        const element = document.createElement('button');
        element.type = 'button';
        element.textContent = label;
        element.addEventListener('click', onClick);
        modal.append(element);
      };
      const close = () => modal.remove();
      button('Pay now', async () => {
        const result = await window.razorpayStandIn(options.order_id, 'success');
        close();
        options.handler(result.callback);
      });
      button('Fail this payment', async () => {
        const result = await window.razorpayStandIn(options.order_id, 'failure');
        for (const listener of this.listeners) listener({ error: result.error });
        // as Razorpay's modal does: it stays open and says the attempt failed, once the app has been told
        const failed = document.createElement('p');
        failed.setAttribute('role', 'alert');
        failed.textContent = `Payment failed: ${result.error?.description ?? ''}`;
        modal.append(failed);
      });
      button('Close checkout', () => {
        close();
        options.modal?.ondismiss?.();
      });
      document.body.append(modal);
    }
  }
  window.Razorpay = Razorpay;
})();
