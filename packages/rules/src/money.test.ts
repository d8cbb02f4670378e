import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paiseToRupeesInput, parseRupees } from './money.ts';

describe('parseRupees', () => {
  it('reads rupees and paise exactly, with or without grouping and the rupee sign', () => {
    expect(parseRupees('599')).toBe(59_900);
    expect(parseRupees('0.29')).toBe(29);
    expect(parseRupees('1,499.5')).toBe(149_950);
    expect(parseRupees('₹ 1,23,456.78')).toBe(12_345_678);
  });

  it('refuses negative, fractional-paisa and non-numeric input', () => {
    for (const text of ['-1', '1.234', 'abc', '', '1.', '.5'])
      expect(parseRupees(text), text).toBeUndefined();
  });

  it('round-trips every amount in paise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_00 }), (paise) => {
        expect(parseRupees(paiseToRupeesInput(paise))).toBe(paise);
      }),
    );
  });
});
