/**
 * How a service is priced. Amounts are integer paise; durations are whole minutes; the tax rate is in basis
 * points (1800 = 18% GST).
 */
export interface PricingRule {
  basePricePaise: number;
  /** Time the base price covers. */
  includedMinutes: number;
  /** Overtime beyond the included time that is not charged. */
  graceMinutes: number;
  /** Overtime past the grace is charged per started block of this many minutes. */
  extraBlockMinutes: number;
  extraBlockPricePaise: number;
  taxRateBasisPoints: number;
}

export interface PriceBreakdown {
  basePaise: number;
  /** Charged overtime blocks (0 when the job ended within the included time plus grace). */
  extraBlocks: number;
  extraPaise: number;
  /** base + extra: what the tax is computed on. */
  pretaxPaise: number;
  taxRateBasisPoints: number;
  taxPaise: number;
  /** pretax + tax, exactly. */
  totalPaise: number;
}

/** Limits every stored rule satisfies; the services validate input against them before storing it. */
export const pricingLimits = {
  maxPricePaise: 100_000_000_00,
  minIncludedMinutes: 5,
  maxIncludedMinutes: 24 * 60,
  maxGraceMinutes: 240,
  minBlockMinutes: 1,
  maxBlockMinutes: 240,
  maxTaxRateBasisPoints: 10_000,
  /** Longest job the breakdown is defined for: a week. */
  maxWorkedMinutes: 7 * 24 * 60,
} as const;

export type PricingRuleProblem = { field: keyof PricingRule; message: string };

const isWholeIn = (value: number, min: number, max: number) =>
  Number.isSafeInteger(value) && value >= min && value <= max;

/** What is wrong with a rule, field by field; empty when it is valid. */
export function checkPricingRule(rule: PricingRule): PricingRuleProblem[] {
  const l = pricingLimits;
  const checks: Array<[keyof PricingRule, boolean, string]> = [
    [
      'basePricePaise',
      isWholeIn(rule.basePricePaise, 0, l.maxPricePaise),
      `must be whole paise from 0 to ${l.maxPricePaise}`,
    ],
    [
      'extraBlockPricePaise',
      isWholeIn(rule.extraBlockPricePaise, 0, l.maxPricePaise),
      `must be whole paise from 0 to ${l.maxPricePaise}`,
    ],
    [
      'includedMinutes',
      isWholeIn(rule.includedMinutes, l.minIncludedMinutes, l.maxIncludedMinutes),
      `must be whole minutes from ${l.minIncludedMinutes} to ${l.maxIncludedMinutes}`,
    ],
    [
      'graceMinutes',
      isWholeIn(rule.graceMinutes, 0, l.maxGraceMinutes),
      `must be whole minutes from 0 to ${l.maxGraceMinutes}`,
    ],
    [
      'extraBlockMinutes',
      isWholeIn(rule.extraBlockMinutes, l.minBlockMinutes, l.maxBlockMinutes),
      `must be whole minutes from ${l.minBlockMinutes} to ${l.maxBlockMinutes}`,
    ],
    [
      'taxRateBasisPoints',
      isWholeIn(rule.taxRateBasisPoints, 0, l.maxTaxRateBasisPoints),
      `must be whole basis points from 0 to ${l.maxTaxRateBasisPoints} (1800 = 18%)`,
    ],
  ];
  return checks.flatMap(([field, ok, message]) => (ok ? [] : [{ field, message }]));
}

/**
 * `round(amount × basisPoints / 10000)`, half-up to the paisa, in exact integer arithmetic (BigInt: the
 * product can pass 2^53 for large amounts, where a float would silently lose paise). Amounts are ≥ 0.
 */
export function applyRateHalfUp(amountPaise: number, basisPoints: number): number {
  return Number((BigInt(amountPaise) * BigInt(basisPoints) + 5_000n) / 10_000n);
}

/**
 * A tax-inclusive amount (a cancellation fee kept from a paid total) split into its pre-tax value and tax at
 * `basisPoints`: pre-tax rounded half-up to the paisa, tax the rest, so the two always add up to the total.
 */
export function splitTaxInclusive(
  totalPaise: number,
  basisPoints: number,
): { pretaxPaise: number; taxPaise: number } {
  const divisor = 10_000n + BigInt(basisPoints);
  const pretaxPaise = Number((BigInt(totalPaise) * 20_000n + divisor) / (2n * divisor));
  return { pretaxPaise, taxPaise: totalPaise - pretaxPaise };
}

/**
 * The one price computation of the platform (quotes, bookings, extra-charge payments, invoices):
 * - extra: overtime = worked − included; the first `graceMinutes` of it are free; every started block of
 *   `extraBlockMinutes` after that costs `extraBlockPricePaise` (1 minute into a block charges the block);
 * - tax is computed once, on the pre-tax total (base + extra), rounded half-up to the paisa; never per line;
 * - total = base + extra + tax, exactly.
 * `workedMinutes` may be fractional (a timer in seconds / 60); omitted, it is the included time (the quote).
 */
export function priceBreakdown(rule: PricingRule, workedMinutes = rule.includedMinutes): PriceBreakdown {
  const problems = checkPricingRule(rule);
  if (problems.length > 0)
    throw new RangeError(
      `invalid pricing rule: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    );
  if (!Number.isFinite(workedMinutes) || workedMinutes < 0 || workedMinutes > pricingLimits.maxWorkedMinutes)
    throw new RangeError(`workedMinutes must be from 0 to ${pricingLimits.maxWorkedMinutes}`);
  const chargeableMinutes = workedMinutes - rule.includedMinutes - rule.graceMinutes;
  const extraBlocks = chargeableMinutes > 0 ? Math.ceil(chargeableMinutes / rule.extraBlockMinutes) : 0;
  const extraPaise = extraBlocks * rule.extraBlockPricePaise;
  const pretaxPaise = rule.basePricePaise + extraPaise;
  const taxPaise = applyRateHalfUp(pretaxPaise, rule.taxRateBasisPoints);
  return {
    basePaise: rule.basePricePaise,
    extraBlocks,
    extraPaise,
    pretaxPaise,
    taxRateBasisPoints: rule.taxRateBasisPoints,
    taxPaise,
    totalPaise: pretaxPaise + taxPaise,
  };
}
