import { randomUUID } from 'node:crypto';
import type { EventEnvelope, LedgerCheck, PaymentOrder, ReconciliationReport } from '@zefy/contracts';
import type { RazorpaySimulator, SimWebhookEvent } from '@zefy/stand-ins/razorpay';
import pg from 'pg';
import { expect } from 'vitest';
import { heldEvent } from '../../services/payments/test/holds.ts';
import { type CheckoutOutcome, payOnCheckoutPage, verifyPayment } from './checkout.ts';
import { startPlatform, type TestPlatform } from './platform.ts';

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
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
    /**
     * A hold of the customer for `amountPaise`, as if booking had just placed it: `booking.held` on the
     * platform's bus, answered once payments has learned it.
     */
    async hold(customerId: string, amountPaise = 59_900): Promise<string> {
      const event = heldEvent({ customerId, amountPaise, expiresAt: new Date(Date.now() + 600_000) });
      await zefy.platform.infra.bus.publish(event);
      await until(
        async () =>
          (await db.query('SELECT 1 FROM payables WHERE id = $1', [event.data.bookingId])).rows.length === 1,
      );
      return event.data.bookingId;
    },
    createOrder: (token: string, body: { holdId: string }, idempotencyKey = randomUUID()) =>
      api('/api/v1/payments/orders', { token, idempotencyKey, json: body }),
    async openOrder(customer: { id: string; token: string }, amountPaise = 59_900): Promise<PaymentOrder> {
      const holdId = await driver.hold(customer.id, amountPaise);
      const response = await driver.createOrder(customer.token, { holdId });
      if (response.status !== 201)
        throw new Error(`order not created: ${response.status} ${await response.text()}`);
      return (await response.json()) as PaymentOrder;
    },
    /** Opens the order's checkout page through the gateway and presses one of its buttons. */
    payOnCheckoutPage: (order: PaymentOrder, outcome: CheckoutOutcome) =>
      payOnCheckoutPage(zefy.baseUrl, order, outcome),
    verify: (token: string, order: PaymentOrder, params: Record<string, string>) =>
      verifyPayment(zefy.baseUrl, token, order, params),
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
    askToReconcile: () =>
      api('/api/v1/admin/payments/reconciliations', { token: zefy.adminToken, json: { minAgeSeconds: 0 } }),
    /** A reconciliation run's report, asking again while another run (the periodic one) holds the job. */
    async reconcile(): Promise<ReconciliationReport> {
      let report: ReconciliationReport | undefined;
      await until(async () => {
        const response = await driver.askToReconcile();
        if (response.status === 409) return false;
        report = (await response.json()) as ReconciliationReport;
        return true;
      });
      return report as ReconciliationReport;
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
 * The platform with payments but without booking: these tests pay for holds they announce themselves
 * (`hold`), which booking would rightly refund.
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
