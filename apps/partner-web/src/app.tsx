import {
  AppLayout,
  createAppRouter,
  NavBar,
  type NavItem,
  SessionGate,
  usePushDevice,
  useSession,
} from '@zefy/web-kit';
import { LoginScreen } from './features/auth/components/login-screen.tsx';
import { ServicesScreen } from './features/catalog/components/services-screen.tsx';
import { HistoryScreen } from './features/history/components/history-screen.tsx';
import { HomeScreen } from './features/home/components/home-screen.tsx';
import { JobScreen } from './features/jobs/components/job-screen.tsx';
import { JobsScreen } from './features/jobs/components/jobs-screen.tsx';
import {
  InboxProvider,
  InboxScreen,
  useInboxOfPartner,
} from './features/notifications/components/inbox-provider.tsx';
import { DutyBadge } from './features/presence/components/duty-badge.tsx';
import { DutyProvider } from './features/presence/components/duty-provider.tsx';
import { ProfileScreen } from './features/profile/components/profile-screen.tsx';
import { ScheduleScreen } from './features/schedule/components/schedule-screen.tsx';
import { auth, pushDevice } from './lib/api-client.ts';

const appName = 'Zefy Partner';

function SignedInLayout() {
  const inbox = useInboxOfPartner();
  const sections: NavItem[] = [
    { to: '/', label: 'Home', end: true },
    { to: '/jobs', label: 'Jobs' },
    { to: '/history', label: 'History' },
    { to: '/schedule', label: 'Hours' },
    { to: '/services', label: 'Services' },
    { to: '/notifications', label: 'Inbox', badge: inbox.unreadCount },
    { to: '/profile', label: 'Profile' },
  ];
  return <AppLayout appName={appName} nav={<NavBar items={sections} />} actions={<DutyBadge />} />;
}

/**
 * The frame of every screen. Signed in as a partner, duty (and its heartbeats), the inbox and the push device
 * live here, above the screens, so they carry on whichever screen is open.
 */
function PartnerLayout() {
  const session = useSession(auth);
  const isPartner = session?.principal.role === 'partner';
  usePushDevice(pushDevice, isPartner ? session.sessionId : null);
  if (!isPartner) return <AppLayout appName={appName} />;
  return (
    <InboxProvider key={session.sessionId} partnerId={session.principal.id}>
      <DutyProvider>
        <SignedInLayout />
      </DutyProvider>
    </InboxProvider>
  );
}

/** Every screen at its own URL under /partner/; signed out, any of them shows the login. */
export const router = createAppRouter({
  layout: <PartnerLayout />,
  screens: [
    {
      element: <SessionGate auth={auth} roles={['partner']} login={<LoginScreen />} />,
      children: [
        { index: true, element: <HomeScreen /> },
        { path: 'jobs', element: <JobsScreen /> },
        { path: 'jobs/:bookingId', element: <JobScreen /> },
        { path: 'history', element: <HistoryScreen /> },
        { path: 'schedule', element: <ScheduleScreen /> },
        { path: 'services', element: <ServicesScreen /> },
        { path: 'notifications', element: <InboxScreen /> },
        { path: 'profile', element: <ProfileScreen /> },
      ],
    },
  ],
});
