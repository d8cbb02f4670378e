import { randomUUID } from 'node:crypto';
import type { AdminBookingDetail, AdminBookingRow, BookingView } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { eventually } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startBookingHarness } from '../../test/booking-harness.ts';
import { capturePayment } from '../booking/booking.commands.ts';
import { emptyWeek } from '../schedule/schedule.ts';

let harness: Harness;
let admin: string;
const holds: BookingView[] = [];
let otherHubId: string;
let hubId: string;

beforeAll(async () => {
  harness = await startBookingHarness({
    databaseUrl: inject('databaseUrl'),
    redisUrl: process.env.REDIS_URL,
  });
  admin = await harness.tokenFor('admin', newId());
  const hub = await harness.seedHub();
  hubId = hub.id;
  otherHubId = (await harness.seedHub({ name: 'North' })).id;
  const service = await harness.seedService();
  const week = {
    ...emptyWeek(),
    tue: [{ start: '08:00', end: '20:00' }],
    wed: [{ start: '08:00', end: '20:00' }],
  };
  for (let i = 0; i < 3; i += 1) {
    const partner = await harness.seedPartner({ hubId: hub.id, skills: [service.id] });
    await harness.seedSchedule(partner.id, { weekly: week, daysOff: [] });
  }
  // three holds: Tuesday 10:00 and 12:00, Wednesday 10:00 (IST), one minute apart
  for (const startsAt of [
    '2026-03-03T04:30:00.000Z',
    '2026-03-03T06:30:00.000Z',
    '2026-03-04T04:30:00.000Z',
  ]) {
    const customerId = newId();
    const address = await harness.seedAddress({ customerId, hubId: hub.id });
    const response = await harness.request('POST', '/api/v1/holds', {
      token: await harness.tokenFor('customer', customerId),
      idempotencyKey: randomUUID(),
      body: { serviceId: service.id, addressId: address.id, window: { kind: 'slot', startsAt } },
    });
    expect(response.status).toBe(201);
    holds.push(response.body as unknown as BookingView);
    harness.clock.advance(60_000);
  }
  const first = holds[0] as BookingView;
  await harness.service.deps.db.transaction((tx) =>
    capturePayment(harness.service.deps, tx, {
      bookingId: first.id,
      orderId: 'order_1',
      paymentId: 'pay_1',
      customerId: first.customerId,
      amountPaise: first.price.totalPaise,
    }),
  );
});
afterAll(async () => {
  await harness?.stop();
});

const list = async (query: string) => {
  const response = await harness.request('GET', `/api/v1/admin/bookings${query}`, { token: admin });
  return response as unknown as {
    status: number;
    body: { items: AdminBookingRow[]; nextCursor: string | null; code?: string };
  };
};
const ids = (items: AdminBookingRow[]) => items.map((item) => item.id);

describe('admin bookings list', () => {
  it('lists newest first and filters by hub, state and the booked day in the hub timezone', async () => {
    const [a, b, c] = holds.map((hold) => hold.id);
    expect(ids((await list(`?hubId=${hubId}`)).body.items)).toEqual([c, b, a]);
    expect((await list(`?hubId=${otherHubId}`)).body.items).toEqual([]);
    expect(ids((await list(`?hubId=${hubId}&status=confirmed`)).body.items)).toEqual([a]);
    expect(ids((await list(`?hubId=${hubId}&status=held`)).body.items)).toEqual([c, b]);
    expect(ids((await list(`?hubId=${hubId}&date=2026-03-03`)).body.items)).toEqual([b, a]);
    const row = (await list(`?hubId=${hubId}&status=confirmed`)).body.items[0];
    expect(row).toMatchObject({
      timeZone: 'Asia/Kolkata',
      serviceName: 'Bathroom cleaning',
      customerPhone: '+919800000001',
      totalPaise: 58_882,
    });
  });

  it('tells bookings paid for from holds never paid', async () => {
    const [a, b, c] = holds.map((hold) => hold.id);
    expect(ids((await list(`?hubId=${hubId}&paid=true`)).body.items)).toEqual([a]);
    expect(ids((await list(`?hubId=${hubId}&paid=false`)).body.items)).toEqual([c, b]);
    expect(ids((await list(`?hubId=${hubId}&paid=false&status=confirmed`)).body.items)).toEqual([]);
  });

  it('searches by booking id and by the digits of a phone', async () => {
    const [a] = holds.map((hold) => hold.id);
    expect(ids((await list(`?q=${a}`)).body.items)).toEqual([a]);
    expect((await list(`?hubId=${hubId}&q=${encodeURIComponent('98000 00001')}`)).body.items).toHaveLength(3);
    expect((await list(`?q=12345678`)).body.items).toEqual([]);
    expect(await list('?q=asha')).toMatchObject({ status: 400, body: { code: 'REQUEST.VALIDATION_FAILED' } });
  });

  it('pages with a cursor without skipping or repeating, and refuses a forged cursor', async () => {
    const first = await list(`?hubId=${hubId}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await list(`?hubId=${hubId}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([...ids(first.body.items), ...ids(second.body.items)]).toEqual(
      holds.map((hold) => hold.id).reverse(),
    );
    expect(await list('?cursor=forged')).toMatchObject({ status: 400 });
  });

  it('is for admins and ops only', async () => {
    const customer = await harness.tokenFor('customer', newId());
    expect((await harness.request('GET', '/api/v1/admin/bookings', { token: customer })).status).toBe(403);
    const ops = await harness.tokenFor('ops', newId());
    expect((await harness.request('GET', '/api/v1/admin/bookings', { token: ops })).status).toBe(200);
  });
});

describe('admin booking detail', () => {
  it('shows the booking with its timeline in order, dispatch’s steps included', async () => {
    const first = holds[0] as BookingView;
    // dispatch starts on the confirmation, in its own consumer
    const detail = await eventually(async () => {
      const response = await harness.request('GET', `/api/v1/admin/bookings/${first.id}`, { token: admin });
      const found = response.body as unknown as AdminBookingDetail;
      expect(found.timeline).toHaveLength(4);
      return found;
    });
    expect(detail.booking).toMatchObject({ id: first.id, status: 'confirmed' });
    expect(detail.customerPhone).toBe('+919800000001');
    expect(detail.timeline.map((entry) => [entry.sequence, entry.type, entry.actor.kind])).toEqual([
      [1, 'booking.held', 'customer'],
      [2, 'booking.confirmed', 'system'],
      [3, 'dispatch.started', 'system'],
      [4, 'dispatch.offers_sent', 'system'],
    ]);
    expect(detail.timeline[1]?.data).toMatchObject({ paymentId: 'pay_1', serviceName: 'Bathroom cleaning' });
    const missing = await harness.request('GET', `/api/v1/admin/bookings/${newId()}`, { token: admin });
    expect(missing).toMatchObject({ status: 404, body: { code: 'BOOKING.NOT_FOUND' } });
  });
});
