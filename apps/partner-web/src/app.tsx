import { Button, Card, Page, PhoneLogin, SessionNotificationBell, useSession } from '@zefy/web-kit';
import { ServiceOfferList } from './features/catalog/components/service-offer-list.tsx';
import { PresenceToggle } from './features/presence/components/presence-toggle.tsx';
import { ProfileCard } from './features/profile/components/profile-card.tsx';
import { ScheduleEditor } from './features/schedule/components/schedule-editor.tsx';
import { auth, authApi } from './lib/api-client.ts';

export function App() {
  const session = useSession(auth);
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
    <Page
      appName="Zefy Partner"
      title="Services you can offer"
      actions={
        <>
          <SessionNotificationBell auth={auth} channel={`partner:${session.principal.id}`} />
          <Button variant="secondary" onClick={() => void authApi.logout()}>
            Log out
          </Button>
        </>
      }
    >
      <ProfileCard sessionId={session.sessionId} />
      <PresenceToggle />
      <p className="zf-subtitle">
        Customers in your hub book these services; the price is what they pay to start.
      </p>
      <ServiceOfferList />
      <ScheduleEditor />
    </Page>
  );
}
