import { createApiClient, NotificationBell, RealtimeSocket } from '@zefy/web-kit';
import { createContext, useContext, useEffect, useMemo } from 'react';

/** What the bell needs from sign-in: the access token (read on every call) and whose inbox it is. */
export interface NotificationsSession {
  getToken: () => string | null;
  partnerId: string;
}

/** Sign-in provides this around the app; without a session there is no inbox and the bell is hidden. */
export const NotificationsSessionContext = createContext<NotificationsSession | null>(null);

export function Notifications() {
  const session = useContext(NotificationsSessionContext);
  return session ? <PartnerBell session={session} /> : null;
}

function PartnerBell({ session: { getToken, partnerId } }: { session: NotificationsSession }) {
  const api = useMemo(() => createApiClient({ getToken }), [getToken]);
  const realtime = useMemo(() => new RealtimeSocket({ getToken }), [getToken]);
  useEffect(() => {
    realtime.connect();
    return () => realtime.close();
  }, [realtime]);
  return <NotificationBell api={api} realtime={realtime} channel={`partner:${partnerId}`} />;
}
