import {
  AppLayout,
  ButtonLink,
  createAppRouter,
  NavBar,
  type NavItem,
  SessionGate,
  Spinner,
  usePushDevice,
  useSession,
} from '@zefy/web-kit';
import { lazy, Suspense } from 'react';
import { AccountScreen } from './features/account/components/account-screen.tsx';
import { LoginScreen } from './features/account/components/login-screen.tsx';
import { AddressesScreen } from './features/addresses/components/addresses-screen.tsx';
import { BookingScreen } from './features/booking/components/booking-screen.tsx';
import { ChooseWhenScreen } from './features/booking/components/choose-when-screen.tsx';
import { MyBookingsScreen } from './features/booking/components/my-bookings-screen.tsx';
import { PaymentReturnScreen } from './features/booking/components/payment-return-screen.tsx';
import { ReceiptScreen } from './features/booking/components/receipt-screen.tsx';
import { CategoryScreen } from './features/catalog/components/category-screen.tsx';
import { HomeScreen } from './features/catalog/components/home-screen.tsx';
import { ServiceScreen } from './features/catalog/components/service-screen.tsx';
import {
  InboxBell,
  InboxProvider,
  InboxScreen,
} from './features/notifications/components/inbox-provider.tsx';
import { auth, pushDevice } from './lib/api-client.ts';

// the map (Leaflet) loads with the one screen that has it, not with the app
const AddressFormScreen = lazy(() =>
  import('./features/addresses/components/address-form-screen.tsx').then((module) => ({
    default: module.AddressFormScreen,
  })),
);
const addressForm = (
  <Suspense fallback={<Spinner label="Loading the map" />}>
    <AddressFormScreen />
  </Suspense>
);

const sections: NavItem[] = [
  { to: '/', label: 'Home', end: true },
  { to: '/bookings', label: 'Bookings' },
  { to: '/addresses', label: 'Addresses' },
  { to: '/account', label: 'Account' },
];

function UserLayout() {
  const session = useSession(auth);
  usePushDevice(pushDevice, session?.principal.role === 'customer' ? session.sessionId : null);
  if (!session)
    return (
      <AppLayout
        appName="Zefy"
        nav={<NavBar items={sections} />}
        actions={
          <ButtonLink variant="secondary" to="/account">
            Log in
          </ButtonLink>
        }
      />
    );
  // the inbox is the layout's: the bell's badge and the notifications screen show the same one
  return (
    <InboxProvider customerId={session.principal.id}>
      <AppLayout appName="Zefy" nav={<NavBar items={sections} />} actions={<InboxBell />} />
    </InboxProvider>
  );
}

/**
 * Every screen of the customer app at its own URL; the booking flow's choices live in the URL and a booking
 * at /bookings/:id, so back and reload keep the customer where they were. Browsing needs no login; the rest
 * shows the login at its own URL and opens once signed in.
 */
export const router = createAppRouter({
  layout: <UserLayout />,
  screens: [
    { index: true, element: <HomeScreen /> },
    { path: 'categories/:categoryId', element: <CategoryScreen /> },
    { path: 'services/:serviceId', element: <ServiceScreen /> },
    {
      element: <SessionGate auth={auth} roles={['customer']} login={<LoginScreen />} />,
      children: [
        { path: 'services/:serviceId/book', element: <ChooseWhenScreen /> },
        { path: 'bookings', element: <MyBookingsScreen /> },
        { path: 'bookings/:bookingId', element: <BookingScreen /> },
        { path: 'bookings/:bookingId/receipt', element: <ReceiptScreen /> },
        { path: 'bookings/:bookingId/payment', element: <PaymentReturnScreen /> },
        { path: 'addresses', element: <AddressesScreen /> },
        { path: 'addresses/new', element: addressForm },
        { path: 'addresses/:addressId/edit', element: addressForm },
        { path: 'notifications', element: <InboxScreen /> },
        { path: 'account', element: <AccountScreen /> },
      ],
    },
  ],
});
