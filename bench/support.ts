import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '@zefy/contracts';
import { GatewayEnv, startPlatform } from '@zefy/gateway';
import { createSessionStore } from '@zefy/identity';
import { createLogger, loadConfig, startEmbeddedPostgres } from '@zefy/platform';
import { createTestDatabase } from '@zefy/platform/testing';
import { Redis } from 'ioredis';
import { consumerGroupsOf, deleteRabbitNamespace } from '../test/support/rabbitmq.ts';

/** A throw-away database: on DATABASE_URL's server when set, else on an embedded PostgreSQL. */
export async function benchDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase(process.env.DATABASE_URL);
    return { url: database.url, close: database.drop };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'zefy-bench-'));
  const server = await startEmbeddedPostgres(dir);
  const database = await createTestDatabase(server.url);
  return {
    url: database.url,
    async close() {
      await database.drop();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const positiveInteger = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

/** How long and how hard each benchmark loads, from BENCH_* variables, short by default. */
export const benchSettings = {
  durationMs: positiveInteger('BENCH_DURATION_MS', 3000),
  concurrency: positiveInteger('BENCH_CONCURRENCY', 32),
};

/**
 * The whole platform in this process on loopback, with real sessions for any role, for end-to-end
 * benchmarks: embedded, or over the real servers when DATABASE_URL (and REDIS_URL, RABBITMQ_URL) are set.
 */
export async function startBenchPlatform(env: Record<string, string> = {}) {
  const database = await benchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-bench-'));
  const servers = Object.fromEntries(
    (['REDIS_URL', 'RABBITMQ_URL'] as const).flatMap((name) => {
      const url = process.env[name];
      return url ? [[name, url]] : [];
    }),
  );
  const config = loadConfig(GatewayEnv, {
    ...servers,
    NAMESPACE: `bench${randomUUID().slice(0, 8)}`,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    JWT_SECRET: `bench-${randomUUID()}-${randomUUID()}`,
    ...env,
  });
  const platform = await startPlatform(config, createLogger({ level: 'silent' }), { serveWebApps: false });
  const base = await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const identity = platform.services.find((service) => service.module.name === 'identity');
  if (!identity) throw new Error('the bench runs identity in process');
  const sessions = createSessionStore(identity.context);
  return {
    platform,
    base,
    tokenFor: async (role: Role, id: string = randomUUID()) =>
      (await sessions.open({ id, role })).accessToken,
    databaseUrl: database.url,
    async stop() {
      // a run's quorum queues: left behind, a few runs' worth stall the broker for everyone
      const groups = consumerGroupsOf(platform.services);
      await platform.stop();
      if (config.RABBITMQ_URL) await deleteRabbitNamespace(config.RABBITMQ_URL, config.NAMESPACE, groups);
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The loopback (or REDIS_URL) Redis, or null when none answers: the baseline is then reported unavailable. */
export async function reachableRedis(): Promise<{ url: string; connect: () => Redis } | null> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const connect = () => new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 1 });
  const probe = connect();
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return { url, connect };
  } catch {
    return null;
  } finally {
    probe.disconnect();
  }
}

/** The platform's CPU profile (this process) until `stop`, written to `file` (a .cpuprofile). */
export async function startProfiling(file: string) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
      console.info(`CPU profile: ${file}`);
    },
  };
}
