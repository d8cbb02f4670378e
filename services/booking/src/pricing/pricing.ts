import type { BookingPrice } from '@zefy/contracts';

/**
 * How a service is priced, as booking's services projection keeps it. The computation mirrors the shared
 * `priceBreakdown` of @zefy/rules (hubs branch) field for field, and is replaced by it once that is merged.
 */
export interface PricingRule {
  basePricePaise: number;
  taxRateBasisPoints: number;
}

/** `round(amount × basisPoints / 10000)` half-up, in BigInt so large amounts lose no paisa. */
export const applyRateHalfUp = (amountPaise: number, basisPoints: number): number =>
  Number((BigInt(amountPaise) * BigInt(basisPoints) + 5_000n) / 10_000n);

/** The quote at the hold: the base price for the included time, tax once on the pre-tax total. */
export function quotePrice(rule: PricingRule): BookingPrice {
  if (!Number.isSafeInteger(rule.basePricePaise) || rule.basePricePaise < 0)
    throw new RangeError('basePricePaise must be whole paise ≥ 0');
  if (
    !Number.isSafeInteger(rule.taxRateBasisPoints) ||
    rule.taxRateBasisPoints < 0 ||
    rule.taxRateBasisPoints > 10_000
  )
    throw new RangeError('taxRateBasisPoints must be 0..10000');
  const taxPaise = applyRateHalfUp(rule.basePricePaise, rule.taxRateBasisPoints);
  return {
    basePaise: rule.basePricePaise,
    extraBlocks: 0,
    extraPaise: 0,
    pretaxPaise: rule.basePricePaise,
    taxRateBasisPoints: rule.taxRateBasisPoints,
    taxPaise,
    totalPaise: rule.basePricePaise + taxPaise,
  };
}
