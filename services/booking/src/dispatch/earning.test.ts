import { applyRateHalfUp } from '@zefy/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobEarningPaise, partnerEarningPaise } from './earning.ts';

describe("a partner's earning", () => {
  it('is the pre-tax price less a 20% commission', () => {
    expect(partnerEarningPaise(29_900, 2000)).toBe(23_920);
  });

  it('rounds the commission half-up to the paisa, in the platform’s favour at exactly half', () => {
    expect(partnerEarningPaise(999, 1500)).toBe(849);
    expect(partnerEarningPaise(10, 2500)).toBe(7);
    expect(partnerEarningPaise(10, 2400)).toBe(8);
  });

  it('is everything at 0% and nothing at 100%', () => {
    expect(partnerEarningPaise(29_900, 0)).toBe(29_900);
    expect(partnerEarningPaise(29_900, 10_000)).toBe(0);
  });

  it('adds up with the commission to the pre-tax price, in whole paise, never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (pretax, bps) => {
          const earning = partnerEarningPaise(pretax, bps);
          expect(Number.isSafeInteger(earning)).toBe(true);
          expect(earning + applyRateHalfUp(pretax, bps)).toBe(pretax);
          expect(earning).toBeGreaterThanOrEqual(0);
          expect(earning).toBeLessThanOrEqual(pretax);
        },
      ),
    );
  });

  it('of a job is what they were offered plus their share of the approved extras, the commission rounded once on their total', () => {
    // 23,920 offered for a 29,900 job; extras of 25,000 and 333 approved, at 20%: 20,266.40 of 25,333
    expect(jobEarningPaise(23_920, 25_333, 2000)).toBe(23_920 + 20_266);
    expect(jobEarningPaise(23_920, 0, 2000)).toBe(23_920);
  });

  it('of a job with extras is what the same job priced with them in would have earned', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (pretax, extras, bps) => {
          const earning = jobEarningPaise(partnerEarningPaise(pretax, bps), extras, bps);
          expect(Number.isSafeInteger(earning)).toBe(true);
          // the commission is rounded twice (price, extras), so the two differ by less than a paisa each way
          expect(Math.abs(earning - partnerEarningPaise(pretax + extras, bps))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
