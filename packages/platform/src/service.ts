import type { RouteContract } from '@zefy/contracts';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TProperties } from 'typebox';
import type { EventBus, Subscription } from './bus/bus.ts';
import type { Cache } from './cache/cache.ts';
import { executionContext } from './context.ts';
import type { Clock } from './core/clock.ts';
import { connectDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import type { Metrics } from './http/metrics.ts';
import type { Infrastructure } from './infrastructure.ts';
import { type OutboxRelay, startOutboxRelay } from './messaging/outbox.ts';
import { createRealtimePublisher, type RealtimePublisher } from './messaging/realtime.ts';

/** What a service's routes and consumers get: its own schema, and the shared ports. */
export interface ServiceContext {
  name: string;
  db: Database;
  bus: EventBus;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  realtime: RealtimePublisher;
  /** The process's validated configuration, including the variables the module declares in `env`. */
  config: Readonly<Record<string, unknown>>;
}

/** A bounded context: one schema, its routes, its consumers. The same module runs embedded or alone. */
export interface ServiceModule {
  /** Also the PostgreSQL schema the service owns. */
  name: string;
  migrationsDir: string;
  routes: readonly RouteContract[];
  registerRoutes(app: FastifyInstance, context: ServiceContext): void;
  subscriptions?(context: ServiceContext): Subscription[];
  /** Environment variables of the service's own (adapters, tuning): validated with the process's at start-up. */
  env?: TProperties;
  /** Background work (workers, pollers, local simulators), started after migrations; resolves to its stop. */
  start?(context: ServiceContext): Promise<() => Promise<void>>;
}

export interface RunningService {
  module: ServiceModule;
  context: ServiceContext;
  outbox: OutboxRelay;
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

/** Migrates the service's schema, starts its outbox relay and its consumers. */
export async function startService(
  module: ServiceModule,
  infra: Infrastructure,
  options: { poolSize?: number; config?: Readonly<Record<string, unknown>> } = {},
): Promise<RunningService> {
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
    config: options.config ?? {},
  };
  const outbox = startOutboxRelay({ db, bus: infra.bus, logger });
  const lagTimer = setInterval(() => {
    outbox.lagMs().then(
      (lag) => infra.metrics.outboxLagSeconds.set({ schema: module.name }, lag / 1000),
      () => undefined,
    );
  }, 5000);
  lagTimer.unref();
  let stopBackground: () => Promise<void> = async () => undefined;
  let stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    clearInterval(lagTimer);
    await Promise.all(stops.map((stopConsumer) => stopConsumer()));
    await stopBackground();
    await outbox.stop();
    await db.close();
  };
  try {
    if (module.start) stopBackground = await module.start(context);
    stops = await Promise.all(
      (module.subscriptions?.(context) ?? []).map((subscription) =>
        infra.bus.subscribe(instrument(subscription, infra.metrics)),
      ),
    );
  } catch (error) {
    // a module that cannot start (bad configuration) leaves no relay, timer, consumer or pool behind
    await stop().catch(() => undefined);
    throw error;
  }
  return { module, context, outbox, stop };
}
