import { Page } from '@zefy/web-kit';
import { ServicesTable } from './features/catalog/components/services-table.tsx';
import { HubsScreen } from './features/hubs/components/hubs-screen.tsx';
import { useScreen } from './lib/use-screen.ts';

export function App() {
  const screen = useScreen();
  return (
    <Page appName="Zefy Admin" title={screen === 'hubs' ? 'Hubs' : 'Services'} layout="wide">
      <nav className="zf-chips" aria-label="Screens">
        <a className="zf-chip" href="#/services" aria-current={screen === 'services' ? 'page' : undefined}>
          Services
        </a>
        <a className="zf-chip" href="#/hubs" aria-current={screen === 'hubs' ? 'page' : undefined}>
          Hubs
        </a>
      </nav>
      {screen === 'hubs' ? <HubsScreen /> : <ServicesTable />}
    </Page>
  );
}
