import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  connectDatabase,
  createEvent,
  createLogger,
  createMemoryCache,
  createRealtimePublisher,
  createWake,
  migrate,
  newId,
  startEmbeddedPostgres,
  systemClock,
} from '@zefy/platform';
import { createTestDatabase } from '@zefy/platform/testing';
import { startFcmSimulator } from '@zefy/stand-ins/fcm';
import type { NotificationsDeps } from '../services/notifications/src/deps.ts';
import { registerDevice } from '../services/notifications/src/devices/devices.commands.ts';
import { storeNotifications } from '../services/notifications/src/notifications/notifications.repository.ts';
import { notificationsFor } from '../services/notifications/src/notifications/notifications.ts';
import { createFcmRestSender } from '../services/notifications/src/push/fcm.rest-sender.ts';
import { toWireMessage } from '../services/notifications/src/push/fcm.wire.ts';
import { deliverDuePushes } from '../services/notifications/src/push/push.commands.ts';
import {
  defaultPushRetry,
  type PushMessage,
  type PushSender,
} from '../services/notifications/src/push/push.ts';
import { generateLoad } from './load.ts';
import type { BenchOutcome } from './run.ts';
import { summarize } from './stats.ts';

const customers = Number(process.env.BENCH_PUSH_CUSTOMERS ?? 1000);
const devicesPerCustomer = 2;

/** The sender's batches timed: each message's latency is its batch's (they go out together). */
function timed(sender: PushSender, latencies: number[], sent: PushMessage[]): PushSender {
  return {
    name: sender.name,
    close: () => sender.close(),
    async sendEach(messages) {
      const started = performance.now();
      const results = await sender.sendEach(messages);
      const ms = performance.now() - started;
      for (const message of messages) {
        latencies.push(ms);
        sent.push(message);
      }
      return results;
    },
  };
}

/**
 * Push delivery (the push-delivery job's work: claim due rows, send, record) from notifications stored for
 * one booking.confirmed per customer, to the FCM simulator over HTTP, on DATABASE_URL or an embedded
 * PostgreSQL; against the same FCM requests sent raw from a separate process, as many in flight.
 */
export async function run(): Promise<BenchOutcome> {
  let serverUrl = process.env.DATABASE_URL;
  const scratch = await mkdtemp(path.join(tmpdir(), 'zefy-bench-push-'));
  const embedded = serverUrl ? null : await startEmbeddedPostgres(scratch);
  serverUrl ??= embedded!.url;
  const database = await createTestDatabase(serverUrl);
  const logger = createLogger({ level: 'silent' });
  const db = connectDatabase({ url: database.url, schema: 'notifications', max: 10 });
  const simulator = await startFcmSimulator();
  const cache = createMemoryCache();
  const batchMs: number[] = [];
  const sentMessages: PushMessage[] = [];
  const deps: NotificationsDeps = {
    db,
    clock: systemClock,
    logger,
    realtime: createRealtimePublisher(cache),
    push: {
      sender: timed(
        createFcmRestSender({
          baseUrl: simulator.url,
          projectId: simulator.projectId,
          accessToken: async () => simulator.accessToken,
        }),
        batchMs,
        sentMessages,
      ),
      retry: defaultPushRetry,
      queued: createWake(),
      // as in production: each push carries the link its tap opens
      appUrls: { customer: 'https://zefy.example/', partner: 'https://zefy.example/partner/' },
    },
  };
  try {
    await migrate(db, fileURLToPath(new URL('../services/notifications/migrations', import.meta.url)));
    const recipients = Array.from({ length: customers }, () => ({ kind: 'customer' as const, id: newId() }));
    for (const recipient of recipients)
      for (let device = 0; device < devicesPerCustomer; device++)
        await registerDevice(deps, recipient, `d${device}`, { token: `tok-${newId()}`, platform: 'android' });

    for (const recipient of recipients) {
      const event = createEvent(
        'booking.confirmed',
        {
          bookingId: newId(),
          customerId: recipient.id,
          hubId: 'h',
          serviceName: 'Deep cleaning',
          scheduledFor: null,
        },
        { actor: { kind: 'system', id: 'bench' }, clock: systemClock },
      );
      await db.transaction((tx) => storeNotifications(tx, notificationsFor(event), event.id, new Date()));
    }

    const sendStart = performance.now();
    let sent = 0;
    while (sent < customers * devicesPerCustomer) sent += await deliverDuePushes(deps);
    const platform = summarize(batchMs, performance.now() - sendStart);

    const raw = await generateLoad({
      kind: 'http',
      baseUrl: simulator.url,
      concurrency: 16,
      requests: sentMessages.map((message) => ({
        method: 'POST',
        path: `/v1/projects/${simulator.projectId}/messages:send`,
        headers: { authorization: `Bearer ${simulator.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: toWireMessage(message) }),
      })),
    });
    return {
      scenarios: [
        {
          label: `push delivery job, ${sent} pushes to the FCM simulator`,
          platform,
          baseline: {
            label: 'the same FCM requests, raw, 16 in flight',
            ...summarize(raw.latenciesMs, raw.elapsedMs),
          },
        },
      ],
      settings: {
        customers,
        devicesPerCustomer,
        rawStatuses: raw.statuses,
        note: "platform latency is a batch's (up to 50 sent together, 16 in flight)",
      },
    };
  } finally {
    await simulator.close();
    await cache.close();
    await db.close();
    await database.drop();
    await embedded?.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
