import { useSyncExternalStore } from 'react';
import type { AuthStore, StoredSession } from './auth-store.ts';

/** The current login, re-rendering on sign-in, refresh, logout, and changes made in another tab. */
export function useSession(auth: AuthStore): StoredSession | null {
  return useSyncExternalStore(auth.subscribe, auth.session, auth.session);
}
