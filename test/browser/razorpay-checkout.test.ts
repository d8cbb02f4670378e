import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PaymentOrder } from '@zefy/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatPaise } from '../../packages/rules/src/money.ts';
import { holdFor } from '../support/booking.ts';
import { launchChromium } from '../support/chromium.ts';
import { paymentsDriver } from '../support/payments.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const screenshotDir = path.join(import.meta.dirname, 'screenshots');
let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform(),
    launchChromium(),
    mkdir(screenshotDir, { recursive: true }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** An order for a new hold of the customer's in the demo city. */
async function openOrder(customerId: string, token: string): Promise<PaymentOrder> {
  const hold = await holdFor(platform, { role: 'customer', id: customerId });
  const response = await fetch(`${platform.baseUrl}/api/v1/payments/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    },
    body: JSON.stringify({ holdId: hold.id }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentOrder;
}

it('pays on the simulated checkout page under the gateway’s CSP and returns to the app with a verifiable result', async () => {
  const customerId = randomUUID();
  const token = await platform.tokenFor('customer', customerId);
  const order = await openOrder(customerId, token);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') blocked.push(message.text());
  });
  const callback = `/pay/callback?orderId=${order.id}`;
  await page.goto(`${platform.baseUrl}${order.checkoutUrl}&callback_url=${encodeURIComponent(callback)}`);
  expect(await page.getByTestId('amount').textContent()).toBe(formatPaise(order.amountPaise));
  await page.screenshot({ path: path.join(screenshotDir, 'razorpay-checkout.png'), fullPage: true });
  await Promise.all([
    page.waitForURL(/\/pay\/callback\?/),
    page.getByRole('button', { name: /^Pay/ }).click(),
  ]);
  const returned = new URL(page.url());
  expect(returned.searchParams.get('orderId')).toBe(order.id);
  expect(returned.searchParams.get('razorpay_order_id')).toBe(order.razorpayOrderId);
  const verified = await fetch(`${platform.baseUrl}/api/v1/payments/verify`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      orderId: order.id,
      razorpay_order_id: returned.searchParams.get('razorpay_order_id'),
      razorpay_payment_id: returned.searchParams.get('razorpay_payment_id'),
      razorpay_signature: returned.searchParams.get('razorpay_signature'),
    }),
  });
  expect(verified.status).toBe(200);
  expect(await verified.json()).toMatchObject({ status: 'captured', amountPaise: order.amountPaise });
  expect(blocked).toEqual([]);

  const failing = await openOrder(customerId, token);
  await page.goto(`${platform.baseUrl}${failing.checkoutUrl}&callback_url=${encodeURIComponent(callback)}`);
  await Promise.all([
    page.waitForURL(/\/pay\/callback\?/),
    page.getByRole('button', { name: /fail/ }).click(),
  ]);
  expect(new URL(page.url()).searchParams.get('error[reason]')).toBe('payment_failed');
  const payments = paymentsDriver(platform);
  expect(await payments.ledger()).toMatchObject({ isBalanced: true, capturedPaise: order.amountPaise });
  await payments.close();
  await context.close();
});
