import { Button, Card, Page, PhoneLogin, useSession } from '@zefy/web-kit';
import { ServiceOfferList } from './features/catalog/components/service-offer-list.tsx';
import { ProfileCard } from './features/profile/components/profile-card.tsx';
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
        <Button variant="secondary" onClick={() => void authApi.logout()}>
          Log out
        </Button>
      }
    >
      <ProfileCard sessionId={session.sessionId} />
      <p className="zf-subtitle">
        Customers in your hub book these services; the price is what they pay to start.
      </p>
      <ServiceOfferList />
    </Page>
  );
}
