import { Page } from '@zefy/web-kit';
import { ServiceOfferList } from './features/catalog/components/service-offer-list.tsx';
import { Notifications } from './features/notifications/components/notifications.tsx';
import { ScheduleEditor } from './features/schedule/components/schedule-editor.tsx';

export function App() {
  return (
    <Page appName="Zefy Partner" title="Services you can offer" actions={<Notifications />}>
      <p className="zf-subtitle">
        Customers in your hub book these services; the price is what they pay to start.
      </p>
      <ServiceOfferList />
      <ScheduleEditor />
    </Page>
  );
}
