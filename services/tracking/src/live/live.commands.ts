import {
  channels,
  type EtaView,
  type LiveTracking,
  type PositionsAccepted,
  type Principal,
  type ServerMessage,
  type TrackingUpdate,
} from '@zefy/contracts';
import { AppError, appendToOutbox, createEvent, type DomainEvent, decideOrThrow } from '@zefy/platform';
import { replay } from '@zefy/platform/domain';
import { findTracked, findVersioned, lockTracked, saveTracked } from '../bookings/bookings.repository.ts';
import { cacheBooking, forgetBooking } from '../bookings/bookings.store.ts';
import type { TrackedBooking } from '../bookings/bookings.ts';
import type { TrackingDeps } from '../deps.ts';
import type { EtaEstimate } from '../eta/eta.ts';
import type { PositionFix } from '../positions/positions.ts';
import { parseLive, readLive, readRawTrack, readUploadState, swapLive } from './live.store.ts';
import { isEtaOverdue, isLocationDelayed, outcomeOf } from './live.ts';

const trackingActor = { kind: 'system', id: 'tracking' } as const;

/**
 * Updates reach the booking's live channel (its watchers, checked per booking by the gateway) and its hub's
 * (staff's live map of the jobs on their way): two messages per update, whoever watches.
 */
export function trackingMessages(
  booking: Pick<TrackedBooking, 'bookingId' | 'hubId'>,
  updates: readonly TrackingUpdate[],
): Array<{ channel: string; message: ServerMessage }> {
  const targets = [channels.booking(booking.bookingId), channels.hub(booking.hubId)];
  return updates.flatMap((update) =>
    targets.map((channel) => ({ channel, message: { type: 'tracking', channel, update } as const })),
  );
}

/** Publishes the updates in one hop to the cache: two calls made in order reach each channel in that order. */
export async function announce(
  deps: TrackingDeps,
  booking: Pick<TrackedBooking, 'bookingId' | 'hubId'>,
  updates: readonly TrackingUpdate[],
): Promise<void> {
  if (updates.length > 0) await deps.realtime.publishEach(trackingMessages(booking, updates));
}

const notFound = (bookingId: string) =>
  new AppError('TRACKING.NOT_FOUND', `You have no tracked job ${bookingId}`);

export const etaViewOf = (estimate: EtaEstimate, now: Date): EtaView => ({
  estimatedArrivalAt: new Date(now.getTime() + estimate.durationSeconds * 1000).toISOString(),
  durationSeconds: estimate.durationSeconds,
  distanceMeters: estimate.distanceMeters,
  source: estimate.source,
  computedAt: now.toISOString(),
});

async function etaFrom(deps: TrackingDeps, booking: TrackedBooking, from: PositionFix, now: Date) {
  if (!booking.destination) return null;
  const [estimate] = await deps.eta.estimate([
    { origin: from, destination: booking.destination, departAt: now },
  ]);
  return estimate ? etaViewOf(estimate, now) : null;
}

/**
 * What a new latest position and ETA do to the booking, in its transaction: the arrival stage (arrived by
 * distance tells booking), the first ETA fixes the promised arrival (told to booking) and starts the monitor.
 */
function advance(
  deps: TrackingDeps,
  booking: TrackedBooking,
  latest: PositionFix | null,
  eta: EtaView | null,
  now: Date,
): { booking: TrackedBooking; events: DomainEvent[]; updates: TrackingUpdate[] } {
  const context = { actor: trackingActor, now };
  const clock = { now: () => now };
  const ids = {
    bookingId: booking.bookingId,
    customerId: booking.customerId,
    hubId: booking.hubId,
    partnerId: booking.partnerId,
  };
  const events: DomainEvent[] = [];
  const updates: TrackingUpdate[] = [];
  let next = booking;
  if (latest) {
    const observed = decideOrThrow(
      deps.deciders.arrival,
      { type: 'Observe', position: latest },
      next.arrival,
      context,
    );
    next = { ...next, arrival: observed.state };
    for (const event of observed.events) {
      if (event.type !== 'tracking.arrival_reached') continue;
      const { stage, distanceMeters } = event.data;
      updates.push({ kind: 'arrival', bookingId: booking.bookingId, stage, distanceMeters });
      if (stage === 'arrived')
        events.push(
          createEvent(
            'tracking.partner_arrived',
            { ...ids, distanceMeters: distanceMeters ?? 0, fixAt: latest.fixAt },
            { actor: trackingActor, clock },
          ),
        );
    }
  }
  if (eta) {
    const monitor = deps.deciders.monitor;
    const isFirst = next.promisedArrivalAt === null;
    const command = isFirst
      ? ({ type: 'Start', bookingId: booking.bookingId, promisedArrivalAt: eta.estimatedArrivalAt } as const)
      : ({ type: 'Estimate', estimatedArrivalAt: eta.estimatedArrivalAt } as const);
    const watched = decideOrThrow(monitor, command, next.monitor, context);
    const told = { bookingId: booking.bookingId, estimatedArrivalAt: eta.estimatedArrivalAt };
    next = {
      ...next,
      eta,
      // the first ETA is told to the customer with the promise: the monitor publishes from it on
      monitor: isFirst
        ? replay(monitor, [{ type: 'tracking.eta_changed', data: told }], watched.state)
        : watched.state,
      promisedArrivalAt: next.promisedArrivalAt ?? eta.estimatedArrivalAt,
    };
    updates.push({ kind: 'eta', bookingId: booking.bookingId, ...eta });
    if (isFirst)
      events.push(
        createEvent(
          'tracking.arrival_promised',
          { ...ids, promisedArrivalAt: eta.estimatedArrivalAt, distanceMeters: eta.distanceMeters },
          { actor: trackingActor, clock },
        ),
      );
  }
  return { booking: next, events, updates };
}

/** The booking from the cache, or from PostgreSQL (then cached: booking's consumer replaces the copy). */
async function bookingOf(deps: TrackingDeps, bookingId: string, cached: TrackedBooking | null) {
  if (cached) return cached;
  const versioned = await findVersioned(deps.db.pool, bookingId);
  if (!versioned) return null;
  await cacheBooking(deps.cache, versioned);
  return versioned.booking;
}

/** Whether `latest` takes the booking to a further arrival stage, judged against the cached booking. */
function reachesStage(deps: TrackingDeps, booking: TrackedBooking, latest: PositionFix): boolean {
  const observed = deps.deciders.arrival.decide({ type: 'Observe', position: latest }, booking.arrival, {
    actor: trackingActor,
    now: new Date(latest.fixAt),
  });
  return observed.ok && observed.events.some((event) => event.type === 'tracking.arrival_reached');
}

/**
 * The booking's row, only when the upload changes it: a further arrival stage (arrived tells booking) or the
 * throttled ETA (the first one fixes the promise). Decided again under the row's lock; the ETA is made
 * before it, as a Google call may take seconds. The row as committed replaces the cached copy, so the next
 * upload needs no PostgreSQL read (every booking's ETA falls due in turn: a read each would come in waves).
 */
async function recordProgress(
  deps: TrackingDeps,
  tracked: TrackedBooking,
  latest: PositionFix,
  isEtaDue: boolean,
  now: Date,
): Promise<TrackingUpdate[]> {
  const eta = isEtaDue ? await etaFrom(deps, tracked, latest, now) : null;
  if (!eta && !reachesStage(deps, tracked, latest)) return [];
  const updates: TrackingUpdate[] = [];
  const committed = await deps.db.transaction(async (tx) => {
    const locked = await lockTracked(tx, tracked.bookingId);
    // the booking moved on meanwhile (arrived, reassigned, cancelled): nothing more to record
    if (locked?.booking.status !== 'en_route' || locked.booking.partnerId !== tracked.partnerId)
      return locked;
    const advanced = advance(deps, locked.booking, latest, eta, now);
    if (advanced.booking !== locked.booking) await saveTracked(tx, advanced.booking, locked.sourceAt);
    await appendToOutbox(tx, advanced.events);
    updates.push(...advanced.updates);
    return { booking: advanced.booking, sourceAt: locked.sourceAt };
  });
  if (committed) await cacheBooking(deps.cache, committed);
  else await forgetBooking(deps.cache, tracked.bookingId);
  return updates;
}

const swapAttempts = 5;

/**
 * The partner's fixes on the way to the job, judged as one unit against their track on it (cache) and
 * swapped in with a compare-and-set, judged again if another upload landed first, so the latest only moves
 * forward. The new shown position goes to the watchers at once; PostgreSQL sees only the sampled trail
 * (group-committed with other uploads) and the booking's row when the arrival stage or the ETA moves.
 */
export async function uploadPositions(
  deps: TrackingDeps,
  bookingId: string,
  partnerId: string,
  fixes: readonly PositionFix[],
): Promise<PositionsAccepted> {
  const read = await readUploadState(deps.cache, bookingId, partnerId);
  const tracked = await bookingOf(deps, bookingId, read.booking);
  if (!tracked || tracked.partnerId !== partnerId) throw notFound(bookingId);
  if (tracked.status !== 'en_route')
    throw new AppError('TRACKING.NOT_EN_ROUTE', `The job is ${tracked.status}; positions are taken en route`);
  const decider = deps.deciders.track;
  let rawTrack = read.rawTrack;
  for (let attempt = 0; attempt < swapAttempts; attempt++) {
    const now = deps.clock.now();
    const live = parseLive(rawTrack);
    const judged = decideOrThrow(decider, { type: 'Ingest', fixes, isOnJob: true }, live.track, {
      actor: { kind: 'partner', id: partnerId },
      now,
    });
    const outcome = outcomeOf(fixes, judged.events);
    if (outcome.accepted === 0) {
      for (const { reason } of outcome.rejected) deps.metrics.positionsRejected.inc({ reason });
      throw new AppError('TRACKING.POSITIONS_REJECTED', 'Every position in the upload was refused', {
        errors: outcome.rejected.map(({ index, reason }) => ({
          field: `body.positions.${index}`,
          message: reason,
          rule: reason,
        })),
      });
    }
    const isEtaDue =
      outcome.latest !== null && isEtaOverdue(bookingId, live.etaAt, now, deps.config.etaEverySeconds);
    const next = { track: judged.state, etaAt: isEtaDue ? now.toISOString() : live.etaAt };
    if (!(await swapLive(deps.cache, bookingId, partnerId, rawTrack, next))) {
      rawTrack = await readRawTrack(deps.cache, bookingId, partnerId);
      continue;
    }
    for (const { reason } of outcome.rejected) deps.metrics.positionsRejected.inc({ reason });
    // published before anything else is awaited, so this instance's swaps reach watchers in swap order
    const shown = outcome.shown
      ? announce(deps, tracked, [{ kind: 'position', bookingId, position: outcome.shown }])
      : Promise.resolve();
    const [, , progress] = await Promise.all([
      shown,
      deps.trail.append(tracked, outcome.trail),
      outcome.latest ? recordProgress(deps, tracked, outcome.latest, isEtaDue, now) : [],
    ]);
    await announce(deps, tracked, progress);
    return { accepted: outcome.accepted, rejected: outcome.rejected };
  }
  throw new AppError('TRACKING.UPLOAD_IN_PROGRESS', 'Your other uploads are still being taken');
}

/** The booking's live tracking, for its customer, its partner, or staff; anyone else finds nothing. */
export async function liveTrackingOf(
  deps: TrackingDeps,
  bookingId: string,
  principal: Principal,
): Promise<LiveTracking> {
  const booking = await findTracked(deps.db.pool, bookingId);
  if (!booking) throw notFound(bookingId);
  if (principal.role === 'customer' && principal.id !== booking.customerId) throw notFound(bookingId);
  if (principal.role === 'partner' && principal.id !== booking.partnerId) throw notFound(bookingId);
  const { track } = await readLive(deps.cache, bookingId, booking.partnerId);
  const lastUpdateAt = track.latest?.fixAt ?? null;
  const now = deps.clock.now();
  return {
    bookingId,
    partnerId: booking.partnerId,
    status: booking.status,
    position: track.shown,
    lastUpdateAt,
    isDelayed:
      booking.status === 'en_route' &&
      isLocationDelayed(lastUpdateAt, booking.startedAt, now, deps.settings.monitor.staleAfterSeconds),
    eta: booking.status === 'en_route' ? booking.eta : null,
    promisedArrivalAt: booking.promisedArrivalAt,
    arrivalStage: booking.arrival.status === 'tracking' ? booking.arrival.stage : null,
    destination: booking.destination,
  };
}
