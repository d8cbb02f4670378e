import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotePrice } from './pricing.ts';

describe('quotePrice', () => {
  it('adds 18% GST once, rounded half-up to the paisa', () => {
    expect(quotePrice({ basePricePaise: 49_900, taxRateBasisPoints: 1800 })).toEqual({
      basePaise: 49_900,
      extraBlocks: 0,
      extraPaise: 0,
      pretaxPaise: 49_900,
      taxRateBasisPoints: 1800,
      taxPaise: 8982,
      totalPaise: 58_882,
    });
    // 25 paise × 18% = 4.5 paise → 5
    expect(quotePrice({ basePricePaise: 25, taxRateBasisPoints: 1800 }).taxPaise).toBe(5);
  });

  it('always adds up, in whole paise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000_00 }),
        fc.integer({ min: 0, max: 10_000 }),
        (base, rate) => {
          const price = quotePrice({ basePricePaise: base, taxRateBasisPoints: rate });
          expect(Number.isSafeInteger(price.totalPaise)).toBe(true);
          expect(price.totalPaise).toBe(price.pretaxPaise + price.taxPaise);
          expect(Math.abs(price.taxPaise * 10_000 - base * rate)).toBeLessThanOrEqual(5_000);
        },
      ),
    );
  });

  it('refuses fractional paise and impossible tax rates', () => {
    expect(() => quotePrice({ basePricePaise: 10.5, taxRateBasisPoints: 0 })).toThrow(RangeError);
    expect(() => quotePrice({ basePricePaise: 100, taxRateBasisPoints: 10_001 })).toThrow(RangeError);
  });
});
