import { randomUUID } from 'node:crypto';
import type { CheckoutSuccess } from '@zefy/stand-ins/razorpay';
import pg from 'pg';
import { heldEvent } from '../services/payments/test/holds.ts';
import { generateLoad } from './load.ts';
import { captureShapedTransaction, orderShapedTransaction, rawSchema } from './raw-sql.ts';
import type { BenchOutcome } from './run.ts';
import { summarize } from './stats.ts';
import { startBenchPlatform } from './support.ts';

const payments = Number(process.env.BENCH_PAYMENTS ?? 200);
const concurrency = 16;

/** `work` for 0..count-1, `concurrency` at a time, each timed. */
async function inParallel(count: number, work: (index: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const sent = performance.now();
        await work(index);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return summarize(latencies, performance.now() - started);
}

/**
 * Payments through the whole platform and its Razorpay simulator, loaded from a separate process: orders for
 * holds (with Razorpay's order create), then the checkout's verification (with Razorpay's payment fetch and
 * the capture); against transactions of the same shape straight on PostgreSQL, with no Razorpay calls.
 */
export async function run(): Promise<BenchOutcome> {
  const { platform, base, databaseUrl, tokenFor, stop } = await startBenchPlatform();
  const db = new pg.Pool({ connectionString: databaseUrl, options: '-c search_path=payments', max: 2 });
  const raw = await rawSchema(databaseUrl, concurrency);
  try {
    const customerId = randomUUID();
    const token = await tokenFor('customer', customerId);
    const sim = platform.razorpaySim?.simulator;
    if (!sim) throw new Error('no embedded Razorpay simulator');
    const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

    // holds as booking announces them; the orders below pay for holds payments has already learned
    const holds = Array.from({ length: payments }, () =>
      heldEvent({ customerId, amountPaise: 49_900, expiresAt: new Date(Date.now() + 600_000) }),
    );
    for (const hold of holds) await platform.infra.bus.publish(hold);
    while ((await count('SELECT count(*)::int AS n FROM payables')) < payments)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const ordered = await generateLoad({
      kind: 'http',
      baseUrl: base,
      concurrency,
      requests: holds.map((hold) => ({
        method: 'POST',
        path: '/api/v1/payments/orders',
        freshIdempotencyKey: true,
        headers,
        body: JSON.stringify({ holdId: hold.data.bookingId }),
      })),
    });
    const orders = (
      await db.query<{ id: string; razorpay_order_id: string }>('SELECT id, razorpay_order_id FROM orders')
    ).rows;
    const callbacks = orders.map((order) => {
      const result = sim.checkout(order.razorpay_order_id, { outcome: 'success' });
      if (result.outcome !== 'success') throw new Error('checkout failed');
      return { orderId: order.id, ...(result.callback as CheckoutSuccess) };
    });
    const verified = await generateLoad({
      kind: 'http',
      baseUrl: base,
      concurrency,
      requests: callbacks.map((callback) => ({
        method: 'POST',
        path: '/api/v1/payments/verify',
        headers,
        body: JSON.stringify(callback),
      })),
    });

    const rawOrders: string[] = [];
    const rawOrdered = await inParallel(payments, async (index) => {
      rawOrders[index] = await orderShapedTransaction(raw, randomUUID(), 49_900);
    });
    const rawCaptured = await inParallel(payments, (index) =>
      captureShapedTransaction(raw, rawOrders[index] as string),
    );
    return {
      scenarios: [
        {
          label: 'POST /api/v1/payments/orders (+ Razorpay order create)',
          platform: summarize(ordered.latenciesMs, ordered.elapsedMs),
          baseline: { label: 'order-shaped SQL transactions', ...rawOrdered },
        },
        {
          label: 'POST /api/v1/payments/verify (+ Razorpay fetch, capture)',
          platform: summarize(verified.latenciesMs, verified.elapsedMs),
          baseline: { label: 'capture-shaped SQL transactions', ...rawCaptured },
        },
      ],
      settings: {
        payments,
        concurrency,
        orderStatuses: ordered.statuses,
        verifyStatuses: verified.statuses,
        capturedEvents: await count("SELECT count(*)::int AS n FROM outbox WHERE type = 'payment.captured'"),
      },
    };
  } finally {
    await raw.close();
    await db.end();
    await stop();
  }
}
