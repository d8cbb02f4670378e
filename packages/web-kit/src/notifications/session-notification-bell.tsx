import { useEffect, useMemo } from 'react';
import { createApiClient } from '../api/api-client.ts';
import type { AuthStore } from '../auth/auth-store.ts';
import { RealtimeSocket } from '../realtime/realtime-socket.ts';
import { NotificationBell } from './notification-bell.tsx';

/** The bell of a signed-in customer or partner: their inbox over the API, live on their own channel. */
export function SessionNotificationBell({ auth, channel }: { auth: AuthStore; channel: string }) {
  const api = useMemo(() => createApiClient({ auth }), [auth]);
  const realtime = useMemo(
    () => new RealtimeSocket({ getToken: () => auth.session()?.accessToken ?? null }),
    [auth],
  );
  useEffect(() => {
    realtime.connect();
    return () => realtime.close();
  }, [realtime]);
  return <NotificationBell api={api} realtime={realtime} channel={channel} />;
}
