import type { Socket } from 'node:net';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { Logger } from 'pino';

/** A live connection and its publishing channel. */
export interface Connected {
  model: ChannelModel;
  publisher: ConfirmChannel;
}

export interface RabbitMqConnection {
  /** The live connection, after waiting for a reconnection if there is none (rejects after 10 s). */
  whenConnected(): Promise<Connected>;
  /**
   * A channel we depend on died while its connection `model` lives on (a channel-level error): a fresh
   * connection re-runs the whole set-up. A dying connection also closes its channels; recovery handles that.
   */
  restart(model: ChannelModel, reason: string): void;
  isConnected(): boolean;
  /** Fails the socket as a network outage would. */
  simulateLoss(): void;
  close(): Promise<void>;
}

export interface RabbitMqConnectionOptions {
  url: string;
  logger?: Logger;
  /** Runs on every new connection before anyone may use it: topology, consumers. */
  setUp(connected: Connected): Promise<void>;
  /** Runs once on close, before the connection goes: consumers finish their deliveries. */
  tearDown(): Promise<void>;
}

interface ConnectionWaiter {
  resolve(connected: Connected): void;
  reject(error: Error): void;
}

const connectionWaitMs = 10_000;

/** Connects with amqplib's recovery: reconnects with backoff and re-runs `setUp` on every new connection. */
export async function openRabbitMqConnection(
  options: RabbitMqConnectionOptions,
): Promise<RabbitMqConnection> {
  const { logger } = options;
  const connectionWaiters = new Set<ConnectionWaiter>();
  let connected: Connected | null = null;
  let isClosing = false;

  async function setUpConnection(model: ChannelModel): Promise<void> {
    model.on('error', (err: Error) => logger?.warn({ err }, 'RabbitMQ connection error'));
    const publisher = await model.createConfirmChannel();
    publisher.on('error', (err: Error) => logger?.warn({ err }, 'RabbitMQ publisher channel error'));
    publisher.on('close', () => {
      if (connected?.publisher === publisher) restart(model, 'publisher channel closed');
    });
    await options.setUp({ model, publisher });
    connected = { model, publisher };
    for (const waiter of [...connectionWaiters]) waiter.resolve(connected);
  }

  function restart(model: ChannelModel, reason: string): void {
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

  // loaded here, not at start-up: embedded mode never connects to RabbitMQ
  const { connect } = await import('amqplib');
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
    whenConnected,
    restart,
    isConnected: () => connected !== null,
    simulateLoss() {
      // amqplib does not type the socket it keeps on the connection.
      const socket = (connected?.model.connection as unknown as { stream?: Socket } | undefined)?.stream;
      socket?.destroy(new Error('simulated connection loss'));
    },
    async close() {
      if (isClosing) return;
      isClosing = true;
      await options.tearDown();
      for (const waiter of [...connectionWaiters]) waiter.reject(new Error('Event bus is closed'));
      await connected?.publisher.waitForConfirms().catch(() => undefined);
      connected = null;
      await connection.close();
    },
  };
}
