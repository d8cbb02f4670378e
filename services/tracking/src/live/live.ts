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

/** How far a booking's ETA interval may stray from the configured one, either way. */
export const etaSpread = 0.1;

/**
 * Whether an upload recomputes the booking's ETA: none yet, or the last one older than the configured
 * interval, spread ±10 % by booking (FNV-1a of its id, mixed by MurmurHash3's finaliser). Bookings that set
 * out together (a shift's start, a restart) drift out of step, instead of recomputing, and writing their
 * rows, in the same moment each time.
 */
export function isEtaOverdue(
  bookingId: string,
  etaAt: string | null,
  now: Date,
  everySeconds: number,
): boolean {
  if (etaAt === null) return true;
  let hash = 0x811c9dc5;
  for (let index = 0; index < bookingId.length; index++) {
    hash ^= bookingId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash ^= hash >>> 16;
  const spread = ((hash >>> 0) / 0x1_0000_0000) * 2 - 1;
  return now.getTime() - Date.parse(etaAt) >= everySeconds * 1000 * (1 + etaSpread * spread);
}
