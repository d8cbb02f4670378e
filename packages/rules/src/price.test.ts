import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyRateHalfUp,
  checkPricingRule,
  type PricingRule,
  priceBreakdown,
  pricingLimits,
  splitTaxInclusive,
} from './price.ts';

const acService: PricingRule = {
  basePricePaise: 59_900,
  includedMinutes: 60,
  graceMinutes: 10,
  extraBlockMinutes: 30,
  extraBlockPricePaise: 19_900,
  taxRateBasisPoints: 1800,
};

const rules = fc.record({
  basePricePaise: fc.integer({ min: 0, max: pricingLimits.maxPricePaise }),
  includedMinutes: fc.integer({
    min: pricingLimits.minIncludedMinutes,
    max: pricingLimits.maxIncludedMinutes,
  }),
  graceMinutes: fc.integer({ min: 0, max: pricingLimits.maxGraceMinutes }),
  extraBlockMinutes: fc.integer({ min: pricingLimits.minBlockMinutes, max: pricingLimits.maxBlockMinutes }),
  extraBlockPricePaise: fc.integer({ min: 0, max: pricingLimits.maxPricePaise }),
  taxRateBasisPoints: fc.integer({ min: 0, max: pricingLimits.maxTaxRateBasisPoints }),
});
const workedMinutes = fc.double({ min: 0, max: pricingLimits.maxWorkedMinutes, noNaN: true });

describe('priceBreakdown', () => {
  it('quotes the base price plus 18% GST when the job ends within the included time', () => {
    expect(priceBreakdown(acService)).toEqual({
      basePaise: 59_900,
      extraBlocks: 0,
      extraPaise: 0,
      pretaxPaise: 59_900,
      taxRateBasisPoints: 1800,
      taxPaise: 10_782,
      totalPaise: 70_682,
    });
  });

  it('charges nothing within the grace minutes and a whole block as soon as one is started', () => {
    // included 60, grace 10, blocks of 30: each edge and the minute past it
    expect(priceBreakdown(acService, 60).extraBlocks).toBe(0);
    expect(priceBreakdown(acService, 61).extraBlocks).toBe(0);
    expect(priceBreakdown(acService, 70).extraBlocks).toBe(0);
    expect(priceBreakdown(acService, 71).extraBlocks).toBe(1);
    expect(priceBreakdown(acService, 130).extraBlocks).toBe(2);
    expect(priceBreakdown(acService, 131).extraBlocks).toBe(3);
    expect(priceBreakdown(acService, 70.01).extraBlocks).toBe(1);
    expect(priceBreakdown(acService, 100).extraBlocks).toBe(1);
    const twoBlocks = priceBreakdown(acService, 101);
    expect(twoBlocks.extraBlocks).toBe(2);
    expect(twoBlocks.extraPaise).toBe(39_800);
    // tax once on base + extra: 18% of 99,700 = 17,946
    expect(twoBlocks.taxPaise).toBe(17_946);
    expect(twoBlocks.totalPaise).toBe(117_646);
  });

  it('rounds the tax half up to the paisa, once, on the pre-tax total', () => {
    // 18% of 25 paise = 4.5 → 5; 18% of 24 = 4.32 → 4; 18% of 125 = 22.5 → 23
    expect(applyRateHalfUp(25, 1800)).toBe(5);
    expect(applyRateHalfUp(24, 1800)).toBe(4);
    expect(applyRateHalfUp(125, 1800)).toBe(23);
    // per-line rounding would give 5 + 5 = 10 for two 25-paise lines; once on 50 gives 9
    expect(priceBreakdown({ ...acService, basePricePaise: 25, extraBlockPricePaise: 25 }, 71).taxPaise).toBe(
      9,
    );
  });

  it('is exact where floating point would not be: large amounts at odd rates', () => {
    expect(applyRateHalfUp(100_000_000_00, 1234)).toBe(1_234_000_000);
    expect(applyRateHalfUp(9_007_199_254, 9_999)).toBe(9_006_298_534);
  });

  it('never yields negative or fractional paise, and total = base + extra + tax exactly', () => {
    fc.assert(
      fc.property(rules, workedMinutes, (rule, minutes) => {
        const price = priceBreakdown(rule, minutes);
        for (const amount of [price.basePaise, price.extraPaise, price.taxPaise, price.totalPaise]) {
          expect(Number.isSafeInteger(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(0);
        }
        expect(price.pretaxPaise).toBe(price.basePaise + price.extraPaise);
        expect(price.totalPaise).toBe(price.basePaise + price.extraPaise + price.taxPaise);
      }),
    );
  });

  it('computes tax as round_half_up(rate × pretax / 10000)', () => {
    fc.assert(
      fc.property(rules, workedMinutes, (rule, minutes) => {
        const { pretaxPaise, taxPaise } = priceBreakdown(rule, minutes);
        // half-up ⇔ tax − 1/2 ≤ exact < tax + 1/2, checked in integers: 2·10000·tax − 10000 ≤ 2·rate·pretax < …
        const exactTwice = 2n * BigInt(pretaxPaise) * BigInt(rule.taxRateBasisPoints);
        const taxTwice = 20_000n * BigInt(taxPaise);
        expect(taxTwice - 10_000n <= exactTwice && exactTwice < taxTwice + 10_000n).toBe(true);
      }),
    );
  });

  it('is monotone in the worked time: working longer never costs less', () => {
    fc.assert(
      fc.property(rules, workedMinutes, workedMinutes, (rule, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        const short = priceBreakdown(rule, shorter);
        const long = priceBreakdown(rule, longer);
        expect(long.extraPaise).toBeGreaterThanOrEqual(short.extraPaise);
        expect(long.totalPaise).toBeGreaterThanOrEqual(short.totalPaise);
      }),
    );
  });

  it('charges no extra up to included time plus grace', () => {
    fc.assert(
      fc.property(rules, fc.double({ min: 0, max: 1, noNaN: true }), (rule, fraction) => {
        const minutes = (rule.includedMinutes + rule.graceMinutes) * fraction;
        expect(priceBreakdown(rule, minutes).extraPaise).toBe(0);
      }),
    );
  });

  it('refuses invalid rules and durations instead of pricing them', () => {
    expect(() => priceBreakdown({ ...acService, basePricePaise: -1 })).toThrow(RangeError);
    expect(() => priceBreakdown({ ...acService, basePricePaise: 10.5 })).toThrow(RangeError);
    expect(() => priceBreakdown(acService, -1)).toThrow(RangeError);
    expect(() => priceBreakdown(acService, Number.NaN)).toThrow(RangeError);
    expect(checkPricingRule({ ...acService, extraBlockMinutes: 0, taxRateBasisPoints: 10_001 })).toEqual([
      { field: 'extraBlockMinutes', message: 'must be whole minutes from 1 to 240' },
      { field: 'taxRateBasisPoints', message: 'must be whole basis points from 0 to 10000 (1800 = 18%)' },
    ]);
  });
});

describe('a tax-inclusive amount split', () => {
  it('gives the pre-tax value half-up to the paisa and the tax as the rest', () => {
    // ₹50 at 18%: 5000 / 1.18 = 4237.29 → 4237, tax 763
    expect(splitTaxInclusive(5000, 1800)).toEqual({ pretaxPaise: 4237, taxPaise: 763 });
    // 59 / 1.18 = 50 exactly; 1 paisa / 1.18 = 0.847 → 1
    expect(splitTaxInclusive(59, 1800)).toEqual({ pretaxPaise: 50, taxPaise: 9 });
    expect(splitTaxInclusive(1, 1800)).toEqual({ pretaxPaise: 1, taxPaise: 0 });
    expect(splitTaxInclusive(0, 1800)).toEqual({ pretaxPaise: 0, taxPaise: 0 });
  });

  it('adds up to the total, and gives back a price computed forward', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 4000 }),
        (total, rate) => {
          const { pretaxPaise, taxPaise } = splitTaxInclusive(total, rate);
          expect(pretaxPaise + taxPaise).toBe(total);
          expect(pretaxPaise).toBeGreaterThanOrEqual(0);
          expect(taxPaise).toBeGreaterThanOrEqual(0);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 4000 }),
        (pretax, rate) => {
          const total = pretax + applyRateHalfUp(pretax, rate);
          expect(Math.abs(splitTaxInclusive(total, rate).pretaxPaise - pretax)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
