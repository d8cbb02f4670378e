import { fileURLToPath } from 'node:url';
import type { Principal } from '@zefy/contracts';
import {
  connectDatabase,
  createHttpApp,
  createInProcessBus,
  createLogger,
  createMemoryCache,
  createRealtimePublisher,
  createSessionRegistry,
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
  const sessions = createSessionRegistry(cache);
  const secret = `fixture-secret-${newId()}`;
  const tokens = createTokenService(secret, sessions);
  const context: ServiceContext = {
    name: 'notifications',
    db,
    bus,
    cache,
    clock,
    logger,
    realtime: createRealtimePublisher(cache),
    config: {},
    tokens,
    sessions,
    deriveKey: (purpose) => Buffer.from(`${secret}:${purpose}`),
    isEmbedded: true,
  };
  const app = createHttpApp({ logger, tokens });
  registerDeviceRoutes(app, context);
  registerInboxRoutes(app, context);
  await app.ready();
  return {
    context,
    clock,
    app,
    // a live session per token, as after a login, since every request checks its session
    async tokenFor(principal) {
      const sessionId = newId();
      await sessions.open(sessionId, principal, 3600_000);
      return tokens.issueAccessToken({ principal, sessionId });
    },
    async close() {
      await app.close();
      await bus.close();
      await cache.close();
      await db.close();
      await database.drop();
    },
  };
}
