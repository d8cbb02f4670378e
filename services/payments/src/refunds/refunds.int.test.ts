import { randomUUID } from 'node:crypto';
import type { LedgerCheck, PaymentDetail, PaymentOrder, ReconciliationReport } from '@zefy/contracts';
import { readEvent } from '@zefy/platform';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startHarness, until } from '../../test/harness.ts';
import { bookingEvent } from '../../test/holds.ts';
import { refundAskOf } from './refunds.consumers.ts';

const h = await startHarness(inject('databaseUrl'));
afterAll(() => h.stop());
const adminToken = await h.tokenFor({ id: randomUUID(), role: 'admin' });

/** An order paid and verified: the payment our id names, captured. */
async function capturedPayment(
  amountPaise = 50_000,
): Promise<{ paymentId: string; razorpayPaymentId: string; holdId: string }> {
  const customerId = randomUUID();
  const token = await h.tokenFor({ id: customerId, role: 'customer' });
  const holdId = await h.hold(customerId, amountPaise);
  const created = await h.api('/api/v1/payments/orders', {
    token,
    idempotencyKey: randomUUID(),
    json: { holdId },
  });
  const order = (await created.json()) as PaymentOrder;
  const result = h.sim.checkout(order.razorpayOrderId as string, { outcome: 'success' });
  if (result.outcome !== 'success') throw new Error('checkout did not succeed');
  const verified = await h.api('/api/v1/payments/verify', {
    token,
    json: { orderId: order.id, ...result.callback },
  });
  expect(verified.status).toBe(200);
  const body = (await verified.json()) as { paymentId: string; status: string };
  expect(body.status).toBe('captured');
  return { paymentId: body.paymentId, razorpayPaymentId: result.callback.razorpay_payment_id, holdId };
}

const refund = (paymentId: string, json: unknown, idempotencyKey = randomUUID()) =>
  h.api(`/api/v1/admin/payments/${paymentId}/refunds`, { token: adminToken, idempotencyKey, json });

const paymentDetail = async (paymentId: string) =>
  (await (await h.api(`/api/v1/admin/payments/${paymentId}`, { token: adminToken })).json()) as PaymentDetail;

async function expectBalancedLedger(): Promise<LedgerCheck> {
  const check = (await (
    await h.api('/api/v1/admin/payments/ledger/check', { token: adminToken })
  ).json()) as LedgerCheck;
  expect(check.problems).toEqual([]);
  expect(check.isBalanced).toBe(true);
  return check;
}

describe('admin refunds', () => {
  it('refunds in part, then the rest, and publishes each once processed', async () => {
    const { paymentId, razorpayPaymentId } = await capturedPayment();
    const partial = await refund(paymentId, { amountPaise: 20_000, reason: 'late arrival' });
    expect(partial.status).toBe(201);
    expect(await partial.json()).toMatchObject({
      amountPaise: 20_000,
      status: 'processed',
      requestedBy: expect.stringMatching(/^admin:/),
    });
    const rest = await refund(paymentId, { reason: 'customer complaint' });
    expect(await rest.json()).toMatchObject({ amountPaise: 30_000 });
    const more = await refund(paymentId, { amountPaise: 100, reason: 'one more' });
    expect(more.status).toBe(422);
    expect(await more.json()).toMatchObject({ code: 'PAYMENTS.REFUND_EXCEEDS_BALANCE' });
    expect(h.sim.paymentRefunds(razorpayPaymentId)).toHaveLength(2);
    const published = (await h.outbox('payment.refunded')).filter(
      (event) => (event.data as { paymentId: string }).paymentId === paymentId,
    );
    expect(published.map((event) => (event.data as { refundedPaise: number }).refundedPaise)).toEqual([
      20_000, 50_000,
    ]);
    expect(published[1]?.data).toMatchObject({ isFullyRefunded: true });
    expect(await paymentDetail(paymentId)).toMatchObject({ refundedPaise: 50_000, status: 'captured' });
    await expectBalancedLedger();
  });

  it('makes one refund when Razorpay’s answer is lost and the same key is sent again', async () => {
    const { paymentId, razorpayPaymentId } = await capturedPayment();
    h.sim.addApiFault({ operation: 'refund', mode: 'lose_response', remaining: 1, delayMs: 0 });
    const key = randomUUID();
    const response = await refund(paymentId, { amountPaise: 10_000, reason: 'retry me' }, key);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: 'processed' });
    const replayed = await refund(paymentId, { amountPaise: 10_000, reason: 'retry me' }, key);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(h.sim.paymentRefunds(razorpayPaymentId)).toHaveLength(1);
    const detail = await paymentDetail(paymentId);
    expect(detail.refunds).toHaveLength(1);
    expect(detail.refundedPaise).toBe(10_000);
    await expectBalancedLedger();
  });

  it('answers 202 while Razorpay is down, and the reconciliation job finishes the same refund', async () => {
    const { paymentId, razorpayPaymentId } = await capturedPayment();
    h.sim.addApiFault({ operation: 'refund', mode: 'fail', remaining: null, delayMs: 0 });
    const response = await refund(paymentId, { amountPaise: 15_000, reason: 'gateway down' });
    expect(response.status).toBe(202);
    const pending = (await response.json()) as { id: string; status: string };
    expect(pending.status).toBe('requested');
    await expectBalancedLedger();
    h.sim.clearApiFaults();
    const report = (await (
      await h.api('/api/v1/admin/payments/reconciliations', { token: adminToken, json: { minAgeSeconds: 0 } })
    ).json()) as ReconciliationReport;
    expect(report.refundsSent).toBeGreaterThanOrEqual(1);
    expect(h.sim.paymentRefunds(razorpayPaymentId)).toHaveLength(1);
    expect((await paymentDetail(paymentId)).refunds).toMatchObject([{ id: pending.id, status: 'processed' }]);
    await expectBalancedLedger();
  });

  it('fails a refund Razorpay refuses, and flags it', async () => {
    const { paymentId, razorpayPaymentId } = await capturedPayment();
    // a refund made on the Dashboard that we have not heard of yet leaves less than we think
    h.sim.webhooks.addFault({ mode: 'hold', events: null, remaining: null, delayMs: 0 });
    await h.sim.refund(razorpayPaymentId, { amount: 45_000 }, 'dashboard-refund-01');
    h.sim.webhooks.clearFaults();
    const response = await refund(paymentId, { amountPaise: 40_000, reason: 'too much' });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: 'PAYMENTS.GATEWAY_REJECTED' });
    const { rows } = await h.db.query<{ kind: string }>(
      "SELECT kind FROM reviews WHERE kind = 'refund_rejected'",
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    h.sim.webhooks.release('fifo');
    await until(async () => (await paymentDetail(paymentId)).refundedPaise === 45_000);
    await expectBalancedLedger();
  });
});

describe('refunds asked by booking events', () => {
  it('refunds once however often the event is delivered, and caps at what is left', async () => {
    const { paymentId, razorpayPaymentId } = await capturedPayment(30_000);
    const rejected = bookingEvent('booking.payment_rejected', {
      bookingId: randomUUID(),
      customerId: randomUUID(),
      hubId: randomUUID(),
      orderId: randomUUID(),
      paymentId,
      amountPaise: 30_000,
      reason: 'hold_expired',
    });
    await h.publish(rejected);
    await h.publish(rejected);
    await until(async () => (await paymentDetail(paymentId)).refundedPaise === 30_000);
    await h.publish(
      bookingEvent('booking.cancelled', {
        bookingId: randomUUID(),
        customerId: randomUUID(),
        hubId: randomUUID(),
        cancelledBy: 'customer',
        paymentId,
        refundDuePaise: 30_000,
        reason: 'customer',
      }),
    );
    await until(async () => {
      const { rows } = await h.db.query(
        "SELECT 1 FROM reviews WHERE kind = 'refund_not_possible' AND detail LIKE $1",
        [`%${paymentId}%`],
      );
      return rows.length === 1;
    });
    expect(h.sim.paymentRefunds(razorpayPaymentId)).toHaveLength(1);
    const detail = await paymentDetail(paymentId);
    expect(detail.refunds).toMatchObject([
      { amountPaise: 30_000, reason: 'booking.payment_rejected: hold_expired' },
    ]);
    await expectBalancedLedger();
  });

  it('reads only the fields it needs, and asks nothing of a cancellation without a payment', () => {
    const ids = { bookingId: randomUUID(), customerId: randomUUID(), hubId: randomUUID() };
    const cancelled = bookingEvent('booking.cancelled', {
      ...ids,
      cancelledBy: 'customer',
      paymentId: null,
      refundDuePaise: 0,
      reason: 'x',
      extra: 1,
    });
    expect(refundAskOf(readEvent(cancelled, 'booking.cancelled'))).toBeNull();
    const rejected = bookingEvent('booking.payment_rejected', {
      ...ids,
      orderId: randomUUID(),
      paymentId: 'not-a-uuid',
      amountPaise: 1,
      reason: 'hold_expired',
    });
    expect(() => refundAskOf(readEvent(rejected, 'booking.payment_rejected'))).toThrow(
      /^malformed booking\.payment_rejected/,
    );
  });
});
