import type { Logger } from 'pino';
import { defaultRetryPolicy, type EventBus, type RetryPolicy } from '../bus.ts';
import { openRabbitMqConnection } from './connection.ts';
import { createConsumers } from './consumer.ts';
import { createDeadLetterQueues } from './dead-letters.ts';
import { publishEvent } from './publisher.ts';
import { declareExchange, groupQueueNames } from './topology.ts';

export interface RabbitMqBusOptions {
  url: string;
  /** Durable topic exchange every event is published to, with its type as routing key. Default 'zefy.events'. */
  exchange?: string;
  retry?: RetryPolicy;
  /** Unacknowledged deliveries per subscription. Default 20. */
  prefetch?: number;
  logger?: Logger;
  /** Queues are named `<queuePrefix>.<group>`. Default 'zefy'. */
  queuePrefix?: string;
}

export interface RabbitMqEventBus extends EventBus {
  /** Test hook: fails the socket as a network outage would, to exercise recovery. */
  simulateConnectionLoss(): void;
}

/**
 * The distributed-mode bus: one durable quorum queue per consumer group on a topic exchange, publisher
 * confirms, manual acks, retries through per-delay TTL queues (no head-of-line blocking), then a DLQ.
 */
export async function createRabbitMqBus(options: RabbitMqBusOptions): Promise<RabbitMqEventBus> {
  const exchange = options.exchange ?? 'zefy.events';
  const retry = options.retry ?? defaultRetryPolicy;
  const queuePrefix = options.queuePrefix ?? 'zefy';
  const logger = options.logger;
  const queuesOf = (group: string) => groupQueueNames(queuePrefix, group, retry);

  const consumers = createConsumers({
    exchange,
    retry,
    prefetch: options.prefetch ?? 20,
    logger,
    restartConnection: (model, reason) => connection.restart(model, reason),
  });
  const connection = await openRabbitMqConnection({
    url: options.url,
    logger,
    async setUp({ model, publisher }) {
      await declareExchange(publisher, exchange);
      await consumers.attachAll(model);
      logger?.info({ exchange, consumers: consumers.count() }, 'RabbitMQ connected');
    },
    tearDown: () => consumers.stopAll(),
  });
  const deadLetterQueues = createDeadLetterQueues({ connection, queuesOf, logger });

  return {
    async publish(event) {
      const { publisher } = await connection.whenConnected();
      await publishEvent(publisher, exchange, event);
    },
    async subscribe(subscription) {
      const { model } = await connection.whenConnected();
      return consumers.start(model, subscription, queuesOf(subscription.group));
    },
    deadLetters: (group) => deadLetterQueues.list(group),
    replayDeadLetter: (group, id) => deadLetterQueues.replay(group, id),
    isHealthy: () => connection.isConnected(),
    close: () => connection.close(),
    simulateConnectionLoss: () => connection.simulateLoss(),
  };
}
