import { randomUUID } from 'node:crypto';
import type { EventEnvelope, LedgerCheck, PaymentOrder } from '@zefy/contracts';
import type { RazorpaySimulator, SimWebhookEvent } from '@zefy/razorpay-sim';
import pg from 'pg';
import { expect } from 'vitest';
import { startPlatform, type TestPlatform } from './platform.ts';

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface CheckoutReturn {
  status: number;
  /** The callback URL the checkout page sent the browser back to, with Razorpay's fields. */
  location: URL;
  params: Record<string, string>;
}

/**
 * Drives payments through the whole platform as the user app and Razorpay would: the API over HTTP, the
 * simulator's checkout page and control API through the gateway, webhooks from the simulator. Reads the
 * payments schema directly only to count what was published (the outbox) or recorded.
 */
export function paymentsDriver(zefy: TestPlatform) {
  const embedded = zefy.platform.razorpaySim;
  if (!embedded) throw new Error('the platform runs without its embedded Razorpay simulator');
  const sim: RazorpaySimulator = embedded.simulator;
  sim.webhooks.update({ retry: { initialDelayMs: 50, maxDelayMs: 400, windowMs: 60_000 } });
  const db = new pg.Pool({
    connectionString: zefy.platform.infra.databaseUrl,
    options: '-c search_path=payments',
    max: 2,
  });

  const api = (
    path: string,
    init: {
      method?: string;
      token?: string;
      idempotencyKey?: string;
      json?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${zefy.baseUrl}${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  };

  const driver = {
    sim,
    api,
    async customer() {
      const id = randomUUID();
      return { id, token: await zefy.tokenFor('customer', id) };
    },
    createOrder: (
      token: string,
      body: { holdId: string; amountPaise: number },
      idempotencyKey = randomUUID(),
    ) => api('/api/v1/payments/orders', { token, idempotencyKey, json: body }),
    async openOrder(token: string, amountPaise = 59_900): Promise<PaymentOrder> {
      const response = await driver.createOrder(token, { holdId: randomUUID(), amountPaise });
      if (response.status !== 201)
        throw new Error(`order not created: ${response.status} ${await response.text()}`);
      return (await response.json()) as PaymentOrder;
    },
    /** Opens the order's checkout page through the gateway and presses one of its buttons. */
    async payOnCheckoutPage(
      order: PaymentOrder,
      outcome: 'success' | 'failure' | 'abandon',
    ): Promise<CheckoutReturn> {
      if (!order.checkoutUrl) throw new Error('no checkout URL');
      const callbackUrl = `/pay/callback?orderId=${order.id}`;
      const page = await fetch(
        `${zefy.baseUrl}${order.checkoutUrl}&callback_url=${encodeURIComponent(callbackUrl)}`,
      );
      if (page.status !== 200) throw new Error(`checkout page: ${page.status} ${await page.text()}`);
      const html = await page.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      const pageUrl = new URL(page.url);
      const submitted = await fetch(new URL(action ?? '', pageUrl), {
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
      const location = new URL(submitted.headers.get('location') ?? '', zefy.baseUrl);
      return { status: submitted.status, location, params: Object.fromEntries(location.searchParams) };
    },
    verify: (token: string, order: PaymentOrder, params: Record<string, string>) =>
      api('/api/v1/payments/verify', {
        token,
        json: {
          orderId: order.id,
          razorpay_order_id: params.razorpay_order_id,
          razorpay_payment_id: params.razorpay_payment_id,
          razorpay_signature: params.razorpay_signature,
        },
      }),
    /** The simulator's control API, through the gateway. */
    control: (path: string, json?: unknown, method?: string) =>
      api(`/razorpay-sim/control${path}`, {
        ...(json === undefined ? {} : { json }),
        ...(method ? { method } : {}),
      }),
    webhookEvents: (razorpayPaymentId: string): SimWebhookEvent[] =>
      sim.webhooks.events().filter((event) => event.refs.paymentId === razorpayPaymentId),
    async allDelivered(razorpayPaymentId: string, count: number): Promise<void> {
      await until(() => {
        const events = driver.webhookEvents(razorpayPaymentId);
        return events.length === count && events.every((event) => event.state === 'delivered');
      });
    },
    async published(type: string, razorpayPaymentId: string): Promise<EventEnvelope[]> {
      const { rows } = await db.query<{ envelope: EventEnvelope }>(
        `SELECT envelope FROM outbox WHERE type = $1 AND envelope->'data'->>'razorpayPaymentId' = $2 ORDER BY created_at`,
        [type, razorpayPaymentId],
      );
      return rows.map((row) => row.envelope);
    },
    async webhookOutcomes(eventIds: string[]): Promise<string[]> {
      const { rows } = await db.query<{ outcome: string }>(
        'SELECT outcome FROM webhook_events WHERE event_id = ANY($1) ORDER BY received_at',
        [eventIds],
      );
      return rows.map((row) => row.outcome);
    },
    async ledger(): Promise<LedgerCheck> {
      const response = await api('/api/v1/admin/payments/ledger/check', { token: zefy.adminToken });
      return (await response.json()) as LedgerCheck;
    },
    close: () => db.end(),
  };
  return driver;
}

export type PaymentsDriver = ReturnType<typeof paymentsDriver>;

/**
 * The platform with payments but without booking: these tests pay for made-up holds, which booking would
 * rightly refund.
 */
export async function startPaymentsPlatform(): Promise<{ zefy: TestPlatform; pay: PaymentsDriver }> {
  const zefy = await startPlatform({
    serveWebApps: false,
    env: { RATE_LIMIT_PER_MINUTE: '100000', BOOKING_URLS: 'http://127.0.0.1:9' },
  });
  return { zefy, pay: paymentsDriver(zefy) };
}

export async function expectBalancedLedger(pay: PaymentsDriver): Promise<void> {
  const check = await pay.ledger();
  expect(check.problems).toEqual([]);
  expect(check.isBalanced).toBe(true);
}
