import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '@zefy/contracts';
import { GatewayEnv, startPlatform } from '@zefy/gateway';
import { createSessionStore } from '@zefy/identity';
import { createLogger, loadConfig, startEmbeddedPostgres } from '@zefy/platform';
import { createTestDatabase } from '@zefy/platform/testing';

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

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const formatRate = (count: number, ms: number): string =>
  `${Math.round((count / ms) * 1000).toLocaleString('en-IN')}/s`;

/** The whole embedded platform on loopback, with real sessions for any role, for end-to-end benchmarks. */
export async function startBenchPlatform() {
  const database = await benchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-bench-'));
  const config = loadConfig(GatewayEnv, {
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    JWT_SECRET: `bench-${randomUUID()}-${randomUUID()}`,
  });
  const platform = await startPlatform(config, createLogger({ level: 'silent' }), { serveWebApps: false });
  const base = await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const identity = platform.services.find((service) => service.module.name === 'identity');
  if (!identity) throw new Error('the bench runs identity in process');
  const sessions = createSessionStore(identity.context);
  return {
    platform,
    base,
    tokenFor: async (role: Role) => (await sessions.open({ id: randomUUID(), role })).accessToken,
    databaseUrl: database.url,
    async stop() {
      await platform.stop();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
