import { ApiError, toApiError } from './api-error.ts';

export interface ApiClientOptions {
  /** Prefix of every path; the gateway serves the API under `/api/v1` on the apps' own origin. */
  basePath?: string;
  /** Called per request, so a refreshed token is picked up without rebuilding the client. */
  getToken?: () => string | null | undefined;
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

  async function request<T>(
    method: Method,
    path: string,
    body: unknown,
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const headers = new Headers({ accept: 'application/json, application/problem+json' });
    if (body !== undefined) headers.set('content-type', 'application/json');
    const token = options.getToken?.();
    if (token) headers.set('authorization', `Bearer ${token}`);
    const { idempotencyKey } = requestOptions;
    if (idempotencyKey !== undefined) {
      headers.set('idempotency-key', idempotencyKey === true ? crypto.randomUUID() : idempotencyKey);
    }

    let response: Response;
    try {
      response = await fetch(`${basePath}${path}`, {
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
