import type {
  AuditEntry,
  BookingView,
  DispatchCandidates,
  DispatchQueue,
  PartnerJobs,
  PartnerOffers,
} from '@zefy/contracts';
import { listAuditEntries, newId } from '@zefy/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startBookingHarness } from '../../test/booking-harness.ts';
import {
  accept,
  confirmedBooking,
  dispatchScene,
  offersOf,
  offerTo,
  published,
  type Scene,
  type ScenePartner,
  tick,
  timelineOf,
} from '../../test/dispatch-scene.ts';
import { dispatchDefaults } from './settings.ts';

// everyone eligible is in the first wave
const settings = { ...dispatchDefaults, firstWaveSize: 100, fairSharePercent: 0 };
let harness: Harness;
let database: TestDatabase;
let admin: string;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  harness = await startBookingHarness(
    { databaseUrl: inject('databaseUrl'), redisUrl: process.env.REDIS_URL },
    { database, config: { dispatchTickMs: 600_000, dispatch: settings } },
  );
  admin = await harness.tokenFor('admin', newId());
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const db = () => harness.service.context.db;

async function liveClaims(bookingId: string): Promise<string[]> {
  const { rows } = await db().pool.query<{ partner_id: string }>(
    'SELECT partner_id FROM capacity_claims WHERE booking_id = $1 AND released_at IS NULL',
    [bookingId],
  );
  return rows.map((row) => row.partner_id);
}

const bookingView = async (scene: Scene, bookingId: string) =>
  (await harness.request('GET', `/api/v1/bookings/${bookingId}`, { token: scene.customer.token }))
    .body as unknown as BookingView;

const assign = (
  bookingId: string,
  body: { partnerId: string; reason: string; expectedPartnerId: string | null },
) => harness.request('POST', `/api/v1/admin/bookings/${bookingId}/assign`, { token: admin, body });

const cancelJob = (partner: ScenePartner, bookingId: string, reason = 'my scooter broke down') =>
  harness.request('POST', `/api/v1/partner/jobs/${bookingId}/cancel`, {
    token: partner.token,
    body: { reason },
  });

describe('the first accept wins', () => {
  it('gives the job to exactly one of 50 partners accepting at once, moves the claim to them and withdraws the rest', async () => {
    const scene = await dispatchScene(harness, { partners: 50 });
    const booking = await confirmedBooking(harness, scene);
    const offers = await offersOf(harness, booking.id);
    expect(offers).toHaveLength(50);

    const answers = await Promise.all(
      scene.partners.map(async (partner) =>
        accept(harness, partner, (await offerTo(harness, booking.id, partner)).id),
      ),
    );
    const winners = answers.flatMap((answer, index) =>
      answer.status === 200 ? [scene.partners[index]!] : [],
    );
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    const refusals = answers.filter((answer) => answer.status !== 200);
    expect(refusals.every((answer) => answer.status === 409)).toBe(true);
    expect(new Set(refusals.map((answer) => answer.body.code))).toEqual(new Set(['DISPATCH.OFFER_TAKEN']));

    const view = await bookingView(scene, booking.id);
    expect(view).toMatchObject({ status: 'assigned', partner: { id: winner.id, assignedBy: 'partner' } });
    expect(await liveClaims(booking.id)).toEqual([winner.id]);
    const after = await offersOf(harness, booking.id);
    expect(after.filter((offer) => offer.status === 'accepted').map((offer) => offer.partnerId)).toEqual([
      winner.id,
    ]);
    expect(after.filter((offer) => offer.status === 'withdrawn' && offer.reason === 'taken')).toHaveLength(
      49,
    );
    expect(await published(harness, booking.id, 'booking.partner_assigned')).toHaveLength(1);
    expect(await published(harness, booking.id, 'dispatch.partner_assigned')).toHaveLength(1);
  });

  it('answers the winner’s repeated accept with the same job, and their accepted job in their list', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);
    const partner = scene.partners[1]!;
    const offer = await offerTo(harness, booking.id, partner);
    const first = await accept(harness, partner, offer.id);
    const again = await accept(harness, partner, offer.id);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(first.body).toMatchObject({
      offer: { offerId: offer.id, status: 'accepted', area: 'Central', timeZone: 'Asia/Kolkata' },
      job: { bookingId: booking.id, status: 'assigned', earningPaise: 39_920, assignedBy: 'partner' },
    });
    const jobs = await harness.request('GET', '/api/v1/partner/jobs', { token: partner.token });
    expect((jobs.body as unknown as PartnerJobs).items.map((job) => job.bookingId)).toEqual([booking.id]);
    const past = await harness.request('GET', '/api/v1/partner/jobs?scope=past', { token: partner.token });
    expect((past.body as unknown as PartnerJobs).items).toEqual([]);
  });

  it('lets a partner have one accept in flight: a second is refused while the first holds the lease', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);
    const partner = scene.partners[0]!;
    const offer = await offerTo(harness, booking.id, partner);
    await harness.infra.cache.set(`dispatch:accept:${partner.id}`, 'another accept', { ttlMs: 10_000 });
    const refused = await accept(harness, partner, offer.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DISPATCH.PARTNER_BUSY' });
    await harness.infra.cache.del(`dispatch:accept:${partner.id}`);
    expect((await accept(harness, partner, offer.id)).status).toBe(200);
  });

  it('gives a partner accepting two jobs at the same time one of them, and withdraws their other offer', async () => {
    const scene = await dispatchScene(harness, { partners: 3 });
    const first = await confirmedBooking(harness, scene);
    const second = await confirmedBooking(harness, scene);
    // the first two are held for the bookings (each busy for the other's time); the third is free for both
    const partner = scene.partners[2]!;
    const both = await Promise.all(
      [first, second].map(async (booking) => offerTo(harness, booking.id, partner)),
    );
    const answers = await Promise.all(both.map((offer) => accept(harness, partner, offer.id)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const lost = answers.find((answer) => answer.status === 409);
    expect(['DISPATCH.PARTNER_BUSY', 'DISPATCH.OFFER_WITHDRAWN']).toContain(lost?.body.code);
    const open = (await harness.request('GET', '/api/v1/partner/offers', { token: partner.token }))
      .body as unknown as PartnerOffers;
    expect(open.items).toEqual([]);
  });

  it('lists a partner’s open offers with the server’s clock, and refuses someone else’s offer as not found', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);
    const [p0, p1] = scene.partners;
    const listed = (await harness.request('GET', '/api/v1/partner/offers', { token: p0!.token }))
      .body as unknown as PartnerOffers;
    expect(listed.now).toBe(harness.clock.now().toISOString());
    expect(listed.items).toEqual([
      expect.objectContaining({
        bookingId: booking.id,
        status: 'open',
        serviceName: 'Bathroom cleaning',
        window: booking.window,
        earningPaise: 39_920,
        expiresAt: new Date(harness.clock.now().getTime() + 30_000).toISOString(),
      }),
    ]);
    const offerId = listed.items[0]!.offerId;
    const stolen = await accept(harness, p1!, offerId);
    expect(stolen.status).toBe(404);
    const rejected = await harness.request('POST', `/api/v1/partner/offers/${offerId}/reject`, {
      token: p0!.token,
      body: { reason: 'too_far', note: ' across the lake ' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'too_far' });
    expect((await accept(harness, p0!, offerId)).body).toMatchObject({ code: 'DISPATCH.OFFER_ANSWERED' });
    expect(await timelineOf(harness, booking.id)).toContain('dispatch.offer_rejected');
  });
});

describe('the team assigning', () => {
  it('has one outcome when an assignment and an accept come at the same instant', async () => {
    for (let round = 0; round < 5; round += 1) {
      const scene = await dispatchScene(harness, { partners: 2 });
      const booking = await confirmedBooking(harness, scene);
      const [p0, p1] = scene.partners;
      const offer = await offerTo(harness, booking.id, p0!);
      const [accepted, assigned] = await Promise.all([
        accept(harness, p0!, offer.id),
        assign(booking.id, { partnerId: p1!.id, reason: 'lives next door', expectedPartnerId: null }),
      ]);
      expect([accepted.status, assigned.status].sort()).toEqual([200, 409]);
      const winner = accepted.status === 200 ? p0! : p1!;
      expect(accepted.status === 200 ? assigned.body.code : accepted.body.code).toBe(
        accepted.status === 200 ? 'DISPATCH.ASSIGNMENT_CHANGED' : 'DISPATCH.OFFER_TAKEN',
      );
      expect((await bookingView(scene, booking.id)).partner?.id).toBe(winner.id);
      expect(await liveClaims(booking.id)).toEqual([winner.id]);
    }
  });

  it('lists the eligible partners, reassigns with a reason (audited), and tells the partner released', async () => {
    const scene = await dispatchScene(harness, { partners: 3 });
    const booking = await confirmedBooking(harness, scene);
    const [p0, p1, p2] = scene.partners;
    const candidates = (
      await harness.request('GET', `/api/v1/admin/bookings/${booking.id}/candidates`, {
        token: admin,
      })
    ).body as unknown as DispatchCandidates;
    expect(candidates.items.map((candidate) => candidate.partnerId).sort()).toEqual(
      [p0!.id, p1!.id, p2!.id].sort(),
    );
    expect(candidates.items[0]).toMatchObject({ isOnline: true, reputation: 4.5, standing: 'open' });

    expect(
      (await assign(booking.id, { partnerId: p1!.id, reason: 'asked for', expectedPartnerId: null })).status,
    ).toBe(200);
    const stale = await assign(booking.id, { partnerId: p2!.id, reason: 'closer', expectedPartnerId: null });
    expect(stale.body).toMatchObject({ code: 'DISPATCH.ASSIGNMENT_CHANGED' });
    const reassigned = await assign(booking.id, {
      partnerId: p2!.id,
      reason: 'closer',
      expectedPartnerId: p1!.id,
    });
    expect(reassigned.body).toMatchObject({
      status: 'assigned',
      partner: { id: p2!.id, assignedBy: 'admin' },
    });
    expect(await liveClaims(booking.id)).toEqual([p2!.id]);
    const [released] = await published(harness, booking.id, 'dispatch.partner_released');
    expect(released?.data).toMatchObject({ partnerId: p1!.id, reason: 'reassigned' });
    const [lastAssignment] = (await published(harness, booking.id, 'booking.partner_assigned')).reverse();
    expect(lastAssignment?.data).toMatchObject({
      previousPartnerId: p1!.id,
      reason: 'closer',
      assignedBy: 'admin',
    });
    const audit = await listAuditEntries(db().pool, { resourceId: booking.id, limit: 10 });
    expect(audit.items.map((entry: AuditEntry) => entry.after)).toEqual([
      { partnerId: p2!.id, reason: 'closer' },
      { partnerId: p1!.id, reason: 'asked for' },
    ]);
    expect((await offersOf(harness, booking.id)).every((offer) => offer.status === 'withdrawn')).toBe(true);
  });

  it('refuses a partner who is not eligible: not approved, without the skill or busy then', async () => {
    const scene = await dispatchScene(harness, { partners: 1 });
    const booking = await confirmedBooking(harness, scene);
    const outsider = await harness.seedPartner({ hubId: scene.hub.id, skills: [] });
    const refused = await assign(booking.id, {
      partnerId: outsider.id,
      reason: 'try',
      expectedPartnerId: null,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DISPATCH.PARTNER_NOT_ELIGIBLE' });
  });

  it('sends the job again to the partners whose offers expired, and shows the queue with its timers', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);
    const confirmedAt = harness.clock.now();
    harness.clock.advance(36_000);
    await tick(harness);
    const resent = await harness.request('POST', `/api/v1/admin/bookings/${booking.id}/resend`, {
      token: admin,
    });
    expect(resent.body).toEqual({ bookingId: booking.id, offered: 2 });
    const queue = (
      await harness.request('GET', `/api/v1/admin/dispatch/queue?hubId=${scene.hub.id}`, {
        token: admin,
      })
    ).body as unknown as DispatchQueue;
    expect(queue.items).toEqual([
      expect.objectContaining({
        bookingId: booking.id,
        wave: 2,
        isEscalated: false,
        isPriority: false,
        escalateAt: new Date(confirmedAt.getTime() + 180_000).toISOString(),
        giveUpAt: new Date(confirmedAt.getTime() + 600_000).toISOString(),
        offers: { open: 2, expired: 2, rejected: 0, withdrawn: 0 },
      }),
    ]);
  });
});

describe('after the accept', () => {
  it('puts the job back in the queue first, offered to everyone at once, when the partner backs out; it counts against them', async () => {
    const scene = await dispatchScene(harness, { partners: 3 });
    const booking = await confirmedBooking(harness, scene);
    const [p0, p1, p2] = scene.partners;
    await accept(harness, p0!, (await offerTo(harness, booking.id, p0!)).id);

    const backedOut = await cancelJob(p0!, booking.id);
    expect(backedOut.body).toEqual({ bookingId: booking.id, releasedAt: harness.clock.now().toISOString() });
    expect(await bookingView(scene, booking.id)).toMatchObject({ status: 'confirmed', partner: null });
    const [released] = await published(harness, booking.id, 'booking.partner_released');
    expect(released?.data).toMatchObject({ partnerId: p0!.id, reason: 'my scooter broke down' });

    // backing out wakes the tick: the job is escalated and offered again at once
    await eventually(async () => {
      const requeued = (await offersOf(harness, booking.id)).filter((offer) => offer.status === 'open');
      expect(requeued.map((offer) => offer.partnerId).sort()).toEqual([p1!.id, p2!.id].sort());
      const [escalated] = await published(harness, booking.id, 'dispatch.escalated');
      expect(escalated?.data).toMatchObject({ isPriority: true });
    });
    const { rows } = await db().pool.query('SELECT * FROM partner_standing WHERE partner_id = $1', [p0!.id]);
    expect(rows[0]).toMatchObject({ accepted_jobs: 1, cancellations_after_accept: 1 });
    const candidates = (
      await harness.request('GET', `/api/v1/admin/bookings/${booking.id}/candidates`, {
        token: admin,
      })
    ).body as unknown as DispatchCandidates;
    expect(candidates.items.find((candidate) => candidate.partnerId === p0!.id)).toMatchObject({
      standing: 'dropped',
      reputation: 4.26,
    });
    expect((await cancelJob(p0!, booking.id)).status).toBe(404);
  });

  it('withdraws the open offers when the customer cancels, and refuses a late accept as cancelled', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);
    const offer = await offerTo(harness, booking.id, scene.partners[1]!);
    const cancelled = await harness.request('POST', `/api/v1/bookings/${booking.id}/cancel`, {
      token: scene.customer.token,
      body: {},
    });
    expect(cancelled.status).toBe(200);
    const late = await accept(harness, scene.partners[1]!, offer.id);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'DISPATCH.JOB_CANCELLED' });
  });

  it('releases the assigned partner when the customer cancels', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);
    const partner = scene.partners[0]!;
    await accept(harness, partner, (await offerTo(harness, booking.id, partner)).id);
    await harness.request('POST', `/api/v1/bookings/${booking.id}/cancel`, {
      token: scene.customer.token,
      body: {},
    });
    await expect
      .poll(async () => (await published(harness, booking.id, 'dispatch.partner_released'))[0]?.data)
      .toMatchObject({ partnerId: partner.id, reason: 'booking_cancelled' });
    expect(await liveClaims(booking.id)).toEqual([]);
    const jobs = await harness.request('GET', '/api/v1/partner/jobs', { token: partner.token });
    expect((jobs.body as unknown as PartnerJobs).items).toEqual([]);
  });
});
