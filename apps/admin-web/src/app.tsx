import { Button, Card, Page, PasswordLogin, useSession } from '@zefy/web-kit';
import { useState } from 'react';
import { ServicesTable } from './features/catalog/components/services-table.tsx';
import { PartnersTable } from './features/partners/components/partners-table.tsx';
import { auth, authApi } from './lib/api-client.ts';

const sections = { services: 'Services', partners: 'Partners' } as const;
type Section = keyof typeof sections;

export function App() {
  const session = useSession(auth);
  const [section, setSection] = useState<Section>('services');
  if (!session)
    return (
      <Page appName="Zefy Admin" title="Admin login" layout="wide">
        <Card>
          <PasswordLogin authApi={authApi} />
        </Card>
      </Page>
    );
  return (
    <Page
      appName="Zefy Admin"
      title={sections[section]}
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
        {(Object.keys(sections) as Section[]).map((name) => (
          <Button
            key={name}
            variant={name === section ? 'primary' : 'secondary'}
            aria-current={name === section ? 'page' : undefined}
            onClick={() => setSection(name)}
          >
            {sections[name]}
          </Button>
        ))}
      </nav>
      {section === 'services' ? (
        <ServicesTable />
      ) : (
        <PartnersTable canEdit={session.principal.role === 'admin'} />
      )}
    </Page>
  );
}
