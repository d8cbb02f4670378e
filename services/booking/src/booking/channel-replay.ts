/** How a booking channel's watcher catches up: the timeline after a sequence, or a snapshot. */
export type CatchUp = { kind: 'replay'; after: number } | { kind: 'resync' };

/**
 * A watcher who saw up to `after` catches up on a booking standing at `lastSequence`. A partner does so only
 * from their own assignment on (`assignedAt`, its sequence): nothing from before it, neither the customer's
 * hold and payment nor a previous partner's job. A sequence the booking has not reached (another booking's,
 * a typo) cannot be resumed from: a snapshot instead. Whether the replay stays within its limit shows once
 * its rows are read (`isBeyondReplay`).
 */
export function catchUpFrom(after: number, lastSequence: number, assignedAt: number | null): CatchUp {
  if (after > lastSequence) return { kind: 'resync' };
  return { kind: 'replay', after: assignedAt === null ? after : Math.max(after, assignedAt - 1) };
}

/** More changes missed than a replay sends: the watcher gets a snapshot (read `limit + 1` rows to know). */
export const isBeyondReplay = (missed: number, limit: number): boolean => missed > limit;
