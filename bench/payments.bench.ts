import { randomUUID } from 'node:crypto';
import type { PaymentOrder } from '@zefy/contracts';
import type { CheckoutSuccess } from '@zefy/razorpay-sim';
import pg from 'pg';
import { formatRate, percentile, startBenchPlatform } from './support.ts';

const payments = 200;
const concurrency = 16;

async function inParallel<T>(
  count: number,
  work: (index: number) => Promise<T>,
): Promise<{ results: T[]; latencies: number[]; ms: number }> {
  const results: T[] = [];
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const sent = performance.now();
        results[index] = await work(index);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { results, latencies, ms: performance.now() - started };
}

const line = (label: string, count: number, run: { latencies: number[]; ms: number }) =>
  console.info(
    `${label.padEnd(40)} ${formatRate(count, run.ms).padStart(8)}  p50 ${percentile(run.latencies, 50).toFixed(1)} ms  p99 ${percentile(run.latencies, 99).toFixed(1)} ms`,
  );

/** Payments through the whole embedded platform and its Razorpay simulator (all on loopback, sharing the cores). */
export async function run(): Promise<void> {
  const { platform, base, databaseUrl, tokenFor, stop } = await startBenchPlatform();
  const token = await tokenFor('customer');
  const sim = platform.razorpaySim?.simulator;
  if (!sim) throw new Error('no embedded Razorpay simulator');
  const db = new pg.Pool({ connectionString: databaseUrl, options: '-c search_path=payments', max: 2 });
  const captured = async () =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE type = 'payment.captured'"))
      .rows[0]?.n ?? 0;

  const created = await inParallel(payments, async () => {
    const response = await fetch(`${base}/api/v1/payments/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ holdId: randomUUID(), amountPaise: 49_900 }),
    });
    if (response.status !== 201) throw new Error(`order: ${response.status}`);
    return (await response.json()) as PaymentOrder;
  });
  line('POST /payments/orders (+ Razorpay create)', payments, created);

  const started = performance.now();
  const callbacks: CheckoutSuccess[] = created.results.map((order) => {
    const result = sim.checkout(order.razorpayOrderId as string, { outcome: 'success' });
    if (result.outcome !== 'success') throw new Error('checkout failed');
    return result.callback;
  });
  while ((await captured()) < payments) await new Promise((resolve) => setTimeout(resolve, 10));
  const webhookMs = performance.now() - started;
  console.info(
    `${'checkout → 3 signed webhooks → captured'.padEnd(40)} ${formatRate(payments, webhookMs).padStart(8)}  (${formatRate(payments * 3, webhookMs)} webhooks, ${payments} payments in ${(webhookMs / 1000).toFixed(1)} s)`,
  );

  const verified = await inParallel(payments, async (index) => {
    const order = created.results[index] as PaymentOrder;
    const response = await fetch(`${base}/api/v1/payments/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: order.id, ...callbacks[index] }),
    });
    if (response.status !== 200) throw new Error(`verify: ${response.status}`);
    return response.arrayBuffer();
  });
  line('POST /payments/verify (+ Razorpay fetch)', payments, verified);

  const admin = await tokenFor('admin');
  const checks = await inParallel(20, async () => {
    const response = await fetch(`${base}/api/v1/admin/payments/ledger/check`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const body = (await response.json()) as { isBalanced: boolean };
    if (!body.isBalanced) throw new Error('ledger not balanced');
  });
  line(`GET ledger/check (${payments} payments)`, 20, checks);
  console.info(`payment.captured events: ${await captured()} for ${payments} payments (exactly once each)`);

  await db.end();
  await stop();
}
