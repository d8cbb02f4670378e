import { randomUUID } from 'node:crypto';
import type { CatalogService } from '@zefy/contracts';
import { createEvent, createMemoryCache } from '@zefy/platform';
import { createTestDatabase, eventually, startServiceHarness, uniqueName } from '@zefy/platform/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { catalogService, publicListGroup } from '../index.ts';

const harness = await startServiceHarness(catalogService, { serverUrl: inject('databaseUrl') });
afterAll(() => harness.stop());

const admin = await harness.tokenFor({ id: randomUUID(), role: 'admin' });

async function write(method: 'POST' | 'PATCH', url: string, payload: object) {
  const response = await harness.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${admin}`, 'idempotency-key': randomUUID() },
    payload,
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

const listServices = (app = harness.app, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/api/v1/catalog/services', headers });
const toEventData = (service: CatalogService) => ({
  serviceId: service.id,
  name: service.name,
  category: service.category,
  basePricePaise: service.basePricePaise,
  includedMinutes: service.includedMinutes,
  extraCharge: service.extraCharge,
  taxRateBasisPoints: service.taxRateBasisPoints,
  skill: service.skill,
  isActive: service.isActive,
});
const namesIn = (body: string) => (JSON.parse(body) as { items: CatalogService[] }).items.map((s) => s.name);

describe('the public service list', () => {
  it('answers with a strong ETag, 304 while it holds, and the change as soon as the change answers', async () => {
    await write('POST', '/api/v1/catalog/categories', { id: 'cleaning', name: 'Cleaning' });
    const created = await write('POST', '/api/v1/catalog/services', {
      name: 'Deep cleaning',
      category: 'cleaning',
      basePricePaise: 149_900,
    });
    const first = await eventually(async () => {
      const response = await listServices();
      expect(namesIn(response.body)).toEqual(['Deep cleaning']);
      return response;
    });
    expect(first.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=10, must-revalidate',
    });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const notModified = await listServices(harness.app, { 'if-none-match': etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(etag);

    await write('PATCH', `/api/v1/catalog/services/${created.id}`, { name: 'Deep home cleaning' });
    const changed = await eventually(async () => {
      const response = await listServices(harness.app, { 'if-none-match': etag });
      expect(response.statusCode).toBe(200);
      return response;
    });
    expect(namesIn(changed.body)).toEqual(['Deep home cleaning']);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body).toBe(
      (
        await harness.app.inject({
          method: 'GET',
          url: '/api/v1/catalog/services?includeInactive=true',
          headers: { authorization: `Bearer ${admin}` },
        })
      ).body,
    );
  });

  it('is not read from PostgreSQL per request, and is read again once a catalog event is consumed', async () => {
    const created = await write('POST', '/api/v1/catalog/services', {
      name: 'Sofa shampoo',
      category: 'cleaning',
      basePricePaise: 99_900,
    });
    await eventually(async () => {
      const { rows } = await harness.context.db.pool.query<{ consumed: boolean }>(
        `SELECT (SELECT count(*) FROM inbox WHERE consumer = $1) = (SELECT count(*) FROM outbox) AS consumed`,
        [publicListGroup],
      );
      expect(rows[0]?.consumed).toBe(true);
    });
    const cached = await listServices();
    // a change whose instance stopped between its commit and replacing the list's version
    await harness.context.db.pool.query("UPDATE services SET name = 'Sofa wash' WHERE id = $1", [created.id]);
    expect((await listServices()).headers.etag).toBe(cached.headers.etag);

    await harness.infra.bus.publish(
      createEvent(
        'catalog.service_updated',
        { ...toEventData(created), name: 'Sofa wash' },
        { actor: { kind: 'system', id: 'test' }, clock: harness.clock },
      ),
    );
    await eventually(async () => expect(namesIn((await listServices()).body)).toContain('Sofa wash'));
  });

  it('drops the services of a deactivated category as soon as the update answers', async () => {
    await write('POST', '/api/v1/catalog/categories', { id: 'plumbing', name: 'Plumbing' });
    await write('POST', '/api/v1/catalog/services', {
      name: 'Tap repair',
      category: 'plumbing',
      basePricePaise: 29_900,
    });
    await eventually(async () => expect(namesIn((await listServices()).body)).toContain('Tap repair'));

    await write('PATCH', '/api/v1/catalog/categories/plumbing', { isActive: false });
    expect(namesIn((await listServices()).body)).not.toContain('Tap repair');
  });
});

// Two instances over one database and one cache (Redis when given, as in distributed mode): each event
// reaches one of them
describe('two instances', () => {
  it('a change made through one instance is answered by the other at once', async () => {
    const database = await createTestDatabase(inject('databaseUrl'));
    const redisUrl = process.env.REDIS_URL;
    const memory = redisUrl ? undefined : createMemoryCache();
    const shared = {
      serverUrl: inject('databaseUrl'),
      database,
      ...(memory ? { cache: memory } : { redisUrl }),
      config: { NAMESPACE: uniqueName('cat') },
    };
    const [one, two] = [
      await startServiceHarness(catalogService, shared),
      await startServiceHarness(catalogService, shared),
    ];
    try {
      const token = await one.tokenFor({ id: randomUUID(), role: 'admin' });
      const headers = { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() };
      await one.app.inject({
        method: 'POST',
        url: '/api/v1/catalog/categories',
        headers,
        payload: { id: 'ac', name: 'AC' },
      });
      for (const instance of [one, two]) expect(namesIn((await listServices(instance.app)).body)).toEqual([]);

      await one.app.inject({
        method: 'POST',
        url: '/api/v1/catalog/services',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        payload: { name: 'AC service', category: 'ac', basePricePaise: 59_900 },
      });
      for (const instance of [one, two])
        await eventually(async () =>
          expect(namesIn((await listServices(instance.app)).body)).toEqual(['AC service']),
        );
    } finally {
      await one.stop();
      await two.stop();
      await memory?.close();
      await database.drop();
    }
  });
});
