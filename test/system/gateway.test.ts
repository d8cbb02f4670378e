import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCategories } from '../support/api.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

let zefy: TestPlatform;

beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false });
  await createCategories(zefy.baseUrl, zefy.adminToken, [
    'cleaning',
    'electrical',
    'plumbing',
    'appliance-repair',
    'salon',
  ]);
});
afterAll(async () => {
  await zefy?.stop();
});

const api = (
  path: string,
  init: RequestInit & { token?: string; idempotencyKey?: string; json?: unknown } = {},
) => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.idempotencyKey) headers.set('idempotency-key', init.idempotencyKey);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${zefy.baseUrl}${path}`, {
    ...init,
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
};

const createService = (json: unknown, idempotencyKey: string = randomUUID()) =>
  api('/api/v1/catalog/services', { method: 'POST', token: zefy.adminToken, idempotencyKey, json });

describe('gateway basics', () => {
  it('answers liveness and readiness with its dependency checks', async () => {
    expect((await api('/healthz')).status).toBe(200);
    const ready = await api('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, bus: true, cache: true },
    });
  });

  it('publishes an OpenAPI 3.1 document generated from the route contracts', async () => {
    const doc = (await (await api('/docs/json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/catalog/services']?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/catalog/services']?.get).toBeDefined();
  });

  it('exposes Prometheus metrics', async () => {
    await api('/api/v1/catalog/services');
    const text = await (await api('/metrics')).text();
    expect(text).toContain('zefy_http_request_duration_seconds_bucket');
    expect(text).toContain('route="/api/v1/catalog/services"');
  });

  it('sends security headers and request ids', async () => {
    const response = await api('/api/v1/catalog/services', { headers: { 'x-correlation-id': 'corr-123' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-correlation-id')).toBe('corr-123');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers unknown routes and malformed bodies with problem+json', async () => {
    const missing = await api('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(await missing.json()).toMatchObject({
      code: 'REQUEST.NOT_FOUND',
      type: 'https://zefy.dev/problems/request/not-found',
    });

    const malformed = await api('/api/v1/catalog/services', {
      method: 'POST',
      token: zefy.adminToken,
      idempotencyKey: randomUUID(),
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'REQUEST.MALFORMED' });
  });
});

describe('catalog through the gateway', () => {
  it('creates a service and lists it', async () => {
    const created = await createService({
      name: '  Bathroom   cleaning ',
      category: 'cleaning',
      basePricePaise: 49_900,
    });
    expect(created.status).toBe(201);
    const service = (await created.json()) as { id: string; name: string };
    expect(service.name).toBe('Bathroom cleaning');
    const list = (await (await api('/api/v1/catalog/services')).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((item) => item.id)).toContain(service.id);
  });

  it('rejects invalid bodies with field-level problems', async () => {
    const response = await createService({
      name: '',
      category: 'Not A Slug',
      basePricePaise: -1,
      colour: 'red',
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as {
      code: string;
      type: string;
      errors: Array<{ field: string }>;
    };
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(problem.type).toBe('https://zefy.dev/problems/request/validation-failed');
    const fields = problem.errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.category', 'body.colour']));
  });

  it('refuses a duplicate service name with a domain problem', async () => {
    await createService({ name: 'Sofa cleaning', category: 'cleaning', basePricePaise: 59_900 });
    const again = await createService({ name: 'SOFA cleaning', category: 'cleaning', basePricePaise: 1 });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'CATALOG.SERVICE_NAME_TAKEN' });
  });

  it('requires an admin token to create', async () => {
    const body = { name: 'Fan repair', category: 'electrical', basePricePaise: 19_900 };
    const anonymous = await api('/api/v1/catalog/services', {
      method: 'POST',
      idempotencyKey: randomUUID(),
      json: body,
    });
    expect(anonymous.status).toBe(401);
    const customer = await api('/api/v1/catalog/services', {
      method: 'POST',
      token: await zefy.tokenFor('customer'),
      idempotencyKey: randomUUID(),
      json: body,
    });
    expect(customer.status).toBe(403);
    expect(await customer.json()).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    const garbage = await api('/api/v1/catalog/services', {
      method: 'POST',
      token: 'not.a.token',
      idempotencyKey: randomUUID(),
      json: body,
    });
    expect(garbage.status).toBe(401);
  });
});

describe('idempotency keys', () => {
  it('requires the header on creating routes', async () => {
    const response = await api('/api/v1/catalog/services', {
      method: 'POST',
      token: zefy.adminToken,
      json: { name: 'Tap repair', category: 'plumbing', basePricePaise: 14_900 },
    });
    expect(response.status).toBe(400);
  });

  it('replays the first response for the same key and body', async () => {
    const key = randomUUID();
    const body = { name: 'Geyser repair', category: 'plumbing', basePricePaise: 34_900 };
    const first = await createService(body, key);
    const second = await createService(body, key);
    expect(second.status).toBe(first.status);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
  });

  it('rejects the same key with another body', async () => {
    const key = randomUUID();
    await createService({ name: 'Drain cleaning', category: 'plumbing', basePricePaise: 29_900 }, key);
    const reused = await createService(
      { name: 'Drain cleaning', category: 'plumbing', basePricePaise: 1 },
      key,
    );
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('runs concurrent duplicates once', async () => {
    const key = randomUUID();
    const body = { name: 'AC gas refill', category: 'appliance-repair', basePricePaise: 249_900 };
    const responses = await Promise.all(Array.from({ length: 10 }, () => createService(body, key)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    const ids = new Set(
      await Promise.all(
        responses.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { id: string }).id),
      ),
    );
    expect(ids.size).toBe(1);
    const list = (await (await api('/api/v1/catalog/services')).json()) as { items: Array<{ name: string }> };
    expect(list.items.filter((item) => item.name === body.name)).toHaveLength(1);
  });
});

describe('events reach WebSocket clients', () => {
  it('pushes catalog.service_created to a subscribed client after the consumer handled it once', async () => {
    const socket = await connectWebSocket(zefy.baseUrl, await zefy.tokenFor('partner'));
    await socket.subscribe('catalog');
    const created = (await (
      await createService({ name: 'Hair spa', category: 'salon', basePricePaise: 99_900 })
    ).json()) as { id: string };
    const message = await socket.next(
      (m) => m.type === 'event' && (m.event.data as { serviceId: string }).serviceId === created.id,
    );
    expect(message).toMatchObject({
      type: 'event',
      channel: 'catalog',
      event: { type: 'catalog.service_created', version: 1 },
    });
    const categories = (await (await api('/api/v1/catalog/categories')).json()) as {
      items: Array<{ id: string; serviceCount: number }>;
    };
    expect(categories.items.find((c) => c.id === 'salon')?.serviceCount).toBe(1);
    socket.close();
  });

  it('refuses a socket without a valid token and a channel the principal may not see', async () => {
    await expect(connectWebSocket(zefy.baseUrl, 'bad-token')).rejects.toThrow(/401/);
    const socket = await connectWebSocket(zefy.baseUrl, await zefy.tokenFor('customer', 'u1'));
    await socket.subscribe('admin');
    expect(socket.messages.at(-1)).toMatchObject({ type: 'error', code: 'AUTH.FORBIDDEN' });
    await socket.subscribe('user:u1');
    expect(socket.messages.at(-1)).toEqual({ type: 'subscribed', channel: 'user:u1' });
    expect(socket.raw.protocol).toBe('zefy.v1');
    socket.close();
  });

  it('takes the token from the bearer subprotocol only, never from the URL, and refuses before the upgrade', async () => {
    const token = await zefy.tokenFor('customer');
    const wsUrl = `${zefy.baseUrl.replace(/^http/, 'ws')}/ws`;
    const refusal = (socket: WebSocket) =>
      new Promise<{ status: number; type: string | undefined }>((resolve, reject) => {
        socket.once('unexpected-response', (_request, response) =>
          resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] }),
        );
        socket.once('open', () => reject(new Error('the socket opened')));
      });
    for (const socket of [
      new WebSocket(`${wsUrl}?token=${token}`),
      new WebSocket(`${wsUrl}?token=${token}`, ['zefy.v1']),
      new WebSocket(wsUrl, [`bearer.${token}`]),
    ]) {
      expect(await refusal(socket)).toEqual({
        status: 401,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
  });
});
