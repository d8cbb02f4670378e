import { randomUUID } from 'node:crypto';
import { formatRate, percentile, startBenchPlatform } from './support.ts';

async function load(
  label: string,
  durationMs: number,
  concurrency: number,
  request: () => Promise<Response>,
) {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const response = await request();
        await response.arrayBuffer();
        if (!response.ok) failures += 1;
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  console.info(
    `${label.padEnd(34)} ${formatRate(latencies.length, elapsed).padStart(8)}  p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  failures ${failures}`,
  );
  return latencies.length / elapsed;
}

/** Requests per second through the whole embedded platform on loopback (client and server share the cores). */
export async function run(): Promise<void> {
  const { base, tokenFor, stop } = await startBenchPlatform();
  const token = await tokenFor('admin');
  await fetch(`${base}/api/v1/catalog/categories`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    },
    body: JSON.stringify({ id: 'bench', name: 'Bench' }),
  });
  let serial = 0;
  const create = () =>
    fetch(`${base}/api/v1/catalog/services`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: `Bench service ${serial++}`, category: 'bench', basePricePaise: 49_900 }),
    });
  for (let i = 0; i < 12; i++) await create();
  const health = await load('GET /healthz', 3000, 32, () => fetch(`${base}/healthz`));
  const list = await load('GET /api/v1/catalog/services', 3000, 32, () =>
    fetch(`${base}/api/v1/catalog/services`),
  );
  const writes = await load('POST /api/v1/catalog/services', 3000, 16, create);
  console.info(
    `list / healthz ratio: ${(list / health).toFixed(2)}; create / list ratio: ${(writes / list).toFixed(2)}`,
  );
  await stop();
}
