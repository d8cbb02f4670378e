/**
 * Every knob of dispatch. Each maps to a `BOOKING_DISPATCH_<NAME>` variable (e.g. offerWindowSeconds →
 * BOOKING_DISPATCH_OFFER_WINDOW_SECONDS); `checkDispatchSettings` states what a valid set is.
 */
export interface DispatchSettings {
  /** The countdown a partner sees on an offer. */
  offerWindowSeconds: number;
  /** An accept still counts this long after the countdown ends (network latency); at most 10 s. */
  acceptGraceSeconds: number;
  /** How long the first wave (best-ranked partners plus the fair share) has the job to itself. */
  headStartSeconds: number;
  /** Partners in the first wave, fair share included. */
  firstWaveSize: number;
  /** Share of the first wave (percent, rounded up) filled by idle time instead of reputation. */
  fairSharePercent: number;
  /** Reputation (0..5) at or above which a partner may be in the ranked part of the first wave. */
  reputationThreshold: number;
  /** A partner holding this many open offers for other jobs gets no more until they answer one. */
  maxOpenOffersPerPartner: number;
  /** The platform's commission on the pre-tax price, in basis points; the partner earns the rest. */
  commissionBasisPoints: number;
  /** A "now" booking still unassigned this long after confirmation is escalated to the admin console. */
  escalateAfterSeconds: number;
  /** A booking still unassigned this long after confirmation is cancelled and refunded (both kinds). */
  hardLimitSeconds: number;
  /** A slot booking must have its partner this long before the slot starts. */
  slotAssignLeadMinutes: number;
  /** A slot booking is escalated this long before its assign-by time. */
  slotEscalateLeadMinutes: number;
  /** Reputation formula (reputation.ts): the rating a partner without ratings has… */
  reputationPriorMean: number;
  /** …and how many ratings of that mean it is worth. */
  reputationPriorWeight: number;
  /** Reputation points lost per unit of cancellation-after-accept rate (0..1). */
  cancellationPenalty: number;
  /** Reputation points lost per unit of no-show rate (0..1). */
  noShowPenalty: number;
}

export const dispatchDefaults: DispatchSettings = {
  offerWindowSeconds: 30,
  acceptGraceSeconds: 5,
  headStartSeconds: 10,
  firstWaveSize: 10,
  fairSharePercent: 30,
  reputationThreshold: 4.5,
  maxOpenOffersPerPartner: 3,
  commissionBasisPoints: 2000,
  escalateAfterSeconds: 180,
  hardLimitSeconds: 600,
  slotAssignLeadMinutes: 60,
  slotEscalateLeadMinutes: 30,
  reputationPriorMean: 4.5,
  reputationPriorWeight: 20,
  cancellationPenalty: 5,
  noShowPenalty: 10,
};

type Range = readonly [min: number, max: number, kind: 'integer' | 'number'];

/** What each setting may be; the shell's configuration (config.ts) checks its variables against it too. */
export const dispatchSettingRanges: Record<keyof DispatchSettings, Range> = {
  offerWindowSeconds: [5, 300, 'integer'],
  acceptGraceSeconds: [0, 10, 'integer'],
  headStartSeconds: [0, 300, 'integer'],
  firstWaveSize: [1, 1000, 'integer'],
  fairSharePercent: [0, 100, 'integer'],
  reputationThreshold: [0, 5, 'number'],
  maxOpenOffersPerPartner: [1, 100, 'integer'],
  commissionBasisPoints: [0, 10_000, 'integer'],
  escalateAfterSeconds: [0, 86_400, 'integer'],
  hardLimitSeconds: [60, 86_400, 'integer'],
  slotAssignLeadMinutes: [0, 1440, 'integer'],
  slotEscalateLeadMinutes: [0, 1440, 'integer'],
  reputationPriorMean: [1, 5, 'number'],
  reputationPriorWeight: [1, 10_000, 'number'],
  cancellationPenalty: [0, 50, 'number'],
  noShowPenalty: [0, 50, 'number'],
};

/** What is wrong with a set of settings, one line per problem; empty when it is valid. */
export function checkDispatchSettings(settings: DispatchSettings): string[] {
  const problems = Object.entries(dispatchSettingRanges).flatMap(([name, [min, max, kind]]) => {
    const value = settings[name as keyof DispatchSettings];
    const isOfKind = kind === 'integer' ? Number.isInteger(value) : Number.isFinite(value);
    if (isOfKind && value >= min && value <= max) return [];
    return [`${name} must be ${kind === 'integer' ? 'an integer' : 'a number'} from ${min} to ${max}`];
  });
  if (settings.escalateAfterSeconds >= settings.hardLimitSeconds)
    problems.push('escalateAfterSeconds must be less than hardLimitSeconds');
  return problems;
}
