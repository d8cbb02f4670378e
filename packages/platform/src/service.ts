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
import type { Metrics } from './http/metrics.ts';
import type { SessionRegistry } from './http/sessions.ts';
import type { TokenService } from './http/tokens.ts';
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
  tokens: TokenService;
  sessions: SessionRegistry;
  deriveKey(purpose: string): Buffer;
  /** The process's validated configuration; a service reads the variables it declared in `env`. */
  config: Readonly<Record<string, unknown>>;
  /** True inside the gateway process (npm start, whole-platform tests); false when it runs alone. */
  isEmbedded: boolean;
}

/** A bounded context: one schema, its routes, its consumers. The same module runs embedded or alone. */
export interface ServiceModule {
  /** Also the PostgreSQL schema the service owns. */
  name: string;
  migrationsDir: string;
  routes: readonly RouteContract[];
  registerRoutes(app: FastifyInstance, context: ServiceContext): void;
  subscriptions?(context: ServiceContext): Subscription[];
  /**
   * The service's own environment variables; the gateway's and the service's own process validate them
   * at start-up with the platform's.
   */
  env?: TObject;
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
  options: { poolSize?: number; isEmbedded?: boolean } = {},
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
    tokens: infra.tokens,
    sessions: infra.sessions,
    deriveKey: infra.deriveKey,
    config: infra.config,
    isEmbedded: options.isEmbedded ?? true,
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
  try {
    if (module.start) stopBackground = await module.start(context);
  } catch (error) {
    clearInterval(lagTimer);
    await outbox.stop();
    await db.close();
    throw error;
  }
  const stops = await Promise.all(
    (module.subscriptions?.(context) ?? []).map((subscription) =>
      infra.bus.subscribe(instrument(subscription, infra.metrics)),
    ),
  );
  return {
    module,
    context,
    outbox,
    async stop() {
      clearInterval(lagTimer);
      await Promise.all(stops.map((stop) => stop()));
      await stopBackground();
      await outbox.stop();
      await db.close();
    },
  };
}
