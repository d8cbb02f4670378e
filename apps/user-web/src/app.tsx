import { Button, Page, SessionNotificationBell, useSession } from '@zefy/web-kit';
import { AccountCard } from './features/account/components/account-card.tsx';
import { auth, authApi } from './lib/api-client.ts';
import { BrowsePage } from './pages/browse-page.tsx';

export function App() {
  const session = useSession(auth);
  return (
    <Page
      appName="Zefy"
      title="Book a service"
      actions={
        session ? (
          <>
            <SessionNotificationBell auth={auth} channel={`user:${session.principal.id}`} />
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
  );
}
