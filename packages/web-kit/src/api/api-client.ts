import type { AuthStore } from '../auth/auth-store.ts';
import { ApiError, toApiError } from './api-error.ts';

export interface ApiClientOptions {
  /** Prefix of every path; the gateway serves the API under `/api/v1` on the apps' own origin. */
  basePath?: string;
  /** Called per request, so a refreshed token is picked up without rebuilding the client. */
  getToken?: () => string | null | undefined;
  /**
   * The app's login: its access token is sent, and a 401 for it triggers one refresh (shared by every
   * request waiting on it) and one retry; if the session has ended the store is cleared (back to login).
   */
  auth?: AuthStore;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * `true` generates a fresh key; pass a key of your own to retry the same operation safely (the server
   * replays the first response for a repeated key).
   */
  idempotencyKey?: string | true;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const basePath = options.basePath ?? '/api/v1';

  const currentToken = () => options.auth?.session()?.accessToken ?? options.getToken?.() ?? null;

  async function request<T>(
    method: Method,
    path: string,
    body: unknown,
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const headers = new Headers({ accept: 'application/json, application/problem+json' });
    if (body !== undefined) headers.set('content-type', 'application/json');
    const { idempotencyKey } = requestOptions;
    if (idempotencyKey !== undefined) {
      // the same key on the retry after a refresh, so the server runs the operation once
      headers.set('idempotency-key', idempotencyKey === true ? crypto.randomUUID() : idempotencyKey);
    }

    const send = async (token: string | null): Promise<Response> => {
      if (token) headers.set('authorization', `Bearer ${token}`);
      else headers.delete('authorization');
      try {
        return await fetch(`${basePath}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: requestOptions.signal,
        });
      } catch (error) {
        // an abort is the caller's own doing, not a failure to report
        if (requestOptions.signal?.aborted) throw error;
        throw toApiError(error);
      }
    };

    const token = currentToken();
    let response = await send(token);
    if (response.status === 401 && token && options.auth) {
      const refreshed = await options.auth.refresh().catch((error: unknown) => {
        throw toApiError(error);
      });
      if (refreshed) response = await send(refreshed);
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  return {
    get: (path, requestOptions) => request('GET', path, undefined, requestOptions),
    post: (path, body, requestOptions) => request('POST', path, body, requestOptions),
    put: (path, body, requestOptions) => request('PUT', path, body, requestOptions),
    patch: (path, body, requestOptions) => request('PATCH', path, body, requestOptions),
    delete: (path, requestOptions) => request('DELETE', path, undefined, requestOptions),
  };
}
