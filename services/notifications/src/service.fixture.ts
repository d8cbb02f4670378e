import { fileURLToPath } from 'node:url';
import type { Principal } from '@zefy/contracts';
import {
  connectDatabase,
  createHttpApp,
  createInProcessBus,
  createLogger,
  createMemoryCache,
  createRealtimePublisher,
  createTokenService,
  ManualClock,
  migrate,
  newId,
  type ServiceContext,
} from '@zefy/platform';
import { createTestDatabase } from '@zefy/platform/testing';
import type { FastifyInstance } from 'fastify';
import { registerDeviceRoutes } from './devices/devices.routes.ts';
import { registerInboxRoutes } from './notifications/notifications.routes.ts';

export interface ServiceFixture {
  context: ServiceContext;
  clock: ManualClock;
  app: FastifyInstance;
  tokenFor(principal: Principal): Promise<string>;
  close(): Promise<void>;
}

/** The notifications schema, migrated, in a fresh database of the test server, with its routes on an app. */
export async function startServiceFixture(serverUrl: string): Promise<ServiceFixture> {
  const database = await createTestDatabase(serverUrl);
  const logger = createLogger({ level: 'silent' });
  const db = connectDatabase({ url: database.url, schema: 'notifications', max: 8 });
  await migrate(db, fileURLToPath(new URL('../migrations', import.meta.url)));
  const cache = createMemoryCache();
  const bus = createInProcessBus({ logger });
  const clock = new ManualClock(new Date('2026-11-24T10:00:00.000Z'));
  const context: ServiceContext = {
    name: 'notifications',
    db,
    bus,
    cache,
    clock,
    logger,
    realtime: createRealtimePublisher(cache),
    config: {},
  };
  const tokens = createTokenService(`fixture-secret-${newId()}`);
  const app = createHttpApp({ logger, tokens });
  registerDeviceRoutes(app, context);
  registerInboxRoutes(app, context);
  await app.ready();
  return {
    context,
    clock,
    app,
    tokenFor: (principal) => tokens.issueAccessToken(principal),
    async close() {
      await app.close();
      await bus.close();
      await cache.close();
      await db.close();
      await database.drop();
    },
  };
}
