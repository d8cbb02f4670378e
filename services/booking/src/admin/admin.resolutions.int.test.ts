import type { AuditEntry, BookingView } from '@zefy/contracts';
import { listAuditEntries, newId } from '@zefy/platform';
import { splitTaxInclusive } from '@zefy/rules';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startBookingHarness } from '../../test/booking-harness.ts';
import {
  accept,
  confirmedBooking,
  dispatchScene,
  offerTo,
  published,
  type Scene,
} from '../../test/dispatch-scene.ts';
import { dispatchDefaults } from '../dispatch/settings.ts';

let harness: Harness;
let admin: string;
beforeAll(async () => {
  harness = await startBookingHarness(
    { databaseUrl: inject('databaseUrl'), redisUrl: process.env.REDIS_URL },
    {
      config: {
        dispatchTickMs: 600_000,
        dispatch: { ...dispatchDefaults, firstWaveSize: 100, fairSharePercent: 0 },
      },
    },
  );
  admin = await harness.tokenFor('admin', newId());
});
afterAll(async () => {
  await harness?.stop();
});

const db = () => harness.service.context.db;

/** A booking the scene's first partner accepted. */
async function assignedBooking(scene: Scene): Promise<BookingView> {
  const booking = await confirmedBooking(harness, scene);
  const partner = scene.partners[0]!;
  expect((await accept(harness, partner, (await offerTo(harness, booking.id, partner)).id)).status).toBe(200);
  return booking;
}

const noShowsOf = async (partnerId: string) =>
  (
    await db().pool.query<{ no_shows: number }>(
      'SELECT no_shows FROM partner_standing WHERE partner_id = $1',
      [partnerId],
    )
  ).rows[0]?.no_shows ?? 0;

describe('the team resolving a booking', () => {
  it('audits a cancellation with its chosen refund, and asks payments for exactly that refund', async () => {
    const scene = await dispatchScene(harness, { partners: 1 });
    const booking = await assignedBooking(scene);
    const cancelled = await harness.request('POST', `/api/v1/admin/bookings/${booking.id}/cancel`, {
      token: admin,
      body: { reason: 'customer called', refund: { kind: 'rule' } },
    });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', cancelledBy: 'admin' } });
    const [event] = await published(harness, booking.id, 'booking.cancelled');
    expect(event?.data).toMatchObject({
      refundDuePaise: booking.price.totalPaise - 5000,
      feePaise: 5000,
      refundBasis: 'rule',
      rule: 'fee',
      partnerId: scene.partners[0]!.id,
    });
    const audit = await listAuditEntries(db().pool, { resourceId: booking.id, limit: 10 });
    expect(audit.items.map((entry: AuditEntry) => [entry.action, entry.after])).toContainEqual([
      'booking.cancelled',
      expect.objectContaining({
        reason: 'customer called',
        refundDuePaise: booking.price.totalPaise - 5000,
        refund: { kind: 'rule' },
      }),
    ]);
    // the fee kept is invoiced, split at the booking's tax rate
    const receipt = await harness.request('GET', `/api/v1/bookings/${booking.id}/receipt`, { token: admin });
    const { taxRateBasisPoints } = booking.price;
    expect(receipt.body.invoice).toMatchObject({
      supply: 'cancellation_fee',
      cancellationFee: {
        totalPaise: 5000,
        taxRateBasisPoints,
        ...splitTaxInclusive(5000, taxRateBasisPoints),
      },
    });
    // a repeated submit is neither a second refund nor a second audit entry
    await harness.request('POST', `/api/v1/admin/bookings/${booking.id}/cancel`, {
      token: admin,
      body: { reason: 'customer called', refund: { kind: 'full' } },
    });
    expect(await published(harness, booking.id, 'booking.cancelled')).toHaveLength(1);
    expect((await listAuditEntries(db().pool, { resourceId: booking.id, limit: 10 })).items).toHaveLength(
      audit.items.length,
    );
  });

  it('counts an absent partner against their reputation, once, and refunds everything', async () => {
    const scene = await dispatchScene(harness, { partners: 1 });
    const partner = scene.partners[0]!;
    const booking = await assignedBooking(scene);
    const before = await noShowsOf(partner.id);
    const marked = () =>
      harness.request('POST', `/api/v1/admin/bookings/${booking.id}/no-show`, {
        token: admin,
        body: { absent: 'partner', reason: 'never came' },
      });
    expect(await marked()).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await marked()).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect(await noShowsOf(partner.id)).toBe(before + 1);
    const [event] = await published(harness, booking.id, 'booking.cancelled');
    expect(event?.data).toMatchObject({ noShow: 'partner', refundDuePaise: booking.price.totalPaise });
    const audit = await listAuditEntries(db().pool, { resourceId: booking.id, limit: 10 });
    expect(audit.items.map((entry: AuditEntry) => entry.action)).toContain('booking.no_show_recorded');
  });

  it('refuses a customer or ops the resolutions, and a refund above what was paid', async () => {
    const scene = await dispatchScene(harness, { partners: 1 });
    const booking = await confirmedBooking(harness, scene);
    const ops = await harness.tokenFor('ops', newId());
    for (const token of [scene.customer.token, ops]) {
      const refused = await harness.request('POST', `/api/v1/admin/bookings/${booking.id}/no-show`, {
        token,
        body: { absent: 'partner', reason: 'x' },
      });
      expect(refused.status).toBe(403);
    }
    const tooMuch = await harness.request('POST', `/api/v1/admin/bookings/${booking.id}/cancel`, {
      token: admin,
      body: { reason: 'x', refund: { kind: 'custom', amountPaise: booking.price.totalPaise + 1 } },
    });
    expect(tooMuch).toMatchObject({ status: 400, body: { code: 'BOOKING.REFUND_EXCEEDS_PAID' } });
    const blank = await harness.request('POST', `/api/v1/admin/bookings/${booking.id}/cancel`, {
      token: admin,
      body: { reason: '   ' },
    });
    expect(blank.status).toBe(400);
    expect(await published(harness, booking.id, 'booking.cancelled')).toHaveLength(0);
  });

  it('refunds part of an assigned booking, audited, and a later cancellation counts only what is left', async () => {
    const scene = await dispatchScene(harness, { partners: 1 });
    const booking = await assignedBooking(scene);
    const paid = booking.price.totalPaise;
    const refund = (amountPaise: number) =>
      harness.request('POST', `/api/v1/admin/bookings/${booking.id}/refunds`, {
        token: admin,
        idempotencyKey: newId(),
        body: { amountPaise, reason: 'late arrival' },
      });
    expect(await refund(10_000)).toMatchObject({ status: 200, body: { status: 'assigned' } });
    expect(await refund(paid - 10_000 + 1)).toMatchObject({
      status: 400,
      body: { code: 'BOOKING.REFUND_EXCEEDS_PAID' },
    });
    const [granted] = await published(harness, booking.id, 'booking.refund_granted');
    expect(granted?.data).toMatchObject({
      amountPaise: 10_000,
      parts: [{ paymentId: booking.payment?.paymentId, amountPaise: 10_000 }],
      refundablePaise: paid - 10_000,
    });
    const audit = await listAuditEntries(db().pool, { resourceId: booking.id, limit: 10 });
    expect(audit.items.map((entry: AuditEntry) => [entry.action, entry.before])).toContainEqual([
      'booking.refund_granted',
      { status: 'assigned', refundablePaise: paid },
    ]);
    await harness.request('POST', `/api/v1/admin/bookings/${booking.id}/cancel`, {
      token: admin,
      body: { reason: 'customer called' },
    });
    const [cancelled] = await published(harness, booking.id, 'booking.cancelled');
    expect(cancelled?.data).toMatchObject({ refundDuePaise: paid - 10_000, refundBasis: 'full' });
    // closed: its refund was the cancellation's
    expect(await refund(100)).toMatchObject({
      status: 409,
      body: { code: 'BOOKING.TRANSITION_NOT_ALLOWED' },
    });
  });
});
