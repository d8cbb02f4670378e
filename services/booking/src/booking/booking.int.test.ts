import { randomUUID } from 'node:crypto';
import type { BookingView, EventEnvelope } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { createTestDatabase, type TestDatabase } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startBookingHarness } from '../../test/booking-harness.ts';
import { emptyWeek } from '../schedule/schedule.ts';
import {
  type CapturedPaymentFact,
  capturePayment,
  expireLapsedHolds,
  startPayment,
} from './booking.commands.ts';

let harness: Harness;
let database: TestDatabase;
const servers = () => ({ databaseUrl: inject('databaseUrl'), redisUrl: process.env.REDIS_URL });
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  harness = await startBookingHarness(servers(), { database, config: { holdTtlSeconds: 600 } });
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const tuesdayTen = '2026-03-03T04:30:00.000Z';
const allWeek = {
  ...emptyWeek(),
  mon: [{ start: '08:00', end: '20:00' }],
  tue: [{ start: '08:00', end: '20:00' }],
};

/** A hub with one scheduled partner and a customer with an address there. */
async function scene() {
  const hub = await harness.seedHub();
  const service = await harness.seedService();
  const partner = await harness.seedPartner({ hubId: hub.id, skills: [service.id] });
  await harness.seedSchedule(partner.id, { weekly: allWeek, daysOff: [] });
  const customer = await newCustomer(hub.id);
  return { hub, service, partner, customer };
}

async function newCustomer(hubId: string) {
  const customerId = newId();
  const address = await harness.seedAddress({ customerId, hubId });
  return { customerId, address, token: await harness.tokenFor('customer', customerId) };
}

async function placeSlotHold(
  customer: { token: string; address: { id: string } },
  serviceId: string,
  startsAt = tuesdayTen,
  idempotencyKey = randomUUID(),
) {
  return harness.request('POST', '/api/v1/holds', {
    token: customer.token,
    idempotencyKey,
    body: { serviceId, addressId: customer.address.id, window: { kind: 'slot', startsAt } },
  });
}

const db = () => harness.service.context.db;

// the booking's own rows: dispatch's steps join a confirmed booking's timeline from its own consumer, at
// their own pace (dispatch's tests look at them)
async function timeline(bookingId: string) {
  const { rows } = await db().pool.query<{ type: string; sequence: number }>(
    `SELECT type, sequence FROM booking_events WHERE booking_id = $1 AND type LIKE 'booking.%' ORDER BY sequence`,
    [bookingId],
  );
  return rows.map((row) => row.type);
}

async function outbox(bookingId: string): Promise<EventEnvelope[]> {
  const { rows } = await db().pool.query<{ envelope: EventEnvelope }>(
    `SELECT envelope FROM outbox WHERE envelope->'data'->>'bookingId' = $1 AND type LIKE 'booking.%'
     ORDER BY created_at, id`,
    [bookingId],
  );
  return rows.map((row) => row.envelope);
}

/** The payments service opened an order for the hold. */
const orderOpened = (hold: BookingView, orderId: string) =>
  db().transaction((tx) =>
    startPayment(harness.service.deps, tx, {
      bookingId: hold.id,
      orderId,
      customerId: hold.customerId,
      amountPaise: hold.price.totalPaise,
    }),
  );

/** A verified payment, as the payments consumer applies it. */
const capture = (payment: CapturedPaymentFact) =>
  db().transaction((tx) => capturePayment(harness.service.deps, tx, payment));

describe('a hold becomes a booking when its payment is captured', () => {
  it('confirms exactly once, keeps the partner’s time for good, and records the timeline and the outbox', async () => {
    const { service, customer } = await scene();
    const placed = await placeSlotHold(customer, service.id);
    expect(placed.status).toBe(201);
    const hold = placed.body as unknown as BookingView;
    expect(hold).toMatchObject({
      status: 'held',
      orderId: null,
      payment: null,
      timeZone: 'Asia/Kolkata',
      window: { kind: 'slot', startsAt: tuesdayTen, endsAt: '2026-03-03T05:30:00.000Z' },
      holdExpiresAt: '2026-03-02T02:40:00.000Z',
    });

    await orderOpened(hold, 'order_A');
    const payment = {
      bookingId: hold.id,
      orderId: 'order_A',
      paymentId: 'pay_A',
      customerId: customer.customerId,
      amountPaise: hold.price.totalPaise,
    };
    // the checkout callback and the webhook race
    const [first, second] = await Promise.all([capture(payment), capture(payment)]);
    const confirmations = [first, second].flatMap((result) => result?.events ?? []);
    expect(confirmations.map((event) => event.type)).toEqual(['booking.confirmed']);

    const view = await harness.request('GET', `/api/v1/bookings/${hold.id}`, { token: customer.token });
    expect(view.body).toMatchObject({
      status: 'confirmed',
      orderId: 'order_A',
      payment: { paymentId: 'pay_A', amountPaise: hold.price.totalPaise },
    });
    expect(await timeline(hold.id)).toEqual(['booking.held', 'booking.payment_started', 'booking.confirmed']);
    expect((await outbox(hold.id)).map((event) => event.type)).toEqual([
      'booking.held',
      'booking.payment_started',
      'booking.confirmed',
    ]);
    expect((await outbox(hold.id)).at(-1)?.data).toMatchObject({ timeZone: 'Asia/Kolkata' });
    const { rows } = await db().pool.query(
      'SELECT expires_at, released_at FROM capacity_claims WHERE booking_id = $1',
      [hold.id],
    );
    expect(rows).toEqual([{ expires_at: null, released_at: null }]);

    // long after the hold would have lapsed, the confirmed booking still holds the slot
    harness.clock.advance(3600_000);
    expect(await expireLapsedHolds(harness.service.deps)).toBeGreaterThanOrEqual(0);
    const other = await newCustomer(hold.hubId);
    expect((await placeSlotHold(other, service.id)).body).toMatchObject({ code: 'BOOKING.NO_CAPACITY' });
    harness.clock.advance(-3600_000);
  });

  it('refunds a payment captured after the hold lapsed and someone else took the time', async () => {
    const { service, customer, hub } = await scene();
    const first = (await placeSlotHold(customer, service.id)).body as unknown as BookingView;
    await orderOpened(first, 'order_late');
    harness.clock.advance(601_000);

    // the slot shows free again at once, before any sweeper ran
    const rival = await newCustomer(hub.id);
    const taken = await placeSlotHold(rival, service.id);
    expect(taken.status).toBe(201);
    expect(await timeline(first.id)).toEqual([
      'booking.held',
      'booking.payment_started',
      'booking.hold_expired',
    ]);

    const late = await capture({
      bookingId: first.id,
      orderId: 'order_late',
      paymentId: 'pay_late',
      customerId: customer.customerId,
      amountPaise: first.price.totalPaise,
    });
    expect(late?.booking.status).toBe('rejected');
    const rejection = (await outbox(first.id)).find((event) => event.type === 'booking.payment_rejected');
    expect(rejection?.data).toMatchObject({
      paymentId: 'pay_late',
      amountPaise: first.price.totalPaise,
      reason: 'hold_expired',
      customerId: customer.customerId,
    });
    harness.clock.advance(-601_000);
  });

  it('still confirms a late payment when the partner’s time is free to take again', async () => {
    const { service, customer } = await scene();
    const hold = (await placeSlotHold(customer, service.id)).body as unknown as BookingView;
    harness.clock.advance(700_000);
    expect(await expireLapsedHolds(harness.service.deps)).toBeGreaterThanOrEqual(1);
    expect(
      (await harness.request('GET', `/api/v1/bookings/${hold.id}`, { token: customer.token })).body,
    ).toMatchObject({
      status: 'expired',
    });
    const late = await capture({
      bookingId: hold.id,
      orderId: 'order_x',
      paymentId: 'pay_x',
      customerId: customer.customerId,
      amountPaise: hold.price.totalPaise,
    });
    expect(late?.booking.status).toBe('confirmed');
    expect(await timeline(hold.id)).toEqual(['booking.held', 'booking.hold_expired', 'booking.confirmed']);
    harness.clock.advance(-700_000);
  });
});

describe('idempotency and ownership', () => {
  it('places one hold for the same Idempotency-Key sent twice at once, and replays it afterwards', async () => {
    const { service, customer } = await scene();
    const key = randomUUID();
    const [a, b] = await Promise.all([
      placeSlotHold(customer, service.id, tuesdayTen, key),
      placeSlotHold(customer, service.id, tuesdayTen, key),
    ]);
    const statuses = [a.status, b.status].sort();
    // the loser either waited for the winner's stored answer or was told the first is still running
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const winner = (a.status === 201 ? a : b).body as unknown as BookingView;
    const replay = await placeSlotHold(customer, service.id, tuesdayTen, key);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(winner.id);
    const { rows } = await db().pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM bookings WHERE customer_id = $1',
      [customer.customerId],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('shows a booking only to its customer and admins, and lets the customer drop an unpaid hold', async () => {
    const { service, customer, hub } = await scene();
    const hold = (await placeSlotHold(customer, service.id)).body as unknown as BookingView;
    // the hold's answer is the booking as stored
    expect(
      (await harness.request('GET', `/api/v1/bookings/${hold.id}`, { token: customer.token })).body,
    ).toEqual(hold);
    const stranger = await newCustomer(hub.id);
    expect(
      (await harness.request('GET', `/api/v1/bookings/${hold.id}`, { token: stranger.token })).body,
    ).toMatchObject({ code: 'BOOKING.NOT_FOUND' });
    const admin = await harness.tokenFor('admin', newId());
    expect((await harness.request('GET', `/api/v1/bookings/${hold.id}`, { token: admin })).status).toBe(200);
    const strangerCancel = await harness.request('POST', `/api/v1/bookings/${hold.id}/cancel`, {
      token: stranger.token,
      body: { reason: 'mine now' },
    });
    expect(strangerCancel.status).toBe(404);
    const cancelled = await harness.request('POST', `/api/v1/bookings/${hold.id}/cancel`, {
      token: customer.token,
      body: { reason: 'changed my mind' },
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    // the slot is free again
    expect((await placeSlotHold(stranger, service.id)).status).toBe(201);
    const again = await harness.request('POST', `/api/v1/bookings/${hold.id}/cancel`, {
      token: customer.token,
      body: { reason: 'twice' },
    });
    // a repeated cancel (a double tap) answers the same and changes nothing
    expect(again).toMatchObject({ status: 200, body: { status: 'cancelled', cancelledBy: 'customer' } });
  });
});

describe('unpaid holds per customer', () => {
  const tuesdayAt = (hour: number) => new Date(Date.parse(tuesdayTen) + hour * 3600_000).toISOString();

  it('lets one customer keep at most two unpaid holds, however many they ask for at once', async () => {
    const { service, customer } = await scene();
    const answers = await Promise.all(
      [0, 1, 2, 3, 4].map((hour) => placeSlotHold(customer, service.id, tuesdayAt(hour))),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(2);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.map((answer) => [answer.status, answer.body.code])).toEqual(
      Array.from({ length: 3 }, () => [409, 'BOOKING.UNPAID_HOLDS_LIMIT']),
    );
    const { rows } = await db().pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM capacity_claims c JOIN bookings b ON b.id = c.booking_id
       WHERE b.customer_id = $1 AND c.released_at IS NULL`,
      [customer.customerId],
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('counts neither cancelled, paid nor lapsed holds', async () => {
    const { service, customer } = await scene();
    const first = (await placeSlotHold(customer, service.id, tuesdayAt(0))).body as unknown as BookingView;
    const second = (await placeSlotHold(customer, service.id, tuesdayAt(1))).body as unknown as BookingView;
    expect((await placeSlotHold(customer, service.id, tuesdayAt(2))).body).toMatchObject({
      code: 'BOOKING.UNPAID_HOLDS_LIMIT',
    });
    await harness.request('POST', `/api/v1/bookings/${first.id}/cancel`, {
      token: customer.token,
      body: { reason: 'another time' },
    });
    const third = (await placeSlotHold(customer, service.id, tuesdayAt(2))).body as unknown as BookingView;
    expect(third.status).toBe('held');
    await capture({
      bookingId: second.id,
      orderId: 'order_cap',
      paymentId: 'pay_cap',
      customerId: customer.customerId,
      amountPaise: second.price.totalPaise,
    });
    expect((await placeSlotHold(customer, service.id, tuesdayAt(3))).status).toBe(201);
    harness.clock.advance(601_000);
    expect((await placeSlotHold(customer, service.id, tuesdayAt(4))).status).toBe(201);
    harness.clock.advance(-601_000);
  });
});

describe('holds survive a restart', () => {
  it('keeps the hold and its claim after the service restarts, and the sweeper expires it later', async () => {
    const { service, customer, hub } = await scene();
    const hold = (await placeSlotHold(customer, service.id)).body as unknown as BookingView;
    await harness.stop();
    harness = await startBookingHarness(servers(), {
      database,
      clock: harness.clock,
      config: { sweepIntervalMs: 50 },
    });
    // the new process signs with a new key in this harness: sign in again
    customer.token = await harness.tokenFor('customer', customer.customerId);
    const rival = await newCustomer(hub.id);
    expect((await placeSlotHold(rival, service.id)).body).toMatchObject({ code: 'BOOKING.NO_CAPACITY' });
    harness.clock.advance(601_000);
    const deadline = Date.now() + 10_000;
    let status = 'held';
    while (status !== 'expired' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = String(
        (await harness.request('GET', `/api/v1/bookings/${hold.id}`, { token: customer.token })).body.status,
      );
    }
    expect(status).toBe('expired');
    expect((await outbox(hold.id)).map((event) => event.type)).toContain('booking.hold_expired');
    harness.clock.advance(-601_000);
  });
});
