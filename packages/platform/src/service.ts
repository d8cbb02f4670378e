import type { RouteContract } from '@zefy/contracts';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TObject } from 'typebox';
import type { EventBus, Subscription } from './bus/bus.ts';
import type { Cache } from './cache/cache.ts';
import { executionContext } from './context.ts';
import type { Clock } from './core/clock.ts';
import { connectDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { type Metrics, type ServiceMetrics, serviceMetricsOf } from './http/metrics.ts';
import type { SessionRegistry } from './http/sessions.ts';
import type { TokenService } from './http/tokens.ts';
import type { Infrastructure } from './infrastructure.ts';
import type { Job } from './jobs.ts';
import { type OutboxRelay, startOutboxRelay } from './messaging/outbox.ts';
import { createRealtimePublisher, type RealtimePublisher } from './messaging/realtime.ts';
import { retentionJob } from './messaging/retention.ts';

/** What a service's routes and consumers get: its own schema, and the shared ports. */
export interface ServiceContext {
  name: string;
  db: Database;
  bus: EventBus;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  realtime: RealtimePublisher;
  /** Counters of the service's own on the process's /metrics (Prometheus). */
  metrics: ServiceMetrics;
  tokens: TokenService;
  sessions: SessionRegistry;
  deriveKey(purpose: string): Buffer;
  /** The process's validated configuration; a service reads the variables it declared in `env`. */
  config: Readonly<Record<string, unknown>>;
  /** True inside the gateway process (npm start, whole-platform tests); false when it runs alone. */
  isEmbedded: boolean;
}

/**
 * A bounded context: one schema, its routes, consumers and jobs. The same module runs embedded (in the
 * gateway's process) or alone. `wire` builds the service's dependencies once per running instance (stores,
 * adapters, settings); everything else receives them, so no module-level state is needed.
 */
export interface ServiceModule<Deps = unknown> {
  /** Also the PostgreSQL schema the service owns. */
  name: string;
  migrationsDir: string;
  /** The route contracts it implements; the gateway documents, authorises and (distributed) forwards them. */
  contracts: readonly RouteContract[];
  /**
   * The service's own environment variables; the gateway's and the service's own process validate them
   * at start-up with the platform's.
   */
  env?: TObject;
  wire(context: ServiceContext): Deps | Promise<Deps>;
  routes(app: FastifyInstance, deps: Deps): void;
  subscriptions?(deps: Deps): Subscription[];
  /** Background loops, started after migrations and wiring. */
  jobs?(deps: Deps): Job[];
  /** Releases what `wire` acquired (adapters, local simulators), after jobs and consumers stopped. */
  stop?(deps: Deps): Promise<void>;
}

export interface RunningService<Deps = unknown> {
  module: ServiceModule<Deps>;
  context: ServiceContext;
  deps: Deps;
  outbox: OutboxRelay;
  /** Mounts the service's routes on `app` (the gateway, or its own server when it runs alone). */
  registerRoutes(app: FastifyInstance): void;
  stop(): Promise<void>;
}

function instrument(subscription: Subscription, metrics: Metrics): Subscription {
  return {
    ...subscription,
    handler: (event, delivery) =>
      executionContext.run({ correlationId: event.correlationId, causationId: event.id }, async () => {
        try {
          await subscription.handler(event, delivery);
          metrics.eventsHandled.inc({ group: subscription.group, type: event.type, outcome: 'ok' });
        } catch (error) {
          metrics.eventsHandled.inc({ group: subscription.group, type: event.type, outcome: 'error' });
          throw error;
        }
      }),
  };
}

/**
 * Migrates the service's schema, wires it, starts its outbox relay, the outbox and inbox retention, its jobs
 * and its consumers.
 */
export async function startService<Deps>(
  module: ServiceModule<Deps>,
  infra: Infrastructure,
  options: { poolSize?: number; isEmbedded?: boolean } = {},
): Promise<RunningService<Deps>> {
  const logger = infra.logger.child({ service: module.name });
  const db = connectDatabase({
    url: infra.databaseUrl,
    schema: module.name,
    max: options.poolSize ?? 10,
    logger,
  });
  await migrate(db, module.migrationsDir, logger);
  const context: ServiceContext = {
    name: module.name,
    db,
    bus: infra.bus,
    cache: infra.cache,
    clock: infra.clock,
    logger,
    realtime: createRealtimePublisher(infra.cache),
    metrics: serviceMetricsOf(infra.metrics),
    tokens: infra.tokens,
    sessions: infra.sessions,
    deriveKey: infra.deriveKey,
    config: infra.config,
    isEmbedded: options.isEmbedded ?? true,
  };
  const outbox = startOutboxRelay({ db, bus: infra.bus, logger });
  const retention = await retentionJob(db, logger).start();
  const lagTimer = setInterval(() => {
    outbox.lagMs().then(
      (lag) => infra.metrics.outboxLagSeconds.set({ schema: module.name }, lag / 1000),
      () => undefined,
    );
  }, 5000);
  lagTimer.unref();
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    clearInterval(lagTimer);
    for (const stop of stops.reverse()) await stop();
    await retention.stop();
    await outbox.stop();
    await db.close();
  };
  try {
    const deps = await module.wire(context);
    stops.push(async () => module.stop?.(deps));
    for (const job of module.jobs?.(deps) ?? []) {
      const running = await job.start();
      stops.push(() => running.stop());
    }
    for (const subscription of module.subscriptions?.(deps) ?? [])
      stops.push(await infra.bus.subscribe(instrument(subscription, infra.metrics)));
    return {
      module,
      context,
      deps,
      outbox,
      registerRoutes: (app) => module.routes(app, deps),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}

/** The running instance of `module` among `services`, typed by the module it runs. */
export const runningInstanceOf = <Deps>(
  services: readonly RunningService[],
  module: ServiceModule<Deps>,
): RunningService<Deps> | undefined =>
  services.find((running) => running.module === module) as RunningService<Deps> | undefined;
