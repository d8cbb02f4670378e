import { randomUUID } from 'node:crypto';
import type { LedgerCheck, PaymentOrder } from '@zefy/contracts';
import { createRabbitMqBus } from '@zefy/platform';
import { webhookSignature } from '@zefy/razorpay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { heldEvent } from '../../services/payments/test/holds.ts';
import { apiAt } from '../support/api.ts';
import { type Cluster, type StandInProcess, startCluster, startRazorpayStandIn } from '../support/cluster.ts';
import { loginByOtp } from '../support/identity.ts';

const keys = {
  RAZORPAY_KEY_ID: 'rzp_test_distributed01',
  RAZORPAY_KEY_SECRET: `key-secret-${randomUUID()}`,
  RAZORPAY_WEBHOOK_SECRET: `webhook-secret-${randomUUID()}`,
};
const admin = { email: 'dist-payments-admin@zefy.test', password: `pw-${randomUUID()}` };
let sim: StandInProcess;
let cluster: Cluster;
let gatewayUrl: string;

/** A Razorpay simulator, two payments instances and a gateway, each its own process, over the real servers. */
beforeAll(async () => {
  sim = await startRazorpayStandIn(keys);
  cluster = await startCluster({
    services: { payments: 2 },
    env: { ...keys, RAZORPAY_BASE_URL: sim.url },
    // payments alone: these orders pay for holds announced below, which the booking service would refund
    gatewayEnv: {
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      BOOKING_URLS: 'http://127.0.0.1:9',
    },
  });
  gatewayUrl = cluster.gatewayUrls[0] as string;
  const hooked = await fetch(`${sim.url}/control/webhooks`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      url: `${gatewayUrl}/api/v1/payments/webhooks/razorpay`,
      retry: { initialDelayMs: 100, maxDelayMs: 1000 },
    }),
  });
  expect(hooked.status).toBe(200);
});

afterAll(async () => {
  expect(await cluster?.stop()).toEqual([0, 0, 0]);
  expect(await sim?.stop()).toBe(0);
});

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Holds of the customer for `amountPaise`, as if booking had placed them: `booking.held` over the cluster's
 * RabbitMQ, which the payments instances learn from.
 */
async function announceHolds(customerId: string, amountPaise: number, count: number): Promise<string[]> {
  const bus = await createRabbitMqBus({
    url: process.env.RABBITMQ_URL as string,
    exchange: `${cluster.namespace}.events`,
    queuePrefix: cluster.namespace,
  });
  try {
    const events = Array.from({ length: count }, () =>
      heldEvent({ customerId, amountPaise, expiresAt: new Date(Date.now() + 600_000) }),
    );
    for (const event of events) await bus.publish(event);
    return events.map((event) => event.data.bookingId);
  } finally {
    await bus.close();
  }
}

it('confirms payments through webhooks that cross the gateway to either instance with their bytes intact', async () => {
  const api = apiAt(gatewayUrl);
  const login = await loginByOtp(gatewayUrl, '+919812345670', 'customer');
  const customer = login.accessToken;
  const holdIds = await announceHolds(login.principal.id, 39_900, 4);
  const staff = await api('/api/v1/auth/password', { method: 'POST', json: admin });
  const adminToken = ((await staff.json()) as { accessToken: string }).accessToken;
  const orders = await Promise.all(
    holdIds.map(async (holdId) => {
      // an order asked before the instance that answers has heard of the hold waits for it
      const response = await api('/api/v1/payments/orders', {
        method: 'POST',
        token: customer,
        idempotencyKey: true,
        json: { holdId },
      });
      expect(response.status).toBe(201);
      return (await response.json()) as PaymentOrder;
    }),
  );
  expect(orders[0]?.checkoutUrl).toBe(
    `${sim.url}/checkout?order_id=${orders[0]?.razorpayOrderId}&key_id=${keys.RAZORPAY_KEY_ID}`,
  );
  for (const order of orders) {
    const paid = await fetch(`${sim.url}/control/orders/${order.razorpayOrderId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'success' }),
    });
    expect(paid.status).toBe(200);
  }
  await until(async () => {
    const views = await Promise.all(
      orders.map(
        async (order) =>
          (await (
            await api(`/api/v1/payments/orders/${order.id}`, { token: customer })
          ).json()) as PaymentOrder,
      ),
    );
    return views.every((view) => view.status === 'paid' && view.payments[0]?.verifiedBy === 'webhook');
  });

  // Razorpay's bytes are not ours to re-serialise: an indented, slash-escaped body must still verify
  const events = (await (await fetch(`${sim.url}/control/events?name=payment.captured`)).json()) as {
    items: Array<{ body: string }>;
  };
  const reformatted = JSON.stringify(JSON.parse(events.items[0]?.body ?? '{}'), null, 2).replaceAll(
    '/',
    '\\/',
  );
  const replay = await api('/api/v1/payments/webhooks/razorpay', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-razorpay-signature': webhookSignature(keys.RAZORPAY_WEBHOOK_SECRET, reformatted),
      'x-razorpay-event-id': `evt_${randomUUID()}`,
    },
    body: reformatted,
  });
  expect(replay.status).toBe(200);
  expect(await replay.json()).toEqual({ status: 'processed' });

  const check = (await (
    await api('/api/v1/admin/payments/ledger/check', { token: adminToken })
  ).json()) as LedgerCheck;
  expect(check).toMatchObject({ isBalanced: true, capturedPaise: 4 * 39_900, problems: [] });
});
