import { accept, assertNever, type Decider, refuse } from '@zefy/platform/domain';
import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import { distanceMeters, type LatLng } from '../geo.ts';

export const PositionSettings = Type.Object({
  maxAccuracyMeters: Type.Number({
    minimum: 1,
    maximum: 1000,
    default: 50,
    description: 'a fix less precise than this (its accuracy radius) is refused',
  }),
  maxFutureSeconds: Type.Integer({
    minimum: 0,
    maximum: 3600,
    default: 60,
    description: 'a fix time further ahead of the server clock than this is refused (a wrong device clock)',
  }),
  maxSpeedKmh: Type.Number({
    minimum: 10,
    maximum: 1000,
    default: 150,
    description: 'a fix implying a faster move from the latest one, beyond both accuracy radii, is refused',
  }),
  maxBatchSize: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 100,
    description: 'fixes per upload (the partner app sends its offline queue in uploads this size)',
  }),
  jitterMeters: Type.Number({
    minimum: 0,
    maximum: 500,
    default: 25,
    description: 'on a job, the shown position moves only once the partner is farther than this from it',
  }),
  trailEverySeconds: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 30,
    description: 'the trail keeps a fix when this long has passed since the last one it kept…',
  }),
  trailEveryMeters: Type.Number({
    minimum: 1,
    maximum: 10_000,
    default: 100,
    description: '…or when the partner is this far from it',
  }),
});
export type PositionSettings = Static<typeof PositionSettings>;
export const positionDefaults: PositionSettings = Value.Create(PositionSettings);

/** A position fix as the partner app reports it; `fixAt` is the device's fix time (ISO 8601). */
export interface PositionFix extends LatLng {
  accuracyMeters: number;
  fixAt: string;
}

/** Why a fix is refused: the label it is counted under. */
export const positionRejections = [
  'out_of_range',
  'null_island',
  'inaccurate',
  'fix_time_invalid',
  'from_future',
  'duplicate_fix',
  'too_fast',
] as const;
export type PositionRejection = (typeof positionRejections)[number];

/** One partner's track: what the next fixes are judged against. */
export interface Track {
  /** The newest accepted fix: order, duplicates, speed and freshness are judged against it. */
  latest: PositionFix | null;
  /** The position customers and admins see: the latest, unless its move was jitter. */
  shown: PositionFix | null;
  /** The last fix kept in the sampled trail. */
  sampled: PositionFix | null;
}

/** Fixes from the partner app, in any order; `isOnJob`: the partner is on an active job (jitter is hidden). */
export type TrackCommand = { type: 'Ingest'; fixes: readonly PositionFix[]; isOnJob: boolean };

/** What became of each fix; accepted fixes carry whether the sampled trail keeps them. */
export type TrackEvent =
  /** The new latest position, far enough from the shown one to be shown (broadcast). */
  | { type: 'tracking.position_shown'; data: { fix: PositionFix; isSampled: boolean } }
  /** The new latest fix, within the jitter radius of the shown position: fresher, not broadcast. */
  | { type: 'tracking.position_suppressed'; data: { fix: PositionFix; isSampled: boolean } }
  /** Valid but older than the latest (a delayed upload): kept in the trail, never latest, never broadcast. */
  | { type: 'tracking.position_late'; data: { fix: PositionFix } }
  | { type: 'tracking.position_rejected'; data: { fix: PositionFix; reason: PositionRejection } };

const rejected = (fix: PositionFix, reason: PositionRejection): TrackEvent => ({
  type: 'tracking.position_rejected',
  data: { fix, reason },
});

const isNewer = (track: Track, fix: PositionFix): boolean =>
  track.latest === null || Date.parse(fix.fixAt) > Date.parse(track.latest.fixAt);

function evolve(track: Track, event: TrackEvent): Track {
  switch (event.type) {
    case 'tracking.position_shown':
    case 'tracking.position_suppressed': {
      const { fix, isSampled } = event.data;
      if (!isNewer(track, fix)) return track;
      return {
        latest: fix,
        shown: event.type === 'tracking.position_shown' ? fix : track.shown,
        sampled: isSampled ? fix : track.sampled,
      };
    }
    case 'tracking.position_late':
    case 'tracking.position_rejected':
      return track;
    default:
      return assertNever(event);
  }
}

/**
 * A partner's track as a decider: each upload is judged fix by fix in fix-time order, each fix against the
 * track as the fixes before it left it, so a batch and the same fixes sent one by one end the same.
 */
export function trackDecider(settings: PositionSettings): Decider<TrackCommand, Track, TrackEvent> {
  /** The rules a fix breaks on its own, whatever came before it. */
  function faultOf(fix: PositionFix, at: number, now: Date): PositionRejection | null {
    const { lat, lng, accuracyMeters } = fix;
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) return 'out_of_range';
    if (lat === 0 && lng === 0) return 'null_island';
    if (!(accuracyMeters >= 0 && accuracyMeters <= settings.maxAccuracyMeters)) return 'inaccurate';
    if (Number.isNaN(at)) return 'fix_time_invalid';
    if (at > now.getTime() + settings.maxFutureSeconds * 1000) return 'from_future';
    return null;
  }

  /** A fix that is valid on its own, against the track. */
  function judge(track: Track, fix: PositionFix, at: number, isOnJob: boolean): TrackEvent {
    const { latest, shown, sampled } = track;
    if (latest) {
      const latestAt = Date.parse(latest.fixAt);
      if (at === latestAt) return rejected(fix, 'duplicate_fix');
      // the part of the move that neither fix's accuracy radius explains, in either direction of time
      const unexplainedMeters = distanceMeters(latest, fix) - latest.accuracyMeters - fix.accuracyMeters;
      const kmh = (Math.max(0, unexplainedMeters) / (Math.abs(at - latestAt) / 1000)) * 3.6;
      if (kmh > settings.maxSpeedKmh) return rejected(fix, 'too_fast');
      if (at < latestAt) return { type: 'tracking.position_late', data: { fix } };
    }
    const isSampled =
      sampled === null ||
      at - Date.parse(sampled.fixAt) >= settings.trailEverySeconds * 1000 ||
      distanceMeters(sampled, fix) >= settings.trailEveryMeters;
    const isShown = !isOnJob || shown === null || distanceMeters(shown, fix) > settings.jitterMeters;
    return {
      type: isShown ? 'tracking.position_shown' : 'tracking.position_suppressed',
      data: { fix, isSampled },
    };
  }

  return {
    initialState: { latest: null, shown: null, sampled: null },
    decide(command, track, { now }) {
      const { fixes, isOnJob } = command;
      if (fixes.length > settings.maxBatchSize)
        return refuse(
          'REQUEST.TOO_LARGE',
          `an upload holds at most ${settings.maxBatchSize} positions; this one has ${fixes.length}`,
        );
      const events: TrackEvent[] = [];
      const valid: Array<{ fix: PositionFix; at: number }> = [];
      for (const { lat, lng, accuracyMeters, fixAt } of fixes) {
        const fix = { lat, lng, accuracyMeters, fixAt };
        const at = Date.parse(fixAt);
        const fault = faultOf(fix, at, now);
        if (fault) events.push(rejected(fix, fault));
        else valid.push({ fix: { ...fix, fixAt: new Date(at).toISOString() }, at });
      }
      valid.sort((a, b) => a.at - b.at);
      let current = track;
      for (const { fix, at } of valid) {
        const event = judge(current, fix, at, isOnJob);
        events.push(event);
        current = evolve(current, event);
      }
      return accept(...events);
    },
    evolve,
  };
}
