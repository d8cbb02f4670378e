import type { Socket } from 'node:net';
import type { EventEnvelope } from '@zefy/contracts';
import {
  type ChannelModel,
  type ConfirmChannel,
  type ConsumeMessage,
  connect,
  type GetMessage,
  type Message,
  type Options,
} from 'amqplib';
import type { Logger } from 'pino';
import {
  type DeadLetter,
  defaultRetryPolicy,
  type EventBus,
  type RetryPolicy,
  type Subscription,
} from './bus.ts';

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

export interface GroupQueueNames {
  main: string;
  deadLetter: string;
  /** One queue per distinct backoff delay; expired messages flow back to `main`. */
  retries: Array<{ delayMs: number; queue: string }>;
}

const headers = {
  attempt: 'x-zefy-attempt',
  error: 'x-zefy-error',
  deadAt: 'x-zefy-dead-at',
  replayed: 'x-zefy-replayed',
  correlationId: 'x-correlation-id',
} as const;

const connectionWaitMs = 10_000;
const maxErrorLength = 1_000;
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

interface Connected {
  model: ChannelModel;
  publisher: ConfirmChannel;
}

interface ConnectionWaiter {
  resolve(connected: Connected): void;
  reject(error: Error): void;
}

interface Consumer {
  subscription: Subscription;
  queues: GroupQueueNames;
  attachment: { channel: ConfirmChannel; consumerTag: string } | null;
  inFlight: Set<Promise<void>>;
  isStopped: boolean;
}

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

/**
 * The distributed-mode bus: one durable quorum queue per consumer group on a topic exchange, publisher
 * confirms, manual acks, retries through per-delay TTL queues (no head-of-line blocking), then a DLQ.
 * A failed delivery is acked only once its retry or dead-letter copy is confirmed by the broker.
 */
export async function createRabbitMqBus(options: RabbitMqBusOptions): Promise<RabbitMqEventBus> {
  const exchange = options.exchange ?? 'zefy.events';
  const retry = options.retry ?? defaultRetryPolicy;
  const prefetch = options.prefetch ?? 20;
  const queuePrefix = options.queuePrefix ?? 'zefy';
  const logger = options.logger;

  const consumers = new Set<Consumer>();
  const connectionWaiters = new Set<ConnectionWaiter>();
  const deadLetterQueueTurns = new Map<string, Promise<unknown>>();
  let connected: Connected | null = null;
  let isClosing = false;

  // amqplib reconnects with backoff and re-runs this on every new connection, before channel users resume.
  async function setUpConnection(model: ChannelModel): Promise<void> {
    model.on('error', (err: Error) => logger?.warn({ err }, 'RabbitMQ connection error'));
    const publisher = await model.createConfirmChannel();
    publisher.on('error', (err: Error) => logger?.warn({ err }, 'RabbitMQ publisher channel error'));
    publisher.on('close', () => {
      if (connected?.publisher === publisher) restartConnection(model, 'publisher channel closed');
    });
    await publisher.assertExchange(exchange, 'topic', { durable: true });
    for (const consumer of consumers) await attachConsumer(model, consumer);
    connected = { model, publisher };
    for (const waiter of [...connectionWaiters]) waiter.resolve(connected);
    logger?.info({ exchange, consumers: consumers.size }, 'RabbitMQ connected');
  }

  // A channel we depend on died while its connection lives on (a channel-level error): a fresh
  // connection re-runs the whole setup. A dying connection also closes its channels; recovery handles that.
  function restartConnection(model: ChannelModel, reason: string): void {
    setImmediate(() => {
      if (isClosing || connected?.model !== model) return;
      logger?.warn({ reason }, 'restarting the RabbitMQ connection');
      connected = null;
      model.close().catch(() => undefined);
    });
  }

  function whenConnected(): Promise<Connected> {
    if (isClosing) return Promise.reject(new Error('Event bus is closed'));
    if (connected) return Promise.resolve(connected);
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        connectionWaiters.delete(waiter);
      };
      const waiter: ConnectionWaiter = {
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new Error(`RabbitMQ still unreachable after ${connectionWaitMs} ms`)),
        connectionWaitMs,
      );
      connectionWaiters.add(waiter);
    });
  }

  async function assertGroupTopology(channel: ConfirmChannel, consumer: Consumer): Promise<void> {
    const { main, deadLetter, retries } = consumer.queues;
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
    for (const type of consumer.subscription.eventTypes) await channel.bindQueue(main, exchange, type);
  }

  async function attachConsumer(model: ChannelModel, consumer: Consumer): Promise<void> {
    const { group } = consumer.subscription;
    const channel = await model.createConfirmChannel();
    channel.on('error', (err: Error) => logger?.warn({ err, group }, 'RabbitMQ consumer channel error'));
    let consumerTag: string;
    try {
      await assertGroupTopology(channel, consumer);
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
        restartConnection(model, `consumer channel of ${group} closed`);
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
      restartConnection(model, `broker cancelled the consumer of ${consumer.subscription.group}`);
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
      message.fields.redelivered || attempt > 1 || message.properties.headers?.[headers.replayed] === true;
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
      if (attempt >= retry.maxAttempts) {
        await publishConfirmed(
          channel,
          '',
          consumer.queues.deadLetter,
          message.content,
          copyProperties(message, {
            [headers.attempt]: attempt,
            [headers.error]: errorMessage(failure.error).slice(0, maxErrorLength),
            [headers.deadAt]: new Date().toISOString(),
          }),
        );
        logger?.error(
          { ...log, err: failure.error },
          'event handler failed for the last time; event dead-lettered',
        );
      } else {
        const delayMs = retryDelayMs(retry, attempt);
        await publishConfirmed(
          channel,
          '',
          retryQueueName(consumer.queues.main, delayMs),
          message.content,
          copyProperties(message, { [headers.attempt]: attempt + 1 }),
        );
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

  async function stopConsumer(consumer: Consumer): Promise<void> {
    if (consumer.isStopped) return;
    consumer.isStopped = true;
    consumers.delete(consumer);
    const attachment = consumer.attachment;
    consumer.attachment = null;
    if (attachment) await attachment.channel.cancel(attachment.consumerTag).catch(() => undefined);
    await Promise.all(consumer.inFlight);
    if (attachment) await attachment.channel.close().catch(() => undefined);
  }

  async function withScratchChannel<T>(work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
    const { model } = await whenConnected();
    const channel = await model.createConfirmChannel();
    channel.on('error', (err: Error) => logger?.debug({ err }, 'RabbitMQ dead-letter channel error'));
    try {
      return await work(channel);
    } finally {
      // Hands every message we took without acking back to its queue.
      await channel.close().catch(() => undefined);
    }
  }

  // Listing holds the whole DLQ unacked for a moment: one operation per group at a time keeps listings
  // complete within this process (another process listing at the same moment may see a partial list).
  function oneAtATime<T>(group: string, work: () => Promise<T>): Promise<T> {
    const turn = (deadLetterQueueTurns.get(group) ?? Promise.resolve()).catch(() => undefined).then(work);
    deadLetterQueueTurns.set(group, turn);
    return turn;
  }

  function toDeadLetter(group: string, message: Message): DeadLetter | undefined {
    let event: EventEnvelope;
    try {
      event = JSON.parse(message.content.toString('utf8'));
    } catch (err) {
      logger?.warn({ err, group, messageId: message.properties.messageId }, 'unreadable message in the DLQ');
      return undefined;
    }
    const messageHeaders = message.properties.headers ?? {};
    const error = messageHeaders[headers.error];
    const deadAt = messageHeaders[headers.deadAt];
    return {
      id: typeof message.properties.messageId === 'string' ? message.properties.messageId : event.id,
      group,
      event,
      error:
        typeof error === 'string'
          ? error
          : `dead-lettered by the broker (${messageHeaders['x-first-death-reason'] ?? 'unknown reason'})`,
      attempts: attemptOf(message),
      deadAt: typeof deadAt === 'string' ? deadAt : new Date().toISOString(),
    };
  }

  const connection = await connect(options.url, {
    recovery: {
      initialDelay: 100,
      maxDelay: 5_000,
      initialMaxRetries: 5,
      waitForConnect: false,
      setup: setUpConnection,
    },
  });
  // Logged per underlying connection in setUpConnection; a listener must exist or the emit throws.
  connection.on('error', () => undefined);
  connection.on('disconnect', (err: Error) => {
    connected = null;
    if (!isClosing) logger?.warn({ err }, 'RabbitMQ connection lost; reconnecting');
  });
  connection.on('connect-failed', (err: Error) =>
    logger?.warn({ err }, 'RabbitMQ connection attempt failed'),
  );
  connection.on('reconnect-failed', (err: Error) =>
    logger?.error({ err }, 'RabbitMQ reconnection abandoned'),
  );
  await connection.waitForConnect();

  return {
    async publish(event) {
      const { publisher } = await whenConnected();
      await publishConfirmed(publisher, exchange, event.type, Buffer.from(JSON.stringify(event)), {
        persistent: true,
        contentType: 'application/json',
        messageId: event.id,
        type: event.type,
        headers: { [headers.correlationId]: event.correlationId },
      });
    },

    async subscribe(subscription) {
      const { model } = await whenConnected();
      const consumer: Consumer = {
        subscription,
        queues: groupQueueNames(queuePrefix, subscription.group, retry),
        attachment: null,
        inFlight: new Set(),
        isStopped: false,
      };
      consumers.add(consumer);
      try {
        await attachConsumer(model, consumer);
      } catch (error) {
        consumers.delete(consumer);
        throw error;
      }
      return () => stopConsumer(consumer);
    },

    deadLetters(group) {
      const { deadLetter } = groupQueueNames(queuePrefix, group, retry);
      return oneAtATime(group, () =>
        withScratchChannel(async (channel) => {
          const deadLetters: DeadLetter[] = [];
          try {
            for await (const message of takeUnacked(channel, deadLetter)) {
              const parsed = toDeadLetter(group, message);
              if (parsed) deadLetters.push(parsed);
            }
          } catch (error) {
            if (isNotFound(error)) return [];
            throw error;
          }
          return deadLetters;
        }),
      );
    },

    replayDeadLetter(group, id) {
      const { main, deadLetter } = groupQueueNames(queuePrefix, group, retry);
      return oneAtATime(group, () =>
        withScratchChannel(async (channel) => {
          try {
            // Publishing to a missing queue would be confirmed and dropped.
            await channel.checkQueue(main);
            for await (const message of takeUnacked(channel, deadLetter)) {
              if (message.properties.messageId !== id) continue;
              const properties = copyProperties(message, { [headers.replayed]: true });
              await publishConfirmed(channel, '', main, message.content, properties);
              channel.ack(message);
              return true;
            }
          } catch (error) {
            if (isNotFound(error)) return false;
            throw error;
          }
          return false;
        }),
      );
    },

    isHealthy() {
      return connected !== null;
    },

    async close() {
      if (isClosing) return;
      isClosing = true;
      await Promise.all([...consumers].map(stopConsumer));
      for (const waiter of [...connectionWaiters]) waiter.reject(new Error('Event bus is closed'));
      await connected?.publisher.waitForConfirms().catch(() => undefined);
      connected = null;
      await connection.close();
    },

    simulateConnectionLoss() {
      // amqplib does not type the socket it keeps on the connection.
      const socket = (connected?.model.connection as unknown as { stream?: Socket } | undefined)?.stream;
      socket?.destroy(new Error('simulated connection loss'));
    },
  };
}

function quorumQueue(queueArguments: Record<string, string | number>): Options.AssertQueue {
  return { durable: true, arguments: { 'x-queue-type': 'quorum', ...queueArguments } };
}

/** Takes messages without acking them; closing the channel hands them all back to the queue. */
async function* takeUnacked(channel: ConfirmChannel, queue: string): AsyncGenerator<GetMessage> {
  for (;;) {
    const message = await channel.get(queue);
    if (!message) return;
    yield message;
  }
}

function retryQueueName(mainQueue: string, delayMs: number): string {
  return `${mainQueue}.retry.${delayMs}ms`;
}

function retryDelayMs(retry: RetryPolicy, failedAttempt: number): number {
  return retry.backoffMs[Math.min(failedAttempt, retry.backoffMs.length) - 1] ?? 0;
}

function attemptOf(message: Message): number {
  const attempt = message.properties.headers?.[headers.attempt];
  return typeof attempt === 'number' && attempt >= 1 ? attempt : 1;
}

/** Headers are rebuilt rather than copied, so broker-added ones (x-death) do not pile up across retries. */
function copyProperties(
  message: Message,
  extraHeaders: Record<string, string | number | boolean>,
): Options.Publish {
  const { messageId, type, contentType } = message.properties;
  return {
    persistent: true,
    messageId,
    type,
    contentType,
    headers: {
      [headers.correlationId]: message.properties.headers?.[headers.correlationId],
      ...extraHeaders,
    },
  };
}

function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  properties: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, content, properties, (error: unknown) =>
      error ? reject(error) : resolve(),
    );
  });
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as Error & { code?: unknown }).code === 404;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
