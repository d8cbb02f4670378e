import { randomUUID } from 'node:crypto';
import type { EventEnvelope, LedgerCheck, PaymentOrder, ReconciliationReport } from '@zefy/contracts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startHarness, until } from '../../test/harness.ts';
import { acquireLease, releaseLease } from './reconciliation.repository.ts';

const h = await startHarness(inject('databaseUrl'));
afterAll(() => h.stop());
const adminToken = await h.tokenFor({ id: randomUUID(), role: 'admin' });

async function openOrder(): Promise<PaymentOrder> {
  const customerId = randomUUID();
  const token = await h.tokenFor({ id: customerId, role: 'customer' });
  const response = await h.api('/api/v1/payments/orders', {
    token,
    idempotencyKey: randomUUID(),
    json: { holdId: await h.hold(customerId, 75_000) },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentOrder;
}

const askToReconcile = () =>
  h.api('/api/v1/admin/payments/reconciliations', { token: adminToken, json: { minAgeSeconds: 0 } });

/** A run's report; asked again while the background run of the harness (every second) holds the job. */
async function reconcileNow(): Promise<ReconciliationReport> {
  let report: ReconciliationReport | undefined;
  await until(async () => {
    const response = await askToReconcile();
    if (response.status === 409) return false;
    report = (await response.json()) as ReconciliationReport;
    return true;
  });
  return report as ReconciliationReport;
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
    const again = await reconcileNow();
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
    const report = await reconcileNow();
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
    const report = await reconcileNow();
    expect(report.ordersAbandoned).toBeGreaterThanOrEqual(1);
    const { rows } = await h.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [
      order.id,
    ]);
    expect(rows[0]?.status).toBe('abandoned');
  });
});

describe('reconciliations asked while one runs', () => {
  it('are answered at once, never queued, while customers still get their orders', async () => {
    const otherRun = randomUUID();
    // a run in progress elsewhere (another instance, or an earlier request)
    expect(await acquireLease(h.db, 'reconcile', otherRun, 60)).toBe(true);
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, askToReconcile));
      expect(answers.map((answer) => answer.status)).toEqual([409, 409, 409, 409, 409, 409]);
      for (const answer of answers)
        expect(await answer.json()).toMatchObject({ code: 'PAYMENTS.RECONCILIATION_RUNNING' });
      expect((await openOrder()).status).toBe('created');
    } finally {
      await releaseLease(h.db, 'reconcile', otherRun);
    }
    expect((await reconcileNow()).errors).toEqual([]);
  });
});
