import type {
  EventData,
  OfferRejectReason,
  OfferView,
  OfferWithdrawalReason,
  PartnerOffers,
} from '@zefy/contracts';

/** Where an offer card is: open to answer, an answer on its way, or gone with a word for why. */
export type OfferPhase =
  | { kind: 'open' }
  | { kind: 'accepting' }
  | { kind: 'rejecting' }
  /** Withdrawn while the partner looked at it: shown for a moment, then removed. */
  | { kind: 'withdrawn'; reason: OfferWithdrawalReason }
  /** The partner's answer was refused (a late accept): the message stays until dismissed. */
  | { kind: 'refused'; message: string };

export interface OfferCard {
  offer: OfferView;
  /** When the countdown ends on this device's clock: the server's expiry, shifted by the clocks' difference. */
  deadline: number;
  phase: OfferPhase;
}

export interface OffersState {
  cards: OfferCard[];
  /** The server's clock minus this device's, learned from the offers list; null before the first load. */
  clockOffsetMs: number | null;
}

export const noOffers: OffersState = { cards: [], clockOffsetMs: null };

export type OffersAction =
  /** The open offers as the server listed them, with this device's clock when the answer arrived. */
  | { type: 'loaded'; offers: PartnerOffers; receivedAt: number }
  /** A wave of offers pushed on the partner's channel (it carries their own offer only). */
  | { type: 'sent'; data: EventData<'dispatch.offers_sent'>; partnerId: string; receivedAt: number }
  | { type: 'withdrawn'; data: EventData<'dispatch.offers_withdrawn'>; partnerId: string }
  | { type: 'answering'; offerId: string; answer: 'accept' | 'reject' }
  | { type: 'refused'; offerId: string; message: string }
  | { type: 'removed'; offerId: string };

function deadlineOf(
  offer: Pick<OfferView, 'sentAt' | 'expiresAt'>,
  clockOffsetMs: number | null,
  receivedAt: number,
): number {
  const expiresAt = Date.parse(offer.expiresAt);
  // without the server's clock yet, the offer's own window counts from its arrival
  return clockOffsetMs === null
    ? receivedAt + (expiresAt - Date.parse(offer.sentAt))
    : expiresAt - clockOffsetMs;
}

export function offersFromWave(data: EventData<'dispatch.offers_sent'>, partnerId: string): OfferView[] {
  return data.offers
    .filter((offer) => offer.partnerId === partnerId)
    .map((offer) => ({
      offerId: offer.offerId,
      bookingId: data.bookingId,
      hubId: data.hubId,
      area: data.area,
      serviceName: data.serviceName,
      window: data.window,
      timeZone: data.timeZone,
      earningPaise: data.earningPaise,
      distanceMeters: offer.distanceMeters,
      sentAt: data.sentAt,
      expiresAt: data.expiresAt,
      status: 'open',
      reason: null,
    }));
}

const update = (state: OffersState, offerId: string, phase: OfferPhase): OffersState => ({
  ...state,
  cards: state.cards.map((card) => (card.offer.offerId === offerId ? { ...card, phase } : card)),
});

/**
 * The offer cards on the home screen, from the offers list (on load, reload and reconnect) and the partner's
 * channel. A reload keeps what only this screen knows: an answer on its way, a withdrawal still being shown.
 */
export function offersReducer(state: OffersState, action: OffersAction): OffersState {
  switch (action.type) {
    case 'loaded': {
      const clockOffsetMs = Date.parse(action.offers.now) - action.receivedAt;
      const listed = action.offers.items.filter((offer) => offer.status === 'open');
      const listedIds = new Set(listed.map((offer) => offer.offerId));
      const fresh = listed.map((offer): OfferCard => {
        const known = state.cards.find((card) => card.offer.offerId === offer.offerId);
        return {
          offer,
          deadline: deadlineOf(offer, clockOffsetMs, action.receivedAt),
          phase: known?.phase ?? { kind: 'open' },
        };
      });
      // an open card the server no longer lists was answered or ran out elsewhere: it goes
      const kept = state.cards.filter(
        (card) => !listedIds.has(card.offer.offerId) && card.phase.kind !== 'open',
      );
      return { clockOffsetMs, cards: [...fresh, ...kept].sort((a, b) => a.deadline - b.deadline) };
    }
    case 'sent': {
      const known = new Set(state.cards.map((card) => card.offer.offerId));
      const added = offersFromWave(action.data, action.partnerId)
        .filter((offer) => !known.has(offer.offerId))
        .map(
          (offer): OfferCard => ({
            offer,
            deadline: deadlineOf(offer, state.clockOffsetMs, action.receivedAt),
            phase: { kind: 'open' },
          }),
        );
      if (added.length === 0) return state;
      return { ...state, cards: [...state.cards, ...added].sort((a, b) => a.deadline - b.deadline) };
    }
    case 'withdrawn': {
      if (!action.data.partnerIds.includes(action.partnerId)) return state;
      const { bookingId, reason } = action.data;
      return {
        ...state,
        cards: state.cards.map((card) =>
          card.offer.bookingId === bookingId &&
          (card.phase.kind === 'open' || card.phase.kind === 'rejecting')
            ? { ...card, phase: { kind: 'withdrawn', reason } }
            : card,
        ),
      };
    }
    case 'answering': {
      const card = state.cards.find((entry) => entry.offer.offerId === action.offerId);
      if (card?.phase.kind !== 'open') return state;
      return update(state, action.offerId, { kind: action.answer === 'accept' ? 'accepting' : 'rejecting' });
    }
    case 'refused':
      return update(state, action.offerId, { kind: 'refused', message: action.message });
    case 'removed':
      return { ...state, cards: state.cards.filter((card) => card.offer.offerId !== action.offerId) };
  }
}

/** The cards to show at `now` (this device's clock): an open offer whose countdown is over is gone. */
export const visibleCards = (state: OffersState, now: number): OfferCard[] =>
  state.cards.filter((card) => card.phase.kind !== 'open' || card.deadline > now);

/** Why an offer was taken back, in the partner's words. */
export const withdrawalWords: Record<OfferWithdrawalReason, string> = {
  taken: 'Taken by another partner',
  reassigned: 'The Zefy team gave this job to another partner',
  partner_offline: 'Withdrawn because you went off duty',
  partner_busy: 'Withdrawn: you have another job at that time',
  booking_cancelled: 'The customer’s booking was cancelled',
};

/** A refused answer (409 or 410) in plain words; null for a problem that is not about the offer. */
export function refusalWords(code: string | undefined): string | null {
  switch (code) {
    case 'DISPATCH.OFFER_TAKEN':
      return 'Another partner accepted this job first.';
    case 'DISPATCH.OFFER_EXPIRED':
      return 'This offer ran out before your answer reached us.';
    case 'DISPATCH.OFFER_WITHDRAWN':
      return 'This offer was withdrawn before your answer reached us.';
    case 'DISPATCH.OFFER_ANSWERED':
      return 'You have already answered this offer.';
    case 'DISPATCH.JOB_CANCELLED':
      return 'The customer cancelled this booking.';
    case 'DISPATCH.PARTNER_BUSY':
      return 'You already have a job at that time.';
    default:
      return null;
  }
}

export const rejectReasons: ReadonlyArray<{ value: OfferRejectReason; label: string }> = [
  { value: 'too_far', label: 'Too far away' },
  { value: 'busy', label: 'I am busy' },
  { value: 'timing', label: 'The time does not suit me' },
  { value: 'earning_too_low', label: 'The earning is too low' },
  { value: 'not_my_skill', label: 'Not my kind of work' },
  { value: 'other', label: 'Another reason' },
];

/** 1234 → "1.2 km", 640 → "640 m"; 0 (unknown) → null. */
export function formatDistance(meters: number): string | null {
  if (meters <= 0) return null;
  return meters < 1000 ? `${meters} m` : `${(meters / 1000).toFixed(1)} km`;
}
