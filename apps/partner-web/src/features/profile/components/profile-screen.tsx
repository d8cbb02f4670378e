import type { Partner } from '@zefy/contracts';
import {
  Badge,
  type BadgeProps,
  Button,
  ButtonLink,
  Card,
  ErrorBanner,
  Screen,
  Spinner,
} from '@zefy/web-kit';
import { useNavigate } from 'react-router';
import { authApi } from '../../../lib/api-client.ts';
import { useProfile } from '../api/get-profile.ts';
import './profile.css';

const statuses: Record<Partner['status'], { label: string; tone: BadgeProps['tone'] }> = {
  approved: { label: 'Approved for work', tone: 'success' },
  pending: { label: 'Waiting for approval', tone: 'warning' },
  suspended: { label: 'Suspended', tone: 'danger' },
};

function PartnerDetails({ partner }: { partner: Partner }) {
  const status = statuses[partner.status];
  return (
    <Card>
      <div className="zf-profile" data-testid="partner-profile">
        {partner.photoUrl ? (
          <img className="zf-profile__photo" src={partner.photoUrl} alt="" width={72} height={72} />
        ) : null}
        <div className="zf-list__main">
          <span className="zf-profile__name" data-testid="partner-name">
            {partner.name}
          </span>
          <span className="zf-muted">{partner.phone}</span>
          <span>
            <Badge tone={status.tone} data-testid="partner-status">
              {status.label}
            </Badge>
          </span>
        </div>
      </div>
      {partner.statusReason ? <p className="zf-card__body">{partner.statusReason}</p> : null}
      <ul className="zf-list">
        <li className="zf-list__item">
          <span>
            {partner.skills.length === 1 ? '1 service' : `${partner.skills.length} services`} you do
          </span>
          <ButtonLink to="/services" variant="secondary" size="small">
            See services
          </ButtonLink>
        </li>
        <li className="zf-list__item">
          <span>When customers can book you</span>
          <ButtonLink to="/schedule" variant="secondary" size="small">
            Working hours
          </ButtonLink>
        </li>
      </ul>
    </Card>
  );
}

/** `/profile`: who the partner is to Zefy, and logging out. */
export function ProfileScreen() {
  const profile = useProfile();
  const navigate = useNavigate();
  return (
    <Screen title="Profile">
      {profile.status === 'loading' ? <Spinner label="Loading your profile" /> : null}
      {profile.status === 'error' ? <ErrorBanner error={profile.error} onRetry={profile.reload} /> : null}
      {profile.status === 'success' ? <PartnerDetails partner={profile.data} /> : null}
      <p className="zf-muted">To change your name, number or services, talk to Zefy’s partner team.</p>
      <div className="zf-toolbar zf-toolbar--start">
        <Button
          variant="secondary"
          onClick={() => void authApi.logout().finally(() => navigate('/', { replace: true }))}
        >
          Log out
        </Button>
      </div>
    </Screen>
  );
}
