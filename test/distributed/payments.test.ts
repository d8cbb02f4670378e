import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerCheck, PaymentOrder } from '@zefy/contracts';
import { webhookSignature } from '@zefy/razorpay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAt } from '../support/api.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { type Spawned, spawnTs } from '../support/process.ts';

const keys = {
  RAZORPAY_KEY_ID: 'rzp_test_distributed01',
  RAZORPAY_KEY_SECRET: `key-secret-${randomUUID()}`,
  RAZORPAY_WEBHOOK_SECRET: `webhook-secret-${randomUUID()}`,
};
const admin = { email: 'dist-payments-admin@zefy.test', password: `pw-${randomUUID()}` };
let sim: Spawned;
let simDataDir: string;
let simUrl: string;
let cluster: Cluster;
let gatewayUrl: string;

/** A Razorpay simulator, two payments instances and a gateway, each its own process, over the real servers. */
beforeAll(async () => {
  simDataDir = await mkdtemp(path.join(tmpdir(), 'zefy-dist-rzp-'));
  sim = spawnTs('apps/razorpay-sim/src/main.ts', {
    ...keys,
    PORT: '0',
    DATA_DIR: simDataDir,
    LOG_LEVEL: 'warn',
    RAZORPAY_SIM_WEBHOOK_URL: 'http://127.0.0.1:9/set-once-the-gateway-listens',
  });
  simUrl = (await sim.waitFor(/Razorpay simulator on (http:\/\/127\.0\.0\.1:\d+)/))[1] as string;
  cluster = await startCluster({
    services: { payments: 2 },
    env: { ...keys, RAZORPAY_BASE_URL: simUrl },
    // payments alone: these orders pay for made-up holds, which the booking service would rightly refund
    gatewayEnv: {
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      BOOKING_URLS: 'http://127.0.0.1:9',
    },
  });
  gatewayUrl = cluster.gatewayUrls[0] as string;
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
  expect(await cluster?.stop()).toEqual([0, 0, 0]);
  expect((await sim?.stop())?.code).toBe(0);
  await rm(simDataDir, { recursive: true, force: true });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A customer logs in by phone, reading the code from the development SMS inbox. */
async function customerToken(phone: string): Promise<string> {
  const api = apiAt(gatewayUrl);
  const challenge = await api('/api/v1/auth/otp', { method: 'POST', json: { phone, audience: 'customer' } });
  expect(challenge.status).toBe(202);
  const { challengeId } = (await challenge.json()) as { challengeId: string };
  const sms = (await (await api(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`)).json()) as {
    code: string;
  };
  const verified = await api('/api/v1/auth/otp/verify', {
    method: 'POST',
    json: { challengeId, phone, audience: 'customer', code: sms.code },
  });
  expect(verified.status).toBe(200);
  return ((await verified.json()) as { accessToken: string }).accessToken;
}

it('confirms payments through webhooks that cross the gateway to either instance with their bytes intact', async () => {
  const api = apiAt(gatewayUrl);
  const customer = await customerToken('+919812345670');
  const login = await api('/api/v1/auth/password', { method: 'POST', json: admin });
  const adminToken = ((await login.json()) as { accessToken: string }).accessToken;
  const orders = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const response = await api('/api/v1/payments/orders', {
        method: 'POST',
        token: customer,
        idempotencyKey: true,
        json: { holdId: randomUUID(), amountPaise: 39_900 },
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
            await api(`/api/v1/payments/orders/${order.id}`, { token: customer })
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
    await api('/api/v1/admin/payments/ledger/check', { token: adminToken })
  ).json()) as LedgerCheck;
  expect(check).toMatchObject({ isBalanced: true, capturedPaise: 4 * 39_900, problems: [] });
});
