import { decideOrThrow, pruneExpired } from '@zefy/platform';
import type { NotificationsDeps } from '../deps.ts';
import { staleDeviceRetention } from '../devices/devices.repository.ts';
import { pushLinkFor } from '../notifications/notifications.ts';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  finishedDeliveryRetention,
  recordOutcome,
} from './push.repository.ts';
import { type DeliveryCommand, pushDelivery } from './push.ts';

const batchSize = 50;
// a worker that has not recorded an outcome by then is presumed dead, and another sends the push again
const leaseMs = 60_000;
const system = { kind: 'system' as const, id: 'notifications' };

/** Sends one leased batch of due pushes and records each outcome; resolves with how many it leased. */
async function deliverBatch(deps: NotificationsDeps): Promise<number> {
  const { db, push } = deps;
  const claimed = await claimDueDeliveries(db, batchSize, leaseMs);
  if (claimed.length === 0) return 0;
  const sendable = claimed.flatMap(({ message, ...delivery }) =>
    message
      ? [
          {
            ...delivery,
            message: {
              ...message,
              link: pushLinkFor(push.appUrls, delivery.recipient, delivery.kind, message.data),
            },
          },
        ]
      : [],
  );
  const results = await push.sender.sendEach(sendable.map((delivery) => delivery.message));
  const decider = pushDelivery(push.retry);

  async function record(delivery: ClaimedDelivery, command: DeliveryCommand): Promise<void> {
    const { events } = decideOrThrow(
      decider,
      command,
      { status: 'pending', attempt: delivery.attempt },
      { actor: system, now: deps.clock.now() },
    );
    for (const event of events) {
      if (event.type === 'PushRetryScheduled' || event.type === 'PushFailed')
        deps.logger.warn(
          { deliveryId: delivery.id, attempt: delivery.attempt, ...event },
          'push not delivered',
        );
      await recordOutcome(db, { ...delivery, token: delivery.message?.token ?? null }, event);
    }
  }

  await Promise.all([
    ...claimed.flatMap((delivery) =>
      delivery.skipReason ? [record(delivery, { type: 'Skip', reason: delivery.skipReason })] : [],
    ),
    ...sendable.map((delivery, index) =>
      record(delivery, { type: 'RecordSend', result: results[index]!, jitter: Math.random() }),
    ),
  ]);
  return claimed.length;
}

/**
 * Sends every push due now, batch by batch, outside the event handler, so a slow or failing FCM never holds
 * up the inbox; each device retries on its own schedule from the table, which survives restarts. Any number
 * of instances may run it against one schema. Resolves with how many deliveries it attempted.
 */
export async function deliverDuePushes(deps: NotificationsDeps, signal?: AbortSignal): Promise<number> {
  let total = 0;
  for (;;) {
    const leased = await deliverBatch(deps);
    total += leased;
    if (leased < batchSize || signal?.aborted) return total;
  }
}

/**
 * Drops devices FCM would no longer deliver to and finished deliveries older than support needs, a batch at
 * a time (`pruneExpired`).
 */
export async function pruneDevicesAndDeliveries(
  deps: NotificationsDeps,
  signal?: AbortSignal,
): Promise<void> {
  const now = deps.clock.now();
  await pruneExpired(deps.db, staleDeviceRetention, { now, signal });
  await pruneExpired(deps.db, finishedDeliveryRetention, { now, signal });
}
