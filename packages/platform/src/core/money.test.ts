import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, formatPaise, paise, rupees } from './money.ts';

describe('money', () => {
  it('formats paise as rupees with Indian grouping', () => {
    expect(formatPaise(2_999_900)).toBe('₹29,999.00');
    expect(formatPaise(49_950)).toBe('₹499.50');
    expect(formatPaise(0)).toBe('₹0.00');
  });

  it('refuses fractional paise', () => {
    expect(() => paise(10.5)).toThrow(RangeError);
    expect(rupees(299.99)).toBe(29_999);
  });

  it('allocates without losing or inventing a paisa', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (amount, weights) => {
          const shares = allocate(amount, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
          expect(shares.every((share) => Number.isInteger(share) && share >= 0)).toBe(true);
        },
      ),
    );
  });
});
