import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { categoryStatsGroup } from '@zefy/catalog';
import type { LedgerCheck, PaymentOrder } from '@zefy/contracts';
import { refundsGroup } from '@zefy/payments';
import { createTokenService } from '@zefy/platform';
import { createTestDatabase, type TestDatabase, uniqueName } from '@zefy/platform/testing';
import { webhookSignature } from '@zefy/razorpay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Spawned, spawnTs } from '../support/process.ts';
import { deleteRabbitNamespace } from '../support/rabbitmq.ts';

const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/;
const keys = {
  RAZORPAY_KEY_ID: 'rzp_test_distributed01',
  RAZORPAY_KEY_SECRET: `key-secret-${randomUUID()}`,
  RAZORPAY_WEBHOOK_SECRET: `webhook-secret-${randomUUID()}`,
};
const processes: Spawned[] = [];
let database: TestDatabase;
let dataDir: string;
let gatewayUrl: string;
let simUrl: string;
const jwtSecret = `distributed-${randomUUID()}-${randomUUID()}`;
const namespace = uniqueName('distpay');

/** Razorpay simulator, two payments instances and a gateway, each its own process, over the real servers. */
beforeAll(async () => {
  database = await createTestDatabase(process.env.DATABASE_URL as string);
  dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-dist-pay-'));
  const sim = spawnTs('apps/razorpay-sim/src/main.ts', {
    ...keys,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RAZORPAY_SIM_WEBHOOK_URL: 'http://127.0.0.1:9/not-yet',
  });
  processes.push(sim);
  simUrl = (await sim.waitFor(/Razorpay simulator on (http:\/\/127\.0\.0\.1:\d+)/))[1] as string;
  const env = {
    DATABASE_URL: database.url,
    RABBITMQ_URL: process.env.RABBITMQ_URL,
    REDIS_URL: process.env.REDIS_URL,
    JWT_SECRET: jwtSecret,
    NAMESPACE: namespace,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    PORT: '0',
    ...keys,
    RAZORPAY_BASE_URL: simUrl,
  };
  const instances = [
    spawnTs('services/payments/src/main.ts', env),
    spawnTs('services/payments/src/main.ts', env),
  ];
  processes.push(...instances);
  const urls = await Promise.all(
    instances.map(async (instance) => (await instance.waitFor(listening))[1] as string),
  );
  const gateway = spawnTs('apps/gateway/src/main.ts', { ...env, PAYMENTS_URLS: urls.join(',') });
  processes.push(gateway);
  gatewayUrl = (await gateway.waitFor(listening))[1] as string;
  const hooked = await fetch(`${simUrl}/control/webhooks`, {
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
  const exits = await Promise.all(processes.map((child) => child.stop()));
  await database?.drop();
  await deleteRabbitNamespace(process.env.RABBITMQ_URL as string, namespace, [
    refundsGroup,
    categoryStatsGroup,
  ]);
  await rm(dataDir, { recursive: true, force: true });
  expect(exits.every((exit) => exit.code === 0)).toBe(true);
});

const tokens = createTokenService(jwtSecret);

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('confirms payments through webhooks that cross the gateway to either instance with their bytes intact', async () => {
  const customerId = randomUUID();
  const customer = await tokens.issueAccessToken({ id: customerId, role: 'customer' });
  const admin = await tokens.issueAccessToken({ id: randomUUID(), role: 'admin' });
  const api = (pathname: string, init: RequestInit = {}) => fetch(`${gatewayUrl}${pathname}`, init);
  const orders = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const response = await api('/api/v1/payments/orders', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${customer}`,
          'idempotency-key': randomUUID(),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ holdId: randomUUID(), amountPaise: 39_900 }),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as PaymentOrder;
    }),
  );
  expect(orders[0]?.checkoutUrl).toBe(
    `${simUrl}/checkout?order_id=${orders[0]?.razorpayOrderId}&key_id=${keys.RAZORPAY_KEY_ID}`,
  );
  for (const order of orders) {
    const paid = await fetch(`${simUrl}/control/orders/${order.razorpayOrderId}/pay`, {
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
            await api(`/api/v1/payments/orders/${order.id}`, {
              headers: { authorization: `Bearer ${customer}` },
            })
          ).json()) as PaymentOrder,
      ),
    );
    return views.every((view) => view.status === 'paid' && view.payments[0]?.verifiedBy === 'webhook');
  });

  // Razorpay's bytes are not ours to re-serialise: an indented, slash-escaped body must still verify
  const events = (await (await fetch(`${simUrl}/control/events?name=payment.captured`)).json()) as {
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
    await api('/api/v1/admin/payments/ledger/check', { headers: { authorization: `Bearer ${admin}` } })
  ).json()) as LedgerCheck;
  expect(check).toMatchObject({ isBalanced: true, capturedPaise: 4 * 39_900, problems: [] });
});
