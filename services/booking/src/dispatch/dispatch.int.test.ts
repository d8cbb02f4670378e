import { type BookingView, channels, type ServerMessage } from '@zefy/contracts';
import { realtimeChannel } from '@zefy/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@zefy/platform/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startBookingHarness } from '../../test/booking-harness.ts';
import {
  accept,
  confirmedBooking,
  dispatchScene,
  goOffDuty,
  goOnDuty,
  offersOf,
  offerTo,
  published,
  tick,
  timelineOf,
} from '../../test/dispatch-scene.ts';
import { emptyWeek } from '../schedule/schedule.ts';
import { dispatchDefaults } from './settings.ts';

// a first wave of the two best-ranked partners, nobody picked for idle time, so waves are easy to tell apart
const settings = { ...dispatchDefaults, firstWaveSize: 2, fairSharePercent: 0 };
let harness: Harness;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  harness = await startBookingHarness(
    { databaseUrl: inject('databaseUrl'), redisUrl: process.env.REDIS_URL },
    { database, config: { dispatchTickMs: 600_000, dispatch: settings } },
  );
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const seconds = (n: number) => n * 1000;
const db = () => harness.service.context.db;

/** Two cancellations in two jobs: reputation 4.05, under the 4.5 a head start asks for. */
const tarnish = (partnerId: string) =>
  db().pool.query(
    `INSERT INTO partner_standing (partner_id, accepted_jobs, cancellations_after_accept, updated_at)
     VALUES ($1, 2, 2, now())`,
    [partnerId],
  );

const roundOf = async (bookingId: string) =>
  (
    await db().pool.query<{ status: string; state: { escalatedAt: string | null } }>(
      'SELECT status, state FROM dispatch_rounds WHERE booking_id = $1',
      [bookingId],
    )
  ).rows[0];

describe('waves', () => {
  it('offers a "now" job first to the best-ranked partners on duty, then to every eligible one after the head start', async () => {
    const scene = await dispatchScene(harness, { partners: 4 });
    const [p0, p1, p2, p3] = scene.partners;
    await tarnish(p3!.id);
    const booking = await confirmedBooking(harness, scene);

    expect((await offersOf(harness, booking.id)).map((offer) => [offer.partnerId, offer.wave])).toEqual([
      [p0!.id, 1],
      [p1!.id, 1],
    ]);
    const [firstWave] = await published(harness, booking.id, 'dispatch.offers_sent');
    expect(firstWave?.data).toMatchObject({
      wave: 1,
      trigger: 'head_start',
      serviceName: 'Bathroom cleaning',
      area: 'Central',
      window: booking.window,
      timeZone: 'Asia/Kolkata',
      earningPaise: 39_920,
    });
    expect(firstWave?.data).not.toHaveProperty('acceptUntil');

    harness.clock.advance(seconds(settings.headStartSeconds) - 1);
    await tick(harness);
    expect(await offersOf(harness, booking.id)).toHaveLength(2);

    harness.clock.advance(1);
    await tick(harness);
    const offers = await offersOf(harness, booking.id);
    expect(offers.filter((offer) => offer.wave === 2).map((offer) => offer.partnerId)).toEqual(
      [p2!.id, p3!.id].sort(),
    );
    expect(offers.every((offer) => offer.status === 'open')).toBe(true);
    expect(await timelineOf(harness, booking.id)).toEqual(
      expect.arrayContaining(['booking.confirmed', 'dispatch.started', 'dispatch.offers_sent']),
    );
  });

  it('never offers a job to a partner promised to another booking at that time', async () => {
    const scene = await dispatchScene(harness, { partners: 3 });
    const first = await confirmedBooking(harness, scene);
    const second = await confirmedBooking(harness, scene);
    const heldForFirst = (
      await db().pool.query<{ partner_id: string }>(
        'SELECT partner_id FROM capacity_claims WHERE booking_id = $1 AND released_at IS NULL',
        [first.id],
      )
    ).rows[0]?.partner_id;
    expect((await offersOf(harness, first.id)).map((offer) => offer.partnerId)).toContain(heldForFirst);
    harness.clock.advance(seconds(settings.headStartSeconds));
    await tick(harness);
    const secondOffers = (await offersOf(harness, second.id)).map((offer) => offer.partnerId);
    expect(secondOffers).toHaveLength(2);
    expect(secondOffers).not.toContain(heldForFirst);
  });

  it('offers a slot at once to the partners scheduled and free for it, whether on duty or not', async () => {
    const scene = await dispatchScene(harness, { partners: 3, online: false });
    const [p0, p1, p2] = scene.partners;
    await harness.seedSchedule(p2!.id, { weekly: emptyWeek(), daysOff: [] });
    const startsAt = new Date(harness.clock.now().getTime() + 26 * 3600_000);
    startsAt.setUTCMinutes(startsAt.getUTCMinutes() < 30 ? 30 : 60, 0, 0);
    const booking = await confirmedBooking(harness, scene, {
      kind: 'slot',
      startsAt: startsAt.toISOString(),
    });

    const offers = await offersOf(harness, booking.id);
    expect(offers.map((offer) => offer.partnerId).sort()).toEqual([p0!.id, p1!.id].sort());
    const round = await roundOf(booking.id);
    expect(round?.state).toMatchObject({
      deadlines: { giveUpAt: new Date(startsAt.getTime() - 3600_000).toISOString() },
    });
  });

  it('offers the job to a partner who comes on duty while it waits, in a later wave', async () => {
    const scene = await dispatchScene(harness, { partners: 3, online: false });
    const [p0, p1, p2] = scene.partners;
    await goOnDuty(harness, p0!, 0);
    await goOnDuty(harness, p1!, 1);
    const booking = await confirmedBooking(harness, scene);
    harness.clock.advance(seconds(settings.headStartSeconds));
    await tick(harness);
    expect(await offersOf(harness, booking.id)).toHaveLength(2);

    await goOnDuty(harness, p2!, 2);
    await tick(harness);
    await eventually(async () => {
      const late = (await offersOf(harness, booking.id)).find((offer) => offer.partnerId === p2!.id);
      expect(late).toMatchObject({ status: 'open', wave: 2 });
    });
  });
});

describe('the clock of an offer', () => {
  it('takes an accept in the grace after the countdown', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);
    const offer = await offerTo(harness, booking.id, scene.partners[1]!);
    harness.clock.advance(seconds(settings.offerWindowSeconds + settings.acceptGraceSeconds));
    const accepted = await accept(harness, scene.partners[1]!, offer.id);
    expect(accepted.status).toBe(200);
  });

  it('refuses an accept after the countdown and its grace with 410, and the tick marks the unanswered offers expired', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);
    const offer = await offerTo(harness, booking.id, scene.partners[0]!);
    harness.clock.advance(seconds(settings.offerWindowSeconds + settings.acceptGraceSeconds) + 1);
    const late = await accept(harness, scene.partners[0]!, offer.id);
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ code: 'DISPATCH.OFFER_EXPIRED' });

    await tick(harness);
    expect((await offersOf(harness, booking.id)).map((row) => row.status)).toEqual(['expired', 'expired']);
    const admin = await harness.tokenFor('admin', 'admin-1');
    const queue = await harness.request('GET', `/api/v1/admin/dispatch/queue?hubId=${scene.hub.id}`, {
      token: admin,
    });
    expect(queue.body).toMatchObject({
      items: [{ bookingId: booking.id, offers: { open: 0, expired: 2, rejected: 0, withdrawn: 0 } }],
    });
  });
});

describe('partners going off duty', () => {
  it('withdraws their open offers at once, so an accept is refused', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const [, p1] = scene.partners;
    const booking = await confirmedBooking(harness, scene);
    const offer = await offerTo(harness, booking.id, p1!);
    await goOffDuty(harness, p1!);

    expect(await offerTo(harness, booking.id, p1!)).toMatchObject({
      status: 'withdrawn',
      reason: 'partner_offline',
    });
    const [withdrawal] = await published(harness, booking.id, 'dispatch.offers_withdrawn');
    expect(withdrawal?.data).toMatchObject({ reason: 'partner_offline', partnerIds: [p1!.id] });
    const refused = await accept(harness, p1!, offer.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DISPATCH.OFFER_WITHDRAWN' });
  });
});

describe('the promise of five minutes', () => {
  it('escalates an unassigned booking to the admin console, then cancels it with a full refund past the hard limit', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const booking = await confirmedBooking(harness, scene);

    harness.clock.advance(seconds(settings.escalateAfterSeconds) - 1);
    await tick(harness);
    expect((await roundOf(booking.id))?.state.escalatedAt).toBeNull();
    harness.clock.advance(1);
    await tick(harness);
    const [escalated] = await published(harness, booking.id, 'dispatch.escalated');
    expect(escalated?.data).toMatchObject({ offeredCount: 2, rejectedCount: 0, isPriority: false });

    harness.clock.advance(seconds(settings.hardLimitSeconds - settings.escalateAfterSeconds));
    await tick(harness);
    const [cancelled] = await published(harness, booking.id, 'booking.cancelled');
    expect(cancelled?.data).toMatchObject({
      cancelledBy: 'system',
      reason: 'no_partner_found',
      refundDuePaise: booking.price.totalPaise,
      paymentId: booking.payment?.paymentId,
    });
    expect(cancelled?.actor).toEqual({ kind: 'system', id: 'booking' });
    expect(await published(harness, booking.id, 'dispatch.gave_up')).toHaveLength(1);
    expect((await roundOf(booking.id))?.status).toBe('no_partner_found');
    const view = await harness.request('GET', `/api/v1/bookings/${booking.id}`, {
      token: scene.customer.token,
    });
    expect((view.body as unknown as BookingView).status).toBe('cancelled');
    const { rows: live } = await db().pool.query(
      'SELECT 1 FROM capacity_claims WHERE booking_id = $1 AND released_at IS NULL',
      [booking.id],
    );
    expect(live).toHaveLength(0);
    expect(await timelineOf(harness, booking.id)).toEqual(
      expect.arrayContaining(['dispatch.escalated', 'dispatch.gave_up', 'booking.cancelled']),
    );
  });
});

describe('what the apps are pushed', () => {
  it('gives each partner only their own offer, tells the others the job was taken, and shows the customer their partner', async () => {
    const scene = await dispatchScene(harness, { partners: 2 });
    const [p0, p1] = scene.partners;
    const received = new Map<string, ServerMessage[]>();
    const unsubscribes = await Promise.all(
      [channels.partner(p0!.id), channels.partner(p1!.id), channels.user(scene.customer.customerId)].map(
        (channel) =>
          harness.infra.cache.subscribe(realtimeChannel(channel), (message) =>
            received.set(channel, [...(received.get(channel) ?? []), JSON.parse(message) as ServerMessage]),
          ),
      ),
    );
    const events = (channel: string) =>
      (received.get(channel) ?? []).flatMap((message) => (message.type === 'event' ? [message.event] : []));
    const booking = await confirmedBooking(harness, scene);
    await eventually(async () => {
      for (const partner of [p0!, p1!]) {
        const [wave] = events(channels.partner(partner.id)).filter(
          (event) => event.type === 'dispatch.offers_sent',
        );
        expect(
          wave?.type === 'dispatch.offers_sent' && wave.data.offers.map((offer) => offer.partnerId),
        ).toEqual([partner.id]);
      }
    });

    const offer = await offerTo(harness, booking.id, p0!);
    expect((await accept(harness, p0!, offer.id)).status).toBe(200);
    await eventually(async () => {
      const taken = events(channels.partner(p1!.id)).find(
        (event) => event.type === 'dispatch.offers_withdrawn',
      );
      expect(taken?.data).toMatchObject({ bookingId: booking.id, reason: 'taken', partnerIds: [p1!.id] });
      const assigned = events(channels.user(scene.customer.customerId)).find(
        (event) => event.type === 'booking.partner_assigned',
      );
      expect(assigned?.data).toMatchObject({
        partnerId: p0!.id,
        partner: { name: 'Partner 0', phone: '+919800010000', rating: 4.5 },
      });
    });
    for (const unsubscribe of unsubscribes) await unsubscribe();
  });
});
