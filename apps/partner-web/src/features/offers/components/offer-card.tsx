import type { OfferRejectReason } from '@zefy/contracts';
import { formatWindowInZone } from '@zefy/rules';
import { Button, formatCountdown, formatRupees, SelectField, useSecondsLeft } from '@zefy/web-kit';
import { useEffect, useState } from 'react';
import {
  formatDistance,
  type OfferCard as OfferCardModel,
  rejectReasons,
  withdrawalWords,
} from '../model/offers.ts';

export interface OfferCardProps {
  card: OfferCardModel;
  onAccept(): void;
  onReject(reason: OfferRejectReason): void;
  /** Also called when the countdown of an open offer is over. */
  onDismiss(): void;
}

/** One job offer: what, where, what the partner earns, and the time left to take it. */
export function OfferCard({ card, onAccept, onReject, onDismiss }: OfferCardProps) {
  const { offer, phase } = card;
  const secondsLeft = useSecondsLeft(card.deadline);
  const distance = formatDistance(offer.distanceMeters);
  const isOpen = phase.kind === 'open';
  const hasRunOut = isOpen && secondsLeft === 0;
  useEffect(() => {
    if (hasRunOut) onDismiss();
  }, [hasRunOut, onDismiss]);
  return (
    <article
      className="zf-offer"
      data-testid="offer-card"
      data-offer-id={offer.offerId}
      data-booking-id={offer.bookingId}
      data-phase={phase.kind}
      aria-labelledby={`offer-${offer.offerId}`}
    >
      <div className="zf-offer__head">
        <h3 className="zf-offer__service" id={`offer-${offer.offerId}`}>
          {offer.serviceName}
        </h3>
        <span className="zf-offer__earning" data-testid="offer-earning">
          {formatRupees(offer.earningPaise)}
        </span>
      </div>
      <dl className="zf-details">
        <dt>Area</dt>
        <dd data-testid="offer-area">{offer.area}</dd>
        <dt>When</dt>
        <dd>
          {offer.window.kind === 'now' ? 'Now' : formatWindowInZone(offer.window, offer.timeZone, 'slot')}
        </dd>
        {distance ? (
          <>
            <dt>Distance</dt>
            <dd data-testid="offer-distance">{distance} away</dd>
          </>
        ) : null}
      </dl>
      {isOpen ? (
        <OpenOffer secondsLeft={secondsLeft} onAccept={onAccept} onReject={onReject} />
      ) : (
        <OfferOutcome card={card} onDismiss={onDismiss} />
      )}
    </article>
  );
}

function OpenOffer({
  secondsLeft,
  onAccept,
  onReject,
}: {
  secondsLeft: number;
  onAccept(): void;
  onReject(reason: OfferRejectReason): void;
}) {
  const [isChoosingReason, setChoosingReason] = useState(false);
  const [reason, setReason] = useState<OfferRejectReason>('busy');
  return (
    <>
      <p className="zf-offer__countdown" data-testid="offer-countdown">
        <span aria-hidden="true">{formatCountdown(secondsLeft)}</span>
        <span className="zf-visually-hidden">{secondsLeft} seconds</span> left to accept
      </p>
      {isChoosingReason ? (
        <div className="zf-offer__reject">
          <SelectField
            label="Why not?"
            value={reason}
            options={rejectReasons}
            onChange={(event) => setReason(event.target.value as OfferRejectReason)}
          />
          <div className="zf-toolbar">
            <Button variant="secondary" onClick={() => setChoosingReason(false)}>
              Back
            </Button>
            <Button variant="danger" onClick={() => onReject(reason)}>
              Reject offer
            </Button>
          </div>
        </div>
      ) : (
        <div className="zf-toolbar">
          <Button variant="secondary" onClick={() => setChoosingReason(true)}>
            Reject
          </Button>
          <Button onClick={onAccept}>Accept</Button>
        </div>
      )}
    </>
  );
}

function OfferOutcome({ card, onDismiss }: { card: OfferCardModel; onDismiss(): void }) {
  const { phase } = card;
  switch (phase.kind) {
    case 'accepting':
      return (
        <p className="zf-offer__status" role="status" data-testid="offer-status">
          Accepting…
        </p>
      );
    case 'rejecting':
      return (
        <p className="zf-offer__status" role="status" data-testid="offer-status">
          Rejecting…
        </p>
      );
    case 'withdrawn':
      return (
        <p className="zf-offer__status" role="status" data-testid="offer-status">
          {withdrawalWords[phase.reason]}
        </p>
      );
    case 'refused':
      return (
        <div className="zf-toolbar">
          <p className="zf-offer__status" role="alert" data-testid="offer-status">
            {phase.message}
          </p>
          <Button variant="secondary" size="small" onClick={onDismiss}>
            Dismiss
          </Button>
        </div>
      );
    case 'open':
      return null;
  }
}
