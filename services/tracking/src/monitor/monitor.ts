import { accept, assertNever, type Decider } from '@zefy/platform/domain';
import { type Static, Type } from 'typebox';
import Value from 'typebox/value';

const seconds = (minimum: number, defaultSeconds: number, description: string) =>
  Type.Integer({ minimum, maximum: 7200, default: defaultSeconds, description });

export const MonitorSettings = Type.Object({
  lateAfterSeconds: seconds(60, 300, 'an ETA this long after the promised arrival is late…'),
  earlyBeforeSeconds: seconds(60, 300, '…and this long before it, early'),
  hysteresisSeconds: seconds(
    0,
    120,
    'late (early) clears only once the ETA is this far back inside the line',
  ),
  ticksToChange: Type.Integer({
    minimum: 1,
    maximum: 10,
    default: 2,
    description: 'ticks in a row past a threshold (or back inside it) before the change is told',
  }),
  // requirement 18 says 10 s, but with a fix every ~10 s that flaps on every late upload: 3 missed fixes
  staleAfterSeconds: seconds(
    5,
    30,
    'a position older than this is "location delayed"; no ETA is judged from it',
  ),
  wakeEverySeconds: seconds(0, 120, 'while delayed, the partner app is woken again this often (0: once)'),
  etaChangeSeconds: seconds(0, 60, 'an ETA is published when it moved this much from the last one published'),
});
export type MonitorSettings = Static<typeof MonitorSettings>;
export const monitorDefaults: MonitorSettings = Value.Create(MonitorSettings);

export type Punctuality = 'on_time' | 'late' | 'early';

/** A different punctuality seen on the last `ticks` ticks in a row, not told yet. */
export interface PendingChange {
  punctuality: Punctuality;
  ticks: number;
}

export interface Watch {
  status: 'watching';
  bookingId: string;
  startedAt: string;
  promisedArrivalAt: string;
  punctuality: Punctuality;
  pending: PendingChange | null;
  /** Changes told so far: they number the notification keys. */
  changes: number;
  publishedEta: string | null;
  /** Since when the location is delayed (null: fresh), and when the partner app was last woken. */
  delayedSince: string | null;
  wokenAt: string | null;
  /** Delay episodes so far. */
  delays: number;
}

export type MonitorState = { status: 'none' } | Watch;

export type MonitorCommand =
  /** The partner set off; the promised arrival is the first ETA. */
  | { type: 'Start'; bookingId: string; promisedArrivalAt: string }
  /** The 30-second tick: the ETA from the latest position (null: none could be made) and that fix's time. */
  | { type: 'Tick'; estimatedArrivalAt: string | null; lastFixAt: string | null }
  /** An ETA recomputed on a position update, between ticks: published if it moved, never judged. */
  | { type: 'Estimate'; estimatedArrivalAt: string };

export type MonitorEvent =
  | {
      type: 'tracking.monitor_started';
      data: { bookingId: string; promisedArrivalAt: string; startedAt: string };
    }
  | { type: 'tracking.eta_changed'; data: { bookingId: string; estimatedArrivalAt: string } }
  /** Bookkeeping of a change not told yet (null: the streak broke). */
  | { type: 'tracking.punctuality_pending'; data: { bookingId: string; pending: PendingChange | null } }
  /** To tell the customer once: `notificationKey` is (booking, punctuality, the change's number). */
  | {
      type: 'tracking.punctuality_changed';
      data: {
        bookingId: string;
        from: Punctuality;
        to: Punctuality;
        estimatedArrivalAt: string;
        /** ETA minus the promised arrival: positive is late. */
        deviationSeconds: number;
        notificationKey: string;
      };
    }
  /** Show "location delayed" to the customer, once per episode. */
  | {
      type: 'tracking.location_delayed';
      data: { bookingId: string; lastFixAt: string | null; at: string; notificationKey: string };
    }
  /** Wake the partner app with a silent push. */
  | { type: 'tracking.partner_wake_requested'; data: { bookingId: string; at: string } }
  | { type: 'tracking.location_resumed'; data: { bookingId: string } };

const secondsBetween = (from: string, to: string | Date): number =>
  ((typeof to === 'string' ? Date.parse(to) : to.getTime()) - Date.parse(from)) / 1000;

/**
 * One en-route booking's ETA monitor, decided on each tick: late or early beyond a threshold is told after
 * `ticksToChange` ticks in a row past it and clears the same way, with hysteresis, once per change; a stale
 * position is told once per episode and wakes the partner app. A stale tick neither counts towards a change
 * nor breaks a streak: it says nothing about the ETA.
 */
export function monitorDecider(
  settings: MonitorSettings,
): Decider<MonitorCommand, MonitorState, MonitorEvent> {
  /** What the ETA says, with hysteresis: leaving late (early) takes more than getting back under the line. */
  function observe(current: Punctuality, deviation: number): Punctuality {
    const { lateAfterSeconds: late, earlyBeforeSeconds: early, hysteresisSeconds: margin } = settings;
    if (current === 'late' && deviation > late - margin) return 'late';
    if (current === 'early' && deviation < -(early - margin)) return 'early';
    return deviation > late ? 'late' : deviation < -early ? 'early' : 'on_time';
  }

  function publish(watch: Watch, estimatedArrivalAt: string): MonitorEvent[] {
    const hasMoved =
      watch.publishedEta === null ||
      Math.abs(secondsBetween(watch.publishedEta, estimatedArrivalAt)) >= settings.etaChangeSeconds;
    return hasMoved
      ? [{ type: 'tracking.eta_changed', data: { bookingId: watch.bookingId, estimatedArrivalAt } }]
      : [];
  }

  function judge(watch: Watch, estimatedArrivalAt: string): MonitorEvent[] {
    const { bookingId } = watch;
    const deviationSeconds = Math.round(secondsBetween(watch.promisedArrivalAt, estimatedArrivalAt));
    const seen = observe(watch.punctuality, deviationSeconds);
    if (seen === watch.punctuality)
      return watch.pending
        ? [{ type: 'tracking.punctuality_pending', data: { bookingId, pending: null } }]
        : [];
    const ticks = watch.pending?.punctuality === seen ? watch.pending.ticks + 1 : 1;
    if (ticks < settings.ticksToChange)
      return [
        { type: 'tracking.punctuality_pending', data: { bookingId, pending: { punctuality: seen, ticks } } },
      ];
    return [
      {
        type: 'tracking.punctuality_changed',
        data: {
          bookingId,
          from: watch.punctuality,
          to: seen,
          estimatedArrivalAt,
          deviationSeconds,
          notificationKey: `${bookingId}:punctuality:${seen}:${watch.changes + 1}`,
        },
      },
    ];
  }

  function tick(watch: Watch, command: Extract<MonitorCommand, { type: 'Tick' }>, now: Date): MonitorEvent[] {
    const { bookingId } = watch;
    const at = now.toISOString();
    const isStale = secondsBetween(command.lastFixAt ?? watch.startedAt, now) > settings.staleAfterSeconds;
    if (isStale) {
      if (watch.delayedSince === null)
        return [
          {
            type: 'tracking.location_delayed',
            data: {
              bookingId,
              lastFixAt: command.lastFixAt,
              at,
              notificationKey: `${bookingId}:location_delayed:${watch.delays + 1}`,
            },
          },
          { type: 'tracking.partner_wake_requested', data: { bookingId, at } },
        ];
      const isWakeDue =
        settings.wakeEverySeconds > 0 &&
        secondsBetween(watch.wokenAt ?? watch.delayedSince, now) >= settings.wakeEverySeconds;
      return isWakeDue ? [{ type: 'tracking.partner_wake_requested', data: { bookingId, at } }] : [];
    }
    const resumed: MonitorEvent[] =
      watch.delayedSince === null ? [] : [{ type: 'tracking.location_resumed', data: { bookingId } }];
    if (command.estimatedArrivalAt === null) return resumed;
    return [
      ...resumed,
      ...publish(watch, command.estimatedArrivalAt),
      ...judge(watch, command.estimatedArrivalAt),
    ];
  }

  return {
    initialState: { status: 'none' },
    decide(command, state, { now }) {
      switch (command.type) {
        case 'Start':
          return state.status === 'none'
            ? accept({
                type: 'tracking.monitor_started',
                data: {
                  bookingId: command.bookingId,
                  promisedArrivalAt: command.promisedArrivalAt,
                  startedAt: now.toISOString(),
                },
              })
            : accept();
        case 'Tick':
          return state.status === 'none' ? accept() : accept(...tick(state, command, now));
        case 'Estimate':
          return state.status === 'none' ? accept() : accept(...publish(state, command.estimatedArrivalAt));
        default:
          return assertNever(command);
      }
    },
    evolve(state, event) {
      if (event.type === 'tracking.monitor_started')
        return state.status === 'none'
          ? {
              status: 'watching',
              ...event.data,
              punctuality: 'on_time',
              pending: null,
              changes: 0,
              publishedEta: null,
              delayedSince: null,
              wokenAt: null,
              delays: 0,
            }
          : state;
      if (state.status === 'none') return state;
      switch (event.type) {
        case 'tracking.eta_changed':
          return { ...state, publishedEta: event.data.estimatedArrivalAt };
        case 'tracking.punctuality_pending':
          return { ...state, pending: event.data.pending };
        case 'tracking.punctuality_changed':
          return { ...state, punctuality: event.data.to, pending: null, changes: state.changes + 1 };
        case 'tracking.location_delayed':
          return { ...state, delayedSince: event.data.at, delays: state.delays + 1 };
        case 'tracking.partner_wake_requested':
          return { ...state, wokenAt: event.data.at };
        case 'tracking.location_resumed':
          return { ...state, delayedSince: null };
        default:
          return assertNever(event);
      }
    },
  };
}
