import {
  type RouteContract,
  type RouteRequest,
  type RouteResponse,
  type RouteSchema,
  routePath,
} from '@zefy/contracts';
import { ApiError, toApiError } from './api-error.ts';

/** What the client needs of the app's login (an AuthStore). */
export interface SessionTokens {
  session(): { accessToken: string } | null;
  /** The new access token, or null when the session has ended. */
  refresh(): Promise<string | null>;
}

export interface ApiClientOptions {
  /**
   * Origin of the gateway (`https://api.example.com`) when the app is served from another one; by default the
   * app's own origin. Paths come from the route contracts (`/api/v1/...`).
   */
  baseUrl?: string;
  /** Called per request, so a refreshed token is picked up without rebuilding the client. */
  getToken?: () => string | null | undefined;
  /**
   * The app's login: its access token is sent, and a 401 for it triggers one refresh (shared by every
   * request waiting on it) and one retry; if the session has ended the store is cleared (back to login).
   */
  auth?: SessionTokens;
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
  /** Calls the route `contract` describes: its URL, method, parameters and response type come from it. */
  call<S extends RouteSchema>(
    contract: RouteContract<S>,
    ...args: Record<string, never> extends RouteRequest<S>
      ? [input?: RouteRequest<S>, options?: RequestOptions]
      : [input: RouteRequest<S>, options?: RequestOptions]
  ): Promise<RouteResponse<S>>;
}

/** `?a=1&b=x` from the defined values of a typed query (arrays repeat the key). */
function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';

  const currentToken = () => options.auth?.session()?.accessToken ?? options.getToken?.() ?? null;

  async function request<T>(
    method: RouteContract['method'],
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
        return await fetch(`${baseUrl}${path}`, {
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
    call(contract, input, requestOptions) {
      const { params, query, body } = (input ?? {}) as {
        params?: Record<string, string>;
        query?: Record<string, unknown>;
        body?: unknown;
      };
      const path = `${routePath(contract.url, params)}${queryString(query)}`;
      return request(contract.method, path, body, requestOptions);
    },
  };
}
