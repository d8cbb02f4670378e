import type { AuthTokens } from '@zefy/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/api-client.ts';
import { createAuthApi } from './auth-api.ts';
import { createAuthStore } from './auth-store.ts';

const tokens: AuthTokens = {
  tokenType: 'Bearer',
  accessToken: 'access-1',
  expiresIn: 900,
  refreshToken: 'refresh-1',
  refreshExpiresAt: '2026-04-01T00:00:00.000Z',
  sessionId: 's1',
  principal: { id: 'p1', role: 'partner' },
  isNewAccount: false,
};

function signedIn() {
  const items = new Map<string, string>();
  const auth = createAuthStore({
    storageKey: 'app',
    storage: {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    },
  });
  auth.signIn(tokens);
  const seen: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      seen.push(`${init.method} ${url} ${new Headers(init.headers).get('authorization')}`);
      return new Response(null, { status: 204 });
    }),
  );
  return { auth, api: createApiClient({ auth }), seen };
}

describe('logout', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs beforeLogout (unregistering push) while the session still works, then ends it', async () => {
    const { auth, api, seen } = signedIn();
    const beforeLogout = async () => void seen.push(`before, signed in: ${auth.session() !== null}`);
    await createAuthApi(api, auth, { beforeLogout }).logout();
    expect(seen).toEqual(['before, signed in: true', 'POST /api/v1/auth/logout Bearer access-1']);
    expect(auth.session()).toBeNull();
  });

  it('logs out even when beforeLogout fails', async () => {
    const { auth, api, seen } = signedIn();
    await createAuthApi(api, auth, { beforeLogout: () => Promise.reject(new Error('offline')) }).logout();
    expect(seen).toEqual(['POST /api/v1/auth/logout Bearer access-1']);
    expect(auth.session()).toBeNull();
  });
});
