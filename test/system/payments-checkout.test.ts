import { randomUUID } from 'node:crypto';
import type { PaymentOrder, Problem } from '@zefy/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const orderView = async (order: PaymentOrder, token: string) =>
  (await (await pay.api(`/api/v1/payments/orders/${order.id}`, { token })).json()) as PaymentOrder;

describe('checkout through the whole platform', () => {
  it('confirms a payment whose webhooks came before the checkout callback, once', async () => {
    const customer = await pay.customer();
    const { token } = customer;
    const order = await pay.openOrder(customer);
    expect(order).toMatchObject({ status: 'created', amountPaise: 59_900, currency: 'INR' });
    expect(order.checkoutUrl).toMatch(/^\/razorpay-sim\/checkout\?order_id=order_/);
    const back = await pay.payOnCheckoutPage(order, 'success');
    expect(back.status).toBe(303);
    expect(back.location.pathname).toBe('/pay/callback');
    const paymentId = back.params.razorpay_payment_id as string;
    await pay.allDelivered(paymentId, 3);
    expect((await orderView(order, token)).payments).toMatchObject([
      { status: 'captured', verifiedBy: 'webhook' },
    ]);
    const verified = await pay.verify(token, order, back.params);
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({
      status: 'captured',
      amountPaise: 59_900,
      verifiedBy: 'webhook',
    });
    const captured = await pay.published('payment.captured', paymentId);
    expect(captured).toHaveLength(1);
    expect(captured[0]?.data).toMatchObject({ orderId: order.id, holdId: order.holdId, amountPaise: 59_900 });
    expect((await orderView(order, token)).status).toBe('paid');
    await expectBalancedLedger(pay);
  });

  it('confirms by the callback when it comes first, and the late webhooks change nothing', async () => {
    const customer = await pay.customer();
    const { token } = customer;
    const order = await pay.openOrder(customer);
    const hold = await pay.control('/webhooks/faults', { mode: 'hold' });
    expect(hold.status).toBe(201);
    const back = await pay.payOnCheckoutPage(order, 'success');
    await pay.control('/webhooks/faults', undefined, 'DELETE');
    const paymentId = back.params.razorpay_payment_id as string;
    const verified = await pay.verify(token, order, back.params);
    expect(await verified.json()).toMatchObject({ status: 'captured', verifiedBy: 'checkout' });
    expect(await (await pay.control('/webhooks/release', { order: 'reverse' })).json()).toEqual({
      released: 3,
    });
    await pay.allDelivered(paymentId, 3);
    const events = pay.webhookEvents(paymentId).map((event) => event.id);
    expect(await pay.webhookOutcomes(events)).toEqual(['processed', 'processed', 'processed']);
    expect(await pay.published('payment.captured', paymentId)).toHaveLength(1);
    expect((await pay.verify(token, order, back.params)).status).toBe(200);
    expect(await pay.published('payment.captured', paymentId)).toHaveLength(1);
    await expectBalancedLedger(pay);
  });

  it('absorbs duplicated, replayed and out-of-order webhooks', async () => {
    const customer = await pay.customer();
    const { token } = customer;
    const order = await pay.openOrder(customer);
    await pay.control('/webhooks/faults', { mode: 'duplicate' });
    await pay.control('/webhooks/faults', { mode: 'reverse', count: 1 });
    const back = await pay.payOnCheckoutPage(order, 'success');
    const paymentId = back.params.razorpay_payment_id as string;
    await pay.allDelivered(paymentId, 3);
    await pay.control('/webhooks/faults', undefined, 'DELETE');
    const events = pay.webhookEvents(paymentId);
    await until(() => pay.webhookEvents(paymentId).every((event) => event.attempts.length === 2));
    expect(events.map((event) => event.name)).toEqual([
      'payment.authorized',
      'payment.captured',
      'order.paid',
    ]);
    const replayed = await pay.control(`/events/${events[1]?.id}/replay`, {});
    expect(replayed.status).toBe(200);
    await until(
      () =>
        pay
          .webhookEvents(paymentId)[1]
          ?.attempts.some((attempt) => attempt.isReplay && attempt.status === 200) ?? false,
    );
    expect(await pay.webhookOutcomes(events.map((event) => event.id))).toHaveLength(3);
    expect(await pay.published('payment.captured', paymentId)).toHaveLength(1);
    expect((await orderView(order, token)).payments).toMatchObject([{ status: 'captured' }]);
    await expectBalancedLedger(pay);
  });

  it('publishes one failure for a failed attempt, then one capture when the customer pays again', async () => {
    const customer = await pay.customer();
    const { token } = customer;
    const order = await pay.openOrder(customer);
    const failed = await pay.payOnCheckoutPage(order, 'failure');
    expect(failed.params['error[reason]']).toBe('payment_failed');
    const failedPaymentId = JSON.parse(failed.params['error[metadata]'] ?? '{}').payment_id as string;
    await pay.allDelivered(failedPaymentId, 1);
    expect(await pay.published('payment.failed', failedPaymentId)).toHaveLength(1);
    const abandoned = await pay.payOnCheckoutPage(order, 'abandon');
    expect(abandoned.params['error[reason]']).toBe('payment_cancelled');
    const paid = await pay.payOnCheckoutPage(order, 'success');
    expect((await pay.verify(token, order, paid.params)).status).toBe(200);
    expect(await pay.published('payment.captured', paid.params.razorpay_payment_id as string)).toHaveLength(
      1,
    );
    const view = await orderView(order, token);
    expect(view.payments.map((payment) => payment.status)).toEqual(['failed', 'captured']);
    await expectBalancedLedger(pay);
  });
});

describe('what is refused', () => {
  it('rejects a tampered webhook with 400 and changes nothing', async () => {
    const customer = await pay.customer();
    const { token } = customer;
    const order = await pay.openOrder(customer);
    await pay.control('/webhooks/faults', { mode: 'hold' });
    const back = await pay.payOnCheckoutPage(order, 'success');
    await pay.control('/webhooks/faults', undefined, 'DELETE');
    const paymentId = back.params.razorpay_payment_id as string;
    const captured = pay.webhookEvents(paymentId).find((event) => event.name === 'payment.captured');
    if (!captured) throw new Error('no payment.captured event');
    const tampered = captured.body.replace(`"amount":${order.amountPaise}`, '"amount":100');
    expect(tampered).not.toBe(captured.body);
    const response = await fetch(`${zefy.baseUrl}/api/v1/payments/webhooks/razorpay`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': captured.signature,
        'x-razorpay-event-id': captured.id,
      },
      body: tampered,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as Problem).code).toBe('PAYMENTS.SIGNATURE_INVALID');
    expect((await orderView(order, token)).payments).toEqual([]);
    expect(await pay.published('payment.captured', paymentId)).toHaveLength(0);
    expect(await pay.webhookOutcomes([captured.id])).toEqual([]);
    await expectBalancedLedger(pay);
    await pay.control('/webhooks/release', {});
    await pay.allDelivered(paymentId, 3);
    expect(await pay.published('payment.captured', paymentId)).toHaveLength(1);
  });

  it('rejects a payment of another amount, flags it, and records no capture', async () => {
    const customer = await pay.customer();
    const { token } = customer;
    const order = await pay.openOrder(customer);
    const paid = await pay.control(`/orders/${order.razorpayOrderId}/pay`, {
      outcome: 'success',
      amount: 100,
    });
    const result = (await paid.json()) as { callback: Record<string, string>; payment: { id: string } };
    const verified = await pay.verify(token, order, result.callback);
    expect(verified.status).toBe(422);
    expect(((await verified.json()) as Problem).code).toBe('PAYMENTS.AMOUNT_MISMATCH');
    await pay.allDelivered(result.payment.id, 3);
    const outcomes = await pay.webhookOutcomes(pay.webhookEvents(result.payment.id).map((event) => event.id));
    expect(outcomes).toEqual(['flagged', 'flagged', 'flagged']);
    expect(await pay.published('payment.captured', result.payment.id)).toHaveLength(0);
    expect((await orderView(order, token)).payments).toEqual([]);
    const reviews = (await (
      await pay.api('/api/v1/admin/payments/reviews', { token: zefy.adminToken })
    ).json()) as {
      items: Array<{ kind: string; source: string; razorpayPaymentId: string }>;
    };
    const mine = reviews.items.filter((review) => review.razorpayPaymentId === result.payment.id);
    expect(mine.map((review) => review.kind)).toContain('amount_mismatch');
    expect(new Set(mine.map((review) => review.source))).toEqual(new Set(['checkout', 'webhook']));
    await expectBalancedLedger(pay);
  });

  it('rejects a callback naming another order, and a signature that does not match', async () => {
    const customer = await pay.customer();
    const { token } = customer;
    const order = await pay.openOrder(customer);
    const other = await pay.openOrder(customer);
    const back = await pay.payOnCheckoutPage(other, 'success');
    const mismatch = await pay.verify(token, order, back.params);
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as Problem).code).toBe('PAYMENTS.ORDER_MISMATCH');
    const forged = await pay.verify(token, order, {
      ...back.params,
      razorpay_order_id: order.razorpayOrderId as string,
    });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as Problem).code).toBe('PAYMENTS.SIGNATURE_INVALID');
    const stranger = await pay.customer();
    const foreign = await pay.verify(stranger.token, other, back.params);
    expect(foreign.status).toBe(404);
    expect((await pay.api(`/api/v1/payments/orders/${order.id}`, { token: stranger.token })).status).toBe(
      404,
    );
    expect((await orderView(order, token)).payments).toEqual([]);
    await expectBalancedLedger(pay);
  });
});

describe('idempotent order creation', () => {
  it('makes one order and one charge when the same Idempotency-Key is sent twice at once', async () => {
    const { id, token } = await pay.customer();
    const holdId = await pay.hold(id, 45_000);
    const key = randomUUID();
    const body = { holdId };
    const [first, second] = await Promise.all([
      pay.createOrder(token, body, key),
      pay.createOrder(token, body, key),
    ]);
    const statuses = [first?.status, second?.status].sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const retried = await pay.createOrder(token, body, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const order = (await retried.json()) as PaymentOrder;
    expect(pay.sim.listOrders({ receipt: `hold_${holdId.replaceAll('-', '')}` })).toHaveLength(1);
    const reused = await pay.createOrder(token, { holdId: await pay.hold(id, 45_000) }, key);
    expect(reused.status).toBe(422);
    const back = await pay.payOnCheckoutPage(order, 'success');
    expect((await pay.verify(token, order, back.params)).status).toBe(200);
    await expect(pay.payOnCheckoutPage(order, 'success')).rejects.toThrow('This order has already been paid');
    expect(pay.sim.orderPayments(order.razorpayOrderId as string)).toHaveLength(1);
    await expectBalancedLedger(pay);
  });
});
