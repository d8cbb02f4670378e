import { Page } from '@zefy/web-kit';
import { ServicesTable } from './features/catalog/components/services-table.tsx';

export function App() {
  return (
    <Page appName="Zefy Admin" title="Services" layout="wide">
      <ServicesTable />
    </Page>
  );
}
