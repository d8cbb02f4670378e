import { newId } from '@zefy/platform';
import { eventually } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startBookingHarness } from '../../test/booking-harness.ts';
import { accept, confirmedBooking, dispatchScene, offerTo } from '../../test/dispatch-scene.ts';
import { dispatchDefaults } from '../dispatch/settings.ts';
import { issueOtps } from './job.commands.ts';

let harness: Harness;
let admin: string;
beforeAll(async () => {
  harness = await startBookingHarness(
    { databaseUrl: inject('databaseUrl'), redisUrl: process.env.REDIS_URL },
    { config: { dispatchTickMs: 600_000, dispatch: { ...dispatchDefaults, fairSharePercent: 0 } } },
  );
  admin = await harness.tokenFor('admin', newId());
});
afterAll(async () => {
  await harness?.stop();
});

const codesHolder = async (bookingId: string) => {
  const { rows } = await harness.service.context.db.pool.query<{ partner_id: string }>(
    "SELECT state->>'partnerId' AS partner_id FROM job_otps WHERE booking_id = $1",
    [bookingId],
  );
  return rows[0]?.partner_id ?? null;
};

describe("the job's codes", () => {
  it('go to the partner the booking has now: an assignment consumed after its reassignment issues nothing', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const [first, second] = scene.partners as [(typeof scene.partners)[0], (typeof scene.partners)[0]];
    const booking = await confirmedBooking(harness, scene);
    expect((await accept(harness, first, (await offerTo(harness, booking.id, first)).id)).status).toBe(200);
    await eventually(async () => expect(await codesHolder(booking.id)).toBe(first.id));
    const reassigned = await harness.request('POST', `/api/v1/admin/bookings/${booking.id}/assign`, {
      token: admin,
      body: { partnerId: second.id, reason: 'closer', expectedPartnerId: first.id },
    });
    expect(reassigned.status).toBe(200);
    await eventually(async () => expect(await codesHolder(booking.id)).toBe(second.id));

    // the first assignment's event arriving again (a redelivery, or consumed last): nothing is issued
    const ids = {
      bookingId: booking.id,
      customerId: scene.customer.customerId,
      hubId: booking.hubId,
      partnerId: first.id,
    };
    const issued = await harness.service.context.db.transaction((tx) =>
      issueOtps(harness.service.deps, tx, ids),
    );
    expect(issued).toEqual([]);
    expect(await codesHolder(booking.id)).toBe(second.id);
  });
});
