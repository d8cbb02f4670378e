import { Card, ErrorBanner, Spinner } from '@zefy/web-kit';
import { useProfile } from '../api/get-profile.ts';

export function ProfileCard({ sessionId }: { sessionId: string }) {
  const profile = useProfile(sessionId);
  if (profile.status === 'loading') return <Spinner label="Loading your profile" />;
  if (profile.status === 'error') return <ErrorBanner error={profile.error} onRetry={profile.reload} />;
  const partner = profile.data;
  return (
    <Card>
      <div className="zf-list__item" data-testid="partner-profile">
        <div className="zf-list__main">
          <span className="zf-list__name" data-testid="partner-name">
            {partner.name}
          </span>
          <span className="zf-muted">{partner.phone}</span>
        </div>
        <span className={`zf-status zf-status--${partner.status}`}>{partner.status}</span>
      </div>
    </Card>
  );
}
