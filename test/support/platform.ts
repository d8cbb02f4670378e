import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthTokens, Role } from '@zefy/contracts';
import {
  GatewayEnv,
  type RunningPlatform,
  seedDemoCity,
  startPlatform as startGatewayPlatform,
} from '@zefy/gateway';
import { type Clock, createLogger, type LogDestination, loadConfig, newId } from '@zefy/platform';
import { createTestDatabase, uniqueName } from '@zefy/platform/testing';
import { inject } from 'vitest';
import { consumerGroupsOf, deleteRabbitNamespace } from './rabbitmq.ts';
import { sessionsOf } from './sessions.ts';

export interface TestPlatform {
  baseUrl: string;
  adminToken: string;
  platform: RunningPlatform;
  /** This platform's DATA_DIR (a temporary directory). */
  dataDir: string;
  /** An access token of a real identity session (as after a login) for `role`, for `id` or a new id. */
  tokenFor(role: Role, id?: string): Promise<string>;
  /** The whole login answer (access and refresh token, session id) of a new session. */
  signIn(role: Role, id?: string): Promise<AuthTokens>;
  /** Seeds the Bengaluru demo city, as the embedded start does. */
  seedDemoCity(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole platform in this process, on port 0, against a fresh database of the test server. RabbitMQ and
 * Redis are used when RABBITMQ_URL / REDIS_URL are set (CI's second pass), isolated by a unique namespace.
 */
export async function startPlatform(
  options: {
    env?: Record<string, string>;
    serveWebApps?: boolean;
    /** Where the platform's log lines go (standard output by default). */
    logDestination?: LogDestination;
    /** Every service's clock, for tests that move time by hand (the system clock by default). */
    clock?: Clock;
  } = {},
): Promise<TestPlatform> {
  const database = await createTestDatabase(inject('databaseUrl'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-test-'));
  const config = loadConfig(GatewayEnv, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DATABASE_URL: database.url,
    RABBITMQ_URL: process.env.RABBITMQ_URL,
    REDIS_URL: process.env.REDIS_URL,
    NAMESPACE: uniqueName('test-'),
    JWT_SECRET: `test-secret-${newId()}-${newId()}`,
    DATA_DIR: dataDir,
    PORT: '0',
    WEB_DIR: path.resolve(import.meta.dirname, '../../apps'),
    ...options.env,
  });
  const logger = createLogger({ level: config.LOG_LEVEL }, options.logDestination);
  const platform = await startGatewayPlatform(config, logger, {
    serveWebApps: options.serveWebApps ?? true,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const baseUrl = await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const { signIn, tokenFor } = sessionsOf(platform);
  return {
    baseUrl,
    adminToken: await tokenFor('admin'),
    platform,
    dataDir,
    tokenFor,
    signIn,
    async seedDemoCity() {
      await seedDemoCity(platform.services, { logger, dataDir });
    },
    async stop() {
      const groups = consumerGroupsOf(platform.services);
      await platform.stop();
      if (config.RABBITMQ_URL) await deleteRabbitNamespace(config.RABBITMQ_URL, config.NAMESPACE, groups);
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
