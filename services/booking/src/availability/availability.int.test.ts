import { randomUUID } from 'node:crypto';
import { newId } from '@zefy/platform';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startBookingHarness } from '../../test/booking-harness.ts';
import { emptyWeek } from '../schedule/schedule.ts';

const harness = await startBookingHarness({
  databaseUrl: inject('databaseUrl'),
  redisUrl: process.env.REDIS_URL,
});
afterAll(() => harness.stop());

const weekdays9to5 = {
  ...emptyWeek(),
  mon: [{ start: '09:00', end: '17:00' }],
  tue: [{ start: '09:00', end: '17:00' }],
};

/** A hub with one service and `partners` approved partners with the skill. */
async function hubWithPartners(partners: number) {
  const hub = await harness.seedHub();
  const service = await harness.seedService();
  const partnerIds: string[] = [];
  for (let i = 0; i < partners; i += 1)
    partnerIds.push((await harness.seedPartner({ hubId: hub.id, skills: [service.id] })).id);
  return { hub, service, partnerIds };
}

async function customerAt(hubId: string) {
  const customerId = newId();
  const address = await harness.seedAddress({ customerId, hubId });
  return { customerId, address, token: await harness.tokenFor('customer', customerId) };
}

async function goOnline(partnerId: string, position = { lat: 12.97, lng: 77.6 }) {
  const token = await harness.tokenFor('partner', partnerId);
  const response = await harness.request('PUT', '/api/v1/partner/presence', {
    token,
    body: { online: true, ...position },
  });
  expect(response.status).toBe(200);
}

const availability = (token: string, serviceId: string, addressId: string, date?: string) =>
  harness.request(
    'GET',
    `/api/v1/availability?serviceId=${serviceId}&addressId=${addressId}${date ? `&date=${date}` : ''}`,
    { token },
  );

const hold = (token: string, body: unknown, idempotencyKey: string = randomUUID()) =>
  harness.request('POST', '/api/v1/holds', { token, body, idempotencyKey });

/**
 * A customer whose hold was refused: the winner's own unpaid hold is free to them (a new hold of theirs
 * supersedes it), so only someone else sees what the winner took.
 */
function aLoser<C>(customers: C[], results: Array<{ status: number }>): C {
  const loser = customers[results.findIndex((result) => result.status === 409)];
  if (!loser) throw new Error('every customer got a hold');
  return loser;
}

const countRows = async (sql: string, params: unknown[] = []) => {
  const { rows } = await harness.service.context.db.pool.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
};

describe('availability now', () => {
  it('is available with an online, fresh, free partner in the hub, and not once the heartbeat is stale', async () => {
    const { service, partnerIds, hub } = await hubWithPartners(1);
    const customer = await customerAt(hub.id);
    let answer = await availability(customer.token, service.id, customer.address.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ isServiceable: true, hubId: hub.id, now: { available: false } });

    await goOnline(partnerIds[0] as string);
    answer = await availability(customer.token, service.id, customer.address.id);
    expect(answer.body).toMatchObject({
      now: { available: true },
      timezone: 'Asia/Kolkata',
      slotMinutes: 60,
    });

    harness.clock.advance(61_000);
    answer = await availability(customer.token, service.id, customer.address.id);
    expect(answer.body).toMatchObject({ now: { available: false } });
  });

  it('does not count a partner outside the hub, without the skill, or not approved', async () => {
    const hub = await harness.seedHub();
    const service = await harness.seedService();
    const outside = await harness.seedPartner({ hubId: hub.id, skills: [service.id] });
    const plumber = await harness.seedPartner({ hubId: hub.id, skills: [newId()] });
    const suspended = await harness.seedPartner({ hubId: hub.id, skills: [service.id], status: 'approved' });
    await goOnline(outside.id, { lat: 19.07, lng: 72.87 });
    await goOnline(plumber.id);
    await goOnline(suspended.id);
    await harness.seedPartner({ ...suspended, hubId: hub.id, status: 'suspended' });
    const customer = await customerAt(hub.id);
    const answer = await availability(customer.token, service.id, customer.address.id);
    expect(answer.body).toMatchObject({ now: { available: false } });
  });

  it('gives exactly one hold to 50 customers racing for the last free partner', async () => {
    const { service, partnerIds, hub } = await hubWithPartners(1);
    await goOnline(partnerIds[0] as string);
    const customers = await Promise.all(Array.from({ length: 50 }, () => customerAt(hub.id)));
    const results = await Promise.all(
      customers.map(async (customer) => {
        const answer = await availability(customer.token, service.id, customer.address.id);
        expect(answer.status).toBe(200);
        return hold(customer.token, {
          serviceId: service.id,
          addressId: customer.address.id,
          window: { kind: 'now' },
        });
      }),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const result of results.filter((r) => r.status === 409))
      expect(result.body).toMatchObject({ code: 'BOOKING.NO_CAPACITY' });
    const winner = results.find((result) => result.status === 201)?.body;
    expect(winner).toMatchObject({
      status: 'held',
      window: { kind: 'now' },
      price: { basePaise: 49_900, taxPaise: 8982, totalPaise: 58_882 },
    });
    expect(
      await countRows(
        `SELECT count(*)::int AS n FROM capacity_claims WHERE partner_id = $1 AND released_at IS NULL`,
        partnerIds,
      ),
    ).toBe(1);
    const loser = aLoser(customers, results);
    const after = await availability(loser.token, service.id, loser.address.id);
    expect(after.body).toMatchObject({ now: { available: false } });
  });
});

describe('availability of slots', () => {
  it('lists the day’s slots in the hub timezone from the partners’ schedules', async () => {
    const { service, partnerIds, hub } = await hubWithPartners(1);
    await harness.seedSchedule(partnerIds[0] as string, { weekly: weekdays9to5, daysOff: ['2026-03-02'] });
    const customer = await customerAt(hub.id);
    const tuesday = await availability(customer.token, service.id, customer.address.id, '2026-03-03');
    const slots = tuesday.body.slots as Array<{ startsAt: string; available: boolean }>;
    const open = slots.filter((slot) => slot.available).map((slot) => slot.startsAt);
    // 09:00 to 16:00 IST, every half hour, each a 60-minute slot inside 09:00–17:00
    expect(open[0]).toBe('2026-03-03T03:30:00.000Z');
    expect(open.at(-1)).toBe('2026-03-03T10:30:00.000Z');
    expect(open).toHaveLength(15);
    expect(slots).toHaveLength(47);
    const monday = await availability(customer.token, service.id, customer.address.id, '2026-03-02');
    expect((monday.body.slots as Array<{ available: boolean }>).some((slot) => slot.available)).toBe(false);
  });

  it('gives exactly one hold to 50 customers racing for a slot with one scheduled partner', async () => {
    const { service, partnerIds, hub } = await hubWithPartners(1);
    await harness.seedSchedule(partnerIds[0] as string, { weekly: weekdays9to5, daysOff: [] });
    const customers = await Promise.all(Array.from({ length: 50 }, () => customerAt(hub.id)));
    const startsAt = '2026-03-03T05:30:00.000Z';
    const results = await Promise.all(
      customers.map(async (customer) => {
        await availability(customer.token, service.id, customer.address.id, '2026-03-03');
        return hold(customer.token, {
          serviceId: service.id,
          addressId: customer.address.id,
          window: { kind: 'slot', startsAt },
        });
      }),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
    expect(results.filter((result) => result.status === 409)).toHaveLength(49);
    // to everyone else the overlapping half-hour slots are taken with it; the rest of the day stays open
    const loser = aLoser(customers, results);
    const day = await availability(loser.token, service.id, loser.address.id, '2026-03-03');
    const byStart = new Map(
      (day.body.slots as Array<{ startsAt: string; available: boolean }>).map((slot) => [
        slot.startsAt,
        slot.available,
      ]),
    );
    expect(byStart.get('2026-03-03T05:00:00.000Z')).toBe(false);
    expect(byStart.get('2026-03-03T05:30:00.000Z')).toBe(false);
    expect(byStart.get('2026-03-03T06:00:00.000Z')).toBe(false);
    expect(byStart.get('2026-03-03T04:30:00.000Z')).toBe(true);
    expect(byStart.get('2026-03-03T06:30:00.000Z')).toBe(true);
  });

  it('spreads concurrent holds over several free partners until they run out', async () => {
    const { service, partnerIds, hub } = await hubWithPartners(3);
    for (const id of partnerIds) await harness.seedSchedule(id, { weekly: weekdays9to5, daysOff: [] });
    const customers = await Promise.all(Array.from({ length: 10 }, () => customerAt(hub.id)));
    const results = await Promise.all(
      customers.map((customer) =>
        hold(customer.token, {
          serviceId: service.id,
          addressId: customer.address.id,
          window: { kind: 'slot', startsAt: '2026-03-03T08:00:00.000Z' },
        }),
      ),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(3);
    expect(results.filter((result) => result.status === 409)).toHaveLength(7);
  });
});

describe('bad requests get clear answers', () => {
  it('hides other customers’ addresses, unknown services, and answers not serviceable plainly', async () => {
    const { service, hub } = await hubWithPartners(0);
    const alice = await customerAt(hub.id);
    const bob = await customerAt(hub.id);
    expect((await availability(bob.token, service.id, alice.address.id)).body).toMatchObject({
      code: 'BOOKING.ADDRESS_NOT_FOUND',
    });
    expect((await availability(alice.token, newId(), alice.address.id)).body).toMatchObject({
      code: 'BOOKING.SERVICE_NOT_FOUND',
    });
    const nowhere = await harness.seedAddress({
      customerId: alice.customerId,
      hubId: null,
      isServiceable: false,
    });
    const answer = await availability(alice.token, service.id, nowhere.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      isServiceable: false,
      hubId: null,
      slots: [],
      now: { available: false },
    });
    const refused = await hold(alice.token, {
      serviceId: service.id,
      addressId: nowhere.id,
      window: { kind: 'now' },
    });
    expect(refused).toMatchObject({ status: 422, body: { code: 'BOOKING.ADDRESS_NOT_SERVICEABLE' } });
  });

  it('refuses dates beyond the horizon, off-grid slots, missing keys and partners as customers', async () => {
    const { service, hub } = await hubWithPartners(1);
    const customer = await customerAt(hub.id);
    expect(
      (await availability(customer.token, service.id, customer.address.id, '2026-03-20')).body,
    ).toMatchObject({
      code: 'BOOKING.DATE_OUT_OF_RANGE',
    });
    const offGrid = await hold(customer.token, {
      serviceId: service.id,
      addressId: customer.address.id,
      window: { kind: 'slot', startsAt: '2026-03-03T05:40:00.000Z' },
    });
    expect(offGrid).toMatchObject({ status: 422, body: { code: 'BOOKING.SLOT_INVALID' } });
    const noKey = await harness.request('POST', '/api/v1/holds', {
      token: customer.token,
      body: { serviceId: service.id, addressId: customer.address.id, window: { kind: 'now' } },
    });
    expect(noKey).toMatchObject({ status: 400, body: { code: 'REQUEST.VALIDATION_FAILED' } });
    expect(noKey.body.detail).toContain('idempotency-key');
    const partner = await harness.tokenFor('partner', newId());
    expect((await availability(partner, service.id, customer.address.id)).status).toBe(403);
  });
});
