import { createHash, randomUUID } from 'node:crypto';
import type { EventEnvelope, Principal } from '@zefy/contracts';
import {
  createHttpApp,
  createInProcessBus,
  createMemoryCache,
  createMetrics,
  createSessionRegistry,
  createTokenService,
  type Infrastructure,
  loadConfig,
  ManualClock,
  PlatformEnv,
  type RunningService,
  startService,
} from '@zefy/platform';
import { createTestDatabase, type TestDatabase } from '@zefy/platform/testing';
import {
  createRazorpaySimulator,
  listenRazorpaySim,
  type RazorpaySimServer,
  type RazorpaySimulator,
} from '@zefy/razorpay-sim';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { paymentsService } from '../src/index.ts';

export const simKeys = {
  keyId: 'rzp_test_harness000001',
  keySecret: 'harness-key-secret-01',
  webhookSecret: 'harness-webhook-secret-new',
};
export const previousWebhookSecret = 'harness-webhook-secret-old';

export interface Harness {
  baseUrl: string;
  sim: RazorpaySimulator;
  clock: ManualClock;
  db: pg.Pool;
  service: RunningService;
  infra: Infrastructure;
  logLines: string[];
  tokenFor(principal: Principal): Promise<string>;
  /** Calls the payments API over HTTP. */
  api(
    path: string,
    init?: {
      method?: string;
      token?: string;
      idempotencyKey?: string;
      json?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
  /** Outbox rows of a type, as published. */
  outbox(type: string): Promise<EventEnvelope[]>;
  publish(event: EventEnvelope): Promise<void>;
  stop(): Promise<void>;
}

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The payments service alone against a fresh database, an in-process bus, and a Razorpay simulator on its
 * own port whose webhooks come to this service's HTTP endpoint. Its clock is manual, so "an hour later"
 * is a call away; the periodic reconciliation only touches what is older than an hour by that clock.
 */
export async function startHarness(serverUrl: string): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(serverUrl);
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const clock = new ManualClock(new Date());
  const sim = createRazorpaySimulator({
    keys: simKeys,
    webhook: { retry: { initialDelayMs: 50, maxDelayMs: 200, windowMs: 60_000 }, timeoutMs: 2_000 },
  });
  const simServer: RazorpaySimServer = await listenRazorpaySim(sim, { host: '127.0.0.1', port: 0 });
  const bus = createInProcessBus({ logger, retry: { maxAttempts: 3, backoffMs: [20] } });
  const cache = createMemoryCache();
  const secret = `harness-secret-${randomUUID()}`;
  const sessions = createSessionRegistry(cache);
  const tokens = createTokenService(secret, sessions);
  const infra: Infrastructure = {
    mode: 'embedded',
    databaseUrl: database.url,
    config: {
      ...loadConfig(PlatformEnv, { NODE_ENV: 'test', LOG_LEVEL: 'info' }),
      RAZORPAY_BASE_URL: simServer.url,
      RAZORPAY_KEY_ID: simKeys.keyId,
      RAZORPAY_KEY_SECRET: simKeys.keySecret,
      RAZORPAY_WEBHOOK_SECRET: simKeys.webhookSecret,
      RAZORPAY_WEBHOOK_SECRET_PREVIOUS: previousWebhookSecret,
      PAYMENTS_RECONCILE_INTERVAL_SECONDS: 1,
      PAYMENTS_RECONCILE_AFTER_SECONDS: 3600,
    },
    bus,
    cache,
    tokens,
    sessions,
    deriveKey: (purpose) => createHash('sha256').update(`${secret}:${purpose}`).digest(),
    clock,
    logger,
    metrics: createMetrics('payments-test'),
    readiness: async () => ({}),
    close: async () => {
      await bus.close();
      await cache.close();
    },
  };
  const service = await startService(paymentsService, infra);
  const app: FastifyInstance = createHttpApp({ logger, tokens });
  await app.register(async (scope) => paymentsService.registerRoutes(scope, service.context));
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  sim.webhooks.update({ url: `${baseUrl}/api/v1/payments/webhooks/razorpay` });
  const db = new pg.Pool({ connectionString: database.url, options: '-c search_path=payments', max: 4 });
  db.on('error', (error) => logger.warn({ err: error }, 'test pool connection failed'));
  return {
    baseUrl,
    sim,
    clock,
    db,
    service,
    infra,
    logLines,
    async tokenFor(principal) {
      const sessionId = randomUUID();
      await sessions.open(sessionId, principal, 3600_000);
      return tokens.issueAccessToken({ principal, sessionId });
    },
    api(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${baseUrl}${path}`, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers,
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });
    },
    async outbox(type) {
      const { rows } = await db.query<{ envelope: EventEnvelope }>(
        'SELECT envelope FROM outbox WHERE type = $1 ORDER BY created_at, id',
        [type],
      );
      return rows.map((row) => row.envelope);
    },
    publish: (event) => bus.publish(event),
    async stop() {
      // webhooks first: a delivery finishing after the server began closing would hold a keep-alive connection open
      await sim.close();
      await app.close();
      await service.stop();
      await simServer.close();
      await db.end();
      await infra.close();
      await database.drop();
    },
  };
}
