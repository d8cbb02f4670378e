import { Button, Card, Page, PhoneLogin, useSession } from '@zefy/web-kit';
import { useMemo } from 'react';
import { ServiceOfferList } from './features/catalog/components/service-offer-list.tsx';
import {
  Notifications,
  NotificationsSessionContext,
} from './features/notifications/components/notifications.tsx';
import { ProfileCard } from './features/profile/components/profile-card.tsx';
import { auth, authApi } from './lib/api-client.ts';

const getToken = () => auth.session()?.accessToken ?? null;

export function App() {
  const session = useSession(auth);
  const partnerId = session?.principal.id;
  const notifications = useMemo(() => (partnerId ? { getToken, partnerId } : null), [partnerId]);
  if (!session)
    return (
      <Page appName="Zefy Partner" title="Partner login">
        <p className="zf-subtitle">Log in with the mobile number Zefy registered for you.</p>
        <Card>
          <PhoneLogin authApi={authApi} audience="partner" />
        </Card>
      </Page>
    );
  return (
    <NotificationsSessionContext.Provider value={notifications}>
      <Page
        appName="Zefy Partner"
        title="Services you can offer"
        actions={
          <>
            <Notifications />
            <Button variant="secondary" onClick={() => void authApi.logout()}>
              Log out
            </Button>
          </>
        }
      >
        <ProfileCard sessionId={session.sessionId} />
        <p className="zf-subtitle">
          Customers in your hub book these services; the price is what they pay to start.
        </p>
        <ServiceOfferList />
      </Page>
    </NotificationsSessionContext.Provider>
  );
}
