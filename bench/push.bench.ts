import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFcmSimulator } from '@zefy/notifications';
import {
  connectDatabase,
  createEvent,
  createLogger,
  migrate,
  newId,
  startEmbeddedPostgres,
  systemClock,
} from '@zefy/platform';
import { createTestDatabase } from '@zefy/platform/testing';
import { upsertDevice } from '../services/notifications/src/devices/devices.repository.ts';
import { storeNotification } from '../services/notifications/src/notifications/notifications.repository.ts';
import { notificationFor } from '../services/notifications/src/notifications/notifications.ts';
import { createFcmRestSender } from '../services/notifications/src/push/fcm.rest-sender.ts';
import { startPushWorker } from '../services/notifications/src/push/push.worker.ts';

const customers = 1000;
const devicesPerCustomer = 2;

/**
 * Inbox writes (one booking.confirmed per customer, with its push rows) and push delivery through the worker to
 * the FCM simulator over HTTP, on DATABASE_URL or an embedded PostgreSQL.
 */
export async function run(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  const scratch = await mkdtemp(path.join(tmpdir(), 'zefy-bench-push-'));
  const embedded = serverUrl ? null : await startEmbeddedPostgres(scratch);
  serverUrl ??= embedded!.url;
  const database = await createTestDatabase(serverUrl);
  const logger = createLogger({ level: 'silent' });
  const db = connectDatabase({ url: database.url, schema: 'notifications', max: 10 });
  const simulator = await startFcmSimulator();
  try {
    await migrate(db, fileURLToPath(new URL('../services/notifications/migrations', import.meta.url)));
    const recipients = Array.from({ length: customers }, () => ({ kind: 'customer' as const, id: newId() }));
    for (const recipient of recipients)
      for (let device = 0; device < devicesPerCustomer; device++)
        await upsertDevice(
          db,
          recipient,
          `d${device}`,
          { token: `tok-${newId()}`, platform: 'android' },
          new Date(),
        );

    const storeStart = performance.now();
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
      await db.transaction((tx) => storeNotification(tx, notificationFor(event)!, event.id, new Date()));
    }
    const storeSeconds = (performance.now() - storeStart) / 1000;

    const sender = createFcmRestSender({
      baseUrl: simulator.url,
      projectId: simulator.projectId,
      accessToken: async () => simulator.accessToken,
    });
    const sendStart = performance.now();
    const worker = startPushWorker({ db, sender, logger, now: () => new Date(), pollIntervalMs: 3_600_000 });
    let sent = 0;
    while (sent < customers * devicesPerCustomer) sent += await worker.flush();
    const sendSeconds = (performance.now() - sendStart) / 1000;
    await worker.stop();

    console.info(
      `inbox writes: ${customers} notifications (+${customers * devicesPerCustomer} push rows) in ${storeSeconds.toFixed(2)} s = ${Math.round(customers / storeSeconds)}/s, one transaction each`,
    );
    console.info(
      `push delivery: ${sent} pushes to the FCM simulator over HTTP in ${sendSeconds.toFixed(2)} s = ${Math.round(sent / sendSeconds)}/s (batches of 50, 16 in flight)`,
    );
  } finally {
    await simulator.close();
    await db.close();
    await database.drop();
    await embedded?.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
