import { Button, Card, Page, PasswordLogin, useSession } from '@zefy/web-kit';
import { ServicesTable } from './features/catalog/components/services-table.tsx';
import { HubsScreen } from './features/hubs/components/hubs-screen.tsx';
import { PartnersTable } from './features/partners/components/partners-table.tsx';
import { auth, authApi } from './lib/api-client.ts';
import { openScreen, type Screen, screens, useScreen } from './lib/use-screen.ts';

export function App() {
  const session = useSession(auth);
  const screen = useScreen();
  if (!session)
    return (
      <Page appName="Zefy Admin" title="Admin login" layout="wide">
        <Card>
          <PasswordLogin authApi={authApi} />
        </Card>
      </Page>
    );
  const canEdit = session.principal.role === 'admin';
  return (
    <Page
      appName="Zefy Admin"
      title={screens[screen]}
      layout="wide"
      actions={
        <>
          <span data-testid="signed-in-role">{session.principal.role}</span>
          <Button variant="secondary" onClick={() => void authApi.logout()}>
            Log out
          </Button>
        </>
      }
    >
      <nav className="zf-tabs" aria-label="Sections">
        {(Object.keys(screens) as Screen[]).map((name) => (
          <Button
            key={name}
            variant={name === screen ? 'primary' : 'secondary'}
            aria-current={name === screen ? 'page' : undefined}
            onClick={() => openScreen(name)}
          >
            {screens[name]}
          </Button>
        ))}
      </nav>
      {screen === 'services' ? <ServicesTable canEdit={canEdit} /> : null}
      {screen === 'partners' ? <PartnersTable canEdit={canEdit} /> : null}
      {screen === 'hubs' ? <HubsScreen /> : null}
    </Page>
  );
}
