import { ApiError, createApiClient, type ApiClient as SignedInClient } from '@zefy/web-kit/api';

export { ApiError };

/** A token for each call: agents re-open or refresh their session when it is about to run out. */
export type TokenSource = () => Promise<string>;

/** The gateway's public API called as the apps call it, through the route contracts. */
export function apiClient(baseUrl: string) {
  return {
    baseUrl,
    /** The API signed in as `token` (null: no one); each simulated person has their own session. */
    as: (token: string | null): SignedInClient => createApiClient({ baseUrl, getToken: () => token }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
