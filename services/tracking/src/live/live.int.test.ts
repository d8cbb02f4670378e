import { randomUUID } from 'node:crypto';
import {
  channels,
  type EventData,
  type LiveTracking,
  type PositionsAccepted,
  type ServerMessage,
} from '@zefy/contracts';
import { AppError, createEvent, createLogger, ManualClock, realtimeChannel } from '@zefy/platform';
import { eventually, startServiceHarness } from '@zefy/platform/testing';
import { startGoogleMapsStandIn } from '@zefy/stand-ins/google-maps';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { applyBookingFact } from '../bookings/bookings.consumers.ts';
import { findTracked } from '../bookings/bookings.repository.ts';
import type { TrackingDeps } from '../deps.ts';
import { trackingService } from '../index.ts';
import type { PositionFix } from '../positions/positions.ts';
import { uploadPositions } from './live.commands.ts';
import { trailWriter } from './live.repository.ts';
import { readLive } from './live.store.ts';

// tracking alone, its ETA from the Google Routes adapter against the Google Maps stand-in
const standIn = await startGoogleMapsStandIn({ apiKey: 'tracking-int-key' });
const clock = new ManualClock(new Date('2026-11-24T10:00:00.000Z'));
const harness = await startServiceHarness(trackingService, {
  serverUrl: inject('databaseUrl'),
  clock,
  redisUrl: process.env.REDIS_URL,
  logger: createLogger({ level: 'silent' }),
  config: {
    TRACKING_ETA_PROVIDER: 'google_routes',
    GOOGLE_MAPS_API_KEY: 'tracking-int-key',
    GOOGLE_MAPS_BASE_URL: standIn.url,
  },
});
afterAll(async () => {
  await harness.stop();
  await standIn.close();
});

const home = { lat: 12.9716, lng: 77.6412 };
const system = { actor: { kind: 'system' as const, id: 'booking' }, clock };

/** Booking's events of a job `partnerId` took and set out for, on the bus as booking publishes them. */
async function enRouteJob(partnerId: string) {
  const ids = { bookingId: randomUUID(), customerId: randomUUID(), hubId: 'hub-1' };
  const journey: EventData<'booking.en_route'> = {
    ...ids,
    serviceName: 'AC service',
    partnerId,
    partnerName: 'Asha',
    startedAt: clock.now().toISOString(),
    destination: home,
  };
  await harness.infra.bus.publish(createEvent('booking.en_route', journey, system));
  const token = await harness.tokenFor({ id: partnerId, role: 'partner' });
  await eventually(async () => expect((await tracking(ids.bookingId, token)).status).toBe('en_route'));
  return { ...ids, token };
}

async function tracking(bookingId: string, token: string): Promise<LiveTracking> {
  const response = await harness.app.inject({
    method: 'GET',
    url: `/api/v1/bookings/${bookingId}/tracking`,
    headers: { authorization: `Bearer ${token}` },
  });
  return response.json() as LiveTracking;
}

const fixNorth = (meters: number, secondsAgo: number) => ({
  lat: home.lat + meters / 111_320,
  lng: home.lng,
  accuracyMeters: 10,
  fixAt: new Date(clock.now().getTime() - secondsAgo * 1000).toISOString(),
});

describe('live tracking against PostgreSQL and the Google Maps stand-in', () => {
  it('keeps the sampled trail, estimates with Google Routes, and promises the first ETA once', async () => {
    const partnerId = randomUUID();
    const job = await enRouteJob(partnerId);
    const response = await harness.app.inject({
      method: 'POST',
      url: `/api/v1/partner/jobs/${job.bookingId}/positions`,
      headers: { authorization: `Bearer ${job.token}` },
      payload: { positions: [fixNorth(2000, 20), fixNorth(1990, 15), fixNorth(1800, 5)] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json() as PositionsAccepted).toEqual({ accepted: 3, rejected: [] });

    const live = await tracking(job.bookingId, job.token);
    expect(live).toMatchObject({ eta: { source: 'google_routes' }, position: { accuracyMeters: 10 } });
    expect(live.promisedArrivalAt).toBe(live.eta?.estimatedArrivalAt);
    expect(live.destination).toEqual(home);
    const { db } = harness.service.context;
    const trail = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM trail WHERE booking_id = $1',
      [job.bookingId],
    );
    // the second fix is 10 m and 5 s after the first: not sampled
    expect(trail.rows[0]?.n).toBe(2);
    const promised = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE type = 'tracking.arrival_promised' AND envelope->'data'->>'bookingId' = $1",
      [job.bookingId],
    );
    expect(promised.rows[0]?.n).toBe(1);
  });
});

const deps = harness.service.deps as TrackingDeps;

describe('positions under concurrency', () => {
  it('moves the latest only forward and broadcasts in fix order when two instances take uploads at once', async () => {
    const partnerId = randomUUID();
    const job = await enRouteJob(partnerId);
    // a second instance: its own trail writer and deciders, the same cache and database
    const other: TrackingDeps = { ...deps, trail: trailWriter(deps.db.pool) };
    const shown: string[] = [];
    const unsubscribe = await deps.cache.subscribe(
      realtimeChannel(channels.booking(job.bookingId)),
      (raw) => {
        const message = JSON.parse(raw) as ServerMessage;
        if (message.type === 'tracking' && message.update.kind === 'position')
          shown.push(message.update.position.fixAt);
      },
    );
    // 24 fixes 40 m and 2 s apart, sent as 24 one-fix uploads all at once, shuffled, half through each
    const fixes = Array.from({ length: 24 }, (_, index) => fixNorth(3000 - index * 40, 60 - index * 2));
    const shuffled = fixes
      .map((fix, index) => ({ fix, key: (index * 7) % 24 }))
      .sort((a, b) => a.key - b.key);
    const answers = await Promise.all(
      shuffled.map(({ fix }, index) =>
        uploadPositions(index % 2 === 0 ? deps : other, job.bookingId, partnerId, [fix]).then(
          (taken) => ({ fix, taken }),
          (error: unknown) => {
            if (error instanceof AppError && error.code === 'TRACKING.UPLOAD_IN_PROGRESS') return null;
            throw error;
          },
        ),
      ),
    );
    const taken = answers.filter(
      (answer): answer is { fix: PositionFix; taken: PositionsAccepted } => !!answer,
    );
    expect(taken.length).toBeGreaterThan(0);
    for (const { taken: accepted } of taken) expect(accepted).toEqual({ accepted: 1, rejected: [] });
    const newest = taken
      .map(({ fix }) => fix.fixAt)
      .sort()
      .at(-1);
    const { track } = await readLive(deps.cache, job.bookingId, partnerId);
    expect(track.latest?.fixAt).toBe(newest);
    await eventually(async () => expect(shown.at(-1)).toBe(newest));
    // every broadcast is newer than the one before it: a fix that lost the race was judged again, as late
    expect(shown).toEqual([...shown].sort());
    expect(new Set(shown).size).toBe(shown.length);
    await unsubscribe();
  });

  it('refuses positions once a cancellation commits, though an upload read the booking while it was applied', async () => {
    const partnerId = randomUUID();
    const job = await enRouteJob(partnerId);
    expect(await uploadPositions(deps, job.bookingId, partnerId, [fixNorth(2500, 30)])).toMatchObject({
      accepted: 1,
    });
    const cancelled = {
      bookingId: job.bookingId,
      customerId: job.customerId,
      hubId: job.hubId,
      cancelledBy: 'customer' as const,
      reason: 'changed my mind',
      paymentId: null,
      refundDuePaise: 0,
    };
    const refresh = await deps.db.transaction(async (tx) => {
      const committed = await applyBookingFact(
        deps,
        tx,
        { type: 'booking.cancelled', data: cancelled },
        { occurredAt: clock.now().toISOString() },
      );
      // an upload between the consumer's write and its commit still finds the booking en route
      expect(await uploadPositions(deps, job.bookingId, partnerId, [fixNorth(2400, 25)])).toMatchObject({
        accepted: 1,
      });
      return committed;
    });
    await refresh?.();
    await expect(uploadPositions(deps, job.bookingId, partnerId, [fixNorth(2300, 20)])).rejects.toMatchObject(
      {
        code: 'TRACKING.NOT_EN_ROUTE',
      },
    );
  });

  it('writes the trail of uploads arriving together in one statement, each answered once stored', async () => {
    const statements: number[] = [];
    const counted = trailWriter({
      query: (text, values) => {
        statements.push(JSON.parse(String(values[0])).length);
        return deps.db.pool.query(text, values);
      },
    });
    const at = { hubId: 'hub-1', bookingId: randomUUID(), partnerId: randomUUID() };
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        counted.append(at, [fixNorth(1000 + index * 200, 50 - index)]),
      ),
    );
    const stored = await deps.db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM trail WHERE booking_id = $1',
      [at.bookingId],
    );
    expect(stored.rows[0]?.n).toBe(10);
    // the first upload's fix goes at once, the nine that came while it was written go together
    expect(statements).toEqual([1, 9]);
  });

  it('keeps "On my way" when the assignment before it is applied at the same time, before tracking has the booking', async () => {
    const ids = {
      bookingId: randomUUID(),
      customerId: randomUUID(),
      hubId: 'hub-1',
      partnerId: randomUUID(),
    };
    const assignedAt = new Date(clock.now().getTime() - 1000).toISOString();
    const startedAt = clock.now().toISOString();
    const enRoute: EventData<'booking.en_route'> = {
      ...ids,
      serviceName: 'AC service',
      partnerName: 'Asha',
      startedAt,
      destination: home,
    };
    const assigned: EventData<'booking.partner_assigned'> = {
      ...ids,
      serviceName: 'AC service',
      partner: { name: 'Asha', photoUrl: null, phone: null, rating: 4.5 },
      assignedBy: 'partner',
      assignedAt,
      previousPartnerId: null,
      reason: null,
    };
    let assignment: Promise<unknown> = Promise.resolve();
    await deps.db.transaction(async (tx) => {
      await applyBookingFact(
        deps,
        tx,
        { type: 'booking.en_route', data: enRoute },
        { occurredAt: startedAt },
      );
      // the assignment, prefetched with it, is handled on another connection before this one commits
      assignment = deps.db.transaction((other) =>
        applyBookingFact(
          deps,
          other,
          { type: 'booking.partner_assigned', data: assigned },
          { occurredAt: assignedAt },
        ),
      );
      await eventually(async () => {
        const waiting = await deps.db.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        expect(waiting.rows[0]?.n).toBe(1);
      });
    });
    await assignment;
    expect((await findTracked(deps.db.pool, ids.bookingId))?.status).toBe('en_route');
  });
});
