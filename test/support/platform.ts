import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Principal, Role } from '@zefy/contracts';
import { GatewayEnv, type RunningPlatform, startPlatform as startGatewayPlatform } from '@zefy/gateway';
import { createLogger, loadConfig, newId } from '@zefy/platform';
import { createTestDatabase, uniqueName } from '@zefy/platform/testing';
import { inject } from 'vitest';
import { deleteRabbitNamespace } from './rabbitmq.ts';

export interface TestPlatform {
  baseUrl: string;
  adminToken: string;
  platform: RunningPlatform;
  tokenFor(role: Role, id?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The whole platform in this process, on port 0, against a fresh database of the test server. RabbitMQ and
 * Redis are used when RABBITMQ_URL / REDIS_URL are set (CI's second pass), isolated by a unique namespace.
 */
export async function startPlatform(
  options: { env?: Record<string, string>; serveWebApps?: boolean } = {},
): Promise<TestPlatform> {
  const database = await createTestDatabase(inject('databaseUrl'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-test-'));
  const config = loadConfig(GatewayEnv, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DATABASE_URL: database.url,
    RABBITMQ_URL: process.env.RABBITMQ_URL,
    REDIS_URL: process.env.REDIS_URL,
    NAMESPACE: uniqueName('t'),
    JWT_SECRET: `test-secret-${newId()}-${newId()}`,
    DATA_DIR: dataDir,
    PORT: '0',
    WEB_DIR: path.resolve(import.meta.dirname, '../../apps'),
    ...options.env,
  });
  const logger = createLogger({ level: config.LOG_LEVEL });
  const platform = await startGatewayPlatform(config, logger, { serveWebApps: options.serveWebApps ?? true });
  const baseUrl = await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const tokenFor = (role: Role, id = newId()) =>
    platform.infra.tokens.issueAccessToken({ id, role } satisfies Principal);
  return {
    baseUrl,
    adminToken: await tokenFor('admin'),
    platform,
    tokenFor,
    async stop() {
      const groups = platform.services.flatMap(
        (service) =>
          service.module.subscriptions?.(service.context).map((subscription) => subscription.group) ?? [],
      );
      await platform.stop();
      if (config.RABBITMQ_URL) await deleteRabbitNamespace(config.RABBITMQ_URL, config.NAMESPACE, groups);
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
