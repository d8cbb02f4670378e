import { randomUUID } from 'node:crypto';
import type { BookingView, EventEnvelope } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { createTestDatabase, type TestDatabase } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startBookingHarness } from '../../test/booking-harness.ts';
import { emptyWeek } from '../schedule/schedule.ts';
import { capturePayment, expireLapsedHolds, systemActor, transition } from './booking.repository.ts';

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

async function timeline(bookingId: string) {
  const { rows } = await db().pool.query<{ type: string; sequence: number }>(
    'SELECT type, sequence FROM booking_events WHERE booking_id = $1 ORDER BY sequence',
    [bookingId],
  );
  return rows.map((row) => row.type);
}

async function outbox(bookingId: string): Promise<EventEnvelope[]> {
  const { rows } = await db().pool.query<{ envelope: EventEnvelope }>(
    `SELECT envelope FROM outbox WHERE envelope->'data'->>'bookingId' = $1 ORDER BY created_at, id`,
    [bookingId],
  );
  return rows.map((row) => row.envelope);
}

const startPayment = (bookingId: string, orderId: string, amountPaise: number) =>
  db().transaction((tx) =>
    transition(
      tx,
      bookingId,
      { type: 'StartPayment', orderId, amountPaise },
      { actor: systemActor, clock: harness.clock },
    ),
  );

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
      window: { kind: 'slot', startsAt: tuesdayTen, endsAt: '2026-03-03T05:30:00.000Z' },
      holdExpiresAt: '2026-03-02T02:40:00.000Z',
    });

    await startPayment(hold.id, 'order_A', hold.price.totalPaise);
    const payment = {
      bookingId: hold.id,
      orderId: 'order_A',
      paymentId: 'pay_A',
      amountPaise: hold.price.totalPaise,
    };
    // the checkout callback and the webhook race
    const [first, second] = await Promise.all([
      capturePayment(db(), payment, harness.clock),
      capturePayment(db(), payment, harness.clock),
    ]);
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
    const { rows } = await db().pool.query(
      'SELECT expires_at, released_at FROM capacity_claims WHERE booking_id = $1',
      [hold.id],
    );
    expect(rows).toEqual([{ expires_at: null, released_at: null }]);

    // long after the hold would have lapsed, the confirmed booking still holds the slot
    harness.clock.advance(3600_000);
    expect(await expireLapsedHolds(db(), harness.clock)).toBeGreaterThanOrEqual(0);
    const other = await newCustomer(hold.hubId);
    expect((await placeSlotHold(other, service.id)).body).toMatchObject({ code: 'BOOKING.NO_CAPACITY' });
    harness.clock.advance(-3600_000);
  });

  it('refunds a payment captured after the hold lapsed and someone else took the time', async () => {
    const { service, customer, hub } = await scene();
    const first = (await placeSlotHold(customer, service.id)).body as unknown as BookingView;
    await startPayment(first.id, 'order_late', first.price.totalPaise);
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

    const late = await capturePayment(
      db(),
      {
        bookingId: first.id,
        orderId: 'order_late',
        paymentId: 'pay_late',
        amountPaise: first.price.totalPaise,
      },
      harness.clock,
    );
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
    expect(await expireLapsedHolds(db(), harness.clock)).toBeGreaterThanOrEqual(1);
    expect(
      (await harness.request('GET', `/api/v1/bookings/${hold.id}`, { token: customer.token })).body,
    ).toMatchObject({
      status: 'expired',
    });
    const late = await capturePayment(
      db(),
      { bookingId: hold.id, orderId: 'order_x', paymentId: 'pay_x', amountPaise: hold.price.totalPaise },
      harness.clock,
    );
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
    expect(again.body).toMatchObject({ code: 'BOOKING.TRANSITION_NOT_ALLOWED' });
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
