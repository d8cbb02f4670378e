import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Principal } from '@zefy/contracts';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { RetryPolicy } from '../bus/bus.ts';
import type { Cache } from '../cache/cache.ts';
import { loadConfig, PlatformEnv } from '../config.ts';
import { ManualClock } from '../core/clock.ts';
import { newId } from '../core/ids.ts';
import { createHttpApp } from '../http/app.ts';
import { createInfrastructure, type Infrastructure } from '../infrastructure.ts';
import { createLogger } from '../logger.ts';
import { type RunningService, type ServiceContext, type ServiceModule, startService } from '../service.ts';
import { createTestDatabase, type TestDatabase, uniqueName } from './database.ts';

export interface ServiceHarnessOptions {
  /** The PostgreSQL server the service's fresh database is created on (`inject('databaseUrl')`). */
  serverUrl: string;
  /** A database to run on instead, kept on stop: to start the service again over the same data. */
  database?: TestDatabase;
  /** A Redis to run over (e.g. `process.env.REDIS_URL`, CI's second pass); the in-memory cache otherwise. */
  redisUrl?: string | undefined;
  /** An in-memory cache shared by several instances in this process, as they would share Redis. */
  cache?: Cache;
  /** The service's own variables (its `env`), as its process would read them. */
  config?: Record<string, unknown>;
  /** The service's clock; a manual one at the current time when absent. */
  clock?: ManualClock;
  /** Silent when absent. */
  logger?: Logger;
  /** The in-process bus's retry policy, shorter than production's for tests that watch a handler fail. */
  retry?: RetryPolicy;
  poolSize?: number;
  /** Serves the routes on a loopback port too, for callers outside the process (webhooks). */
  listen?: boolean;
}

export interface ServiceHarness<Deps> {
  /** The service's routes, for `app.inject`. */
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` when started with `listen`. */
  url: string | undefined;
  service: RunningService<Deps>;
  context: ServiceContext;
  infra: Infrastructure;
  clock: ManualClock;
  databaseUrl: string;
  /** An access token for `principal` with a live session, as after a login (every request checks it). */
  tokenFor(principal: Principal): Promise<string>;
  /** Stops the app, the service and its infrastructure; drops the database unless it was given. */
  stop(): Promise<void>;
}

/**
 * One service alone, as it runs in production but on a fresh database of the test server: migrated, wired,
 * its jobs and consumers started over an in-process bus (and Redis when given), its routes on an app.
 */
export async function startServiceHarness<Deps>(
  module: ServiceModule<Deps>,
  options: ServiceHarnessOptions,
): Promise<ServiceHarness<Deps>> {
  const database = options.database ?? (await createTestDatabase(options.serverUrl));
  const dataDir = await mkdtemp(path.join(tmpdir(), `zefy-${module.name}-`));
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const clock = options.clock ?? new ManualClock(new Date());
  const platformEnv = loadConfig(PlatformEnv, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl,
    NAMESPACE: uniqueName(module.name.slice(0, 4)),
    JWT_SECRET: `test-secret-${newId()}-${newId()}`,
    DATA_DIR: dataDir,
  });
  const infra = await createInfrastructure(
    { ...platformEnv, ...options.config },
    {
      processName: `${module.name}-test`,
      logger,
      clock,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.cache ? { cache: options.cache } : {}),
    },
  );
  const release = async () => {
    await infra.close();
    if (!options.database) await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  const service = await startService(module, infra, { poolSize: options.poolSize ?? 10 }).catch(
    async (error: unknown) => {
      await release();
      throw error;
    },
  );
  const app = createHttpApp({ logger, tokens: infra.tokens });
  await app.register(async (scope) => service.registerRoutes(scope));
  const url = options.listen ? await app.listen({ host: '127.0.0.1', port: 0 }) : undefined;
  await app.ready();

  return {
    app,
    url,
    service,
    context: service.context,
    infra,
    clock,
    databaseUrl: database.url,
    async tokenFor(principal) {
      const sessionId = newId();
      await infra.sessions.open(sessionId, principal, 3600_000);
      return infra.tokens.issueAccessToken({ principal, sessionId });
    },
    async stop() {
      await app.close();
      await service.stop();
      await release();
    },
  };
}
