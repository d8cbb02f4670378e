import type { DispatchState } from './dispatch.ts';
import type { DispatchSettings } from './settings.ts';

/**
 * When the dispatch tick must look at a round again, or null once it no longer offers the job: the first
 * of the end of a head start (the next wave), the earliest open offer running out (expiry is strictly after
 * `acceptUntil`), escalation, giving up, and one offer window from now to find partners who became eligible
 * without coming on duty (a claim released, working hours changed). A deadline or an expiry already past
 * is due at once; a head start already over is not (its wave went out, or found nobody).
 */
export function nextCheckOf(
  round: DispatchState,
  earliestAcceptUntil: Date | null,
  now: Date,
  settings: Pick<DispatchSettings, 'headStartSeconds' | 'offerWindowSeconds'>,
): Date | null {
  if (round.status !== 'offering') return null;
  const at = now.getTime();
  const instants = [
    at + settings.offerWindowSeconds * 1000,
    Date.parse(round.deadlines.giveUpAt),
    round.escalatedAt === null ? Date.parse(round.deadlines.escalateAt) : Number.POSITIVE_INFINITY,
    earliestAcceptUntil ? earliestAcceptUntil.getTime() + 1 : Number.POSITIVE_INFINITY,
  ];
  const headStartEnds =
    round.lastWave?.trigger === 'head_start'
      ? Date.parse(round.lastWave.sentAt) + settings.headStartSeconds * 1000
      : Number.POSITIVE_INFINITY;
  return new Date(Math.min(...instants, headStartEnds > at ? headStartEnds : Number.POSITIVE_INFINITY));
}
