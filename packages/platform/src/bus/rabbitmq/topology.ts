import type { ConfirmChannel, Options } from 'amqplib';
import type { RetryPolicy } from '../bus.ts';
import { retryDelayMs } from '../retry.ts';

/** The queues of one consumer group. */
export interface GroupQueueNames {
  main: string;
  deadLetter: string;
  /** One queue per distinct backoff delay; expired messages flow back to `main`. */
  retries: Array<{ delayMs: number; queue: string }>;
}

// Our attempt header only counts handler failures; the broker's own counter stops crash loops
// (process killed mid-handler) by dead-lettering into the DLQ.
const groupQueueDeliveryLimit = 20;
// Listing the DLQ requeues its messages, which counts as a delivery before RabbitMQ 4.3. "-1 = unlimited"
// exists only from 4.0 (3.x drops the message at once), so the limit is set out of reach instead.
const deadLetterQueueDeliveryLimit = 1_000_000;
// Quorum queues dead-letter at-least-once only with this strategy, which requires reject-publish overflow.
const atLeastOnceDeadLettering = {
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
};

export function groupQueueNames(queuePrefix: string, group: string, retry: RetryPolicy): GroupQueueNames {
  const main = `${queuePrefix}.${group}`;
  const delays = new Set<number>();
  for (let attempt = 1; attempt < retry.maxAttempts; attempt++) delays.add(retryDelayMs(retry, attempt));
  return {
    main,
    deadLetter: `${main}.dlq`,
    retries: [...delays].map((delayMs) => ({ delayMs, queue: retryQueueName(main, delayMs) })),
  };
}

export function retryQueueName(mainQueue: string, delayMs: number): string {
  return `${mainQueue}.retry.${delayMs}ms`;
}

/** The durable topic exchange every event is published to, with its type as routing key. */
export async function declareExchange(channel: ConfirmChannel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

/** A group's quorum queues (main, one per retry delay, dead letters), the main one bound to `eventTypes`. */
export async function declareGroupQueues(
  channel: ConfirmChannel,
  exchange: string,
  queues: GroupQueueNames,
  eventTypes: readonly string[],
): Promise<void> {
  const { main, deadLetter, retries } = queues;
  await channel.assertQueue(deadLetter, quorumQueue({ 'x-delivery-limit': deadLetterQueueDeliveryLimit }));
  await channel.assertQueue(
    main,
    quorumQueue({
      ...atLeastOnceDeadLettering,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': deadLetter,
      'x-delivery-limit': groupQueueDeliveryLimit,
    }),
  );
  for (const { delayMs, queue } of retries) {
    await channel.assertQueue(
      queue,
      quorumQueue({
        ...atLeastOnceDeadLettering,
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': main,
      }),
    );
  }
  for (const type of eventTypes) await channel.bindQueue(main, exchange, type);
}

function quorumQueue(queueArguments: Record<string, string | number>): Options.AssertQueue {
  return { durable: true, arguments: { 'x-queue-type': 'quorum', ...queueArguments } };
}
