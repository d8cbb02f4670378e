import { Button, Page, useSession } from '@zefy/web-kit';
import { useMemo } from 'react';
import { AccountCard } from './features/account/components/account-card.tsx';
import {
  Notifications,
  NotificationsSessionContext,
} from './features/notifications/components/notifications.tsx';
import { auth, authApi } from './lib/api-client.ts';
import { BrowsePage } from './pages/browse-page.tsx';

const getToken = () => auth.session()?.accessToken ?? null;

export function App() {
  const session = useSession(auth);
  const customerId = session?.principal.id;
  const notifications = useMemo(() => (customerId ? { getToken, customerId } : null), [customerId]);
  return (
    <NotificationsSessionContext.Provider value={notifications}>
      <Page
        appName="Zefy"
        title="Book a service"
        actions={
          session ? (
            <>
              <Notifications />
              <Button variant="secondary" onClick={() => void authApi.logout()}>
                Log out
              </Button>
            </>
          ) : null
        }
      >
        <p className="zf-subtitle">Verified professionals at your door, assigned within minutes.</p>
        <AccountCard session={session} />
        <BrowsePage isSignedIn={session !== null} />
      </Page>
    </NotificationsSessionContext.Provider>
  );
}
