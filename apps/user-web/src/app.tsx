import { Page } from '@zefy/web-kit';
import { Notifications } from './features/notifications/components/notifications.tsx';
import { BrowsePage } from './pages/browse-page.tsx';

export function App() {
  return (
    <Page appName="Zefy" title="Book a service" actions={<Notifications />}>
      <p className="zf-subtitle">Verified professionals at your door, assigned within minutes.</p>
      <BrowsePage />
    </Page>
  );
}
