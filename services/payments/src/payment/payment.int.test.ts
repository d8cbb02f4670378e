import { randomUUID } from 'node:crypto';
import type { LedgerCheck, PaymentOrder, Principal } from '@zefy/contracts';
import { webhookSignature } from '@zefy/razorpay';
import type { CheckoutSuccess, SimWebhookEvent } from '@zefy/stand-ins/razorpay';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { previousWebhookSecret, simKeys, startHarness, until } from '../../test/harness.ts';
import { bookingEvent, heldEvent } from '../../test/holds.ts';
import { insertPendingOrder } from '../orders/orders.repository.ts';

const h = await startHarness(inject('databaseUrl'));
afterAll(() => h.stop());
const adminToken = await h.tokenFor({ id: randomUUID(), role: 'admin' });

const newCustomer = (): Principal => ({ id: randomUUID(), role: 'customer' });

async function createOrder(customer: Principal) {
  const token = await h.tokenFor(customer);
  const response = await h.api('/api/v1/payments/orders', {
    token,
    idempotencyKey: randomUUID(),
    json: { holdId: await h.hold(customer.id) },
  });
  expect(response.status).toBe(201);
  return { order: (await response.json()) as PaymentOrder, token };
}

function pay(order: PaymentOrder): CheckoutSuccess {
  const result = h.sim.checkout(order.razorpayOrderId as string, { outcome: 'success' });
  if (result.outcome !== 'success') throw new Error('checkout did not succeed');
  return result.callback;
}

const verify = (order: PaymentOrder, token: string, callback: CheckoutSuccess) =>
  h.api('/api/v1/payments/verify', { token, json: { orderId: order.id, ...callback } });

const postWebhook = (body: string, signature: string, eventId: string) =>
  fetch(`${h.baseUrl}/api/v1/payments/webhooks/razorpay`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-razorpay-signature': signature,
      'x-razorpay-event-id': eventId,
    },
    body,
  });

const eventsOf = (razorpayPaymentId: string): SimWebhookEvent[] =>
  h.sim.webhooks.events().filter((event) => event.refs.paymentId === razorpayPaymentId);

const capturedEvents = async (razorpayPaymentId: string) =>
  (await h.outbox('payment.captured')).filter(
    (event) => (event.data as { razorpayPaymentId: string }).razorpayPaymentId === razorpayPaymentId,
  );

async function expectBalancedLedger(): Promise<LedgerCheck> {
  const response = await h.api('/api/v1/admin/payments/ledger/check', { token: adminToken });
  const check = (await response.json()) as LedgerCheck;
  expect(check.problems).toEqual([]);
  expect(check.isBalanced).toBe(true);
  return check;
}

async function captureJournals(razorpayPaymentId: string): Promise<number> {
  const { rows } = await h.db.query<{ n: number }>(
    `SELECT count(DISTINCT journal_id)::int AS n FROM ledger_entries l JOIN payments p ON p.id = l.payment_id
     WHERE p.razorpay_payment_id = $1 AND l.kind = 'capture'`,
    [razorpayPaymentId],
  );
  return rows[0]?.n ?? 0;
}

describe('exactly one capture per payment', () => {
  it('publishes payment.captured once when callbacks, webhooks and reconciliation race', async () => {
    const customer = newCustomer();
    const { order, token } = await createOrder(customer);
    const hold = h.sim.webhooks.addFault({ mode: 'hold', events: null, remaining: null, delayMs: 0 });
    const callback = pay(order);
    h.sim.webhooks.clearFaults();
    expect(hold.mode).toBe('hold');
    const held = eventsOf(callback.razorpay_payment_id);
    expect(held.map((event) => event.state)).toEqual(['held', 'held', 'held']);
    const racers = [
      ...Array.from({ length: 6 }, () => verify(order, token, callback).then((response) => response.status)),
      ...held.flatMap((event) =>
        Array.from({ length: 3 }, () =>
          postWebhook(event.body, event.signature, event.id).then((r) => r.status),
        ),
      ),
      // a run already in progress (the harness's periodic one) races just the same
      h
        .api('/api/v1/admin/payments/reconciliations', { token: adminToken, json: { minAgeSeconds: 0 } })
        .then((response) => (response.status === 409 ? 200 : response.status)),
    ];
    const statuses = await Promise.all(racers);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(await capturedEvents(callback.razorpay_payment_id)).toHaveLength(1);
    expect(await captureJournals(callback.razorpay_payment_id)).toBe(1);
    await expectBalancedLedger();
  });

  it('handles one event id delivered many times at once: one processed, the others duplicates', async () => {
    const { order } = await createOrder(newCustomer());
    h.sim.webhooks.addFault({ mode: 'hold', events: null, remaining: null, delayMs: 0 });
    const callback = pay(order);
    h.sim.webhooks.clearFaults();
    const captured = eventsOf(callback.razorpay_payment_id).find(
      (event) => event.name === 'payment.captured',
    ) as SimWebhookEvent;
    const answers = (await Promise.all(
      Array.from({ length: 8 }, async () =>
        (await postWebhook(captured.body, captured.signature, captured.id)).json(),
      ),
    )) as Array<{ status: string }>;
    expect(answers.filter((answer) => answer.status === 'processed')).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 'duplicate')).toHaveLength(7);
    expect(await capturedEvents(callback.razorpay_payment_id)).toHaveLength(1);
  });
});

describe('webhook signatures', () => {
  it('rejects a tampered body with 400, logs it, and changes nothing', async () => {
    const { order } = await createOrder(newCustomer());
    h.sim.webhooks.addFault({ mode: 'hold', events: null, remaining: null, delayMs: 0 });
    const callback = pay(order);
    h.sim.webhooks.clearFaults();
    const captured = eventsOf(callback.razorpay_payment_id).find(
      (event) => event.name === 'payment.captured',
    ) as SimWebhookEvent;
    const tampered = captured.body.replace('"amount":49900', '"amount":100');
    expect(tampered).not.toBe(captured.body);
    const response = await postWebhook(tampered, captured.signature, captured.id);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'PAYMENTS.SIGNATURE_INVALID' });
    const unsigned = await fetch(`${h.baseUrl}/api/v1/payments/webhooks/razorpay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-razorpay-event-id': 'evt_unsigned' },
      body: captured.body,
    });
    expect(unsigned.status).toBe(400);
    expect(
      h.logLines.some((line) => line.includes(captured.id) && line.includes('razorpay webhook rejected')),
    ).toBe(true);
    const { rows: payments } = await h.db.query('SELECT 1 FROM payments WHERE razorpay_payment_id = $1', [
      callback.razorpay_payment_id,
    ]);
    expect(payments).toHaveLength(0);
    const { rows: seen } = await h.db.query('SELECT 1 FROM webhook_events WHERE event_id = $1', [
      captured.id,
    ]);
    expect(seen).toHaveLength(0);
    expect(await capturedEvents(callback.razorpay_payment_id)).toHaveLength(0);
    // the genuine delivery still works afterwards
    expect((await postWebhook(captured.body, captured.signature, captured.id)).status).toBe(200);
    expect(await capturedEvents(callback.razorpay_payment_id)).toHaveLength(1);
  });

  it('accepts events signed with the previous secret during a rotation, and no other', async () => {
    const { order } = await createOrder(newCustomer());
    h.sim.webhooks.addFault({ mode: 'hold', events: null, remaining: null, delayMs: 0 });
    const callback = pay(order);
    h.sim.webhooks.clearFaults();
    const captured = eventsOf(callback.razorpay_payment_id).find(
      (event) => event.name === 'payment.captured',
    ) as SimWebhookEvent;
    const forged = await postWebhook(
      captured.body,
      webhookSignature('some-other-secret', captured.body),
      captured.id,
    );
    expect(forged.status).toBe(400);
    const old = await postWebhook(
      captured.body,
      webhookSignature(previousWebhookSecret, captured.body),
      captured.id,
    );
    expect(old.status).toBe(200);
    expect(await capturedEvents(callback.razorpay_payment_id)).toHaveLength(1);
    expect(simKeys.webhookSecret).not.toBe(previousWebhookSecret);
  });
});

describe('payments that do not match their order', () => {
  it('flags a webhook for another amount and records nothing', async () => {
    const { order } = await createOrder(newCustomer());
    const result = h.sim.checkout(order.razorpayOrderId as string, { outcome: 'success', amount: 100 });
    if (result.outcome !== 'success') throw new Error('checkout did not succeed');
    const paymentId = result.payment.id;
    await until(() => eventsOf(paymentId).every((event) => event.state === 'delivered'));
    expect(await capturedEvents(paymentId)).toHaveLength(0);
    const { rows: payments } = await h.db.query('SELECT 1 FROM payments WHERE razorpay_payment_id = $1', [
      paymentId,
    ]);
    expect(payments).toHaveLength(0);
    const { rows: reviews } = await h.db.query<{ kind: string; source: string }>(
      'SELECT kind, source FROM reviews WHERE razorpay_payment_id = $1',
      [paymentId],
    );
    expect(reviews.length).toBeGreaterThanOrEqual(1);
    expect(reviews.every((review) => review.kind === 'amount_mismatch' && review.source === 'webhook')).toBe(
      true,
    );
    const { rows: outcomes } = await h.db.query<{ outcome: string }>(
      'SELECT outcome FROM webhook_events WHERE event_id = ANY($1)',
      [eventsOf(paymentId).map((event) => event.id)],
    );
    expect(outcomes.map((row) => row.outcome)).toEqual(['flagged', 'flagged', 'flagged']);
    await expectBalancedLedger();
  });
});

describe('orders', () => {
  it('creates one Razorpay order per hold, however many keys ask at once', async () => {
    const customer = newCustomer();
    const token = await h.tokenFor(customer);
    const holdId = await h.hold(customer.id, 29_900);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        h.api('/api/v1/payments/orders', { token, idempotencyKey: randomUUID(), json: { holdId } }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const orders = (await Promise.all(responses.map((response) => response.json()))) as PaymentOrder[];
    expect(new Set(orders.map((order) => order.razorpayOrderId)).size).toBe(1);
    expect(orders[0]).toMatchObject({ amountPaise: 29_900, customerId: customer.id });
    expect(h.sim.listOrders({ receipt: `hold_${holdId.replaceAll('-', '')}` })).toHaveLength(1);
    expect(
      (await h.outbox('payment.order_created')).filter(
        (event) => (event.data as { holdId: string }).holdId === holdId,
      ),
    ).toHaveLength(1);
  });

  it('reserves one order row per hold when many first orders insert it at once', async () => {
    // the race needs inserts that pass PostgreSQL's conflict check together: many connections, many rounds
    const connections = 12;
    const pool = new pg.Pool({
      connectionString: h.databaseUrl,
      options: '-c search_path=payments',
      max: connections,
    });
    try {
      await Promise.all(Array.from({ length: connections }, () => pool.query('SELECT 1')));
      const holdIds = Array.from({ length: 100 }, () => randomUUID());
      for (const holdId of holdIds)
        await Promise.all(
          Array.from({ length: connections }, () =>
            insertPendingOrder(pool, {
              id: randomUUID(),
              holdId,
              customerId: randomUUID(),
              amountPaise: 29_900,
              at: new Date(),
            }),
          ),
        );
      const { rows } = await h.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM orders WHERE hold_id = ANY($1::uuid[])',
        [holdIds],
      );
      expect(rows[0]?.n).toBe(holdIds.length);
    } finally {
      await pool.end();
    }
  });

  it('finds the order again when Razorpay made it but its answer was lost', async () => {
    const customer = newCustomer();
    const token = await h.tokenFor(customer);
    const holdId = await h.hold(customer.id, 29_900);
    const key = randomUUID();
    h.sim.addApiFault({ operation: 'create_order', mode: 'lose_response', remaining: 1, delayMs: 0 });
    const first = await h.api('/api/v1/payments/orders', {
      token,
      idempotencyKey: key,
      json: { holdId },
    });
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ code: 'UPSTREAM.UNAVAILABLE' });
    const retry = await h.api('/api/v1/payments/orders', { token, idempotencyKey: key, json: { holdId } });
    expect(retry.status).toBe(201);
    expect(h.sim.listOrders({ receipt: `hold_${holdId.replaceAll('-', '')}` })).toHaveLength(1);
  });
});

const receiptOrders = (holdId: string) => h.sim.listOrders({ receipt: `hold_${holdId.replaceAll('-', '')}` });

const orderFor = async (customer: Principal, json: unknown) =>
  h.api('/api/v1/payments/orders', { token: await h.tokenFor(customer), idempotencyKey: randomUUID(), json });

const closeHold = (holdId: string, customerId: string) =>
  h.publish(
    bookingEvent('booking.cancelled', {
      bookingId: holdId,
      customerId,
      hubId: randomUUID(),
      cancelledBy: 'customer',
      reason: 'changed my mind',
      paymentId: null,
      refundDuePaise: 0,
    }),
  );

describe('orders only for your own hold, at its price', () => {
  it("answers another customer's hold exactly as an unknown one, and asks Razorpay for nothing", async () => {
    const alice = newCustomer();
    const mallory = newCustomer();
    const holdId = await h.hold(alice.id, 58_882);
    const foreign = await orderFor(mallory, { holdId });
    const unknownId = randomUUID();
    const unknown = await orderFor(mallory, { holdId: unknownId });
    for (const response of [foreign, unknown]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ code: 'PAYMENTS.HOLD_NOT_FOUND' });
    }
    expect(receiptOrders(holdId)).toEqual([]);
    expect(receiptOrders(unknownId)).toEqual([]);
    const own = await orderFor(alice, { holdId });
    expect(own.status).toBe(201);
    expect(await own.json()).toMatchObject({ customerId: alice.id, amountPaise: 58_882 });
  });

  it('charges the hold’s total: the request has no say in the amount', async () => {
    const alice = newCustomer();
    const holdId = await h.hold(alice.id, 58_882);
    const cheap = await orderFor(alice, { holdId, amountPaise: 100 });
    expect(cheap.status).toBe(400);
    expect(receiptOrders(holdId)).toEqual([]);
    const order = (await (await orderFor(alice, { holdId })).json()) as PaymentOrder;
    expect(order.amountPaise).toBe(58_882);
    expect(receiptOrders(holdId).map((created) => created.amount)).toEqual([58_882]);
  });

  it('refuses an expired hold and a closed one before asking Razorpay', async () => {
    const alice = newCustomer();
    const lapsing = await h.hold(alice.id);
    const cancelled = await h.hold(alice.id);
    await closeHold(cancelled, alice.id);
    // closed before payments heard it was placed: events may arrive out of order
    const early = randomUUID();
    await closeHold(early, alice.id);
    await until(
      async () => (await h.db.query('SELECT 1 FROM payables WHERE id = $1', [early])).rows.length === 1,
    );
    await h.publish(
      heldEvent({
        holdId: early,
        customerId: alice.id,
        amountPaise: 49_900,
        expiresAt: new Date(h.clock.now().getTime() + 600_000),
      }),
    );
    await until(
      async () =>
        (await h.db.query('SELECT 1 FROM payables WHERE id = $1 AND amount_paise IS NOT NULL', [early])).rows
          .length === 1,
    );
    await until(
      async () =>
        (await h.db.query("SELECT 1 FROM payables WHERE id = $1 AND state = 'closed'", [cancelled])).rows
          .length === 1,
    );
    h.clock.advance(600_000);
    const expired = await orderFor(alice, { holdId: lapsing });
    expect(expired.status).toBe(409);
    expect(await expired.json()).toMatchObject({ code: 'PAYMENTS.HOLD_EXPIRED' });
    for (const holdId of [cancelled, early]) {
      const closed = await orderFor(alice, { holdId });
      expect(closed.status).toBe(409);
      expect(await closed.json()).toMatchObject({ code: 'PAYMENTS.HOLD_CLOSED' });
    }
    for (const holdId of [lapsing, cancelled, early]) expect(receiptOrders(holdId)).toEqual([]);
  });

  it('waits for a hold placed a moment ago that payments has not heard of yet', async () => {
    const alice = newCustomer();
    const event = heldEvent({
      customerId: alice.id,
      amountPaise: 31_000,
      expiresAt: new Date(h.clock.now().getTime() + 600_000),
    });
    const asked = orderFor(alice, { holdId: event.data.bookingId });
    setTimeout(() => void h.publish(event), 200);
    const response = await asked;
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ amountPaise: 31_000 });
  });
});
