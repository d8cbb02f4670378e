import { randomUUID } from 'node:crypto';

/** A token for each call: agents re-open or refresh their session when it is about to run out. */
export type TokenSource = () => Promise<string>;

export interface CallInit {
  method?: string;
  json?: unknown;
  idempotent?: boolean;
}

/** An answer the agent did not expect: the status and the problem's code, for the agent to judge. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** fetch against the gateway with the caller's bearer token, JSON body and (when asked) an Idempotency-Key. */
export function apiClient(baseUrl: string) {
  const call = async (path: string, token: string | null, init: CallInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.idempotent) headers['idempotency-key'] = randomUUID();
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${baseUrl}${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  };
  /** The JSON answer of a 2xx, or an ApiError with the problem's code. */
  const json = async <T>(path: string, token: string | null, init: CallInit = {}): Promise<T> => {
    const response = await call(path, token, init);
    const text = await response.text();
    if (!response.ok) {
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { code?: string }).code;
      } catch {
        code = undefined;
      }
      throw new ApiError(
        response.status,
        code,
        `${init.method ?? 'GET'} ${path}: ${response.status} ${text}`,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { baseUrl, call, json };
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
