import { randomUUID } from 'node:crypto';
import { createLogger, decideOrThrow, ManualClock } from '@zefy/platform';
import { startServiceHarness } from '@zefy/platform/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  findTracked,
  listWatched,
  saveMonitorChanges,
  saveTracked,
} from '../bookings/bookings.repository.ts';
import type { TrackedBooking } from '../bookings/bookings.ts';
import type { TrackingDeps } from '../deps.ts';
import { trackingService } from '../index.ts';
import { monitorDecider } from '../monitor/monitor.ts';
import { tickMonitors } from './live.monitor.ts';
import { monitorTickKey, saveLive } from './live.store.ts';

// the job waits ten minutes between ticks: these tests tick by hand
const clock = new ManualClock(new Date('2026-11-24T10:00:00.000Z'));
const harness = await startServiceHarness(trackingService, {
  serverUrl: inject('databaseUrl'),
  clock,
  redisUrl: process.env.REDIS_URL,
  logger: createLogger({ level: 'silent' }),
  config: { TRACKING_MONITOR_TICK_MS: '600000' },
});
afterAll(() => harness.stop());
const deps = harness.service.deps as TrackingDeps;
const home = { lat: 12.9716, lng: 77.6412 };
const system = { actor: { kind: 'system' as const, id: 'tracking' } };

/** A booking on its way for ten minutes, its monitor started with a promise `promisedInMinutes` from now. */
async function watchedBooking(promisedInMinutes: number): Promise<TrackedBooking> {
  const now = clock.now();
  const bookingId = randomUUID();
  const promisedArrivalAt = new Date(now.getTime() + promisedInMinutes * 60_000).toISOString();
  const started = decideOrThrow(
    monitorDecider(deps.settings.monitor),
    { type: 'Start', bookingId, promisedArrivalAt },
    { status: 'none' },
    { ...system, now },
  );
  const booking: TrackedBooking = {
    bookingId,
    hubId: 'hub-1',
    customerId: randomUUID(),
    partnerId: randomUUID(),
    status: 'en_route',
    destination: home,
    startedAt: new Date(now.getTime() - 600_000).toISOString(),
    promisedArrivalAt,
    arrival: { status: 'none' },
    monitor: started.state,
    eta: null,
  };
  await deps.db.transaction((tx) => saveTracked(tx, booking, now));
  return booking;
}

/** The partner's latest fix `meters` north of the address, `secondsAgo` old. */
async function lastSeen(booking: TrackedBooking, meters: number, secondsAgo: number) {
  const fix = {
    lat: home.lat + meters / 111_320,
    lng: home.lng,
    accuracyMeters: 10,
    fixAt: new Date(clock.now().getTime() - secondsAgo * 1000).toISOString(),
  };
  await saveLive(deps.cache, booking.bookingId, booking.partnerId, {
    track: { latest: fix, shown: fix, sampled: fix },
    etaAt: fix.fixAt,
  });
}

const tick = async () => {
  await deps.cache.del(monitorTickKey);
  await tickMonitors(deps, new AbortController().signal);
};

describe('the ETA monitor job', () => {
  it('judges every watched booking in one tick, from its latest fix, and only one instance takes a tick', async () => {
    const moving = await watchedBooking(20);
    const silent = await watchedBooking(20);
    await lastSeen(moving, 2000, 5);
    await lastSeen(silent, 2000, 120);
    await tick();

    const judged = await findTracked(deps.db.pool, moving.bookingId);
    expect(judged?.monitor).toMatchObject({ status: 'watching', delayedSince: null });
    expect(judged?.eta).toMatchObject({ source: 'offline', distanceMeters: expect.any(Number) });
    expect(judged?.monitor.status === 'watching' && judged.monitor.publishedEta).toBe(
      judged?.eta?.estimatedArrivalAt,
    );
    const stale = await findTracked(deps.db.pool, silent.bookingId);
    expect(stale?.monitor).toMatchObject({ delayedSince: clock.now().toISOString(), delays: 1 });
    expect(stale?.eta).toBeNull();

    // another instance's tick in the same period finds the tick taken: nothing is judged twice
    await lastSeen(moving, 100, 1);
    await tickMonitors(deps, new AbortController().signal);
    expect((await findTracked(deps.db.pool, moving.bookingId))?.eta).toEqual(judged?.eta);
  });

  it('leaves a booking whose row was written after the tick read it to the next tick', async () => {
    const booking = await watchedBooking(20);
    const read = (await listWatched(deps.db.pool)).find((row) => row.booking.bookingId === booking.bookingId);
    if (!read) throw new Error('a watched booking is listed');
    const later = decideOrThrow(
      monitorDecider(deps.settings.monitor),
      { type: 'Estimate', estimatedArrivalAt: new Date(clock.now().getTime() + 900_000).toISOString() },
      booking.monitor,
      { ...system, now: clock.now() },
    ).state;
    const saved = await deps.db.transaction(async (tx) => {
      await tx.query('UPDATE bookings SET monitor = $2 WHERE booking_id = $1', [
        booking.bookingId,
        JSON.stringify(later),
      ]);
      return saveMonitorChanges(tx, [
        { bookingId: booking.bookingId, version: read.version, monitor: { status: 'none' }, eta: null },
      ]);
    });
    expect(saved.size).toBe(0);
    expect((await findTracked(deps.db.pool, booking.bookingId))?.monitor).toEqual(later);
    // read again, the same change lands
    const again = (await listWatched(deps.db.pool)).find(
      (row) => row.booking.bookingId === booking.bookingId,
    );
    const landed = await deps.db.transaction((tx) =>
      saveMonitorChanges(tx, [
        { bookingId: booking.bookingId, version: again?.version ?? '', monitor: later, eta: null },
      ]),
    );
    expect(landed).toEqual(new Set([booking.bookingId]));
  });
});
