import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { categoryStatsGroup } from '@zefy/catalog';
import { refundsGroup } from '@zefy/payments';
import { createTokenService } from '@zefy/platform';
import { createTestDatabase, type TestDatabase, uniqueName } from '@zefy/platform/testing';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Spawned, spawnTs } from '../support/process.ts';
import { deleteRabbitNamespace } from '../support/rabbitmq.ts';
import { connectWebSocket } from '../support/ws-client.ts';

const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/;
const processes: Spawned[] = [];
let database: TestDatabase;
let dataDir: string;
let gatewayUrl: string;
let instanceUrls: string[];
const jwtSecret = `distributed-${randomUUID()}-${randomUUID()}`;
const namespace = uniqueName('dist');

beforeAll(async () => {
  database = await createTestDatabase(process.env.DATABASE_URL as string);
  dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-dist-'));
  const env = {
    DATABASE_URL: database.url,
    RABBITMQ_URL: process.env.RABBITMQ_URL,
    REDIS_URL: process.env.REDIS_URL,
    JWT_SECRET: jwtSecret,
    NAMESPACE: namespace,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    PORT: '0',
  };
  const catalogs = [
    spawnTs('services/catalog/src/main.ts', env),
    spawnTs('services/catalog/src/main.ts', env),
  ];
  processes.push(...catalogs);
  instanceUrls = await Promise.all(
    catalogs.map(async (instance) => (await instance.waitFor(listening))[1] as string),
  );
  const gateway = spawnTs('apps/gateway/src/main.ts', { ...env, CATALOG_URLS: instanceUrls.join(',') });
  processes.push(gateway);
  gatewayUrl = (await gateway.waitFor(listening))[1] as string;
});

afterAll(async () => {
  const exits = await Promise.all(processes.map((child) => child.stop()));
  await database?.drop();
  await deleteRabbitNamespace(process.env.RABBITMQ_URL as string, namespace, [
    categoryStatsGroup,
    refundsGroup,
  ]);
  await rm(dataDir, { recursive: true, force: true });
  expect(exits.every((exit) => exit.code === 0)).toBe(true);
});

const handledOn = async (url: string) => {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const line = metrics
    .split('\n')
    .find(
      (l) =>
        l.startsWith('zefy_events_handled_total{') &&
        l.includes('group="catalog.category-stats"') &&
        l.includes('outcome="ok"'),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
};

it('handles each event once across two instances of a consumer group and pushes it to a WebSocket client', async () => {
  const token = await createTokenService(jwtSecret).issueAccessToken({ id: randomUUID(), role: 'admin' });
  const socket = await connectWebSocket(gatewayUrl, token);
  await socket.subscribe('catalog');

  const count = 20;
  const created = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await fetch(`${gatewayUrl}/api/v1/catalog/services`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          name: `Service ${i}`,
          category: i % 2 === 0 ? 'cleaning' : 'plumbing',
          basePricePaise: 10_000 + i,
        }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    }),
  );

  for (const id of created) {
    await socket.next(
      (m) => m.type === 'event' && (m.event.data as { serviceId: string }).serviceId === id,
      30_000,
    );
  }
  const pushed = socket.messages.filter((m) => m.type === 'event');
  expect(pushed).toHaveLength(count);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const inbox = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM catalog.inbox WHERE consumer = 'catalog.category-stats'",
  );
  const stats = await client.query<{ category: string; service_count: number }>(
    'SELECT category, service_count FROM catalog.category_stats ORDER BY category',
  );
  await client.end();
  expect(inbox.rows[0]?.n).toBe(count);
  expect(stats.rows).toEqual([
    { category: 'cleaning', service_count: count / 2 },
    { category: 'plumbing', service_count: count / 2 },
  ]);

  const handled = await Promise.all(instanceUrls.map(handledOn));
  expect(handled.reduce((a, b) => a + b, 0)).toBe(count);
  expect(handled.every((n) => n > 0)).toBe(true);
  socket.close();
});
