import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCategories } from '../support/api.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { until } from '../support/payments.ts';
import { connectWebSocket } from '../support/ws-client.ts';

const admin = { email: 'dist-admin@zefy.test', password: `pw-${randomUUID()}` };
let cluster: Cluster;
let gatewayUrl: string;
let instanceUrls: string[];

beforeAll(async () => {
  cluster = await startCluster({
    services: { catalog: 2 },
    gatewayEnv: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password },
  });
  gatewayUrl = cluster.gatewayUrls[0] as string;
  instanceUrls = cluster.instanceUrls.catalog as string[];
});

afterAll(async () => {
  expect(await cluster?.stop()).toEqual([0, 0, 0]);
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
  const login = await fetch(`${gatewayUrl}/api/v1/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  expect(login.status).toBe(200);
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  await createCategories(gatewayUrl, token, ['cleaning', 'plumbing']);
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

  const client = new pg.Client({ connectionString: cluster.database.url });
  await client.connect();
  // the counts are another consumer group than the pushes: they may still be catching up
  const statsHandled = async () =>
    (
      await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM catalog.inbox WHERE consumer = 'catalog.category-stats'",
      )
    ).rows[0]?.n ?? 0;
  await until(async () => (await statsHandled()) >= count, 30_000);
  const handledEvents = await statsHandled();
  const stats = await client.query<{ category: string; service_count: number }>(
    'SELECT category, service_count FROM catalog.category_stats ORDER BY category',
  );
  await client.end();
  expect(handledEvents).toBe(count);
  expect(stats.rows).toEqual([
    { category: 'cleaning', service_count: count / 2 },
    { category: 'plumbing', service_count: count / 2 },
  ]);

  const handled = await Promise.all(instanceUrls.map(handledOn));
  expect(handled.reduce((a, b) => a + b, 0)).toBe(count);
  expect(handled.every((n) => n > 0)).toBe(true);
  socket.close();
});
