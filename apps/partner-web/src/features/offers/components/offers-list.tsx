import type { OfferRejectReason } from '@zefy/contracts';
import { Card, describeError, EmptyState, toApiError, useSession } from '@zefy/web-kit';
import { useCallback, useEffect } from 'react';
import { useNavigate } from 'react-router';
import { auth } from '../../../lib/api-client.ts';
import { useDuty } from '../../presence/components/duty-provider.tsx';
import { acceptOffer, rejectOffer, useLiveOffers } from '../api/offers.ts';
import { type OfferCard as OfferCardModel, refusalWords, visibleCards } from '../model/offers.ts';
import { OfferCard } from './offer-card.tsx';
import './offers.css';

/** How long a withdrawn offer stays on screen saying why, before it goes. */
const withdrawnNoticeMs = 4000;

const refusalOf = (error: unknown): string => {
  const apiError = toApiError(error);
  const words = refusalWords(apiError.code);
  if (words) return words;
  const { title, detail } = describeError(apiError);
  return detail ? `${title}. ${detail}` : title;
};

/** The home screen's job offers: live while on duty, each answered here; an accepted one opens the job. */
export function OffersList() {
  const { isOnDuty } = useDuty();
  const partnerId = useSession(auth)?.principal.id ?? '';
  const { state, dispatch } = useLiveOffers(partnerId, isOnDuty);
  const navigate = useNavigate();
  const cards = visibleCards(state, Date.now());

  const withdrawnIds = cards
    .filter((card) => card.phase.kind === 'withdrawn')
    .map((card) => card.offer.offerId)
    .join(',');
  useEffect(() => {
    if (!withdrawnIds) return;
    const timer = setTimeout(() => {
      for (const offerId of withdrawnIds.split(',')) dispatch({ type: 'removed', offerId });
    }, withdrawnNoticeMs);
    return () => clearTimeout(timer);
  }, [withdrawnIds, dispatch]);

  const accept = useCallback(
    ({ offer }: OfferCardModel) => {
      dispatch({ type: 'answering', offerId: offer.offerId, answer: 'accept' });
      acceptOffer(offer.offerId).then(
        ({ job }) => {
          dispatch({ type: 'removed', offerId: offer.offerId });
          navigate(`/jobs/${job.bookingId}`);
        },
        (error: unknown) => dispatch({ type: 'refused', offerId: offer.offerId, message: refusalOf(error) }),
      );
    },
    [dispatch, navigate],
  );

  const reject = useCallback(
    ({ offer }: OfferCardModel, reason: OfferRejectReason) => {
      dispatch({ type: 'answering', offerId: offer.offerId, answer: 'reject' });
      rejectOffer(offer.offerId, reason).then(
        () => dispatch({ type: 'removed', offerId: offer.offerId }),
        (error: unknown) => dispatch({ type: 'refused', offerId: offer.offerId, message: refusalOf(error) }),
      );
    },
    [dispatch],
  );

  return (
    <Card title="Job offers" data-testid="offers">
      {cards.length === 0 ? (
        <EmptyState>
          {isOnDuty ? 'Waiting for job offers. A new one appears here.' : 'No offers while you are off duty.'}
        </EmptyState>
      ) : (
        <div className="zf-offers">
          {cards.map((card) => (
            <OfferCard
              key={card.offer.offerId}
              card={card}
              onAccept={() => accept(card)}
              onReject={(reason) => reject(card, reason)}
              onDismiss={() => dispatch({ type: 'removed', offerId: card.offer.offerId })}
            />
          ))}
        </div>
      )}
    </Card>
  );
}
