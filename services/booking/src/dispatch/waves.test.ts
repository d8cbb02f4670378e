import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatchDefaults } from './settings.ts';
import { candidate } from './waves.fixture.ts';
import { type Candidate, composeWave, fairSlotsOf, type PartnerStanding, type WaveTrigger } from './waves.ts';

const ids = (wave: Candidate[]) => wave.map((partner) => partner.partnerId);
/** Nobody offered the job before. */
const nobody = () => undefined;
const lookup = (standings: Record<string, PartnerStanding>) => (partnerId: string) => standings[partnerId];

describe('the first wave (head start)', () => {
  const settings = { ...dispatchDefaults, firstWaveSize: 4, fairSharePercent: 25 };

  it('offers the best-ranked at or above the threshold, and fills the fair share with the longest idle', () => {
    const candidates = [
      candidate('star', { reputation: 4.9 }),
      candidate('good-near', { reputation: 4.7, distanceMeters: 200 }),
      candidate('good-far', { reputation: 4.7, distanceMeters: 5000 }),
      candidate('good-farther', { reputation: 4.7, distanceMeters: 9000, idleSeconds: 100 }),
      candidate('new-struck', { reputation: 4.2, idleSeconds: 3600 }),
      candidate('idle-a-bit', { reputation: 3.9, idleSeconds: 60 }),
    ];
    expect(ids(composeWave('head_start', candidates, nobody, settings))).toEqual([
      'star',
      'good-near',
      'good-far',
      'new-struck',
    ]);
  });

  it('gives an above-threshold partner who did not make the ranked cut a fair slot too', () => {
    const candidates = [
      candidate('a', { reputation: 5 }),
      candidate('b', { reputation: 4.9 }),
      candidate('c', { reputation: 4.8 }),
      candidate('d', { reputation: 4.7, idleSeconds: 50 }),
      candidate('e', { reputation: 1, idleSeconds: 10 }),
    ];
    expect(ids(composeWave('head_start', candidates, nobody, settings))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('is empty when nobody reaches the threshold, so there is no head start', () => {
    const candidates = [candidate('a', { reputation: 4.4 }), candidate('b', { reputation: 3 })];
    expect(composeWave('head_start', candidates, nobody, settings)).toEqual([]);
  });

  it('breaks ties by distance, then idle time, then partner id', () => {
    const candidates = [
      candidate('z', { idleSeconds: 5 }),
      candidate('y', { idleSeconds: 5 }),
      candidate('x', { idleSeconds: 9 }),
      candidate('w', { distanceMeters: 10 }),
    ];
    expect(ids(composeWave('open_to_all', candidates, nobody, settings))).toEqual(['w', 'x', 'y', 'z']);
  });
});

describe('later waves', () => {
  const standings: Record<string, PartnerStanding> = {
    open: 'open',
    rejected: 'rejected',
    expired: 'expired',
    withdrawn: 'withdrawn',
    assigned: 'assigned',
    dropped: 'dropped',
  };
  const everyone = [...Object.keys(standings), 'new'].map((id) => candidate(id));

  it('offer the job to every eligible partner not offered it yet, and again to those it was withdrawn from', () => {
    expect(ids(composeWave('open_to_all', everyone, lookup(standings), dispatchDefaults)).sort()).toEqual([
      'new',
      'withdrawn',
    ]);
  });

  it('offer it again to partners who let it expire only when an admin resends it', () => {
    expect(ids(composeWave('resend', everyone, lookup(standings), dispatchDefaults)).sort()).toEqual([
      'expired',
      'new',
      'withdrawn',
    ]);
  });

  it('skip a partner holding the most open offers allowed', () => {
    const busy = [candidate('a', { openOffers: 3 }), candidate('b', { openOffers: 2 })];
    expect(ids(composeWave('open_to_all', busy, nobody, dispatchDefaults))).toEqual(['b']);
  });
});

const partnerIds = fc.constantFrom(...Array.from({ length: 30 }, (_, index) => `p-${index}`));
const candidates = fc.array(
  fc.record({
    partnerId: partnerIds,
    offerId: fc.uuid(),
    reputation: fc.double({ min: 0, max: 5, noNaN: true }),
    idleSeconds: fc.integer({ min: 0, max: 86_400 }),
    distanceMeters: fc.integer({ min: 0, max: 20_000 }),
    openOffers: fc.integer({ min: 0, max: 4 }),
  }),
  { maxLength: 60 },
);
const standings = fc.dictionary(
  partnerIds,
  fc.constantFrom<PartnerStanding>('open', 'rejected', 'expired', 'withdrawn', 'assigned', 'dropped'),
);
const trigger = fc.constantFrom<WaveTrigger>('head_start', 'open_to_all', 'resend');
const waveSettings = fc.record({
  firstWaveSize: fc.integer({ min: 1, max: 20 }),
  fairSharePercent: fc.integer({ min: 0, max: 100 }),
  reputationThreshold: fc.double({ min: 0, max: 5, noNaN: true }),
  maxOpenOffersPerPartner: fc.integer({ min: 1, max: 4 }),
});

describe('every wave', () => {
  it('never includes a partner twice, one who rejected or dropped the job, or one with an open offer for it', () => {
    fc.assert(
      fc.property(trigger, candidates, standings, waveSettings, (kind, found, known, settings) => {
        const wave = ids(composeWave(kind, found, lookup(known), settings));
        expect(new Set(wave).size).toBe(wave.length);
        for (const partnerId of wave) {
          expect(['open', 'rejected', 'dropped', 'assigned']).not.toContain(known[partnerId]);
          if (kind !== 'resend') expect(known[partnerId]).not.toBe('expired');
        }
      }),
    );
  });

  it('offers only candidates, each holding fewer open offers than the cap', () => {
    fc.assert(
      fc.property(trigger, candidates, standings, waveSettings, (kind, found, known, settings) => {
        for (const partner of composeWave(kind, found, lookup(known), settings)) {
          expect(found).toContain(partner);
          expect(partner.openOffers).toBeLessThan(settings.maxOpenOffersPerPartner);
        }
      }),
    );
  });

  it('gives the best reputations the ranked part and the fair share to the longest idle of the rest', () => {
    fc.assert(
      fc.property(candidates, waveSettings, (found, settings) => {
        const offerable = found.filter(
          (c, index) =>
            found.findIndex((first) => first.partnerId === c.partnerId) === index &&
            c.openOffers < settings.maxOpenOffersPerPartner,
        );
        const qualified = offerable.filter((c) => c.reputation >= settings.reputationThreshold);
        const fairSlots = fairSlotsOf(settings);
        const rankedCount = Math.min(settings.firstWaveSize - fairSlots, qualified.length);
        const wave = composeWave('head_start', found, nobody, settings);
        if (rankedCount === 0) {
          expect(wave).toEqual([]);
          return;
        }
        const ranked = wave.slice(0, rankedCount);
        const fair = wave.slice(rankedCount);
        const rest = offerable.filter((c) => !ranked.includes(c));
        expect(fair).toHaveLength(Math.min(fairSlots, rest.length));
        const lowestRanked = Math.min(...ranked.map((c) => c.reputation));
        for (const c of qualified.filter((q) => !ranked.includes(q)))
          expect(c.reputation).toBeLessThanOrEqual(lowestRanked);
        const leastIdlePicked = Math.min(...fair.map((c) => c.idleSeconds));
        for (const c of rest.filter((r) => !fair.includes(r)))
          expect(c.idleSeconds).toBeLessThanOrEqual(leastIdlePicked);
        if (rest.length >= fairSlots)
          expect(fair.length / wave.length).toBeGreaterThanOrEqual(settings.fairSharePercent / 100);
      }),
    );
  });
});
