import { type Database, type Logger, startDrainLoop } from '@zefy/platform';
import { pruneStaleDevices } from '../devices/devices.repository.ts';
import { claimDueDeliveries, pruneFinishedDeliveries, recordOutcome } from './push.repository.ts';
import { decideDelivery, defaultPushRetry, type PushRetryPolicy, type PushSender } from './push.ts';

export interface PushWorkerOptions {
  db: Database;
  sender: PushSender;
  logger: Logger;
  now: () => Date;
  retry?: PushRetryPolicy;
  batchSize?: number;
  /** How often due retries (and deliveries queued by other instances) are looked for. */
  pollIntervalMs?: number;
  leaseMs?: number;
  random?: () => number;
}

export interface PushWorker {
  /** Sends everything due now; resolves with the number of deliveries attempted. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

const dayMs = 24 * 3600_000;

/**
 * Sends queued pushes outside the event handler, so a slow or failing FCM never holds up the inbox, and
 * retries each device on its own schedule (backoff with jitter, Retry-After honoured) from the table, which
 * survives restarts. Any number of workers may run against one schema.
 */
export function startPushWorker(options: PushWorkerOptions): PushWorker {
  const { db, sender, logger } = options;
  const retry = options.retry ?? defaultPushRetry;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const random = options.random ?? Math.random;

  async function sendBatch(): Promise<number> {
    const claimed = await claimDueDeliveries(db, batchSize, leaseMs);
    if (claimed.length === 0) return 0;
    const sendable = claimed.flatMap((delivery) =>
      delivery.message ? [{ ...delivery, message: delivery.message }] : [],
    );
    const results = await sender.sendEach(sendable.map((delivery) => delivery.message));
    await Promise.all([
      ...claimed
        .filter((delivery) => !delivery.message)
        .map((delivery) => recordOutcome(db, { ...delivery, token: null }, { status: 'skipped' })),
      ...sendable.map(async (delivery, index) => {
        const decision = decideDelivery(results[index]!, delivery.attempt, retry, random);
        if (decision.status !== 'sent')
          logger.warn(
            { deliveryId: delivery.id, attempt: delivery.attempt, ...decision },
            'push not delivered',
          );
        await recordOutcome(db, { ...delivery, token: delivery.message.token }, decision);
      }),
    ]);
    return claimed.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await sendBatch();
      total += sent;
      if (sent < batchSize || loop.isStopped()) return total;
    }
  }

  async function prune(): Promise<void> {
    try {
      await pruneStaleDevices(db.pool, options.now());
      await pruneFinishedDeliveries(db.pool, 30 * dayMs);
    } catch (error) {
      logger.warn({ err: error }, 'push prune failed');
    }
  }

  const loop = startDrainLoop({
    drain,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    onError: (error) => logger.error({ err: error }, 'push worker failed'),
    housekeeping: { everyMs: 3600_000, run: prune },
  });

  return { flush: loop.flush, stop: loop.stop };
}
