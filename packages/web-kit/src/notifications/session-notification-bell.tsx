import { useEffect, useMemo } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import type { AuthStore } from '../auth/auth-store.ts';
import { RealtimeSocket } from '../realtime/realtime-socket.ts';
import { NotificationBell } from './notification-bell.tsx';

export interface SessionNotificationBellProps {
  /** The app's client, signed in through `auth`. */
  api: ApiClient;
  auth: AuthStore;
  /** `channels.user(id)` for a customer, `channels.partner(id)` for a partner. */
  channel: string;
}

/** The bell of a signed-in customer or partner: their inbox over the API, live on their own channel. */
export function SessionNotificationBell({ api, auth, channel }: SessionNotificationBellProps) {
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
