import {
  AppLayout,
  Button,
  Card,
  createAppRouter,
  NavBar,
  type NavItem,
  PasswordLogin,
  Screen,
  SessionGate,
  useSession,
} from '@zefy/web-kit';
import { BookingDetailScreen } from './features/bookings/components/booking-detail.tsx';
import { BookingsScreen } from './features/bookings/components/bookings-screen.tsx';
import { ServiceEditScreen } from './features/catalog/components/service-form.tsx';
import { ServicesScreen } from './features/catalog/components/services-table.tsx';
import { DashboardScreen } from './features/dashboard/components/dashboard-screen.tsx';
import { DispatchScreen } from './features/dispatch/components/dispatch-screen.tsx';
import { HubsScreen } from './features/hubs/components/hubs-screen.tsx';
import { LiveMapScreen } from './features/live/components/live-map-screen.tsx';
import { NewPartnerScreen } from './features/partners/components/partner-form.tsx';
import { PartnersScreen } from './features/partners/components/partners-table.tsx';
import { auth, authApi } from './lib/api-client.ts';

const sections: NavItem[] = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/dispatch', label: 'Dispatch' },
  { to: '/live', label: 'Live map' },
  { to: '/bookings', label: 'Bookings' },
  { to: '/partners', label: 'Partners' },
  { to: '/services', label: 'Services' },
  { to: '/hubs', label: 'Hubs' },
];

function ConsoleLayout() {
  const session = useSession(auth);
  return (
    <AppLayout
      appName="Zefy Admin"
      layout="wide"
      nav={session ? <NavBar items={sections} /> : undefined}
      actions={
        session ? (
          <>
            <span data-testid="signed-in-role">{session.principal.role}</span>
            <Button variant="secondary" onClick={() => void authApi.logout()}>
              Log out
            </Button>
          </>
        ) : undefined
      }
    />
  );
}

function LoginScreen() {
  return (
    <Screen title="Admin login">
      <Card>
        <PasswordLogin authApi={authApi} />
      </Card>
    </Screen>
  );
}

/** Every screen of the console at its own URL under /admin/; signed out, a screen's URL shows the login. */
export const router = createAppRouter({
  layout: <ConsoleLayout />,
  screens: [
    {
      element: <SessionGate auth={auth} roles={['admin', 'ops']} login={<LoginScreen />} />,
      children: [
        { index: true, element: <DashboardScreen /> },
        { path: 'dispatch', element: <DispatchScreen /> },
        { path: 'dispatch/:bookingId', element: <DispatchScreen /> },
        { path: 'live', element: <LiveMapScreen /> },
        { path: 'bookings', element: <BookingsScreen /> },
        { path: 'bookings/:bookingId', element: <BookingDetailScreen /> },
        { path: 'partners', element: <PartnersScreen /> },
        { path: 'partners/new', element: <NewPartnerScreen /> },
        { path: 'services', element: <ServicesScreen /> },
        { path: 'services/new', element: <ServiceEditScreen /> },
        { path: 'services/:serviceId/edit', element: <ServiceEditScreen /> },
        { path: 'hubs', element: <HubsScreen /> },
        { path: 'hubs/:hubId', element: <HubsScreen /> },
      ],
    },
  ],
});
