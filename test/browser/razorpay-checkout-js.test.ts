import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BookingView, PaymentOrder } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { holdFor } from '../support/booking.ts';
import { launchChromium } from '../support/chromium.ts';
import { type StandInProcess, startRazorpayStandIn } from '../support/cluster.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

/**
 * The platform on "real" Razorpay: payments talks to the Razorpay stand-in as to api.razorpay.com, and the
 * user app opens checkout.js (a faithful fake, routed in: there is no network) instead of the simulator page.
 */
const keys = {
  RAZORPAY_KEY_ID: 'rzp_test_checkoutjs',
  RAZORPAY_KEY_SECRET: `key-secret-${randomUUID()}`,
  RAZORPAY_WEBHOOK_SECRET: `webhook-secret-${randomUUID()}`,
};
const checkoutJsUrl = 'https://checkout.razorpay.com/v1/checkout.js';
const customer = demoCity.identity.customers[0] as { id: string; phone: string };

let standIn: StandInProcess;
let platform: TestPlatform;
let browser: Browser;
let fakeCheckoutJs: string;

beforeAll(async () => {
  [standIn, browser, fakeCheckoutJs] = await Promise.all([
    startRazorpayStandIn(keys),
    launchChromium(),
    readFile(path.join(import.meta.dirname, '../support/fake-razorpay-checkout.js'), 'utf8'),
  ]);
  platform = await startPlatform({
    env: { ...keys, RAZORPAY_BASE_URL: standIn.url, RAZORPAY_CHECKOUT: 'checkout.js' },
  });
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await standIn?.stop();
});

interface Opened {
  page: Page;
  errors: string[];
  /** Console errors: a script or frame the content security policy refused shows up here. */
  consoleErrors: string[];
  /** Signatures checkout.js handed the app that are not Razorpay's for their order and payment. */
  badSignatures: string[];
  /** How checkout.js is answered: the fake (the default), or a failed load. */
  checkoutJs: { isReachable: boolean; requests: number };
}

/** The customer app on a phone at the booking, signed in as `customerId`, with checkout.js routed in. */
async function openBooking(customerId: string, bookingId: string): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
  });
  await context.route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  const opened: Omit<Opened, 'page'> = {
    errors: [],
    consoleErrors: [],
    badSignatures: [],
    checkoutJs: { isReachable: true, requests: 0 },
  };
  await context.route(checkoutJsUrl, (route: Route) => {
    opened.checkoutJs.requests += 1;
    return opened.checkoutJs.isReachable
      ? route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeCheckoutJs })
      : route.abort('internetdisconnected');
  });
  // what Razorpay's servers do when the customer pays in the modal: the stand-in makes the payment
  await context.exposeFunction('razorpayStandIn', async (orderId: string, outcome: 'success' | 'failure') => {
    const response = await fetch(`${standIn.url}/control/orders/${orderId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome, method: 'upi' }),
    });
    const result = (await response.json()) as {
      callback?: { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature: string };
    };
    const callback = result.callback;
    if (
      callback &&
      createHmac('sha256', keys.RAZORPAY_KEY_SECRET)
        .update(`${orderId}|${callback.razorpay_payment_id}`)
        .digest('hex') !== callback.razorpay_signature
    )
      opened.badSignatures.push(callback.razorpay_signature);
    return result;
  });
  const tokens = JSON.stringify(await platform.signIn('customer', customerId));
  await context.addInitScript(`localStorage.setItem('zefy.user.session', ${JSON.stringify(tokens)})`);
  const page = await context.newPage();
  page.on('pageerror', (error) => opened.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.consoleErrors.push(message.text());
  });
  const response = await page.goto(`${platform.baseUrl}/bookings/${bookingId}`);
  expect(response?.headers()['content-security-policy']).toContain('script-src');
  await page.getByTestId('price-card').waitFor();
  return { page, ...opened };
}

/** A new hold of `customerId`'s and the app open at its price card. */
async function heldAndOpen(customerId: string): Promise<Opened & { hold: BookingView }> {
  const hold = await holdFor(platform, { role: 'customer', id: customerId });
  return { hold, ...(await openBooking(customerId, hold.id)) };
}

async function orderOf(customerId: string, holdId: string): Promise<PaymentOrder> {
  const response = await apiAt(platform.baseUrl)('/api/v1/payments/orders', {
    method: 'POST',
    token: await platform.tokenFor('customer', customerId),
    idempotencyKey: true,
    json: { holdId },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentOrder;
}

/** The order as payments has it now, with its payments. */
async function orderNow(customerId: string, orderId: string): Promise<PaymentOrder> {
  const response = await apiAt(platform.baseUrl)(`/api/v1/payments/orders/${orderId}`, {
    token: await platform.tokenFor('customer', customerId),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PaymentOrder;
}

const checkoutModal = (page: Page) => page.getByRole('dialog', { name: 'Razorpay Checkout' });

describe('Razorpay checkout.js in the user app (real keys, the stand-in behind them)', () => {
  it('serves the user app under a policy that lets checkout.js in, and payments give it no page to leave for', async () => {
    const response = await fetch(`${platform.baseUrl}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' https:\/\/checkout\.razorpay\.com/);
    expect(policy).toMatch(/frame-src 'self' https:\/\/api\.razorpay\.com https:\/\/checkout\.razorpay\.com/);
    const partnerPolicy = (await fetch(`${platform.baseUrl}/partner/`)).headers.get(
      'content-security-policy',
    );
    expect(partnerPolicy).not.toContain('razorpay');
  });

  it('pays in checkout.js over the app: the signed answer is verified and the booking is confirmed', async () => {
    const { page, hold, errors, consoleErrors, badSignatures, checkoutJs } = await heldAndOpen(customer.id);
    await page.getByTestId('pay').click();
    await checkoutModal(page).waitFor();
    const options = JSON.parse((await checkoutModal(page).getAttribute('data-options')) ?? '{}');
    const order = await orderOf(customer.id, hold.id);
    expect(options).toMatchObject({
      key: keys.RAZORPAY_KEY_ID,
      order_id: order.razorpayOrderId,
      amount: hold.price.totalPaise,
      currency: 'INR',
      name: 'Zefy',
      description: hold.serviceName,
      prefill: { contact: customer.phone },
    });
    await checkoutModal(page).getByRole('button', { name: 'Pay now' }).click();
    await page.getByTestId('booking-detail').waitFor();
    await eventually(async () => {
      const paid = await orderNow(customer.id, order.id);
      expect(paid.payments).toMatchObject([{ status: 'captured', amountPaise: hold.price.totalPaise }]);
    });
    expect(checkoutJs.requests).toBe(1);
    expect({ errors, consoleErrors, badSignatures }).toEqual({
      errors: [],
      consoleErrors: [],
      badSignatures: [],
    });
  });

  it('closed without paying: the hold stays on its price card with the abandoned message; a failed load says so and retries', async () => {
    const customerId = randomUUID();
    const { page, errors, checkoutJs } = await heldAndOpen(customerId);
    checkoutJs.isReachable = false;
    await page.getByTestId('pay').click();
    const loadError = page.getByTestId('error-banner');
    await loadError.waitFor();
    expect(await loadError.textContent()).toContain('Razorpay checkout could not be loaded');
    checkoutJs.isReachable = true;
    await page.getByTestId('pay').click();
    await checkoutModal(page).getByRole('button', { name: 'Close checkout' }).click();
    const notice = page.getByTestId('payment-failure');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Payment processing cancelled by user');
    expect(await page.getByTestId('price-card').isVisible()).toBe(true);
    expect(checkoutJs.requests).toBe(2);
    expect(errors).toEqual([]);
  });

  it('a failed payment keeps checkout open to try again; closed, the app says it failed and the hold can still be paid', async () => {
    const customerId = randomUUID();
    const { page, hold, errors } = await heldAndOpen(customerId);
    const order = await orderOf(customerId, hold.id);
    await page.getByTestId('pay').click();
    await checkoutModal(page).getByRole('button', { name: 'Fail this payment' }).click();
    // Razorpay's modal stays open after a failed attempt and says so inside; nothing is said over it yet
    await checkoutModal(page).getByRole('alert').waitFor();
    await checkoutModal(page).getByRole('button', { name: 'Close checkout' }).click();
    const notice = page.getByTestId('payment-failure');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Payment failed');
    expect(await page.getByTestId('price-card').isVisible()).toBe(true);

    await page.getByTestId('pay').click();
    await checkoutModal(page).getByRole('button', { name: 'Pay now' }).click();
    await page.getByTestId('booking-detail').waitFor();
    await eventually(async () => {
      const statuses = (await orderNow(customerId, order.id)).payments.map((payment) => payment.status);
      expect(statuses).toContain('captured');
    });
    expect(errors).toEqual([]);
  });
});
