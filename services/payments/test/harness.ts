import type { EventEnvelope, Principal } from '@zefy/contracts';
import { type Infrastructure, ManualClock, type RunningService } from '@zefy/platform';
import { startServiceHarness } from '@zefy/platform/testing';
import {
  createRazorpaySimulator,
  listenRazorpaySim,
  type RazorpaySimServer,
  type RazorpaySimulator,
} from '@zefy/stand-ins/razorpay';
import pg from 'pg';
import pino from 'pino';
import { paymentsService } from '../src/index.ts';
import { heldEvent } from './holds.ts';

export const simKeys = {
  keyId: 'rzp_test_harness000001',
  keySecret: 'harness-key-secret-01',
  webhookSecret: 'harness-webhook-secret-new',
};
export const previousWebhookSecret = 'harness-webhook-secret-old';

export interface Harness {
  baseUrl: string;
  /** The service's own database, for tests that need connections of their own. */
  databaseUrl: string;
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
  /**
   * A hold of the customer, as if booking had just placed it (expiring 10 minutes from the harness clock):
   * published as `booking.held`, and answered once payments has learned it.
   */
  hold(customerId: string, amountPaise?: number): Promise<string>;
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
 * The payments service in the platform's service harness (in-process bus with quick retries) and a Razorpay
 * simulator on its own port whose webhooks come to this service's HTTP endpoint. Its clock is manual, so
 * "an hour later" is a call away; the periodic reconciliation only touches what is older than an hour by that
 * clock.
 */
export async function startHarness(serverUrl: string): Promise<Harness> {
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const clock = new ManualClock(new Date());
  const sim = createRazorpaySimulator({
    keys: simKeys,
    webhook: { retry: { initialDelayMs: 50, maxDelayMs: 200, windowMs: 60_000 }, timeoutMs: 2_000 },
  });
  const simServer: RazorpaySimServer = await listenRazorpaySim(sim, { host: '127.0.0.1', port: 0 });
  const harness = await startServiceHarness(paymentsService, {
    serverUrl,
    clock,
    logger,
    retry: { maxAttempts: 3, backoffMs: [20] },
    config: {
      RAZORPAY_BASE_URL: simServer.url,
      RAZORPAY_KEY_ID: simKeys.keyId,
      RAZORPAY_KEY_SECRET: simKeys.keySecret,
      RAZORPAY_WEBHOOK_SECRET: simKeys.webhookSecret,
      RAZORPAY_WEBHOOK_SECRET_PREVIOUS: previousWebhookSecret,
      PAYMENTS_RECONCILE_INTERVAL_SECONDS: 1,
      PAYMENTS_RECONCILE_AFTER_SECONDS: 3600,
      PAYMENTS_HOLD_WAIT_MS: 1000,
    },
    listen: true,
  });
  const baseUrl = harness.url as string;
  sim.webhooks.update({ url: `${baseUrl}/api/v1/payments/webhooks/razorpay` });
  const db = new pg.Pool({
    connectionString: harness.databaseUrl,
    options: '-c search_path=payments',
    max: 4,
  });
  db.on('error', (error) => logger.warn({ err: error }, 'test pool connection failed'));
  return {
    baseUrl,
    databaseUrl: harness.databaseUrl,
    sim,
    clock,
    db,
    service: harness.service,
    infra: harness.infra,
    logLines,
    tokenFor: harness.tokenFor,
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
    async hold(customerId, amountPaise = 49_900) {
      const event = heldEvent({
        customerId,
        amountPaise,
        expiresAt: new Date(clock.now().getTime() + 600_000),
      });
      await harness.infra.bus.publish(event);
      await until(
        async () =>
          (await db.query('SELECT 1 FROM payables WHERE id = $1', [event.data.bookingId])).rows.length === 1,
      );
      return event.data.bookingId;
    },
    async outbox(type) {
      const { rows } = await db.query<{ envelope: EventEnvelope }>(
        'SELECT envelope FROM outbox WHERE type = $1 ORDER BY created_at, id',
        [type],
      );
      return rows.map((row) => row.envelope);
    },
    publish: (event) => harness.infra.bus.publish(event),
    async stop() {
      // webhooks first: a delivery finishing after the server began closing would hold a keep-alive connection open
      await sim.close();
      await db.end();
      await harness.stop();
      await simServer.close();
    },
  };
}
