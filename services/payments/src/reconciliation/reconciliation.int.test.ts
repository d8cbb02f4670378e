import { randomUUID } from 'node:crypto';
import type { EventEnvelope, LedgerCheck, PaymentOrder, ReconciliationReport } from '@zefy/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startHarness, until } from '../../test/harness.ts';

let h: Harness;
let adminToken: string;
beforeAll(async () => {
  h = await startHarness(inject('databaseUrl'));
  adminToken = await h.tokenFor({ id: randomUUID(), role: 'admin' });
});
afterAll(async () => {
  await h?.stop();
});

async function openOrder(): Promise<PaymentOrder> {
  const token = await h.tokenFor({ id: randomUUID(), role: 'customer' });
  const response = await h.api('/api/v1/payments/orders', {
    token,
    idempotencyKey: randomUUID(),
    json: { holdId: randomUUID(), amountPaise: 75_000 },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentOrder;
}

const capturedOf = async (razorpayPaymentId: string): Promise<EventEnvelope[]> =>
  (await h.outbox('payment.captured')).filter(
    (event) => (event.data as { razorpayPaymentId: string }).razorpayPaymentId === razorpayPaymentId,
  );

async function expectBalancedLedger(): Promise<void> {
  const check = (await (
    await h.api('/api/v1/admin/payments/ledger/check', { token: adminToken })
  ).json()) as LedgerCheck;
  expect(check.problems).toEqual([]);
  expect(check.isBalanced).toBe(true);
}

describe('reconciliation', () => {
  it('settles in the background an order whose webhooks never came, once', async () => {
    h.sim.webhooks.addFault({ mode: 'never', events: null, remaining: null, delayMs: 0 });
    const order = await openOrder();
    const result = h.sim.checkout(order.razorpayOrderId as string, { outcome: 'success' });
    const failed = await openOrder();
    h.sim.checkout(failed.razorpayOrderId as string, { outcome: 'failure' });
    h.sim.webhooks.clearFaults();
    if (result.outcome !== 'success') throw new Error('checkout did not succeed');
    expect(await capturedOf(result.payment.id)).toHaveLength(0);
    h.clock.advance(2 * 3600_000);
    await until(async () => (await capturedOf(result.payment.id)).length === 1);
    expect((await capturedOf(result.payment.id))[0]?.data).toMatchObject({
      verifiedBy: 'reconciliation',
      amountPaise: 75_000,
      orderId: order.id,
    });
    await until(async () => {
      const { rows } = await h.db.query(
        "SELECT 1 FROM outbox WHERE type = 'payment.failed' AND envelope->'data'->>'orderId' = $1",
        [failed.id],
      );
      return rows.length === 1;
    });
    const again = (await (
      await h.api('/api/v1/admin/payments/reconciliations', { token: adminToken, json: { minAgeSeconds: 0 } })
    ).json()) as ReconciliationReport;
    expect(again.paymentsSettled).toBe(0);
    expect(await capturedOf(result.payment.id)).toHaveLength(1);
    const { rows } = await h.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [
      order.id,
    ]);
    expect(rows[0]?.status).toBe('paid');
    await expectBalancedLedger();
  });

  it('captures an authorization that auto-capture left behind', async () => {
    const order = await openOrder();
    h.sim.webhooks.addFault({ mode: 'never', events: null, remaining: null, delayMs: 0 });
    const result = h.sim.checkout(order.razorpayOrderId as string, { outcome: 'success', capture: 'manual' });
    if (result.outcome !== 'success') throw new Error('checkout did not succeed');
    expect(result.payment.status).toBe('authorized');
    const report = (await (
      await h.api('/api/v1/admin/payments/reconciliations', { token: adminToken, json: { minAgeSeconds: 0 } })
    ).json()) as ReconciliationReport;
    h.sim.webhooks.clearFaults();
    expect(report).toMatchObject({ paymentsCaptured: 1, paymentsSettled: 1, errors: [] });
    expect(h.sim.fetchPayment(result.payment.id).status).toBe('captured');
    const captured = await capturedOf(result.payment.id);
    expect(captured.map((event) => (event.data as { verifiedBy: string }).verifiedBy)).toEqual([
      'reconciliation',
    ]);
    await expectBalancedLedger();
  });

  it('abandons an order never paid once it is older than the horizon', async () => {
    const order = await openOrder();
    h.clock.advance(25 * 3600_000);
    const report = (await (
      await h.api('/api/v1/admin/payments/reconciliations', { token: adminToken, json: { minAgeSeconds: 0 } })
    ).json()) as ReconciliationReport;
    expect(report.ordersAbandoned).toBeGreaterThanOrEqual(1);
    const { rows } = await h.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [
      order.id,
    ]);
    expect(rows[0]?.status).toBe('abandoned');
  });
});
