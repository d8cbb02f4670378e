import { randomUUID } from 'node:crypto';
import type { AdminDashboard, BookingView } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { eventually } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startBookingHarness } from '../../test/booking-harness.ts';
import { capturePayment } from '../booking/booking.commands.ts';
import { emptyWeek } from '../schedule/schedule.ts';

let harness: Harness;
let hubId: string;
let quietHubId: string;
let paid: BookingView;
const partners: string[] = [];

beforeAll(async () => {
  harness = await startBookingHarness({
    databaseUrl: inject('databaseUrl'),
    redisUrl: process.env.REDIS_URL,
  });
  hubId = (await harness.seedHub({ name: 'Indiranagar' })).id;
  quietHubId = (await harness.seedHub({ name: 'Whitefield' })).id;
  const service = await harness.seedService();
  const week = {
    ...emptyWeek(),
    mon: [{ start: '08:00', end: '20:00' }],
    tue: [{ start: '08:00', end: '20:00' }],
  };
  for (let i = 0; i < 3; i += 1) {
    const partner = await harness.seedPartner({ hubId, skills: [service.id] });
    await harness.seedSchedule(partner.id, { weekly: week, daysOff: [] });
    partners.push(partner.id);
  }
  // the clock is Monday 08:00 in Kolkata: two holds today (10:00, 12:00), one tomorrow; the first is paid
  const holds: BookingView[] = [];
  for (const startsAt of [
    '2026-03-02T04:30:00.000Z',
    '2026-03-02T06:30:00.000Z',
    '2026-03-03T04:30:00.000Z',
  ]) {
    const customerId = newId();
    const address = await harness.seedAddress({ customerId, hubId });
    const response = await harness.request('POST', '/api/v1/holds', {
      token: await harness.tokenFor('customer', customerId),
      idempotencyKey: randomUUID(),
      body: { serviceId: service.id, addressId: address.id, window: { kind: 'slot', startsAt } },
    });
    expect(response.status).toBe(201);
    holds.push(response.body as unknown as BookingView);
  }
  paid = holds[0] as BookingView;
  await harness.service.context.db.transaction((tx) =>
    capturePayment(harness.service.deps, tx, {
      bookingId: paid.id,
      orderId: 'order_1',
      paymentId: 'pay_1',
      customerId: paid.customerId,
      amountPaise: paid.price.totalPaise,
    }),
  );
  // two partners go online, one of them goes quiet long enough to count as offline
  for (const partnerId of partners.slice(0, 2)) {
    if (partnerId !== partners[0]) harness.clock.advance(50_000);
    const presence = await harness.request('PUT', '/api/v1/partner/presence', {
      token: await harness.tokenFor('partner', partnerId),
      body: { online: true, lat: 12.97, lng: 77.64 },
    });
    expect(presence.status).toBe(200);
  }
});

afterAll(async () => {
  await harness?.stop();
});

describe('admin dashboard', () => {
  it("shows each hub's bookings today by state, those waiting for a partner and its partners online", async () => {
    harness.clock.advance(20_000);
    const response = await harness.request('GET', '/api/v1/admin/dashboard', {
      token: await harness.tokenFor('ops', newId()),
    });
    expect(response.status).toBe(200);
    const dashboard = response.body as unknown as AdminDashboard;
    expect(dashboard.generatedAt).toBe(harness.clock.now().toISOString());
    expect(dashboard.hubs).toEqual([
      {
        hubId,
        hubName: 'Indiranagar',
        timeZone: 'Asia/Kolkata',
        today: '2026-03-02',
        bookingsToday: [
          { status: 'confirmed', count: 1 },
          { status: 'held', count: 1 },
        ],
        waitingForPartner: 1,
        otpLocked: 0,
        slaBreaches: 0,
        partnersOnline: 1,
        partnersOnDuty: [
          {
            partnerId: partners[1],
            name: expect.any(String),
            lat: 12.97,
            lng: 77.64,
            lastSeenAt: expect.any(String),
          },
        ],
      },
      {
        hubId: quietHubId,
        hubName: 'Whitefield',
        timeZone: 'Asia/Kolkata',
        today: '2026-03-02',
        bookingsToday: [],
        waitingForPartner: 0,
        otpLocked: 0,
        slaBreaches: 0,
        partnersOnline: 0,
        partnersOnDuty: [],
      },
    ]);
  });

  it('counts a booking still waiting for a partner past its escalation deadline as an SLA breach', async () => {
    const dashboard = async () =>
      (
        await harness.request('GET', '/api/v1/admin/dashboard', {
          token: await harness.tokenFor('admin', newId()),
        })
      ).body as unknown as AdminDashboard;
    // the paid booking's round, started by dispatch's consumer of booking.confirmed
    const escalateAt = await eventually(async () => {
      const { rows } = await harness.service.context.db.pool.query<{ escalate_at: string }>(
        `SELECT state->'deadlines'->>'escalateAt' AS escalate_at FROM dispatch_rounds WHERE booking_id = $1`,
        [paid.id],
      );
      expect(rows).toHaveLength(1);
      return Date.parse(rows[0]!.escalate_at);
    });
    harness.clock.advance(escalateAt - harness.clock.now().getTime() - 1000);
    expect((await dashboard()).hubs.map((hub) => hub.slaBreaches)).toEqual([0, 0]);
    harness.clock.advance(1000);
    expect((await dashboard()).hubs.map((hub) => hub.slaBreaches)).toEqual([1, 0]);
  });

  it('is for admins and ops only', async () => {
    const customer = await harness.tokenFor('customer', newId());
    expect((await harness.request('GET', '/api/v1/admin/dashboard', { token: customer })).status).toBe(403);
  });
});
