import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bookingPaymentsGroup, bookingProjectionsGroup, bookingRealtimeGroup } from '@zefy/booking';
import { categoryStatsGroup } from '@zefy/catalog';
import { reResolveGroup } from '@zefy/locations';
import { inboxGroup } from '@zefy/notifications';
import { refundsGroup } from '@zefy/payments';
import { createTestDatabase, type TestDatabase, uniqueName } from '@zefy/platform/testing';
import { type Spawned, spawnTs } from './process.ts';
import { deleteRabbitNamespace } from './rabbitmq.ts';

const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/;
const consumerGroups = [
  categoryStatsGroup,
  reResolveGroup,
  inboxGroup,
  refundsGroup,
  bookingRealtimeGroup,
  bookingProjectionsGroup,
  bookingPaymentsGroup,
];

export interface Cluster {
  database: TestDatabase;
  gatewayUrls: string[];
  /** Service name → the URLs of its instances. */
  instanceUrls: Record<string, string[]>;
  /** Service name → its instance processes (their output holds their logs). */
  instances: Record<string, Spawned[]>;
  /** Stops every process gracefully and cleans the database and broker; resolves with their exit codes. */
  stop(): Promise<Array<number | null>>;
}

/**
 * Services and gateways as separate OS processes over the real PostgreSQL, RabbitMQ and Redis (DATABASE_URL,
 * RABBITMQ_URL, REDIS_URL), on a fresh database and a fresh namespace; services not named run inside the
 * gateways.
 */
export async function startCluster(options: {
  services: Record<string, number>;
  gateways?: number;
  gatewayEnv?: Record<string, string>;
  /** Variables for every process, services and gateways (a service's own, such as RAZORPAY_*). */
  env?: Record<string, string>;
}): Promise<Cluster> {
  const database = await createTestDatabase(process.env.DATABASE_URL as string);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-cluster-'));
  const namespace = uniqueName('dist');
  const env = {
    DATABASE_URL: database.url,
    RABBITMQ_URL: process.env.RABBITMQ_URL,
    REDIS_URL: process.env.REDIS_URL,
    JWT_SECRET: `distributed-${randomUUID()}-${randomUUID()}`,
    NAMESPACE: namespace,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    PORT: '0',
    ...options.env,
  };
  const processes: Spawned[] = [];
  const instances: Record<string, Spawned[]> = {};
  const instanceUrls: Record<string, string[]> = {};
  const stop = async () => {
    const exits = await Promise.all(processes.map((child) => child.stop()));
    await database.drop();
    await deleteRabbitNamespace(process.env.RABBITMQ_URL as string, namespace, consumerGroups);
    await rm(dataDir, { recursive: true, force: true });
    return exits.map((exit) => exit.code);
  };
  try {
    for (const [service, count] of Object.entries(options.services)) {
      instances[service] = Array.from({ length: count }, () =>
        spawnTs(`services/${service}/src/main.ts`, env),
      );
      processes.push(...instances[service]);
      instanceUrls[service] = await Promise.all(
        instances[service].map(async (instance) => (await instance.waitFor(listening))[1] as string),
      );
    }
    const remoteUrls = Object.fromEntries(
      Object.entries(instanceUrls).map(([service, urls]) => [
        `${service.toUpperCase()}_URLS`,
        urls.join(','),
      ]),
    );
    const gateways = Array.from({ length: options.gateways ?? 1 }, () =>
      spawnTs('apps/gateway/src/main.ts', { ...env, ...remoteUrls, ...options.gatewayEnv }),
    );
    processes.push(...gateways);
    const gatewayUrls = await Promise.all(
      gateways.map(async (gateway) => (await gateway.waitFor(listening))[1] as string),
    );
    return { database, gatewayUrls, instanceUrls, instances, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
