import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';

const respondWith = (response: Response) => {
  const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
};
const sentHeaders = (fetchMock: ReturnType<typeof respondWith>) =>
  new Headers(fetchMock.mock.calls[0]?.[1].headers);

describe('createApiClient', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('calls paths under /api/v1 and parses JSON', async () => {
    const fetchMock = respondWith(Response.json({ items: [] }));
    await expect(createApiClient().get('/catalog/services')).resolves.toEqual({ items: [] });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/catalog/services');
  });

  it('sends the bearer token and a generated idempotency key when asked', async () => {
    const fetchMock = respondWith(Response.json({ id: 's1' }, { status: 201 }));
    await createApiClient({ getToken: () => 'token-1' }).post(
      '/catalog/services',
      { name: 'x' },
      { idempotencyKey: true },
    );
    const headers = sentHeaders(fetchMock);
    expect(headers.get('authorization')).toBe('Bearer token-1');
    expect(headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(fetchMock.mock.calls[0]?.[1].body).toBe('{"name":"x"}');
  });

  it('turns a problem+json answer into an ApiError', async () => {
    const problem = {
      type: 'https://zefy.dev/problems/catalog/service-name-taken',
      title: 'A service with this name already exists',
      status: 409,
      detail: 'Deep cleaning is taken',
      code: 'CATALOG.SERVICE_NAME_TAKEN',
    };
    respondWith(
      new Response(JSON.stringify(problem), {
        status: 409,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const error = await createApiClient()
      .get('/catalog/services')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      type: problem.type,
      title: problem.title,
      detail: problem.detail,
      code: problem.code,
    });
  });

  it('reports a failure without a problem body by its status', async () => {
    respondWith(new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }));
    await expect(createApiClient().get('/x')).rejects.toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      type: 'about:blank',
    });
  });
});
