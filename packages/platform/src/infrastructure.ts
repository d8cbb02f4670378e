import { createHmac } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import type { EventBus, RetryPolicy } from './bus/bus.ts';
import { createInProcessBus } from './bus/in-process-bus.ts';
import { createRabbitMqBus } from './bus/rabbitmq/rabbitmq-bus.ts';
import type { Cache } from './cache/cache.ts';
import { createMemoryCache } from './cache/memory-cache.ts';
import { createRedisCache } from './cache/redis-cache.ts';
import { ConfigError, type PlatformEnv } from './config.ts';
import { type Clock, systemClock } from './core/clock.ts';
import { startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { createMetrics, type Metrics } from './http/metrics.ts';
import { createSessionRegistry, type SessionRegistry } from './http/sessions.ts';
import { createTokenService, type TokenService } from './http/tokens.ts';

/** What every process shares: one database server, the bus, the cache, token keys, clock, metrics. */
export interface Infrastructure {
  mode: 'embedded' | 'distributed';
  /** The process's validated configuration, services' own variables included (see ServiceModule.env). */
  config: PlatformEnv & Readonly<Record<string, unknown>>;
  databaseUrl: string;
  bus: EventBus;
  cache: Cache;
  sessions: SessionRegistry;
  tokens: TokenService;
  /** A key for `purpose` (e.g. hashing one-time codes), derived from JWT_SECRET: the same in every process. */
  deriveKey(purpose: string): Buffer;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Dependency name → healthy, for /readyz. */
  readiness(): Promise<Record<string, boolean>>;
  close(): Promise<void>;
}

/** A failure to reach a configured dependency at start-up; its message is one line for the operator. */
export class StartupError extends Error {
  override name = 'StartupError';
}

const describeUrl = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 'default port'}`;
};

async function jwtSecret(config: PlatformEnv): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.NODE_ENV === 'production')
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  // development: a random secret kept under DATA_DIR, so sessions survive restarts
  const file = path.resolve(config.DATA_DIR, 'jwt-secret');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

async function checkDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(
      `Cannot connect to DATABASE_URL (${describeUrl(url)}): ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createInfrastructure(
  config: PlatformEnv,
  /** `retry`: the bus's retry policy (shorter in tests that watch a failing handler); the default otherwise. */
  options: {
    processName: string;
    logger: Logger;
    clock?: Clock;
    retry?: RetryPolicy;
    /** A cache shared with other instances in this process (tests of several instances), kept open on close. */
    cache?: Cache;
  },
): Promise<Infrastructure> {
  const { logger } = options;
  const closers: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres(path.resolve(config.DATA_DIR), logger).catch(
        (error: unknown) => {
          throw new StartupError(
            `Cannot start the embedded PostgreSQL in ${path.resolve(config.DATA_DIR)}: ${(error as Error)?.message ?? error}`,
          );
        },
      );
      closers.push(embedded.stop);
      databaseUrl = embedded.url;
    }
    await checkDatabase(databaseUrl);
    const bus = config.RABBITMQ_URL
      ? await createRabbitMqBus({
          url: config.RABBITMQ_URL,
          logger,
          exchange: `${config.NAMESPACE}.events`,
          queuePrefix: config.NAMESPACE,
          ...(options.retry ? { retry: options.retry } : {}),
        }).catch((error: unknown) => {
          throw new StartupError(
            `Cannot connect to RABBITMQ_URL (${describeUrl(config.RABBITMQ_URL as string)}): ${(error as Error).message}`,
          );
        })
      : createInProcessBus({ logger, ...(options.retry ? { retry: options.retry } : {}) });
    closers.unshift(() => bus.close());
    const cache =
      options.cache ??
      (config.REDIS_URL
        ? createRedisCache({ url: config.REDIS_URL, logger, keyPrefix: `${config.NAMESPACE}:` })
        : createMemoryCache());
    if (!options.cache) closers.unshift(() => cache.close());
    if (config.REDIS_URL) {
      await cache.get('zefy:startup-check').catch((error: unknown) => {
        throw new StartupError(
          `Cannot connect to REDIS_URL (${describeUrl(config.REDIS_URL as string)}): ${(error as Error).message}`,
        );
      });
    }
    const sessions = createSessionRegistry(cache);
    const secret = await jwtSecret(config);
    const probe = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    probe.on('error', (error) => logger.warn({ err: error }, 'readiness probe connection failed'));
    closers.unshift(() => probe.end());
    return {
      mode: config.DATABASE_URL ? 'distributed' : 'embedded',
      config,
      databaseUrl,
      bus,
      cache,
      sessions,
      tokens: createTokenService(secret, sessions),
      deriveKey: (purpose) => createHmac('sha256', secret).update(`zefy-key:${purpose}`).digest(),
      clock: options.clock ?? systemClock,
      logger,
      metrics: createMetrics(options.processName),
      async readiness() {
        const database = await probe.query('SELECT 1').then(
          () => true,
          () => false,
        );
        return { database, bus: bus.isHealthy(), cache: cache.isHealthy() };
      },
      async close() {
        for (const close of closers)
          await close().catch((error: unknown) => logger.warn({ err: error }, 'close failed'));
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}
