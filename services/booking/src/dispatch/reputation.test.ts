import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newPartnerRecord, type PartnerRecord, reputationOf } from './reputation.ts';
import { dispatchDefaults } from './settings.ts';

const reputation = (record: Partial<PartnerRecord>) =>
  reputationOf({ ...newPartnerRecord, ...record }, dispatchDefaults);

const record: fc.Arbitrary<PartnerRecord> = fc
  .record({
    ratings: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 300 }),
    acceptedJobs: fc.integer({ min: 0, max: 500 }),
    cancellationsAfterAccept: fc.integer({ min: 0, max: 500 }),
    noShows: fc.integer({ min: 0, max: 500 }),
  })
  .map(({ ratings, ...rest }) => ({
    ...rest,
    ratingCount: ratings.length,
    ratingSum: ratings.reduce((sum, rating) => sum + rating, 0),
  }));

describe('reputation', () => {
  it('is the prior mean for a partner with no history', () => {
    expect(reputation({})).toBe(4.5);
  });

  it('ranks a hundred 4.8-star ratings above a single 5-star rating', () => {
    const oneFiveStar = reputation({ ratingCount: 1, ratingSum: 5, acceptedJobs: 1 });
    const hundredAt48 = reputation({ ratingCount: 100, ratingSum: 480, acceptedJobs: 100 });
    expect(oneFiveStar).toBeCloseTo(95 / 21, 10);
    expect(hundredAt48).toBeCloseTo(570 / 120, 10);
    expect(hundredAt48).toBeGreaterThan(oneFiveStar);
  });

  it('takes one cancellation after accept off a new partner enough to leave the first wave', () => {
    const struck = reputation({ acceptedJobs: 1, cancellationsAfterAccept: 1 });
    expect(struck).toBeCloseTo(4.5 - 5 / 21, 10);
    expect(struck).toBeLessThan(dispatchDefaults.reputationThreshold);
  });

  it('is bounded to 0..5 whatever the record', () => {
    fc.assert(
      fc.property(record, (partner) => {
        const value = reputationOf(partner, dispatchDefaults);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(5);
      }),
    );
  });

  it('never drops when a rating is raised, rises with a 5-star rating and falls with a 1-star one', () => {
    fc.assert(
      fc.property(record, (partner) => {
        const before = reputationOf(partner, dispatchDefaults);
        const withRating = (stars: number) =>
          reputationOf(
            { ...partner, ratingCount: partner.ratingCount + 1, ratingSum: partner.ratingSum + stars },
            dispatchDefaults,
          );
        if (partner.ratingSum < 5 * partner.ratingCount) {
          const raised = { ...partner, ratingSum: partner.ratingSum + 1 };
          expect(reputationOf(raised, dispatchDefaults)).toBeGreaterThanOrEqual(before);
        }
        expect(withRating(5)).toBeGreaterThanOrEqual(before);
        expect(withRating(1)).toBeLessThanOrEqual(before);
      }),
    );
  });

  it('is lowered by every cancellation after accept and every no-show, unless already 0', () => {
    fc.assert(
      fc.property(record, fc.constantFrom('cancellationsAfterAccept', 'noShows'), (partner, field) => {
        const before = reputationOf(partner, dispatchDefaults);
        const after = reputationOf({ ...partner, [field]: partner[field] + 1 }, dispatchDefaults);
        if (before > 0) expect(after).toBeLessThan(before);
        else expect(after).toBe(0);
      }),
    );
  });
});
