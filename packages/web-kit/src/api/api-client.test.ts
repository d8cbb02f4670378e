import { bookingRoutes, catalogRoutes, identityRoutes } from '@zefy/contracts';
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

  it("calls a route on the app's own origin by default and parses JSON", async () => {
    const fetchMock = respondWith(Response.json({ items: [] }));
    await expect(createApiClient().call(catalogRoutes.listServices)).resolves.toEqual({ items: [] });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/catalog/services');
  });

  it('calls a route contract: its method, its path with encoded parameters, its query string', async () => {
    const fetchMock = respondWith(Response.json({ items: [] }));
    await createApiClient({ baseUrl: 'https://api.zefy.test' }).call(catalogRoutes.quoteService, {
      params: { serviceId: 'a/b c' },
      query: { workedMinutes: 90 },
    });
    expect(fetchMock.mock.calls[0]?.[0]).toBe(
      'https://api.zefy.test/api/v1/catalog/services/a%2Fb%20c/quote?workedMinutes=90',
    );
    expect(fetchMock.mock.calls[0]?.[1].method).toBe('GET');
  });

  it("sends a contract call's body as JSON with the method the contract names", async () => {
    const fetchMock = respondWith(Response.json({}, { status: 200 }));
    await createApiClient().call(
      bookingRoutes.cancelBooking,
      { params: { bookingId: 'b1' }, body: { reason: 'changed my mind' } },
      { idempotencyKey: 'k1' },
    );
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect([url, init?.method, init?.body]).toEqual([
      '/api/v1/bookings/b1/cancel',
      'POST',
      '{"reason":"changed my mind"}',
    ]);
    expect(sentHeaders(fetchMock).get('idempotency-key')).toBe('k1');
  });

  it('sends the bearer token and a generated idempotency key when asked', async () => {
    const fetchMock = respondWith(Response.json({ challengeId: 'c1' }, { status: 202 }));
    await createApiClient({ getToken: () => 'token-1' }).call(
      identityRoutes.requestOtp,
      { body: { phone: '+919800000001', audience: 'customer' } },
      { idempotencyKey: true },
    );
    const headers = sentHeaders(fetchMock);
    expect(headers.get('authorization')).toBe('Bearer token-1');
    expect(headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(fetchMock.mock.calls[0]?.[1].body).toBe('{"phone":"+919800000001","audience":"customer"}');
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
      .call(catalogRoutes.listServices)
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
    await expect(createApiClient().call(catalogRoutes.listServices)).rejects.toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      type: 'about:blank',
    });
  });

  it('carries how long a refused caller is asked to wait', async () => {
    respondWith(
      Response.json(
        { type: 'https://zefy.dev/problems/request/rate-limited', title: 'Too many requests', status: 429 },
        { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '17' } },
      ),
    );
    await expect(createApiClient().call(catalogRoutes.listServices)).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 17,
    });
    respondWith(new Response('Bad gateway', { status: 502 }));
    await expect(createApiClient().call(catalogRoutes.listServices)).rejects.toMatchObject({
      retryAfterSeconds: undefined,
    });
  });
});
