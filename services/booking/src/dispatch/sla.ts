import type { BookingWindow } from '@zefy/contracts';
import type { DispatchSettings } from './settings.ts';

/** When an unassigned booking is escalated to the admin console, and when it is given up. */
export interface Deadlines {
  escalateAt: string;
  giveUpAt: string;
}

export type SlaSettings = Pick<
  DispatchSettings,
  'escalateAfterSeconds' | 'hardLimitSeconds' | 'slotAssignLeadMinutes' | 'slotEscalateLeadMinutes'
>;

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

export const addSeconds = (instant: Date | string, seconds: number): string =>
  iso(new Date(instant).getTime() + seconds * 1000);

/**
 * The promise of one booking, from its window and when it was confirmed:
 * - now: escalated `escalateAfterSeconds` after confirmation, given up `hardLimitSeconds` after it;
 * - slot: must be assigned `slotAssignLeadMinutes` before it starts and is given up then, but never sooner
 *   than a "now" booking would be (a slot paid for close to its start gets the same search time);
 *   escalated `slotEscalateLeadMinutes` before that, but never sooner than a "now" booking would be.
 * Giving up always comes at or after escalating (settings keep escalateAfter < hardLimit).
 */
export function deadlinesOf(window: BookingWindow, confirmedAt: Date, settings: SlaSettings): Deadlines {
  const confirmed = confirmedAt.getTime();
  const nowEscalation = confirmed + settings.escalateAfterSeconds * 1000;
  const hardLimit = confirmed + settings.hardLimitSeconds * 1000;
  if (window.kind === 'now') return { escalateAt: iso(nowEscalation), giveUpAt: iso(hardLimit) };
  const assignBy = Date.parse(window.startsAt) - settings.slotAssignLeadMinutes * 60_000;
  const giveUp = Math.max(assignBy, hardLimit);
  const escalate = Math.max(giveUp - settings.slotEscalateLeadMinutes * 60_000, nowEscalation);
  return { escalateAt: iso(escalate), giveUpAt: iso(giveUp) };
}

/**
 * After the assigned partner backs out, the search starts over from `now` as if just confirmed, except that
 * a "now" booking is escalated at once: its customer has already waited.
 */
export function requeuedDeadlinesOf(window: BookingWindow, now: Date, settings: SlaSettings): Deadlines {
  const deadlines = deadlinesOf(window, now, settings);
  return window.kind === 'now' ? { ...deadlines, escalateAt: now.toISOString() } : deadlines;
}
