import { randomUUID } from 'node:crypto';

export { eventually } from '@zefy/platform/testing';

export type ApiInit = RequestInit & { token?: string; idempotencyKey?: string | true; json?: unknown };

/** fetch against a running platform, with bearer token, Idempotency-Key (true = fresh) and JSON body. */
export const apiAt =
  (baseUrl: string) =>
  (path: string, init: ApiInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.idempotencyKey)
      headers.set('idempotency-key', init.idempotencyKey === true ? randomUUID() : init.idempotencyKey);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  };

/** The response's JSON body; fails loudly, with the body, on any status but `status`. */
export async function json<T>(response: Response, status = 200): Promise<T> {
  if (response.status !== status)
    throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** What a refusal tells the client: its status, content type and stable code. */
export const problemOf = async (response: Response) => ({
  status: response.status,
  contentType: response.headers.get('content-type'),
  code: ((await response.json()) as { code: string }).code,
});

/** Services name a category that must exist; tests create the ones they use. */
export async function createCategories(baseUrl: string, adminToken: string, ids: readonly string[]) {
  const api = apiAt(baseUrl);
  for (const id of ids) {
    const response = await api('/api/v1/catalog/categories', {
      method: 'POST',
      token: adminToken,
      idempotencyKey: true,
      json: { id, name: id.replaceAll('-', ' ') },
    });
    if (response.status !== 201)
      throw new Error(`category ${id}: ${response.status} ${await response.text()}`);
  }
}
