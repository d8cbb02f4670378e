import type { DispatchSettings } from './settings.ts';

/** What a partner's reputation is computed from: counts only, so a new signal is a new field here. */
export interface PartnerRecord {
  ratingCount: number;
  /** Sum of the ratings (each 1..5). */
  ratingSum: number;
  /** Jobs the partner accepted or was assigned, including those they later cancelled. */
  acceptedJobs: number;
  cancellationsAfterAccept: number;
  noShows: number;
}

/** A partner with no history yet. */
export const newPartnerRecord: PartnerRecord = {
  ratingCount: 0,
  ratingSum: 0,
  acceptedJobs: 0,
  cancellationsAfterAccept: 0,
  noShows: 0,
};

export type ReputationSettings = Pick<
  DispatchSettings,
  'reputationPriorMean' | 'reputationPriorWeight' | 'cancellationPenalty' | 'noShowPenalty'
>;

/**
 * A partner's reputation from 0 to 5, the one formula of the platform (m = prior mean, C = prior weight):
 *
 *   rating     = (C·m + ratingSum) / (C + ratingCount)
 *   reputation = rating − cancellationPenalty · cancellations / (acceptedJobs + C)
 *                       − noShowPenalty · noShows / (acceptedJobs + C),   clamped to [0, 5]
 *
 * The rating is a Bayesian average: every partner starts with C imaginary ratings of m, so one 5-star
 * rating (4.52 with m = 4.5, C = 20) does not outrank a hundred 4.8s (4.75). The cancellation and no-show
 * rates are shrunk toward zero by the same C, so one early mistake costs less than a habit.
 */
export function reputationOf(record: PartnerRecord, settings: ReputationSettings): number {
  const prior = settings.reputationPriorWeight;
  const rating = (prior * settings.reputationPriorMean + record.ratingSum) / (prior + record.ratingCount);
  const penalties =
    settings.cancellationPenalty * record.cancellationsAfterAccept + settings.noShowPenalty * record.noShows;
  const penalty = penalties / (record.acceptedJobs + prior);
  return Math.min(5, Math.max(0, rating - penalty));
}
