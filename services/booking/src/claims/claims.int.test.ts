import { randomUUID } from 'node:crypto';
import type { BookingView } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startBookingHarness } from '../../test/booking-harness.ts';
import { emptyWeek } from '../schedule/schedule.ts';
import { type ClaimOptions, moveClaim, releaseClaims } from './claims.repository.ts';

const harness = await startBookingHarness({
  databaseUrl: inject('databaseUrl'),
  redisUrl: process.env.REDIS_URL,
});
afterAll(() => harness.stop());

const tuesdayTen = '2026-03-03T04:30:00.000Z';
const tuesday = { ...emptyWeek(), tue: [{ start: '08:00', end: '20:00' }] };

/** A hub and a service; partners are added (and scheduled) one by one, so each hold's partner is known. */
async function scene() {
  const hub = await harness.seedHub();
  const service = await harness.seedService();
  const addPartner = async () => {
    const partner = await harness.seedPartner({ hubId: hub.id, skills: [service.id] });
    await harness.seedSchedule(partner.id, { weekly: tuesday, daysOff: [] });
    return partner.id;
  };
  const hold = async (): Promise<BookingView> => {
    const customerId = newId();
    const address = await harness.seedAddress({ customerId, hubId: hub.id });
    const response = await harness.request('POST', '/api/v1/holds', {
      token: await harness.tokenFor('customer', customerId),
      idempotencyKey: randomUUID(),
      body: { serviceId: service.id, addressId: address.id, window: { kind: 'slot', startsAt: tuesdayTen } },
    });
    expect(response.status).toBe(201);
    return response.body as unknown as BookingView;
  };
  return { addPartner, hold };
}

const db = () => harness.service.deps.db;

/** Who the booking's live claim promises, or null. */
async function claimedPartner(bookingId: string): Promise<string | null> {
  const { rows } = await db().pool.query<{ partner_id: string }>(
    'SELECT partner_id FROM capacity_claims WHERE booking_id = $1 AND released_at IS NULL',
    [bookingId],
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.partner_id ?? null;
}

/** Lapsed holds in the way are handed over (and here simply released), as the booking would expire them. */
function claiming(handedOver: string[] = []): ClaimOptions {
  return {
    now: harness.clock.now(),
    async expireLapsedHolds(tx, bookingIds) {
      handedOver.push(...bookingIds);
      for (const id of bookingIds) await releaseClaims(tx, id, harness.clock.now());
    },
  };
}

const move = (bookingId: string, toPartnerId: string, options = claiming()) =>
  db().transaction((tx) => moveClaim(tx, bookingId, toPartnerId, options));

describe('moving a capacity claim to another partner', () => {
  it('is refused by the exclusion constraint when that partner is busy, and leaves the claim where it was', async () => {
    const { addPartner, hold } = await scene();
    const first = await addPartner();
    const held = await hold();
    const second = await addPartner();
    const rival = await hold();
    expect(await claimedPartner(held.id)).toBe(first);
    expect(await claimedPartner(rival.id)).toBe(second);

    expect(await move(held.id, second)).toBe(false);
    expect(await claimedPartner(held.id)).toBe(first);
    expect(await claimedPartner(rival.id)).toBe(second);
  });

  it('moves the claim to a free partner, keeps the old row released, and frees the first partner’s time', async () => {
    const { addPartner, hold } = await scene();
    const first = await addPartner();
    const held = await hold();
    const free = await addPartner();

    expect(await move(held.id, free)).toBe(true);
    expect(await claimedPartner(held.id)).toBe(free);
    const { rows } = await db().pool.query<{ partner_id: string; is_live: boolean; during: string }>(
      `SELECT partner_id, released_at IS NULL AS is_live, during::text FROM capacity_claims
       WHERE booking_id = $1 ORDER BY created_at, released_at NULLS LAST`,
      [held.id],
    );
    expect(rows.map((row) => [row.partner_id, row.is_live])).toEqual([
      [first, false],
      [free, true],
    ]);
    expect(rows[0]?.during).toBe(rows[1]?.during);
    // the first partner's time can be promised again
    const next = await hold();
    expect(await claimedPartner(next.id)).toBe(first);
    // moving to the partner it is already on changes nothing
    expect(await move(held.id, free)).toBe(true);
    expect(await claimedPartner(held.id)).toBe(free);
  });

  it('hands the lapsed hold standing in the way over to be expired, then moves onto its partner', async () => {
    const { addPartner, hold } = await scene();
    const partners = [await addPartner()];
    const holds = [await hold()];
    partners.push(await addPartner());
    holds.push(await hold());
    harness.clock.advance(601_000);
    // both holds lapsed: the next one takes either partner (expiring the hold there), the other stays lapsed
    const latest = await hold();
    const taken = await claimedPartner(latest.id);
    const other = partners.find((partner) => partner !== taken) as string;
    const lapsedInTheWay = holds[partners.indexOf(other)] as BookingView;

    const handedOver: string[] = [];
    expect(await move(latest.id, other, claiming(handedOver))).toBe(true);
    expect(handedOver).toEqual([lapsedInTheWay.id]);
    expect(await claimedPartner(latest.id)).toBe(other);
    expect(await claimedPartner(lapsedInTheWay.id)).toBeNull();
    harness.clock.advance(-601_000);
  });
});
