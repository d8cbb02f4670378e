import { Page } from '@zefy/web-kit';
import { BrowsePage } from './pages/browse-page.tsx';

export function App() {
  return (
    <Page appName="Zefy" title="Book a service">
      <p className="zf-subtitle">Verified professionals at your door, assigned within minutes.</p>
      <BrowsePage />
    </Page>
  );
}
