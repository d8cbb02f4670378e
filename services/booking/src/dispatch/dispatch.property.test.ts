import type { Actor, ErrorCode } from '@zefy/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DispatchCommand, type DispatchEvent, type DispatchState, dispatchDecider } from './dispatch.ts';
import { type OfferCommand, type OfferEvent, type OfferState, offerDecider, offersIn } from './offer.ts';
import { dispatchDefaults } from './settings.ts';
import { standingIn } from './standings.ts';
import { job } from './waves.fixture.ts';
import type { Candidate, PartnerStanding } from './waves.ts';

const decider = dispatchDecider(dispatchDefaults);
const start = Date.parse('2026-03-02T10:00:00.000Z');
const partnerIds = Array.from({ length: 8 }, (_, index) => `p-${index}`);
const system: Actor = { kind: 'system', id: 'booking' };
const admin: Actor = { kind: 'admin', id: 'admin-1' };
const asPartner = (id: string): Actor => ({ kind: 'partner', id });
const startCommand: DispatchCommand = {
  type: 'Start',
  job: { ...job, pretaxPaise: 29_900 },
};

type Outcome = { ok: true; events: Array<DispatchEvent | OfferEvent> } | { ok: false; code: ErrorCode };

/**
 * What the shell does, without a database: the round and its offer rows change together from one
 * decision's events, or not at all (a refusal rolls the transaction back).
 */
class Shell {
  round: DispatchState = decider.initialState;
  offers = new Map<string, OfferState>();
  now = start;
  private offerCount = 0;

  mintOfferId(): string {
    this.offerCount += 1;
    return `offer-${this.offerCount}`;
  }

  context(actor: Actor) {
    return { actor, now: new Date(this.now) };
  }

  /** The partner's latest offer for the booking (offer ids are minted in order). */
  offerOf(partnerId: string): [string, OfferState] | undefined {
    return [...this.offers]
      .filter(([, offer]) => offer.status !== 'none' && offer.offer.partnerId === partnerId)
      .at(-1);
  }

  private commit(events: Array<DispatchEvent | OfferEvent>): void {
    for (const event of events) {
      if (event.type === 'dispatch.offer_sent') continue;
      this.round = decider.evolve(this.round, event);
      if (event.type === 'dispatch.offers_sent')
        for (const sent of offersIn(event))
          this.offers.set(sent.data.offerId, offerDecider.evolve(offerDecider.initialState, sent));
      if (event.type === 'dispatch.offers_withdrawn')
        for (const [offerId, offer] of this.offers)
          this.offers.set(offerId, offerDecider.evolve(offer, event));
      if (
        event.type === 'dispatch.offer_accepted' ||
        event.type === 'dispatch.offer_rejected' ||
        event.type === 'dispatch.offer_expired'
      ) {
        const offer = this.offers.get(event.data.offerId);
        if (offer) this.offers.set(event.data.offerId, offerDecider.evolve(offer, event));
      }
    }
  }

  dispatch(command: DispatchCommand, actor: Actor): Outcome {
    const decision = decider.decide(command, this.round, this.context(actor));
    if (!decision.ok) return decision;
    this.commit(decision.events);
    return decision;
  }

  /** Accept, reject or expire the partner's latest offer; an accept also goes through the round. */
  answer(partnerId: string, command: OfferCommand): Outcome {
    const latest = this.offerOf(partnerId);
    if (!latest) return { ok: false, code: 'DISPATCH.OFFER_NOT_FOUND' };
    const [offerId, offer] = latest;
    const actor = command.type === 'Expire' ? system : asPartner(partnerId);
    const answered = offerDecider.decide(command, offer, this.context(actor));
    if (!answered.ok) return answered;
    if (command.type !== 'Accept' || answered.events.length === 0) {
      this.commit(answered.events);
      return answered;
    }
    const assigned = decider.decide({ type: 'Accept', offerId }, this.round, this.context(actor));
    if (!assigned.ok) return assigned;
    const events = [...answered.events, ...assigned.events];
    this.commit(events);
    return { ok: true, events };
  }

  standing(partnerId: string): PartnerStanding | undefined {
    return this.round.status === 'none' ? undefined : standingIn(this.round.standings, partnerId);
  }
}

const candidate = (shell: Shell, partnerId: string, reputation: number, idleSeconds: number): Candidate => ({
  partnerId,
  offerId: shell.mintOfferId(),
  reputation,
  idleSeconds,
  distanceMeters: 1000,
  openOffers: 0,
});

const partner = fc.constantFrom(...partnerIds);
const found = fc.array(
  fc.record({
    partnerId: partner,
    reputation: fc.double({ min: 3.5, max: 5, noNaN: true }),
    idle: fc.nat(3600),
  }),
  { maxLength: 10 },
);
/** Weighted so that rounds live long enough to see expiries, re-offers, reassignments and back-outs. */
const step = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('wave' as const), found }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resend' as const), found }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('accept' as const), partner }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('reject' as const), partner }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('expire' as const), partner }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('unavailable' as const), partner }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('assign' as const), partner, isStale: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('backOut' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deadlines' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function run(shell: Shell, action: Step): Outcome {
  const candidates = (list: Array<{ partnerId: string; reputation: number; idle: number }>) =>
    list.map((c) => candidate(shell, c.partnerId, c.reputation, c.idle));
  const assignee = shell.round.status === 'none' ? null : (shell.round.assignment?.partnerId ?? null);
  switch (action.kind) {
    case 'wave':
      return shell.dispatch({ type: 'SendNextWave', candidates: candidates(action.found) }, system);
    case 'resend':
      return shell.dispatch({ type: 'Resend', candidates: candidates(action.found) }, admin);
    case 'accept':
      return shell.answer(action.partner, { type: 'Accept' });
    case 'reject':
      return shell.answer(action.partner, { type: 'Reject', reason: 'too_far' });
    case 'expire':
      return shell.answer(action.partner, { type: 'Expire' });
    case 'unavailable':
      return shell.dispatch(
        { type: 'PartnerUnavailable', partnerId: action.partner, reason: 'partner_offline' },
        system,
      );
    case 'assign':
      return shell.dispatch(
        {
          type: 'AssignByAdmin',
          partnerId: action.partner,
          reason: 'customer asked',
          expectedPartnerId: action.isStale ? null : assignee,
          isEligible: true,
        },
        admin,
      );
    case 'backOut':
      return shell.dispatch({ type: 'CancelAfterAccept', reason: null }, asPartner(assignee ?? 'p-0'));
    case 'deadlines':
      return shell.dispatch({ type: 'CheckDeadlines' }, system);
    case 'close':
      return shell.dispatch({ type: 'Close' }, system);
  }
}

const steps = fc.array(fc.tuple(step, fc.integer({ min: 0, max: 40 })), { maxLength: 50 });

describe('a dispatch round, over any sequence of commands', () => {
  it('never offers the job twice to a partner (but after a withdrawal, or an expiry when resent), never to a rejecter', () => {
    fc.assert(
      fc.property(steps, (steps) => {
        const shell = new Shell();
        shell.dispatch(startCommand, system);
        const everRejected = new Set<string>();
        for (const [action, seconds] of steps) {
          shell.now += seconds * 1000;
          const before = new Map(partnerIds.map((id) => [id, shell.standing(id)]));
          const outcome = run(shell, action);
          if (!outcome.ok) continue;
          for (const event of outcome.events) {
            if (event.type === 'dispatch.offer_rejected') everRejected.add(event.data.partnerId);
            if (event.type !== 'dispatch.offers_sent') continue;
            const offered = event.data.offers.map((offer) => offer.partnerId);
            expect(new Set(offered).size).toBe(offered.length);
            for (const partnerId of offered) {
              expect(everRejected.has(partnerId)).toBe(false);
              const standing = before.get(partnerId);
              const isAllowed =
                standing === undefined ||
                standing === 'withdrawn' ||
                (standing === 'expired' && event.data.trigger === 'resend');
              expect(isAllowed).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every offer row and the round agreeing, with at most one partner assigned', () => {
    fc.assert(
      fc.property(steps, (steps) => {
        const shell = new Shell();
        shell.dispatch(startCommand, system);
        for (const [action, seconds] of steps) {
          shell.now += seconds * 1000;
          run(shell, action);
          const round = shell.round;
          if (round.status === 'none') throw new Error('the round started');
          for (const id of partnerIds) {
            const latest = shell.offerOf(id)?.[1];
            expect(latest?.status === 'open').toBe(standingIn(round.standings, id) === 'open');
          }
          const assigned = partnerIds.filter((id) => standingIn(round.standings, id) === 'assigned');
          expect(assigned.length).toBeLessThanOrEqual(1);
          expect(round.status === 'assigned').toBe(assigned.length === 1);
          expect(round.assignment?.partnerId).toBe(round.status === 'assigned' ? assigned[0] : undefined);
        }
      }),
    );
  });
});

describe('racing accepts', () => {
  it('have exactly one winner in any order, even with an admin assigning in between', () => {
    const race = fc.integer({ min: 2, max: 60 }).chain((count) =>
      fc.record({
        order: fc.shuffledSubarray(
          Array.from({ length: count }, (_, index) => `r-${index}`),
          { minLength: count, maxLength: count },
        ),
        adminAt: fc.option(fc.integer({ min: 0, max: count }), { nil: undefined }),
        count: fc.constant(count),
      }),
    );
    fc.assert(
      fc.property(race, ({ order, adminAt, count }) => {
        const shell = new Shell();
        shell.dispatch(startCommand, system);
        const racers = Array.from({ length: count }, (_, index) => candidate(shell, `r-${index}`, 4, 0));
        shell.dispatch({ type: 'SendNextWave', candidates: racers }, system);
        shell.now += 10_000;
        const attempts: Array<() => Outcome> = order.map((id) => () => shell.answer(id, { type: 'Accept' }));
        if (adminAt !== undefined)
          attempts.splice(adminAt, 0, () =>
            shell.dispatch(
              {
                type: 'AssignByAdmin',
                partnerId: 'admin-pick',
                reason: 'vip',
                expectedPartnerId: null,
                isEligible: true,
              },
              admin,
            ),
          );
        const outcomes = attempts.map((attempt) => attempt());
        const winners = outcomes.filter((outcome) => outcome.ok);
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes)
          if (!outcome.ok)
            expect(['DISPATCH.OFFER_TAKEN', 'DISPATCH.ASSIGNMENT_CHANGED']).toContain(outcome.code);
        expect(shell.round.status).toBe('assigned');
        const openOffers = [...shell.offers.values()].filter((offer) => offer.status === 'open');
        expect(openOffers).toEqual([]);
      }),
    );
  });
});
