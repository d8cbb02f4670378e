import { Page } from '@zefy/web-kit';
import { BookingsSection } from './features/bookings/components/bookings-section.tsx';
import { ServicesTable } from './features/catalog/components/services-table.tsx';
import { HubsScreen } from './features/hubs/components/hubs-screen.tsx';
import { useScreen } from './lib/use-screen.ts';

const titles = { services: 'Services', hubs: 'Hubs', bookings: 'Bookings' } as const;

export function App() {
  const screen = useScreen();
  return (
    <Page appName="Zefy Admin" title={titles[screen]} layout="wide">
      <nav className="zf-chips" aria-label="Screens">
        <a className="zf-chip" href="#/services" aria-current={screen === 'services' ? 'page' : undefined}>
          Services
        </a>
        <a className="zf-chip" href="#/hubs" aria-current={screen === 'hubs' ? 'page' : undefined}>
          Hubs
        </a>
        <a className="zf-chip" href="#/bookings" aria-current={screen === 'bookings' ? 'page' : undefined}>
          Bookings
        </a>
      </nav>
      {screen === 'hubs' ? <HubsScreen /> : null}
      {screen === 'services' ? <ServicesTable /> : null}
      {screen === 'bookings' ? <BookingsSection /> : null}
    </Page>
  );
}
