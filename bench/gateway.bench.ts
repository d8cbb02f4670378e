import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { generateLoad } from './load.ts';
import type { HttpRequestSpec } from './load-generator.ts';
import type { Scenario } from './results.ts';
import type { BenchOutcome } from './run.ts';
import { summarize } from './stats.ts';
import { benchSettings, startBenchPlatform } from './support.ts';

const { durationMs, concurrency } = benchSettings;

async function measure(baseUrl: string, spec: HttpRequestSpec) {
  const load = await generateLoad({ kind: 'http', baseUrl, concurrency, durationMs, requests: [spec] });
  const failures = Object.entries(load.statuses).filter(([status]) => !status.startsWith('2'));
  if (failures.length > 0) throw new Error(`${spec.path}: ${JSON.stringify(load.statuses)}`);
  return summarize(load.latenciesMs, load.elapsedMs);
}

/**
 * Requests through the whole platform (security headers, request ids, rate limit, metrics, auth, validation)
 * against a bare Fastify route answering the same bytes, each loaded from a separate process: liveness, the
 * public catalog list (from its per-version cache), the same list asked with a customer's bearer token (the
 * token and its session checked, no PostgreSQL), and a customer's notifications (a PostgreSQL read).
 */
export async function run(): Promise<BenchOutcome> {
  const zefy = await startBenchPlatform();
  let isStopped = false;
  const stopPlatform = async () => {
    if (isStopped) return;
    isStopped = true;
    await zefy.stop();
  };
  const bare = Fastify();
  try {
    const admin = await zefy.tokenFor('admin');
    const write = (path: string, body: unknown) =>
      fetch(`${zefy.base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin}`,
          'idempotency-key': randomUUID(),
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    await write('/api/v1/catalog/categories', { id: 'bench', name: 'Bench' });
    for (let i = 0; i < 12; i++)
      await write('/api/v1/catalog/services', {
        name: `Bench service ${i}`,
        category: 'bench',
        basePricePaise: 49_900,
      });
    const catalog = await (await fetch(`${zefy.base}/api/v1/catalog/services`)).text();
    const health = await (await fetch(`${zefy.base}/healthz`)).text();
    const customer = await zefy.tokenFor('customer');
    const notifications = await (
      await fetch(`${zefy.base}/api/v1/me/notifications`, {
        headers: { authorization: `Bearer ${customer}` },
      })
    ).text();

    const platform = {
      health: await measure(zefy.base, { method: 'GET', path: '/healthz' }),
      catalog: await measure(zefy.base, { method: 'GET', path: '/api/v1/catalog/services' }),
      catalogAsCustomer: await measure(zefy.base, {
        method: 'GET',
        path: '/api/v1/catalog/services',
        headers: { authorization: `Bearer ${customer}` },
      }),
      notifications: await measure(zefy.base, {
        method: 'GET',
        path: '/api/v1/me/notifications',
        headers: { authorization: `Bearer ${customer}` },
      }),
    };
    await stopPlatform();

    const json =
      (body: string) => (_request: unknown, reply: { type: (t: string) => { send: (b: string) => void } }) =>
        reply.type('application/json; charset=utf-8').send(body);
    bare.get('/healthz', json(health));
    bare.get('/catalog', json(catalog));
    bare.get('/notifications', json(notifications));
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    const scenarios: Scenario[] = [
      {
        label: 'GET /healthz',
        platform: platform.health,
        baseline: {
          label: 'bare Fastify route, same body',
          ...(await measure(bareUrl, { method: 'GET', path: '/healthz' })),
        },
      },
      {
        label: 'GET /api/v1/catalog/services (12, public, cached)',
        platform: platform.catalog,
        baseline: {
          label: 'bare Fastify route, same body',
          ...(await measure(bareUrl, { method: 'GET', path: '/catalog' })),
        },
      },
      {
        label: 'GET /api/v1/catalog/services (bearer session, no PostgreSQL)',
        platform: platform.catalogAsCustomer,
        baseline: {
          label: 'bare Fastify route, same body',
          ...(await measure(bareUrl, { method: 'GET', path: '/catalog' })),
        },
      },
      {
        label: 'GET /api/v1/me/notifications (bearer session, PostgreSQL read)',
        platform: platform.notifications,
        baseline: {
          label: 'bare Fastify route, same body',
          ...(await measure(bareUrl, { method: 'GET', path: '/notifications' })),
        },
      },
    ];
    return {
      scenarios,
      settings: { durationMs, concurrency, loadGenerator: 'separate process, node:http keep-alive' },
    };
  } finally {
    await bare.close();
    await stopPlatform();
  }
}
