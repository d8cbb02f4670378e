import { describe, expect, it } from 'vitest';
import { opensCheckoutJs, paymentsSettings } from './config.ts';

const keys = {
  RAZORPAY_KEY_ID: 'rzp_live_abc123',
  RAZORPAY_KEY_SECRET: 'a-key-secret',
  RAZORPAY_WEBHOOK_SECRET: 'a-webhook-secret',
};

describe('paymentsSettings', () => {
  it('talks to real Razorpay with its keys; apps open checkout.js, not a page of ours', () => {
    const settings = paymentsSettings({ RAZORPAY_BASE_URL: 'https://api.razorpay.com/', ...keys });
    expect(settings.razorpay).toEqual({
      baseUrl: 'https://api.razorpay.com',
      keyId: 'rzp_live_abc123',
      keySecret: 'a-key-secret',
      webhookSecrets: ['a-webhook-secret'],
      checkoutUrl: null,
      timeoutMs: 10_000,
    });
    expect(settings.reconciliation).toEqual({
      intervalSeconds: 60,
      afterSeconds: 600,
      abandonAfterSeconds: 86_400,
    });
    expect(settings.holdWaitMs).toBe(3000);
  });

  it("opens a simulator's checkout page, and accepts the previous webhook secret during a rotation", () => {
    const settings = paymentsSettings({
      RAZORPAY_BASE_URL: 'http://127.0.0.1:4180',
      ...keys,
      RAZORPAY_WEBHOOK_SECRET_PREVIOUS: 'the-old-secret',
      PAYMENTS_RECONCILE_AFTER_SECONDS: '30',
    });
    expect(settings.razorpay.checkoutUrl).toBe('http://127.0.0.1:4180/checkout');
    expect(settings.razorpay.webhookSecrets).toEqual(['a-webhook-secret', 'the-old-secret']);
    expect(settings.reconciliation.afterSeconds).toBe(30);
  });

  it('opens checkout.js against a stand-in when told to, and the simulator page against real Razorpay when told to', () => {
    const standIn = { RAZORPAY_BASE_URL: 'http://127.0.0.1:4180', ...keys };
    expect(
      paymentsSettings({ ...standIn, RAZORPAY_CHECKOUT: 'checkout.js' }).razorpay.checkoutUrl,
    ).toBeNull();
    expect(
      opensCheckoutJs({ RAZORPAY_BASE_URL: 'http://127.0.0.1:4180', RAZORPAY_CHECKOUT: 'checkout.js' }),
    ).toBe(true);
    expect(
      opensCheckoutJs({ RAZORPAY_BASE_URL: 'https://api.razorpay.com', RAZORPAY_CHECKOUT: 'page' }),
    ).toBe(false);
    expect(opensCheckoutJs({ RAZORPAY_BASE_URL: 'https://api.razorpay.com' })).toBe(true);
    expect(opensCheckoutJs({})).toBe(false);
    expect(() => paymentsSettings({ ...standIn, RAZORPAY_CHECKOUT: 'popup' })).toThrow('RAZORPAY_CHECKOUT');
  });

  it('refuses to start without Razorpay, or with a base URL but no keys, in one line', () => {
    expect(() => paymentsSettings({})).toThrow(/^Invalid configuration: RAZORPAY_BASE_URL is required/);
    expect(() => paymentsSettings({ RAZORPAY_BASE_URL: 'https://api.razorpay.com' })).toThrow(
      'Invalid configuration: RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET required with RAZORPAY_BASE_URL',
    );
    expect(() => paymentsSettings({ RAZORPAY_BASE_URL: 'ftp://x', ...keys })).toThrow(
      'RAZORPAY_BASE_URL must be',
    );
  });
});
