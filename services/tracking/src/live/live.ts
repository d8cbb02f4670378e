import type { PositionFix, PositionRejection, TrackEvent } from '../positions/positions.ts';

/** What an upload's judged fixes mean for the shell: what to store, show and count. */
export interface UploadOutcome {
  /** Fixes kept in the sampled trail (late ones included: history only). */
  trail: PositionFix[];
  /** The new latest fix, if the upload moved it (shown or hidden as jitter). */
  latest: PositionFix | null;
  /** The new shown position, if the upload moved it: broadcast. */
  shown: PositionFix | null;
  /** Each refused fix by its index in the upload. */
  rejected: Array<{ index: number; reason: PositionRejection }>;
  accepted: number;
}

const sameFix = (a: PositionFix, b: PositionFix) =>
  a.lat === b.lat &&
  a.lng === b.lng &&
  a.accuracyMeters === b.accuracyMeters &&
  (a.fixAt === b.fixAt || Date.parse(a.fixAt) === Date.parse(b.fixAt));

/** The track decider's events for an upload, as the shell acts on them. */
export function outcomeOf(fixes: readonly PositionFix[], events: readonly TrackEvent[]): UploadOutcome {
  const outcome: UploadOutcome = { trail: [], latest: null, shown: null, rejected: [], accepted: 0 };
  const claimed = new Set<number>();
  for (const event of events) {
    switch (event.type) {
      case 'tracking.position_shown':
      case 'tracking.position_suppressed':
        outcome.accepted += 1;
        outcome.latest = event.data.fix;
        if (event.type === 'tracking.position_shown') outcome.shown = event.data.fix;
        if (event.data.isSampled) outcome.trail.push(event.data.fix);
        break;
      case 'tracking.position_late':
        outcome.accepted += 1;
        outcome.trail.push(event.data.fix);
        break;
      case 'tracking.position_rejected': {
        const index = fixes.findIndex((fix, at) => !claimed.has(at) && sameFix(fix, event.data.fix));
        claimed.add(index);
        outcome.rejected.push({ index, reason: event.data.reason });
        break;
      }
    }
  }
  outcome.rejected.sort((a, b) => a.index - b.index);
  return outcome;
}

/** En route, a position older than `staleAfterSeconds` (or none since setting out) is "location delayed". */
export function isLocationDelayed(
  lastFixAt: string | null,
  startedAt: string | null,
  now: Date,
  staleAfterSeconds: number,
): boolean {
  const since = lastFixAt ?? startedAt;
  return since !== null && now.getTime() - Date.parse(since) > staleAfterSeconds * 1000;
}
