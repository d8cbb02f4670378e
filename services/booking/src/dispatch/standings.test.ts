import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveTo, offeredCount, type Standings, standingIn, standingLookup } from './standings.ts';
import type { PartnerStanding } from './waves.ts';

const standingNames: PartnerStanding[] = ['open', 'rejected', 'expired', 'withdrawn', 'assigned', 'dropped'];

describe('standings', () => {
  it('adds partners offered for the first time, in order, and leaves those already there', () => {
    const offered = moveTo({ open: ['a'] }, ['b', 'a', 'c', 'b'], 'open');
    expect(offered).toEqual({ open: ['a', 'b', 'c'] });
  });

  it('moves only those standing where it must move them from, and drops groups left empty', () => {
    const before: Standings = { open: ['a', 'b'], rejected: ['c'] };
    expect(moveTo(before, ['a', 'b', 'c', 'new'], 'withdrawn', 'open')).toEqual({
      rejected: ['c'],
      withdrawn: ['a', 'b'],
    });
    expect(moveTo(before, ['c'], 'expired', 'open')).toBe(before);
  });

  it('moves a partner out of any group when no group is named', () => {
    expect(moveTo({ open: ['a'], withdrawn: ['b'] }, ['b'], 'open')).toEqual({ open: ['a', 'b'] });
  });

  it('answers each partner’s standing, and how many were ever offered the job', () => {
    const standings: Standings = { open: ['a'], assigned: ['b'], rejected: ['c', 'd'] };
    expect(standingIn(standings, 'd')).toBe('rejected');
    expect(standingLookup(standings)('b')).toBe('assigned');
    expect(standingLookup(standings)('z')).toBeUndefined();
    expect(offeredCount(standings)).toBe(4);
  });

  it('keeps every partner in exactly one group, whatever moves happen', () => {
    const move = fc.record({
      partnerIds: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 }),
      to: fc.constantFrom(...standingNames),
      onlyFrom: fc.option(fc.constantFrom(...standingNames), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(move, { maxLength: 12 }), (moves) => {
        const byPartner = new Map<string, PartnerStanding>();
        let standings: Standings = {};
        for (const { partnerIds, to, onlyFrom } of moves) {
          standings = moveTo(standings, partnerIds, to, onlyFrom);
          for (const partnerId of partnerIds)
            if (onlyFrom === undefined || byPartner.get(partnerId) === onlyFrom) byPartner.set(partnerId, to);
        }
        const grouped = Object.values(standings).flat();
        expect(new Set(grouped).size).toBe(grouped.length);
        expect(Object.fromEntries(byPartner)).toEqual(
          Object.fromEntries(grouped.map((partnerId) => [partnerId, standingIn(standings, partnerId)])),
        );
        expect(Object.values(standings).every((group) => group.length > 0)).toBe(true);
      }),
    );
  });
});
