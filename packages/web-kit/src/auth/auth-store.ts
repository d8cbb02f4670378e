import { type AuthTokens, identityRoutes, type Principal } from '@zefy/contracts';
import { createApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';

/** What an app keeps of a login: enough to call the API and to rotate the refresh token. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  principal: Principal;
}

export interface AuthStore {
  session(): StoredSession | null;
  /** Keeps the tokens of a login or a refresh. */
  signIn(tokens: AuthTokens): void;
  /** Forgets the tokens locally (see `logout` in createAuthApi for ending the session server-side). */
  clear(): void;
  /** Called whenever the session changes, in this tab or another one of the same app. */
  subscribe(listener: () => void): () => void;
  /**
   * Rotates the refresh token once, however many callers ask at the same time (and, where the browser has
   * Web Locks, whichever tab asks first): the new access token, or null when the session has ended.
   */
  refresh(): Promise<string | null>;
}

export interface AuthStoreOptions {
  /** localStorage key; each app has its own (they share an origin). */
  storageKey: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The gateway's origin, as given to the app's API client (createApiClient). */
  baseUrl?: string;
  locks?: Pick<LockManager, 'request'>;
}

function read(storage: AuthStoreOptions['storage'], key: string): StoredSession | null {
  try {
    const raw = storage?.getItem(key);
    const parsed = raw ? (JSON.parse(raw) as Partial<StoredSession>) : null;
    return parsed?.accessToken && parsed.refreshToken && parsed.principal ? (parsed as StoredSession) : null;
  } catch {
    return null;
  }
}

/**
 * Tokens in localStorage, so a reload keeps the login. The refresh token is single use on the server (a
 * second use signs the session out), which is why refreshes are serialised here and across tabs.
 */
export function createAuthStore(options: AuthStoreOptions): AuthStore {
  const storage = options.storage ?? globalThis.localStorage;
  // without the store: a refused refresh is the answer, not a reason to refresh
  const api = createApiClient({ baseUrl: options.baseUrl });
  const locks = options.locks ?? globalThis.navigator?.locks;
  const listeners = new Set<() => void>();
  let current = read(storage, options.storageKey);
  let inFlight: Promise<string | null> | null = null;

  const notify = () => {
    for (const listener of listeners) listener();
  };
  const save = (session: StoredSession | null) => {
    current = session;
    if (session) storage?.setItem(options.storageKey, JSON.stringify(session));
    else storage?.removeItem(options.storageKey);
    notify();
  };

  globalThis.addEventListener?.('storage', (event: StorageEvent) => {
    if (event.key !== options.storageKey) return;
    current = read(storage, options.storageKey);
    notify();
  });

  async function rotate(): Promise<string | null> {
    const before = current;
    // another tab may have rotated while we waited for the lock: use its tokens, never ours again
    const stored = read(storage, options.storageKey);
    if (!stored) {
      save(null);
      return null;
    }
    if (before && stored.refreshToken !== before.refreshToken) {
      current = stored;
      notify();
      return stored.accessToken;
    }
    let tokens: AuthTokens;
    try {
      tokens = await api.call(identityRoutes.refresh, { body: { refreshToken: stored.refreshToken } });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
        save(null);
        return null;
      }
      throw error;
    }
    save(toStored(tokens));
    return tokens.accessToken;
  }

  return {
    session: () => current,
    signIn: (tokens) => save(toStored(tokens)),
    clear: () => save(null),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh() {
      if (!inFlight) {
        const run = () => rotate();
        inFlight = (locks ? locks.request(`${options.storageKey}:refresh`, run) : run()).finally(() => {
          inFlight = null;
        });
      }
      return inFlight;
    },
  };
}

const toStored = (tokens: AuthTokens): StoredSession => ({
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken,
  sessionId: tokens.sessionId,
  principal: tokens.principal,
});
