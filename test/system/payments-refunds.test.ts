import { randomUUID } from 'node:crypto';
import type { EventEnvelope, PaymentDetail, PaymentOrder, PaymentRefund } from '@zefy/contracts';
import { GatewayEnv, startPlatform as startGatewayPlatform } from '@zefy/gateway';
import { createLogger, loadConfig } from '@zefy/platform';
import { createTestDatabase } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  expectBalancedLedger,
  type PaymentsDriver,
  startPaymentsPlatform,
  until,
} from '../support/payments.ts';
import type { TestPlatform } from '../support/platform.ts';

let zefy: TestPlatform;
let pay: PaymentsDriver;

beforeAll(async () => {
  ({ zefy, pay } = await startPaymentsPlatform());
});
afterAll(async () => {
  await pay?.close();
  await zefy?.stop();
});

/** A customer's order, paid on the checkout page and verified: its payment id in our records and Razorpay's. */
async function paidOrder(amountPaise = 80_000) {
  const customer = await pay.customer();
  const { token } = customer;
  const order = await pay.openOrder(customer, amountPaise);
  const back = await pay.payOnCheckoutPage(order, 'success');
  const verified = await pay.verify(token, order, back.params);
  const { paymentId } = (await verified.json()) as { paymentId: string };
  return { order, paymentId, razorpayPaymentId: back.params.razorpay_payment_id as string };
}

const adminRefund = (paymentId: string, json: unknown, idempotencyKey = randomUUID()) =>
  pay.api(`/api/v1/admin/payments/${paymentId}/refunds`, { token: zefy.adminToken, idempotencyKey, json });

const detail = async (paymentId: string) =>
  (await (
    await pay.api(`/api/v1/admin/payments/${paymentId}`, { token: zefy.adminToken })
  ).json()) as PaymentDetail;

describe('refunds', () => {
  it('makes one refund when its answer is lost and the request is retried', async () => {
    const { paymentId, razorpayPaymentId } = await paidOrder();
    await pay.control('/api-faults', { operation: 'refund', mode: 'lose_response', count: 1 });
    const key = randomUUID();
    const first = await adminRefund(paymentId, { amountPaise: 30_000, reason: 'partner arrived late' }, key);
    expect(first.status).toBe(201);
    const refund = (await first.json()) as PaymentRefund;
    expect(refund).toMatchObject({ amountPaise: 30_000, status: 'processed' });
    const retried = await adminRefund(
      paymentId,
      { amountPaise: 30_000, reason: 'partner arrived late' },
      key,
    );
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retried.json()) as PaymentRefund).id).toBe(refund.id);
    expect(pay.sim.paymentRefunds(razorpayPaymentId)).toHaveLength(1);
    await until(async () => (await pay.published('payment.refunded', razorpayPaymentId)).length === 1);
    const payment = await detail(paymentId);
    expect(payment).toMatchObject({ refundedPaise: 30_000, status: 'captured' });
    expect(payment.ledger.map((line) => [line.kind, line.account.split(':')[0], line.amountPaise])).toEqual([
      ['capture', 'razorpay', 80_000],
      ['capture', 'hold', -80_000],
      ['refund_accepted', 'hold', 30_000],
      ['refund_accepted', 'refund', -30_000],
      ['refund_processed', 'refund', 30_000],
      ['refund_processed', 'razorpay', -30_000],
    ]);
    const check = await pay.ledger();
    expect(check.isBalanced).toBe(true);
    expect(check.capturedPaise).toBe(
      check.heldForBookingsPaise + check.refundsInFlightPaise + check.refundedPaise,
    );
  });

  it('refunds a payment the booking service rejects, once however often the event is delivered', async () => {
    const { paymentId, razorpayPaymentId, order } = await paidOrder(65_000);
    const rejected: EventEnvelope = {
      id: randomUUID(),
      type: 'booking.payment_rejected',
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: { kind: 'system', id: 'booking' },
      data: {
        bookingId: order.holdId,
        customerId: order.customerId,
        hubId: randomUUID(),
        orderId: order.id,
        paymentId,
        amountPaise: 65_000,
        reason: 'hold_expired',
      },
    };
    await zefy.platform.infra.bus.publish(rejected);
    await zefy.platform.infra.bus.publish(rejected);
    await until(async () => (await pay.published('payment.refunded', razorpayPaymentId)).length === 1);
    const [refunded] = await pay.published('payment.refunded', razorpayPaymentId);
    expect(refunded?.data).toMatchObject({
      paymentId,
      holdId: order.holdId,
      amountPaise: 65_000,
      refundedPaise: 65_000,
      isFullyRefunded: true,
      reason: 'booking.payment_rejected: hold_expired',
    });
    expect(pay.sim.paymentRefunds(razorpayPaymentId)).toHaveLength(1);
    await expectBalancedLedger(pay);
  });

  it('refuses to refund more than is left', async () => {
    const { paymentId } = await paidOrder(20_000);
    const tooMuch = await adminRefund(paymentId, { amountPaise: 20_001, reason: 'too much' });
    expect(tooMuch.status).toBe(422);
    expect(await tooMuch.json()).toMatchObject({ code: 'PAYMENTS.REFUND_EXCEEDS_BALANCE' });
    const customer = await pay.customer();
    const forbidden = await pay.api(`/api/v1/admin/payments/${paymentId}/refunds`, {
      token: customer.token,
      idempotencyKey: randomUUID(),
      json: { reason: 'give me my money' },
    });
    expect(forbidden.status).toBe(403);
    await expectBalancedLedger(pay);
  });
});

describe('reconciliation', () => {
  it('settles an order whose webhooks never came and whose customer never returned, once', async () => {
    const customer = await pay.customer();
    const { token } = customer;
    const order: PaymentOrder = await pay.openOrder(customer, 42_000);
    await pay.control('/webhooks/faults', { mode: 'never' });
    const back = await pay.payOnCheckoutPage(order, 'success');
    await pay.control('/webhooks/faults', undefined, 'DELETE');
    const paymentId = back.params.razorpay_payment_id as string;
    expect(pay.webhookEvents(paymentId).map((event) => event.state)).toEqual([
      'dropped',
      'dropped',
      'dropped',
    ]);
    expect(await pay.published('payment.captured', paymentId)).toHaveLength(0);
    const first = await pay.reconcile();
    expect(first.paymentsSettled).toBeGreaterThanOrEqual(1);
    expect(first.errors).toEqual([]);
    const captured = await pay.published('payment.captured', paymentId);
    expect(captured).toHaveLength(1);
    expect(captured[0]?.data).toMatchObject({
      verifiedBy: 'reconciliation',
      amountPaise: 42_000,
      orderId: order.id,
    });
    const second = await pay.reconcile();
    expect(second.paymentsSettled).toBe(0);
    expect(await pay.published('payment.captured', paymentId)).toHaveLength(1);
    const view = (await (
      await pay.api(`/api/v1/payments/orders/${order.id}`, { token })
    ).json()) as PaymentOrder;
    expect(view.status).toBe('paid');
    await expectBalancedLedger(pay);
  });

  it('answers runs asked while one is in progress at once, and customers still get their orders', async () => {
    const customer = await pay.customer();
    await pay.openOrder(customer, 10_000);
    // the run that gets the job takes a while: Razorpay is slow to list an order's payments
    await pay.control('/api-faults', { operation: 'order_payments', mode: 'delay', count: 1, delayMs: 1500 });
    const holdId = await pay.hold(customer.id, 12_000);
    const [order, ...runs] = await Promise.all([
      pay.createOrder(customer.token, { holdId }),
      ...Array.from({ length: 6 }, pay.askToReconcile),
    ]);
    await pay.control('/api-faults', undefined, 'DELETE');
    expect(order?.status).toBe(201);
    const statuses = runs.map((run) => run.status);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    // one run at a time (this one, or the periodic one): the others are told so
    expect(statuses.filter((status) => status === 409).length).toBeGreaterThanOrEqual(5);
    for (const run of runs.filter((answer) => answer.status === 409))
      expect(await run.json()).toMatchObject({ code: 'PAYMENTS.RECONCILIATION_RUNNING' });
  });
});

describe('configuration', () => {
  it('refuses to start in production without Razorpay keys, in one line', async () => {
    const database = await createTestDatabase(inject('databaseUrl'));
    const config = loadConfig(GatewayEnv, {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      JWT_SECRET: `a-production-secret-${randomUUID()}`,
      PORT: '0',
      // notifications, started first, would refuse for want of FCM
      NOTIFICATIONS_URLS: 'http://127.0.0.1:9',
    });
    await expect(
      startGatewayPlatform(config, createLogger({ level: 'silent' }), { serveWebApps: false }),
    ).rejects.toThrow(/^Invalid configuration: RAZORPAY_BASE_URL is required/);
    await database.drop();
  });
});
