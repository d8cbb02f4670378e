import { Button, Page, useSession } from '@zefy/web-kit';
import { AccountCard } from './features/account/components/account-card.tsx';
import { ServiceCatalog } from './features/catalog/components/service-catalog.tsx';
import { auth, authApi } from './lib/api-client.ts';

export function App() {
  const session = useSession(auth);
  return (
    <Page
      appName="Zefy"
      title="Book a service"
      actions={
        session ? (
          <Button variant="secondary" onClick={() => void authApi.logout()}>
            Log out
          </Button>
        ) : null
      }
    >
      <p className="zf-subtitle">Verified professionals at your door, assigned within minutes.</p>
      <AccountCard session={session} />
      <ServiceCatalog />
    </Page>
  );
}
