import { type AuthTokens, identityRoutes } from '@zefy/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import { createAuthStore } from './auth-store.ts';

const tokens = (n: number): AuthTokens => ({
  tokenType: 'Bearer',
  accessToken: `access-${n}`,
  expiresIn: 900,
  refreshToken: `refresh-${n}`,
  refreshExpiresAt: '2026-04-01T00:00:00.000Z',
  sessionId: 's1',
  principal: { id: 'c1', role: 'customer' },
  isNewAccount: false,
});

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const unauthenticated = () =>
  new Response(
    JSON.stringify({ status: 401, title: 'Authentication required', code: 'AUTH.UNAUTHENTICATED' }),
    {
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
    },
  );

/** A gateway stand-in: API calls succeed only with `valid`; refresh answers as scripted. */
function gateway(options: { valid: string; refresh: () => Response }) {
  const calls: Array<{ url: string; authorization: string | null }> = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const authorization = new Headers(init.headers).get('authorization');
    calls.push({ url, authorization });
    if (url.endsWith('/auth/refresh')) return options.refresh();
    return authorization === `Bearer ${options.valid}` ? Response.json({ ok: true }) : unauthenticated();
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('auth store with the API client', () => {
  it('refreshes once for many requests that got 401, and retries each with the new token', async () => {
    const storage = memoryStorage();
    const auth = createAuthStore({ storageKey: 'app', storage });
    auth.signIn(tokens(1));
    const calls = gateway({ valid: 'access-2', refresh: () => Response.json(tokens(2)) });
    const api = createApiClient({ auth });

    const results = await Promise.all([
      api.call(identityRoutes.getMe),
      api.call(identityRoutes.listMySessions),
      api.call(identityRoutes.getPartnerMe),
    ]);

    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(calls.filter((call) => call.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(auth.session()?.refreshToken).toBe('refresh-2');
    expect(JSON.parse(storage.items.get('app') ?? '{}')).toMatchObject({ accessToken: 'access-2' });
  });

  it('signs out locally when the refresh is refused, and reports the 401', async () => {
    const auth = createAuthStore({ storageKey: 'app', storage: memoryStorage() });
    auth.signIn(tokens(1));
    const changes = vi.fn();
    auth.subscribe(changes);
    gateway({ valid: 'never', refresh: unauthenticated });

    const error = await createApiClient({ auth })
      .call(identityRoutes.getMe)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401 });
    expect(auth.session()).toBeNull();
    expect(changes).toHaveBeenCalled();
  });

  it('retries only once: a second 401 after a refresh is the answer', async () => {
    const auth = createAuthStore({ storageKey: 'app', storage: memoryStorage() });
    auth.signIn(tokens(1));
    const calls = gateway({ valid: 'never', refresh: () => Response.json(tokens(2)) });

    await expect(createApiClient({ auth }).call(identityRoutes.getMe)).rejects.toMatchObject({
      status: 401,
    });
    expect(calls.map((call) => call.authorization ?? call.url)).toEqual([
      'Bearer access-1',
      '/api/v1/auth/refresh',
      'Bearer access-2',
    ]);
  });

  it('does not refresh for a request sent without a token', async () => {
    const auth = createAuthStore({ storageKey: 'app', storage: memoryStorage() });
    const calls = gateway({ valid: 'x', refresh: () => Response.json(tokens(2)) });
    await expect(createApiClient({ auth }).call(identityRoutes.getMe)).rejects.toMatchObject({
      status: 401,
    });
    expect(calls).toHaveLength(1);
  });

  it("refreshes at the gateway's origin when the app is served from another one", async () => {
    const auth = createAuthStore({
      storageKey: 'app',
      storage: memoryStorage(),
      baseUrl: 'https://api.zefy.test',
    });
    auth.signIn(tokens(1));
    const calls = gateway({ valid: 'access-2', refresh: () => Response.json(tokens(2)) });
    await expect(auth.refresh()).resolves.toBe('access-2');
    expect(calls.map((call) => call.url)).toEqual(['https://api.zefy.test/api/v1/auth/refresh']);
  });

  it('uses the tokens another tab already rotated instead of spending the old refresh token', async () => {
    const storage = memoryStorage();
    const auth = createAuthStore({ storageKey: 'app', storage });
    auth.signIn(tokens(1));
    storage.setItem('app', JSON.stringify(tokens(5)));
    const calls = gateway({ valid: 'access-5', refresh: () => Response.json(tokens(6)) });

    await expect(auth.refresh()).resolves.toBe('access-5');
    expect(calls).toHaveLength(0);
  });

  it('runs the refresh under a lock shared by the app’s tabs when the browser has Web Locks', async () => {
    const names: string[] = [];
    const locks = {
      request: vi.fn(async (name: string, callback: () => Promise<unknown>) => {
        names.push(name);
        return callback();
      }),
    } as unknown as Pick<LockManager, 'request'>;
    const auth = createAuthStore({ storageKey: 'app', storage: memoryStorage(), locks });
    auth.signIn(tokens(1));
    gateway({ valid: 'access-2', refresh: () => Response.json(tokens(2)) });
    await expect(auth.refresh()).resolves.toBe('access-2');
    expect(names).toEqual(['app:refresh']);
  });
});
