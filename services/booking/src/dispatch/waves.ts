import type { EventData } from '@zefy/contracts';
import type { DispatchSettings } from './settings.ts';
import type { StandingLookup } from './standings.ts';

/** A partner the shell found eligible for the job now (approved, the skill, on duty and fresh, free). */
export interface Candidate {
  partnerId: string;
  /** The id the partner's offer gets if the wave includes them (the shell mints one per candidate). */
  offerId: string;
  /** reputationOf(record), 0..5. */
  reputation: number;
  /** Since their last job ended, or since they came on duty. */
  idleSeconds: number;
  distanceMeters: number;
  /** Open offers the partner holds for other jobs. */
  openOffers: number;
}

/**
 * Where a partner stands in one booking's round: an offer is `open`; they `rejected` it or let it `expire`;
 * it was `withdrawn` before they answered (they went off duty or became busy, or the job was taken); they
 * are `assigned`; or they were `dropped` (backed out after accepting, or released by an admin).
 */
export type PartnerStanding = 'open' | 'rejected' | 'expired' | 'withdrawn' | 'assigned' | 'dropped';

export type WaveTrigger = EventData<'dispatch.offers_sent'>['trigger'];

export type WaveSettings = Pick<
  DispatchSettings,
  'firstWaveSize' | 'fairSharePercent' | 'reputationThreshold' | 'maxOpenOffersPerPartner'
>;

/**
 * Whether a wave may offer the job to a partner, given their standing in the round. Nobody is offered it
 * twice, with two exceptions: an offer withdrawn before it was answered (the partner never said no), and an
 * expired one when an admin sends the job again. A partner who rejected it, or dropped it, never gets it.
 */
export function mayBeOffered(standing: PartnerStanding | undefined, trigger: WaveTrigger): boolean {
  switch (standing) {
    case undefined:
    case 'withdrawn':
      return true;
    case 'expired':
      return trigger === 'resend';
    case 'open':
    case 'rejected':
    case 'assigned':
    case 'dropped':
      return false;
  }
}

const byPartnerId = (a: Candidate, b: Candidate) =>
  a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0;

const byRank = (a: Candidate, b: Candidate) =>
  b.reputation - a.reputation ||
  a.distanceMeters - b.distanceMeters ||
  b.idleSeconds - a.idleSeconds ||
  byPartnerId(a, b);

const byIdleTime = (a: Candidate, b: Candidate) =>
  b.idleSeconds - a.idleSeconds || a.distanceMeters - b.distanceMeters || byPartnerId(a, b);

/** Slots of the first wave given to idle time rather than reputation (rounded up: at least one if any share). */
export const fairSlotsOf = (settings: WaveSettings): number =>
  Math.ceil((settings.firstWaveSize * settings.fairSharePercent) / 100);

/**
 * Who a wave offers the job to, among `candidates`, given each partner's standing in the round:
 * - `head_start` (the first wave): the best-ranked partners at or above the reputation threshold (reputation,
 *   then nearest, then longest idle), up to `firstWaveSize` less the fair share; the fair share is filled
 *   with the longest-idle partners among everyone else, so a partner below the threshold is not starved
 *   (idle time only grows until they get a job). Empty when nobody reaches the threshold: no head start.
 * - `open_to_all` and `resend`: every candidate who may be offered it, best-ranked first.
 * A partner listed twice counts once; one holding `maxOpenOffersPerPartner` open offers is skipped.
 */
export function composeWave(
  trigger: WaveTrigger,
  candidates: readonly Candidate[],
  standingOf: StandingLookup,
  settings: WaveSettings,
): Candidate[] {
  const seen = new Set<string>();
  const offerable = candidates.filter((candidate) => {
    if (seen.has(candidate.partnerId)) return false;
    seen.add(candidate.partnerId);
    return (
      candidate.openOffers < settings.maxOpenOffersPerPartner &&
      mayBeOffered(standingOf(candidate.partnerId), trigger)
    );
  });
  if (trigger !== 'head_start') return offerable.sort(byRank);
  const fairSlots = fairSlotsOf(settings);
  const ranked = offerable
    .filter((candidate) => candidate.reputation >= settings.reputationThreshold)
    .sort(byRank)
    .slice(0, settings.firstWaveSize - fairSlots);
  if (ranked.length === 0) return [];
  const isRanked = new Set(ranked.map((candidate) => candidate.partnerId));
  const fair = offerable
    .filter((candidate) => !isRanked.has(candidate.partnerId))
    .sort(byIdleTime)
    .slice(0, fairSlots);
  return [...ranked, ...fair];
}
