import { channels, type EtaView, type ServerMessage, type TrackingUpdate } from '@zefy/contracts';
import { appendToOutbox, createEvent, type DomainEvent, decideOrThrow } from '@zefy/platform';
import {
  listWatched,
  type MonitorChange,
  saveMonitorChanges,
  type WatchedBooking,
} from '../bookings/bookings.repository.ts';
import type { TrackingDeps } from '../deps.ts';
import type { MonitorEvent } from '../monitor/monitor.ts';
import { etaViewOf, trackingMessages } from './live.commands.ts';
import { monitorTickKey, readLatest } from './live.store.ts';
import { isLocationDelayed } from './live.ts';

const trackingActor = { kind: 'system', id: 'tracking' } as const;

/** What one monitor event means for the customer's screen and for the other services. */
function consequences(
  booking: WatchedBooking,
  event: MonitorEvent,
  clock: { now: () => Date },
  lastFixAt: string | null,
): { update?: TrackingUpdate; wire?: DomainEvent } {
  const { bookingId } = booking;
  switch (event.type) {
    case 'tracking.location_delayed':
      return { update: { kind: 'location_delayed', bookingId, lastFixAt: event.data.lastFixAt } };
    case 'tracking.location_resumed':
      return { update: { kind: 'location_resumed', bookingId } };
    case 'tracking.partner_wake_requested':
      // the partner app, if its socket is alive, sends its GPS again; if not, notifications' silent push wakes it
      return {
        update: { kind: 'wake', bookingId },
        wire: createEvent(
          'tracking.partner_wake_requested',
          {
            bookingId,
            customerId: booking.customerId,
            hubId: booking.hubId,
            partnerId: booking.partnerId,
            lastFixAt,
            requestedAt: event.data.at,
          },
          { actor: trackingActor, clock },
        ),
      };
    case 'tracking.punctuality_changed': {
      const { to, estimatedArrivalAt, deviationSeconds } = event.data;
      return {
        update: { kind: 'punctuality', bookingId, punctuality: to, estimatedArrivalAt, deviationSeconds },
        wire: createEvent(
          'tracking.punctuality_changed',
          {
            bookingId,
            customerId: booking.customerId,
            hubId: booking.hubId,
            partnerId: booking.partnerId,
            punctuality: to,
            estimatedArrivalAt,
            promisedArrivalAt: booking.promisedArrivalAt ?? estimatedArrivalAt,
            deviationSeconds,
          },
          { actor: trackingActor, clock },
        ),
      };
    }
    default:
      return {};
  }
}

/** What the tick made of one booking: its row's change, its outbox rows and what its watchers are told. */
interface Judged {
  booking: WatchedBooking;
  change: MonitorChange;
  wires: DomainEvent[];
  updates: TrackingUpdate[];
}

/** One booking's tick, pure: its ETA (null: none, or its position is stale) against its monitor. */
function judge(
  monitor: TrackingDeps['deciders']['monitor'],
  { booking, version }: { booking: WatchedBooking; version: string },
  lastFixAt: string | null,
  eta: EtaView | null,
  at: { now: Date; clock: { now: () => Date } },
): Judged | null {
  const decided = decideOrThrow(
    monitor,
    { type: 'Tick', estimatedArrivalAt: eta?.estimatedArrivalAt ?? null, lastFixAt },
    booking.monitor,
    { actor: trackingActor, now: at.now },
  );
  if (decided.events.length === 0) return null;
  const hasNewEta = decided.events.some((event) => event.type === 'tracking.eta_changed');
  const { bookingId } = booking;
  const judged: Judged = {
    booking,
    change: {
      bookingId,
      version,
      monitor: decided.state,
      eta: hasNewEta ? eta : null,
    },
    wires: [],
    updates: hasNewEta && eta ? [{ kind: 'eta', bookingId, ...eta }] : [],
  };
  for (const event of decided.events) {
    const { update, wire } = consequences(booking, event, at.clock, lastFixAt);
    if (update) judged.updates.push(update);
    if (wire) judged.wires.push(wire);
  }
  return judged;
}

/** What the watchers are told: a wake-up goes to the partner's own channel, the rest as every update does. */
function tellings({ booking, updates }: Judged): Array<{ channel: string; message: ServerMessage }> {
  const partner = channels.partner(booking.partnerId);
  return [
    ...trackingMessages(
      booking,
      updates.filter((update) => update.kind !== 'wake'),
    ),
    ...updates
      .filter((update) => update.kind === 'wake')
      .map((update) => ({
        channel: partner,
        message: { type: 'tracking', channel: partner, update } as const,
      })),
  ];
}

const tellAtOnce = 500;

/**
 * The ETA monitor's tick over every watched en-route booking, on one instance per tick (a cache key lives
 * one tick), in a fixed number of round trips whatever the count: one query for the bookings, an MGET per
 * thousand for their latest fixes, one batched ETA request, the pure decisions, then one transaction saving
 * the changed rows with their outbox rows, and the watchers told after commit.
 */
export async function tickMonitors(deps: TrackingDeps, signal: AbortSignal): Promise<void> {
  const now = deps.clock.now();
  const tickMs = Math.max(1, deps.config.monitorTickMs - 10);
  if (!(await deps.cache.setIfAbsent(monitorTickKey, now.toISOString(), tickMs))) return;
  const watched = await listWatched(deps.db.pool);
  const { staleAfterSeconds } = deps.settings.monitor;
  const latest = await readLatest(
    deps.cache,
    watched.map(({ booking }) => booking),
  );
  const fresh = watched.flatMap(({ booking }, index) => {
    const fix = latest[index] ?? null;
    const isStale = isLocationDelayed(fix?.fixAt ?? null, booking.startedAt, now, staleAfterSeconds);
    return fix && !isStale && booking.destination
      ? [{ index, request: { origin: fix, destination: booking.destination, departAt: now } }]
      : [];
  });
  const estimates = await deps.eta.estimate(fresh.map(({ request }) => request));
  const etas = new Map(
    fresh.map(({ index }, at) => {
      const estimate = estimates[at];
      return [index, estimate ? etaViewOf(estimate, now) : null];
    }),
  );
  if (signal.aborted) return;
  const at = { now, clock: { now: () => now } };
  const judged = watched.flatMap((row, index) => {
    const decision = judge(
      deps.deciders.monitor,
      row,
      latest[index]?.fixAt ?? null,
      etas.get(index) ?? null,
      at,
    );
    return decision ? [decision] : [];
  });
  const saved = await deps.db.transaction(async (tx) => {
    const ids = await saveMonitorChanges(
      tx,
      judged.map(({ change }) => change),
    );
    const kept = judged.filter(({ booking }) => ids.has(booking.bookingId));
    await appendToOutbox(
      tx,
      kept.flatMap(({ wires }) => wires),
    );
    return kept;
  });
  for (let from = 0; from < saved.length; from += tellAtOnce) {
    const told = saved.slice(from, from + tellAtOnce);
    await deps.realtime
      .publishEach(told.flatMap(tellings))
      .catch((error: unknown) =>
        deps.logger.error({ err: error, bookings: told.length }, 'ETA monitor could not tell'),
      );
  }
}
