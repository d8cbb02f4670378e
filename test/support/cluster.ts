import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  bookingChannelGroup,
  bookingDispatchGroup,
  bookingDispatchRealtimeGroup,
  bookingJobGroup,
  bookingJobRealtimeGroup,
  bookingPaymentsGroup,
  bookingProjectionsGroup,
  bookingRealtimeGroup,
  bookingTrackingGroup,
} from '@zefy/booking';
import { catalogRealtimeGroup, categoryStatsGroup, publicListGroup } from '@zefy/catalog';
import type { Role } from '@zefy/contracts';
import { locationsRealtimeGroup, reResolveGroup } from '@zefy/locations';
import { inboxGroup, wakeGroup } from '@zefy/notifications';
import { payablesGroup, refundsGroup } from '@zefy/payments';
import {
  type Cache,
  createRedisCache,
  createSessionRegistry,
  createTokenService,
  newId,
} from '@zefy/platform';
import { createTestDatabase, type TestDatabase, uniqueName } from '@zefy/platform/testing';
import { trackingBookingsGroup } from '@zefy/tracking';
import { type Spawned, spawnTs } from './process.ts';
import { deleteRabbitNamespace } from './rabbitmq.ts';

const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/;
// every consumer group of every service: the queues a cluster declares, deleted when it stops
const consumerGroups = [
  categoryStatsGroup,
  catalogRealtimeGroup,
  publicListGroup,
  reResolveGroup,
  locationsRealtimeGroup,
  inboxGroup,
  payablesGroup,
  refundsGroup,
  bookingRealtimeGroup,
  bookingChannelGroup,
  bookingProjectionsGroup,
  bookingPaymentsGroup,
  bookingDispatchGroup,
  bookingDispatchRealtimeGroup,
  bookingJobGroup,
  bookingJobRealtimeGroup,
  bookingTrackingGroup,
  wakeGroup,
  trackingBookingsGroup,
];

export interface Cluster {
  database: TestDatabase;
  /** Prefix of this cluster's RabbitMQ exchange and queues (and Redis keys). */
  namespace: string;
  gatewayUrls: string[];
  /** Service name → the URLs of its instances. */
  instanceUrls: Record<string, string[]>;
  /** The DATA_DIR every process shares (identity's development SMS file is there). */
  dataDir: string;
  /** Service name → its instance processes (their output holds their logs). */
  instances: Record<string, Spawned[]>;
  /**
   * An access token of a new session of `id` (a new id by default), as identity would open it: the session in
   * the cluster's Redis, the token under its secret. For many accounts at once, which phone logins refuse
   * (a client address gets 20 codes per 15 minutes); identity does not learn of the account.
   */
  tokenFor(role: Role, id?: string): Promise<string>;
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
  const namespace = uniqueName('test-dist-');
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
  let sessionCache: Cache | undefined;
  const tokenFor = async (role: Role, id: string = newId()) => {
    sessionCache ??= createRedisCache({ url: env.REDIS_URL as string, keyPrefix: `${namespace}:` });
    const sessions = createSessionRegistry(sessionCache);
    const sessionId = newId();
    await sessions.open(sessionId, { id, role }, 3600_000);
    return createTokenService(env.JWT_SECRET, sessions).issueAccessToken(
      { principal: { id, role }, sessionId },
      3600,
    );
  };
  const stop = async () => {
    await sessionCache?.close();
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
    return { database, dataDir, namespace, gatewayUrls, instanceUrls, instances, tokenFor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface StandInProcess {
  url: string;
  /** Stops the process and removes its data; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * The Razorpay stand-in (apps/stand-ins) as its own process on a port of its own, with its own data
 * directory; its webhooks go nowhere until set through its control API.
 */
export async function startRazorpayStandIn(keys: Record<string, string>): Promise<StandInProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-dist-rzp-'));
  const standIn = spawnTs('apps/stand-ins/src/razorpay/main.ts', {
    ...keys,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RAZORPAY_SIM_WEBHOOK_URL: 'http://127.0.0.1:9/set-once-the-gateway-listens',
  });
  const stop = async () => {
    const { code } = await standIn.stop();
    await rm(dataDir, { recursive: true, force: true });
    return code;
  };
  try {
    const url = (await standIn.waitFor(/Razorpay simulator on (http:\/\/127\.0\.0\.1:\d+)/))[1] as string;
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
