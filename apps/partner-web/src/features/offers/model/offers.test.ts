import type { EventData, OfferView } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import {
  formatDistance,
  noOffers,
  type OffersState,
  offersReducer,
  refusalWords,
  visibleCards,
} from './offers.ts';

const bookingId = '11111111-1111-4111-8111-111111111111';
const offerId = '22222222-2222-4222-8222-222222222222';
const window = {
  kind: 'now' as const,
  startsAt: '2026-03-02T10:30:00.000Z',
  endsAt: '2026-03-02T11:30:00.000Z',
};

const offer = (patch: Partial<OfferView> = {}): OfferView => ({
  offerId,
  bookingId,
  hubId: 'hub-1',
  area: 'Koramangala',
  serviceName: 'Deep cleaning',
  window,
  timeZone: 'Asia/Kolkata',
  earningPaise: 80_000,
  distanceMeters: 1200,
  sentAt: '2026-03-02T10:00:00.000Z',
  expiresAt: '2026-03-02T10:00:30.000Z',
  status: 'open',
  reason: null,
  ...patch,
});

const wave = (partnerIds: string[]): EventData<'dispatch.offers_sent'> => ({
  bookingId,
  hubId: 'hub-1',
  wave: 1,
  trigger: 'head_start',
  serviceName: 'Deep cleaning',
  area: 'Koramangala',
  window,
  timeZone: 'Asia/Kolkata',
  earningPaise: 80_000,
  sentAt: '2026-03-02T10:00:00.000Z',
  expiresAt: '2026-03-02T10:00:30.000Z',
  offers: partnerIds.map((partnerId, index) => ({
    offerId: index === 0 ? offerId : `33333333-3333-4333-8333-33333333333${index}`,
    partnerId,
    distanceMeters: 900,
  })),
});

// this device's clock runs 7 s behind the server's
const skewMs = -7000;
const serverMs = (iso: string) => Date.parse(iso);
const loaded = (state: OffersState, items: OfferView[], serverNow = '2026-03-02T10:00:05.000Z') =>
  offersReducer(state, {
    type: 'loaded',
    offers: { now: serverNow, items },
    receivedAt: serverMs(serverNow) + skewMs,
  });

describe('offersReducer', () => {
  it('counts down to the server’s expiry on this device’s clock', () => {
    const state = loaded(noOffers, [offer()]);
    expect(state.cards).toHaveLength(1);
    expect(state.cards[0]?.deadline).toBe(serverMs('2026-03-02T10:00:30.000Z') + skewMs);
    expect(visibleCards(state, serverMs('2026-03-02T10:00:29.000Z') + skewMs)).toHaveLength(1);
    // once the countdown is over the card is gone
    expect(visibleCards(state, serverMs('2026-03-02T10:00:30.000Z') + skewMs)).toHaveLength(0);
  });

  it('adds the partner’s own offer of a pushed wave, once, shifted by the known clock difference', () => {
    const known = loaded(noOffers, []);
    const pushed = offersReducer(known, {
      type: 'sent',
      data: wave(['someone-else', 'p1'].reverse()),
      partnerId: 'p1',
      receivedAt: 0,
    });
    expect(pushed.cards.map((card) => card.offer.offerId)).toEqual([offerId]);
    expect(pushed.cards[0]?.offer).toMatchObject({
      distanceMeters: 900,
      status: 'open',
      earningPaise: 80_000,
    });
    expect(pushed.cards[0]?.deadline).toBe(serverMs('2026-03-02T10:00:30.000Z') + skewMs);
    const again = offersReducer(pushed, { type: 'sent', data: wave(['p1']), partnerId: 'p1', receivedAt: 0 });
    expect(again).toBe(pushed);
  });

  it('without the server’s clock yet, counts the offer’s own window from its arrival', () => {
    const pushed = offersReducer(noOffers, {
      type: 'sent',
      data: wave(['p1']),
      partnerId: 'p1',
      receivedAt: 1000,
    });
    expect(pushed.cards[0]?.deadline).toBe(31_000);
  });

  it('ignores a wave without an offer for this partner', () => {
    expect(
      offersReducer(noOffers, { type: 'sent', data: wave(['p2']), partnerId: 'p1', receivedAt: 0 }),
    ).toBe(noOffers);
  });

  it('marks an open offer taken by another partner, and keeps saying so through a reload', () => {
    const state = offersReducer(loaded(noOffers, [offer()]), {
      type: 'withdrawn',
      data: { bookingId, hubId: 'hub-1', reason: 'taken', partnerIds: ['p1'] },
      partnerId: 'p1',
    });
    expect(state.cards[0]?.phase).toEqual({ kind: 'withdrawn', reason: 'taken' });
    const reloaded = loaded(state, []);
    expect(reloaded.cards[0]?.phase).toEqual({ kind: 'withdrawn', reason: 'taken' });
    expect(offersReducer(reloaded, { type: 'removed', offerId }).cards).toEqual([]);
  });

  it('leaves a withdrawal of other partners’ offers alone', () => {
    const state = loaded(noOffers, [offer()]);
    const after = offersReducer(state, {
      type: 'withdrawn',
      data: { bookingId, hubId: 'hub-1', reason: 'taken', partnerIds: ['p2'] },
      partnerId: 'p1',
    });
    expect(after).toBe(state);
  });

  it('keeps an answer on its way through a reload, and drops an open card the server no longer lists', () => {
    const other = offer({ offerId: '44444444-4444-4444-8444-444444444444' });
    const accepting = offersReducer(loaded(noOffers, [offer(), other]), {
      type: 'answering',
      offerId,
      answer: 'accept',
    });
    expect(accepting.cards.find((card) => card.offer.offerId === offerId)?.phase).toEqual({
      kind: 'accepting',
    });
    const reloaded = loaded(accepting, []);
    expect(reloaded.cards.map((card) => card.offer.offerId)).toEqual([offerId]);
    // the accept still shows after the countdown, until its answer arrives
    expect(visibleCards(reloaded, Number.MAX_SAFE_INTEGER)).toHaveLength(1);
  });

  it('answers one offer once: a second tap while accepting does nothing', () => {
    const accepting = offersReducer(loaded(noOffers, [offer()]), {
      type: 'answering',
      offerId,
      answer: 'accept',
    });
    expect(offersReducer(accepting, { type: 'answering', offerId, answer: 'reject' })).toBe(accepting);
  });

  it('shows a refused accept in words until it is dismissed', () => {
    const accepting = offersReducer(loaded(noOffers, [offer()]), {
      type: 'answering',
      offerId,
      answer: 'accept',
    });
    const refused = offersReducer(accepting, { type: 'refused', offerId, message: 'Too late' });
    expect(refused.cards[0]?.phase).toEqual({ kind: 'refused', message: 'Too late' });
    expect(visibleCards(refused, Number.MAX_SAFE_INTEGER)).toHaveLength(1);
  });
});

describe('refusalWords', () => {
  it('words a late accept plainly, and leaves other problems to the generic message', () => {
    expect(refusalWords('DISPATCH.OFFER_TAKEN')).toBe('Another partner accepted this job first.');
    expect(refusalWords('DISPATCH.OFFER_EXPIRED')).toMatch(/ran out/);
    expect(refusalWords('AUTH.FORBIDDEN')).toBeNull();
    expect(refusalWords(undefined)).toBeNull();
  });
});

describe('formatDistance', () => {
  it('says metres below a kilometre and tenths of kilometres above; nothing when unknown', () => {
    expect(formatDistance(640)).toBe('640 m');
    expect(formatDistance(1250)).toBe('1.3 km');
    expect(formatDistance(0)).toBeNull();
  });
});
