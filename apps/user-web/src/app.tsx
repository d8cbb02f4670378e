import { Page } from '@zefy/web-kit';
import { ServiceCatalog } from './features/catalog/components/service-catalog.tsx';
import { Notifications } from './features/notifications/components/notifications.tsx';

export function App() {
  return (
    <Page appName="Zefy" title="Book a service" actions={<Notifications />}>
      <p className="zf-subtitle">Verified professionals at your door, assigned within minutes.</p>
      <ServiceCatalog />
    </Page>
  );
}
