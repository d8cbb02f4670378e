import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { RetryPolicy, Subscription } from '../bus.ts';
import { errorMessage, isDeadLetter, retryDelayMs } from '../retry.ts';
import { attemptOf, forwardMessage, messageHeaders } from './publisher.ts';
import { declareGroupQueues, type GroupQueueNames, retryQueueName } from './topology.ts';

export interface ConsumerOptions {
  exchange: string;
  retry: RetryPolicy;
  /** Unacknowledged deliveries per subscription. */
  prefetch: number;
  logger?: Logger;
  /** Asks for a fresh connection when a consumer's channel or consumption dies on a live one. */
  restartConnection(model: ChannelModel, reason: string): void;
}

/** The subscriptions this process consumes, re-attached on every new connection. */
export interface Consumers {
  /** Declares the group's queues and starts consuming; the returned function stops this consumer. */
  start(
    model: ChannelModel,
    subscription: Subscription,
    queues: GroupQueueNames,
  ): Promise<() => Promise<void>>;
  attachAll(model: ChannelModel): Promise<void>;
  stopAll(): Promise<void>;
  count(): number;
}

interface Consumer {
  subscription: Subscription;
  queues: GroupQueueNames;
  attachment: { channel: ConfirmChannel; consumerTag: string } | null;
  inFlight: Set<Promise<void>>;
  isStopped: boolean;
}

const maxErrorLength = 1_000;

/**
 * Manual acks on a channel per subscription. A failed delivery goes to the retry queue of its backoff delay,
 * or to the DLQ on its last attempt, and is acked only once that copy is confirmed by the broker.
 */
export function createConsumers(options: ConsumerOptions): Consumers {
  const { exchange, retry, prefetch, logger } = options;
  const consumers = new Set<Consumer>();

  async function attach(model: ChannelModel, consumer: Consumer): Promise<void> {
    const { group, eventTypes } = consumer.subscription;
    const channel = await model.createConfirmChannel();
    channel.on('error', (err: Error) => logger?.warn({ err, group }, 'RabbitMQ consumer channel error'));
    let consumerTag: string;
    try {
      await declareGroupQueues(channel, exchange, consumer.queues, eventTypes);
      await channel.prefetch(prefetch);
      ({ consumerTag } = await channel.consume(consumer.queues.main, (message) =>
        onDelivery(model, consumer, channel, message),
      ));
    } catch (error) {
      await channel.close().catch(() => undefined);
      throw error;
    }
    if (consumer.isStopped) {
      await channel.close().catch(() => undefined);
      return;
    }
    consumer.attachment = { channel, consumerTag };
    channel.on('close', () => {
      if (consumer.attachment?.channel === channel) {
        options.restartConnection(model, `consumer channel of ${group} closed`);
      }
    });
  }

  function onDelivery(
    model: ChannelModel,
    consumer: Consumer,
    channel: ConfirmChannel,
    message: ConsumeMessage | null,
  ): void {
    if (message === null) {
      options.restartConnection(model, `broker cancelled the consumer of ${consumer.subscription.group}`);
      return;
    }
    // Left unacked: closing the channel on stop hands it back to the queue.
    if (consumer.isStopped) return;
    const delivery = handleDelivery(consumer, channel, message);
    consumer.inFlight.add(delivery);
    void delivery.then(() => consumer.inFlight.delete(delivery));
  }

  async function handleDelivery(
    consumer: Consumer,
    channel: ConfirmChannel,
    message: ConsumeMessage,
  ): Promise<void> {
    const { group, handler } = consumer.subscription;
    const attempt = attemptOf(message);
    const redelivered =
      message.fields.redelivered ||
      attempt > 1 ||
      message.properties.headers?.[messageHeaders.replayed] === true;
    let failure: { error: unknown } | null = null;
    try {
      await handler(JSON.parse(message.content.toString('utf8')), { attempt, redelivered });
    } catch (error) {
      failure = { error };
    }
    if (!failure) {
      settle(() => channel.ack(message));
      return;
    }
    const log = { group, eventId: message.properties.messageId, attempt };
    try {
      if (isDeadLetter(retry, attempt, failure.error)) {
        await forwardMessage(channel, consumer.queues.deadLetter, message, {
          [messageHeaders.attempt]: attempt,
          [messageHeaders.error]: errorMessage(failure.error).slice(0, maxErrorLength),
          [messageHeaders.deadAt]: new Date().toISOString(),
        });
        logger?.error(
          { ...log, err: failure.error },
          'event handler failed for the last time; event dead-lettered',
        );
      } else {
        const delayMs = retryDelayMs(retry, attempt);
        await forwardMessage(channel, retryQueueName(consumer.queues.main, delayMs), message, {
          [messageHeaders.attempt]: attempt + 1,
        });
        logger?.warn({ ...log, err: failure.error, delayMs }, 'event handler failed; retry scheduled');
      }
      settle(() => channel.ack(message));
    } catch (forwardError) {
      logger?.error(
        { ...log, err: forwardError, handlerError: errorMessage(failure.error) },
        'could not park a failed event; the broker will redeliver it',
      );
      // reject, unlike nack, counts towards the queue's delivery limit on every RabbitMQ version
      settle(() => channel.reject(message, true));
    }
  }

  // The channel may have died while the handler ran; the broker then requeues the delivery by itself.
  function settle(acknowledge: () => void): void {
    try {
      acknowledge();
    } catch (err) {
      logger?.warn({ err }, 'could not settle a delivery on a closed channel; the broker will redeliver it');
    }
  }

  async function stop(consumer: Consumer): Promise<void> {
    if (consumer.isStopped) return;
    consumer.isStopped = true;
    consumers.delete(consumer);
    const attachment = consumer.attachment;
    consumer.attachment = null;
    if (attachment) await attachment.channel.cancel(attachment.consumerTag).catch(() => undefined);
    await Promise.all(consumer.inFlight);
    if (attachment) await attachment.channel.close().catch(() => undefined);
  }

  return {
    async start(model, subscription, queues) {
      const consumer: Consumer = {
        subscription,
        queues,
        attachment: null,
        inFlight: new Set(),
        isStopped: false,
      };
      consumers.add(consumer);
      try {
        await attach(model, consumer);
      } catch (error) {
        consumers.delete(consumer);
        throw error;
      }
      return () => stop(consumer);
    },
    async attachAll(model) {
      for (const consumer of consumers) await attach(model, consumer);
    },
    async stopAll() {
      await Promise.all([...consumers].map(stop));
    },
    count: () => consumers.size,
  };
}
