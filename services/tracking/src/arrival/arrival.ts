import { accept, assertNever, type Decider } from '@zefy/platform/domain';
import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import { distanceMeters, type LatLng } from '../geo.ts';

const meters = (defaultMeters: number, description: string) =>
  Type.Number({ minimum: 1, maximum: 10_000, default: defaultMeters, description });

export const ArrivalSettings = Type.Object({
  nearMeters: meters(500, 'straight-line distance to the address at which the partner is near…'),
  arrivingMeters: meters(100, '…arriving…'),
  arrivedMeters: meters(40, '…and has arrived (the partner’s tap also says so)'),
  progressMeters: meters(50, 'progress (metres closer than last recorded) worth recording between stages'),
});
export type ArrivalSettings = Static<typeof ArrivalSettings>;
export const arrivalDefaults: ArrivalSettings = Value.Create(ArrivalSettings);

/** One way only, in this order. */
export const arrivalStages = ['en_route', 'near', 'arriving', 'arrived'] as const;
export type ArrivalStage = (typeof arrivalStages)[number];
export type ReachedStage = Exclude<ArrivalStage, 'en_route'>;

export type ArrivalState =
  | { status: 'none' }
  | {
      status: 'tracking';
      bookingId: string;
      destination: LatLng;
      stage: ArrivalStage;
      /** The distance last recorded: progress is measured from it. */
      lastMeters: number | null;
    };

export type ArrivalCommand =
  /** The partner set off ("On my way") to the booking's address. */
  | { type: 'Start'; bookingId: string; destination: LatLng }
  /** The partner's latest accepted position. */
  | { type: 'Observe'; position: LatLng }
  /** The partner tapped "arrived" (booking moved the booking to arrived). */
  | { type: 'ConfirmArrival' };

export type ArrivalEvent =
  | { type: 'tracking.arrival_started'; data: { bookingId: string; destination: LatLng } }
  /** At least `progressMeters` closer than last recorded, in the same stage: e.g. time to re-estimate. */
  | { type: 'tracking.arrival_progressed'; data: { bookingId: string; distanceMeters: number } }
  /**
   * A stage reached, to tell the customer once: `notificationKey` is the same for a retried decision. A
   * partner who is first seen close to the door skips the stages between (one message, not three).
   */
  | {
      type: 'tracking.arrival_reached';
      data: {
        bookingId: string;
        stage: ReachedStage;
        by: 'distance' | 'partner';
        distanceMeters: number | null;
        notificationKey: string;
      };
    };

const rank = (stage: ArrivalStage): number => arrivalStages.indexOf(stage);

const reached = (
  bookingId: string,
  stage: ReachedStage,
  by: 'distance' | 'partner',
  distance: number | null,
): ArrivalEvent => ({
  type: 'tracking.arrival_reached',
  data: {
    bookingId,
    stage,
    by,
    distanceMeters: distance,
    notificationKey: `${bookingId}:arrival:${stage}`,
  },
});

/**
 * One booking's arrival: en route → near → arriving → arrived by distance to the address, or arrived by the
 * partner's tap. It never goes back. A threshold crossing counts at once; between stages only progress of
 * `progressMeters` is recorded (re-evaluating after 50 m alone would leave the last 60 m to the door out of
 * reach: 60 m → 20 m is not 50 m of progress).
 */
export function arrivalDecider(
  settings: ArrivalSettings,
): Decider<ArrivalCommand, ArrivalState, ArrivalEvent> {
  const stageAt = (meters: number): ArrivalStage =>
    meters <= settings.arrivedMeters
      ? 'arrived'
      : meters <= settings.arrivingMeters
        ? 'arriving'
        : meters <= settings.nearMeters
          ? 'near'
          : 'en_route';

  return {
    initialState: { status: 'none' },
    decide(command, state) {
      switch (command.type) {
        case 'Start':
          return state.status === 'none'
            ? accept({
                type: 'tracking.arrival_started',
                data: { bookingId: command.bookingId, destination: command.destination },
              })
            : accept();
        case 'Observe': {
          if (state.status === 'none' || state.stage === 'arrived') return accept();
          const meters = Math.round(distanceMeters(command.position, state.destination));
          const stage = stageAt(meters);
          if (stage !== 'en_route' && rank(stage) > rank(state.stage))
            return accept(reached(state.bookingId, stage, 'distance', meters));
          const hasProgressed =
            state.lastMeters === null || meters <= state.lastMeters - settings.progressMeters;
          return hasProgressed
            ? accept({
                type: 'tracking.arrival_progressed',
                data: { bookingId: state.bookingId, distanceMeters: meters },
              })
            : accept();
        }
        case 'ConfirmArrival':
          return state.status === 'tracking' && state.stage !== 'arrived'
            ? accept(reached(state.bookingId, 'arrived', 'partner', null))
            : accept();
        default:
          return assertNever(command);
      }
    },
    evolve(state, event) {
      switch (event.type) {
        case 'tracking.arrival_started':
          return state.status === 'none'
            ? { status: 'tracking', ...event.data, stage: 'en_route', lastMeters: null }
            : state;
        case 'tracking.arrival_progressed':
          return state.status === 'tracking' ? { ...state, lastMeters: event.data.distanceMeters } : state;
        case 'tracking.arrival_reached':
          return state.status === 'tracking' && rank(event.data.stage) > rank(state.stage)
            ? { ...state, stage: event.data.stage, lastMeters: event.data.distanceMeters ?? state.lastMeters }
            : state;
        default:
          return assertNever(event);
      }
    },
  };
}
