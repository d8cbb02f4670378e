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
