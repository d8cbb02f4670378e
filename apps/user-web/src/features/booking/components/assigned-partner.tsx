import type { AssignedPartner } from '@zefy/contracts';
import { buttonClass, Card, formatCountdown, initialsOf, useSecondsSince } from '@zefy/web-kit';

/** While dispatch looks for a professional: how long it has been looking since the payment. */
export function FindingProfessional({ since }: { since: string }) {
  const seconds = useSecondsSince(since);
  return (
    <Card title="Finding you a professional" data-testid="finding-professional">
      <p className="zf-card__body">
        We are offering your job to verified professionals near you; most bookings have one within five
        minutes. You will see who is coming here the moment one accepts.
      </p>
      <p className="zf-card__body zf-muted" data-testid="searching-since">
        Searching for <span aria-hidden="true">{formatCountdown(seconds)}</span>
        <span className="zf-visually-hidden">{Math.floor(seconds / 60)} minutes</span> since your payment
      </p>
    </Card>
  );
}

/** Who is coming: their photo (or initials), name, rating and a button that calls them. */
export function AssignedPartnerCard({ partner }: { partner: AssignedPartner }) {
  return (
    <Card title="Your professional" data-testid="assigned-partner">
      <div className="uw-partner">
        {partner.photoUrl ? (
          <img className="uw-partner__avatar" src={partner.photoUrl} alt="" width={64} height={64} />
        ) : (
          <span className="uw-partner__avatar" aria-hidden="true" data-testid="partner-initials">
            {initialsOf(partner.name)}
          </span>
        )}
        <div className="uw-partner__text">
          <span className="uw-partner__name" data-testid="partner-name">
            {partner.name}
          </span>
          <span data-testid="partner-rating">
            <span aria-hidden="true">★ </span>
            {partner.rating.toFixed(1)} rating
          </span>
        </div>
        {partner.phone ? (
          <a className={buttonClass('primary')} href={`tel:${partner.phone}`} data-testid="call-partner">
            Call {partner.name.split(' ')[0]}
          </a>
        ) : null}
      </div>
    </Card>
  );
}
