import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkoutSignature,
  createRazorpayClient,
  RazorpayApiError,
  type RazorpayClient,
  RazorpayUnavailableError,
  webhookSignature,
} from '@zefy/razorpay';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listenRazorpaySim, type RazorpaySimServer } from './server.ts';
import { createRazorpaySimulator, type RazorpaySimulator } from './simulator.ts';
import { retryDelayMs } from './webhooks.ts';

const keys = {
  keyId: 'rzp_test_sim0000000001',
  keySecret: 'sim-key-secret-0001',
  webhookSecret: 'sim-webhook-secret',
};

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook endpoint whose answers the test scripts: a status per call (200 once the script runs out), or silence. */
async function startReceiver() {
  const deliveries: Delivery[] = [];
  const script: Array<number | 'silence'> = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body });
      const next = script.shift() ?? 200;
      if (next === 'silence') return;
      response.writeHead(next).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let sim: RazorpaySimulator;
let server: RazorpaySimServer;
let client: RazorpayClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const fastRetries = { initialDelayMs: 20, maxDelayMs: 80, windowMs: 60_000 };

beforeAll(async () => {
  receiver = await startReceiver();
  sim = createRazorpaySimulator({ keys, webhook: { url: receiver.url, retry: fastRetries, timeoutMs: 300 } });
  server = await listenRazorpaySim(sim, { host: '127.0.0.1', port: 0 });
  client = createRazorpayClient({
    baseUrl: server.url,
    keyId: keys.keyId,
    keySecret: keys.keySecret,
    retries: 0,
  });
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
  await receiver?.close();
});
afterEach(() => {
  sim.reset();
  sim.webhooks.update({ url: receiver.url, retry: fastRetries, timeoutMs: 300, isEnabled: true });
  receiver.deliveries.length = 0;
  receiver.script.length = 0;
});

const rawApi = (pathname: string, init: RequestInit = {}, auth = `${keys.keyId}:${keys.keySecret}`) =>
  fetch(`${server.url}${pathname}`, {
    ...init,
    headers: {
      authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });

async function apiError(promise: Promise<unknown>): Promise<RazorpayApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RazorpayApiError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

const newOrder = (overrides: Record<string, unknown> = {}) =>
  client.createOrder({ amount: 49_900, currency: 'INR', receipt: 'hold_1', ...overrides });

describe('orders', () => {
  it('creates an order in paise and serialises empty notes as []', async () => {
    const response = await rawApi('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ amount: 29_500, currency: 'INR' }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"notes":[]');
    expect(JSON.parse(text)).toMatchObject({
      entity: 'order',
      amount: 29_500,
      amount_paid: 0,
      amount_due: 29_500,
      currency: 'INR',
      status: 'created',
      attempts: 0,
      offer_id: null,
    });
    expect(JSON.parse(text).id).toMatch(/^order_[A-Za-z0-9]{14}$/);
  });

  it('refuses what Razorpay refuses, with its error body', async () => {
    const tooSmall = await apiError(newOrder({ amount: 99 }));
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.error).toEqual({
      code: 'BAD_REQUEST_ERROR',
      description: 'The amount must be at least INR 1.00',
      source: 'business',
      step: 'payment_initiation',
      reason: 'input_validation_failed',
      metadata: {},
      field: 'amount',
    });
    expect((await apiError(newOrder({ amount: 100.5 }))).error.description).toBe(
      'The amount must be an integer.',
    );
    expect((await apiError(newOrder({ receipt: 'r'.repeat(41) }))).error.field).toBe('receipt');
    const notes = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']));
    expect((await apiError(newOrder({ notes }))).error.field).toBe('notes');
    expect((await apiError(newOrder({ colour: 'red' }))).error.description).toBe(
      'colour is/are not required and should not be sent',
    );
  });

  it('answers 401 to a wrong key or secret', async () => {
    const wrong = await rawApi('/v1/orders/order_x', {}, `${keys.keyId}:not-the-secret`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'BAD_REQUEST_ERROR' } });
    const none = await fetch(`${server.url}/v1/orders/order_x`);
    expect(none.status).toBe(401);
  });

  it('finds orders by receipt and answers an unknown id with a 400', async () => {
    const order = await newOrder({ receipt: 'hold_find_me' });
    await newOrder({ receipt: 'hold_other' });
    expect((await client.findOrdersByReceipt('hold_find_me')).map((found) => found.id)).toEqual([order.id]);
    expect((await apiError(client.fetchOrder('order_missing'))).error.description).toBe(
      'The id provided does not exist',
    );
  });
});

describe('checkout and capture', () => {
  it('pays an order: authorized, auto-captured, order paid, signed as Razorpay signs', async () => {
    const order = await newOrder();
    const result = sim.checkout(order.id, { outcome: 'success' });
    if (result.outcome !== 'success') throw new Error('expected success');
    expect(result.callback.razorpay_signature).toBe(
      checkoutSignature(keys.keySecret, order.id, result.callback.razorpay_payment_id),
    );
    expect(await client.fetchOrder(order.id)).toMatchObject({
      status: 'paid',
      amount_paid: 49_900,
      amount_due: 0,
      attempts: 1,
    });
    const payment = await client.fetchPayment(result.callback.razorpay_payment_id);
    expect(payment).toMatchObject({ status: 'captured', captured: true, amount: 49_900, order_id: order.id });
    expect(await client.fetchOrderPayments(order.id)).toHaveLength(1);
  });

  it('records a failed attempt and leaves the order open for another', async () => {
    const order = await newOrder();
    const failed = sim.checkout(order.id, { outcome: 'failure' });
    expect(failed).toMatchObject({ outcome: 'failure', error: { reason: 'payment_failed' } });
    expect(await client.fetchOrder(order.id)).toMatchObject({ status: 'attempted', attempts: 1 });
    expect(sim.checkout(order.id, { outcome: 'success' }).outcome).toBe('success');
    expect(() => sim.checkout(order.id, { outcome: 'success' })).toThrow('This order has already been paid');
  });

  it('captures a manual-capture payment for exactly its amount, once', async () => {
    const order = await newOrder({ payment: { capture: 'manual' } });
    const result = sim.checkout(order.id, { outcome: 'success' });
    if (result.outcome !== 'success') throw new Error('expected success');
    const paymentId = result.payment.id;
    expect(result.payment.status).toBe('authorized');
    expect((await apiError(client.capturePayment(paymentId, 100, 'INR'))).error.description).toBe(
      'Capture amount must be equal to the amount authorized',
    );
    expect((await client.capturePayment(paymentId, 49_900, 'INR')).status).toBe('captured');
    expect((await apiError(client.capturePayment(paymentId, 49_900, 'INR'))).error.description).toBe(
      'This payment has already been captured',
    );
  });
});

describe('refunds', () => {
  async function capturedPayment() {
    const order = await newOrder();
    const result = sim.checkout(order.id, { outcome: 'success' });
    if (result.outcome !== 'success') throw new Error('expected success');
    return result.payment.id;
  }

  it('returns the same refund for the same X-Refund-Idempotency and body', async () => {
    const paymentId = await capturedPayment();
    const first = await client.refundPayment(paymentId, { amount: 10_000 }, 'refund-key-0001');
    const again = await client.refundPayment(paymentId, { amount: 10_000 }, 'refund-key-0001');
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'processed', amount: 10_000, payment_id: paymentId });
    expect(sim.paymentRefunds(paymentId)).toHaveLength(1);
    expect(await client.fetchPayment(paymentId)).toMatchObject({
      amount_refunded: 10_000,
      refund_status: 'partial',
    });
  });

  it('refuses another body under the same key, a short key, and more than is left', async () => {
    const paymentId = await capturedPayment();
    await client.refundPayment(paymentId, { amount: 10_000 }, 'refund-key-0002');
    expect(
      (await apiError(client.refundPayment(paymentId, { amount: 20_000 }, 'refund-key-0002'))).error,
    ).toMatchObject({
      code: 'BAD_REQUEST_ERROR',
      description: 'Different request with the same idempotency key has already been processed.',
    });
    expect((await apiError(client.refundPayment(paymentId, { amount: 100 }, 'short'))).status).toBe(400);
    expect(
      (await apiError(client.refundPayment(paymentId, { amount: 40_000 }, 'refund-key-0003'))).error.field,
    ).toBe('amount');
    const full = await client.refundPayment(paymentId, {}, 'refund-key-0004');
    expect(full.amount).toBe(39_900);
    expect(await client.fetchPayment(paymentId)).toMatchObject({ status: 'refunded', refund_status: 'full' });
  });

  it('answers 409 while a request with the same key is in flight', async () => {
    const paymentId = await capturedPayment();
    sim.addApiFault({ operation: 'refund', mode: 'delay', remaining: 1, delayMs: 300 });
    const first = client.refundPayment(paymentId, { amount: 10_000 }, 'refund-key-0005');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await rawApi(`/v1/payments/${paymentId}/refund`, {
      method: 'POST',
      headers: { 'x-refund-idempotency': 'refund-key-0005' },
      body: JSON.stringify({ amount: 10_000 }),
    });
    expect(response.status).toBe(409);
    expect((await first).status).toBe('processed');
    expect(sim.paymentRefunds(paymentId)).toHaveLength(1);
  });

  it('keeps a refund whose answer was lost, and returns it to the retry', async () => {
    const paymentId = await capturedPayment();
    sim.addApiFault({ operation: 'refund', mode: 'lose_response', remaining: 1, delayMs: 0 });
    await expect(
      client.refundPayment(paymentId, { amount: 10_000 }, 'refund-key-0006'),
    ).rejects.toBeInstanceOf(RazorpayUnavailableError);
    const retried = await client.refundPayment(paymentId, { amount: 10_000 }, 'refund-key-0006');
    expect(sim.paymentRefunds(paymentId).map((refund) => refund.id)).toEqual([retried.id]);
  });

  it('leaves refunds pending until settled when settlement is manual', async () => {
    const paymentId = await capturedPayment();
    sim.setRefundSettlement('manual');
    const refund = await client.refundPayment(paymentId, { amount: 10_000 }, 'refund-key-0007');
    expect(refund.status).toBe('pending');
    sim.settleRefund(refund.id, 'failed');
    expect(await client.fetchRefund(refund.id)).toMatchObject({ status: 'failed' });
    expect(await client.fetchPayment(paymentId)).toMatchObject({ amount_refunded: 0, refund_status: null });
  });
});

describe('webhooks', () => {
  const names = () => receiver.deliveries.map((delivery) => JSON.parse(delivery.body).event as string);

  it('delivers the events of a payment in order, signed over the raw body, each with its own id', async () => {
    const order = await newOrder();
    sim.checkout(order.id, { outcome: 'success' });
    await until(() => receiver.deliveries.length === 3);
    expect(names()).toEqual(['payment.authorized', 'payment.captured', 'order.paid']);
    for (const delivery of receiver.deliveries) {
      expect(delivery.headers['x-razorpay-signature']).toBe(
        webhookSignature(keys.webhookSecret, delivery.body),
      );
      expect(delivery.headers['content-type']).toBe('application/json');
    }
    const ids = receiver.deliveries.map((delivery) => delivery.headers['x-razorpay-event-id']);
    expect(new Set(ids).size).toBe(3);
    const orderPaid = JSON.parse(receiver.deliveries[2]?.body ?? '{}');
    expect(orderPaid).toMatchObject({ entity: 'event', contains: ['payment', 'order'] });
    expect(orderPaid.payload.order.entity).toMatchObject({ id: order.id, status: 'paid', notes: [] });
  });

  it('retries a non-2xx answer and a silent one with growing delays until one succeeds', async () => {
    receiver.script.push(500, 'silence', 503);
    const order = await newOrder();
    sim.checkout(order.id, { outcome: 'failure' });
    await until(() => sim.webhooks.events()[0]?.state === 'delivered');
    const [event] = sim.webhooks.events();
    expect(event?.attempts.map((attempt) => attempt.status)).toEqual([500, null, 503, 200]);
    expect(event?.attempts[1]?.error).toBe('no answer within 300 ms');
  });

  it('backs off exponentially up to a cap', () => {
    const retry = { initialDelayMs: 10_000, maxDelayMs: 3_600_000, windowMs: 86_400_000 };
    expect([1, 2, 3, 4, 10, 20].map((failures) => retryDelayMs(retry, failures))).toEqual([
      10_000, 20_000, 40_000, 80_000, 3_600_000, 3_600_000,
    ]);
  });

  it('disables the webhook once an event has failed for the whole retry window', async () => {
    sim.webhooks.update({ retry: { initialDelayMs: 20, maxDelayMs: 20, windowMs: 100 } });
    receiver.script.push(...Array.from({ length: 50 }, () => 500));
    const order = await newOrder();
    sim.checkout(order.id, { outcome: 'failure' });
    await until(() => !sim.webhooks.settings().isEnabled);
    expect(sim.webhooks.events()[0]?.state).toBe('failed');
    sim.checkout(order.id, { outcome: 'failure' });
    expect(sim.webhooks.events()[1]?.state).toBe('skipped');
  });

  it('duplicates, reverses, drops and holds events on demand', async () => {
    sim.webhooks.addFault({ mode: 'duplicate', events: ['payment.captured'], remaining: 1, delayMs: 0 });
    sim.webhooks.addFault({ mode: 'reverse', events: null, remaining: 1, delayMs: 0 });
    const order = await newOrder();
    sim.checkout(order.id, { outcome: 'success' });
    await until(() => receiver.deliveries.length === 4);
    expect(names()).toEqual(['order.paid', 'payment.captured', 'payment.captured', 'payment.authorized']);
    expect(receiver.deliveries[1]?.headers['x-razorpay-event-id']).toBe(
      receiver.deliveries[2]?.headers['x-razorpay-event-id'],
    );

    receiver.deliveries.length = 0;
    sim.webhooks.clearFaults();
    sim.webhooks.addFault({ mode: 'never', events: ['payment.failed'], remaining: null, delayMs: 0 });
    sim.webhooks.addFault({ mode: 'hold', events: null, remaining: null, delayMs: 0 });
    const second = await newOrder();
    sim.checkout(second.id, { outcome: 'failure' });
    sim.checkout(second.id, { outcome: 'success' });
    expect(
      sim.webhooks
        .events()
        .filter((event) => event.state === 'dropped')
        .map((event) => event.name),
    ).toEqual(['payment.failed']);
    expect(receiver.deliveries).toHaveLength(0);
    expect(sim.webhooks.release('reverse')).toBe(3);
    await until(() => receiver.deliveries.length === 3);
    expect(names()).toEqual(['order.paid', 'payment.captured', 'payment.authorized']);
  });

  it('replays an event with its id, signed with the current secret', async () => {
    const order = await newOrder();
    sim.checkout(order.id, { outcome: 'failure' });
    await until(() => receiver.deliveries.length === 1);
    sim.webhooks.update({ secret: 'rotated-webhook-secret' });
    const [event] = sim.webhooks.events();
    sim.webhooks.replay(event?.id ?? '');
    await until(() => receiver.deliveries.length === 2);
    const replay = receiver.deliveries[1];
    expect(replay?.headers['x-razorpay-event-id']).toBe(event?.id);
    expect(replay?.body).toBe(receiver.deliveries[0]?.body);
    expect(replay?.headers['x-razorpay-signature']).toBe(
      webhookSignature('rotated-webhook-secret', replay?.body ?? ''),
    );
  });
});

describe('checkout page', () => {
  it('shows the order and sends the customer back with the signed result', async () => {
    const order = await newOrder();
    const page = await fetch(
      `${server.url}/checkout?order_id=${order.id}&key_id=${keys.keyId}&callback_url=/pay/done%3FbookingId%3Db1`,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(order.id);
    expect(html).toContain('₹499.00');
    const form = new URLSearchParams({
      order_id: order.id,
      key_id: keys.keyId,
      callback_url: '/pay/done?bookingId=b1',
      outcome: 'success',
      method: 'card',
    });
    const submitted = await fetch(`${server.url}/checkout/pay`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(submitted.status).toBe(303);
    const location = new URL(submitted.headers.get('location') ?? '', 'http://app.test');
    expect(location.pathname).toBe('/pay/done');
    expect(location.searchParams.get('bookingId')).toBe('b1');
    const paymentId = location.searchParams.get('razorpay_payment_id') ?? '';
    expect(location.searchParams.get('razorpay_order_id')).toBe(order.id);
    expect(location.searchParams.get('razorpay_signature')).toBe(
      checkoutSignature(keys.keySecret, order.id, paymentId),
    );
    expect((await client.fetchPayment(paymentId)).method).toBe('card');
  });

  it('returns failures and cancellations as Razorpay error fields', async () => {
    const order = await newOrder();
    const submit = (outcome: string) =>
      fetch(`${server.url}/checkout/pay`, {
        method: 'POST',
        body: new URLSearchParams({
          order_id: order.id,
          key_id: keys.keyId,
          callback_url: 'http://app.test/back',
          outcome,
        }),
        redirect: 'manual',
      });
    const failed = new URL((await submit('failure')).headers.get('location') ?? '');
    expect(failed.searchParams.get('error[reason]')).toBe('payment_failed');
    expect(JSON.parse(failed.searchParams.get('error[metadata]') ?? '{}')).toMatchObject({
      order_id: order.id,
    });
    const abandoned = new URL((await submit('abandon')).headers.get('location') ?? '');
    expect(abandoned.searchParams.get('error[reason]')).toBe('payment_cancelled');
    expect(abandoned.searchParams.get('razorpay_payment_id')).toBeNull();
  });

  it('refuses a foreign key id, an unknown order and a script callback', async () => {
    const order = await newOrder();
    const open = (query: string) => fetch(`${server.url}/checkout?${query}`);
    expect((await open(`order_id=${order.id}&key_id=rzp_test_other&callback_url=/x`)).status).toBe(400);
    expect((await open(`order_id=order_nope&key_id=${keys.keyId}&callback_url=/x`)).status).toBe(400);
    const script = await open(`order_id=${order.id}&key_id=${keys.keyId}&callback_url=javascript:alert(1)`);
    expect(script.status).toBe(400);
    expect(await script.text()).toContain('callback_url must be a path or an http(s) URL');
  });
});

describe('faults and persistence', () => {
  it('loses the answer of a create whose order still exists, as a timeout would', async () => {
    sim.addApiFault({ operation: 'create_order', mode: 'lose_response', remaining: 1, delayMs: 0 });
    await expect(newOrder({ receipt: 'hold_lost' })).rejects.toBeInstanceOf(RazorpayUnavailableError);
    expect(await client.findOrdersByReceipt('hold_lost')).toHaveLength(1);
    sim.addApiFault({ operation: 'any', mode: 'fail', remaining: 1, delayMs: 0 });
    await expect(client.findOrdersByReceipt('hold_lost')).rejects.toBeInstanceOf(RazorpayUnavailableError);
  });

  it('keeps orders, payments and refunds across restarts when given a state file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zefy-rzp-sim-'));
    const stateFile = path.join(dir, 'state.json');
    const first = createRazorpaySimulator({ keys, stateFile });
    const order = first.createOrder({ amount: 10_000, currency: 'INR' });
    first.checkout(order.id, { outcome: 'success' });
    await first.close();
    const second = createRazorpaySimulator({ keys, stateFile });
    expect(second.fetchOrder(order.id).status).toBe('paid');
    expect(second.orderPayments(order.id)).toHaveLength(1);
    await second.close();
    await rm(dir, { recursive: true, force: true });
  });
});
