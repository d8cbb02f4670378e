import type { EventData, OfferRejectReason, OfferWithdrawalReason } from '@zefy/contracts';
import { accept, assertNever, type Decider, type Decision, refuse } from '@zefy/platform/domain';

/** One offer of one booking's job to one partner, as the round sent it. */
export interface OfferTerms {
  offerId: string;
  bookingId: string;
  hubId: string;
  partnerId: string;
  wave: number;
  sentAt: string;
  /** The end of the countdown the partner sees. */
  expiresAt: string;
  /** expiresAt + the accept grace: the last instant an accept is taken (the shell's conditional write too). */
  acceptUntil: string;
  earningPaise: number;
  distanceMeters: number;
}

export type OfferState =
  | { status: 'none' }
  | { status: 'open'; offer: OfferTerms }
  | { status: 'accepted'; offer: OfferTerms; acceptedAt: string }
  | { status: 'rejected'; offer: OfferTerms; reason: OfferRejectReason; note: string | null }
  | { status: 'expired'; offer: OfferTerms }
  | { status: 'withdrawn'; offer: OfferTerms; reason: OfferWithdrawalReason };

/** A partner's answer (the actor is the partner), or the sweeper's expiry. */
export type OfferCommand =
  | { type: 'Accept' }
  | { type: 'Reject'; reason: OfferRejectReason; note?: string }
  | { type: 'Expire' };

/** A wave of offers, decided by the round (dispatch.ts); `acceptUntil` stays on the server. */
export type OffersSent = {
  type: 'dispatch.offers_sent';
  data: EventData<'dispatch.offers_sent'> & { acceptUntil: string };
};
/** Open offers taken back by the round, e.g. when the job is taken; each offer folds the one naming it. */
export type OffersWithdrawn = {
  type: 'dispatch.offers_withdrawn';
  data: EventData<'dispatch.offers_withdrawn'>;
};

interface Answer {
  offerId: string;
  bookingId: string;
  partnerId: string;
}

/** The answers to an offer; the round folds them too (dispatch.ts). */
export type OfferAnswered =
  | { type: 'dispatch.offer_accepted'; data: Answer & { acceptedAt: string } }
  | { type: 'dispatch.offer_rejected'; data: Answer & { reason: OfferRejectReason; note: string | null } }
  | { type: 'dispatch.offer_expired'; data: Answer };

export type OfferEvent = { type: 'dispatch.offer_sent'; data: OfferTerms } | OfferAnswered | OffersWithdrawn;

/** The offers of a wave, one per partner: the rows the shell inserts, each an offer's first event. */
export const offersIn = ({
  data: wave,
}: OffersSent): Array<Extract<OfferEvent, { type: 'dispatch.offer_sent' }>> =>
  wave.offers.map(({ offerId, partnerId, distanceMeters }) => ({
    type: 'dispatch.offer_sent',
    data: {
      offerId,
      bookingId: wave.bookingId,
      hubId: wave.hubId,
      partnerId,
      wave: wave.wave,
      sentAt: wave.sentAt,
      expiresAt: wave.expiresAt,
      acceptUntil: wave.acceptUntil,
      earningPaise: wave.earningPaise,
      distanceMeters,
    },
  }));

const withdrawnRefusals: Record<OfferWithdrawalReason, Decision<never>> = {
  taken: refuse('DISPATCH.OFFER_TAKEN', 'another partner accepted this job first'),
  reassigned: refuse('DISPATCH.OFFER_TAKEN', 'the team assigned this job; see your jobs if it is yours'),
  partner_offline: refuse('DISPATCH.OFFER_WITHDRAWN', 'the offer was withdrawn when you went off duty'),
  partner_busy: refuse(
    'DISPATCH.OFFER_WITHDRAWN',
    'the offer was withdrawn when you took a job at that time',
  ),
  booking_cancelled: refuse('DISPATCH.JOB_CANCELLED', 'the booking was cancelled'),
};

const expired = refuse('DISPATCH.OFFER_EXPIRED', 'the time to answer this offer is over');

/** A closed offer's answer to a second, different answer; a repeat of the same answer changes nothing. */
function answered(
  state: Exclude<OfferState, { status: 'none' | 'open' }>,
  command: OfferCommand,
): Decision<OfferEvent> {
  switch (state.status) {
    case 'accepted':
      return command.type === 'Accept'
        ? accept()
        : refuse('DISPATCH.OFFER_ANSWERED', 'you accepted this job; cancel it from your jobs instead');
    case 'rejected':
      return command.type === 'Reject'
        ? accept()
        : refuse('DISPATCH.OFFER_ANSWERED', 'you rejected this offer');
    case 'expired':
      return expired;
    case 'withdrawn':
      return withdrawnRefusals[state.reason];
    default:
      return assertNever(state);
  }
}

export const offerDecider: Decider<OfferCommand, OfferState, OfferEvent> = {
  initialState: { status: 'none' },
  decide(command, state, { actor, now }) {
    if (command.type === 'Expire') {
      const isDue = state.status === 'open' && now.getTime() > Date.parse(state.offer.acceptUntil);
      return isDue ? accept({ type: 'dispatch.offer_expired', data: answerTo(state.offer) }) : accept();
    }
    // someone else's offer is as good as no offer: its existence is not theirs to learn
    if (state.status === 'none' || actor.kind !== 'partner' || actor.id !== state.offer.partnerId)
      return refuse('DISPATCH.OFFER_NOT_FOUND', 'you have no such offer');
    if (state.status !== 'open') return answered(state, command);
    if (now.getTime() > Date.parse(state.offer.acceptUntil)) return expired;
    switch (command.type) {
      case 'Accept':
        return accept({
          type: 'dispatch.offer_accepted',
          data: { ...answerTo(state.offer), acceptedAt: now.toISOString() },
        });
      case 'Reject':
        return accept({
          type: 'dispatch.offer_rejected',
          data: { ...answerTo(state.offer), reason: command.reason, note: command.note?.trim() || null },
        });
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'dispatch.offer_sent':
        return state.status === 'none' ? { status: 'open', offer: event.data } : state;
      case 'dispatch.offer_accepted':
        return state.status === 'open'
          ? { status: 'accepted', offer: state.offer, acceptedAt: event.data.acceptedAt }
          : state;
      case 'dispatch.offer_rejected':
        return state.status === 'open'
          ? { status: 'rejected', offer: state.offer, reason: event.data.reason, note: event.data.note }
          : state;
      case 'dispatch.offer_expired':
        return state.status === 'open' ? { status: 'expired', offer: state.offer } : state;
      case 'dispatch.offers_withdrawn':
        return state.status === 'open' &&
          event.data.bookingId === state.offer.bookingId &&
          event.data.partnerIds.includes(state.offer.partnerId)
          ? { status: 'withdrawn', offer: state.offer, reason: event.data.reason }
          : state;
      default:
        return assertNever(event);
    }
  },
};

function answerTo(offer: OfferTerms): Answer {
  return { offerId: offer.offerId, bookingId: offer.bookingId, partnerId: offer.partnerId };
}
