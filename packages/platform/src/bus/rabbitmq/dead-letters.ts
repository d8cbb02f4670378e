import type { EventEnvelope } from '@zefy/contracts';
import type { ConfirmChannel, GetMessage, Message } from 'amqplib';
import type { Logger } from 'pino';
import type { DeadLetter } from '../bus.ts';
import type { RabbitMqConnection } from './connection.ts';
import { attemptOf, forwardMessage, messageHeaders } from './publisher.ts';
import type { GroupQueueNames } from './topology.ts';

export interface DeadLetterQueues {
  list(group: string): Promise<DeadLetter[]>;
  /** Moves the dead letter `id` back to its group's main queue. */
  replay(group: string, id: string): Promise<boolean>;
}

/** Reads and replays the groups' DLQs on a scratch channel of its own. */
export function createDeadLetterQueues(options: {
  connection: RabbitMqConnection;
  queuesOf(group: string): GroupQueueNames;
  logger?: Logger;
}): DeadLetterQueues {
  const { connection, queuesOf, logger } = options;
  const turns = new Map<string, Promise<unknown>>();

  async function withScratchChannel<T>(work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
    const { model } = await connection.whenConnected();
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
    const turn = (turns.get(group) ?? Promise.resolve()).catch(() => undefined).then(work);
    turns.set(group, turn);
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
    const headers = message.properties.headers ?? {};
    const error = headers[messageHeaders.error];
    const deadAt = headers[messageHeaders.deadAt];
    return {
      id: typeof message.properties.messageId === 'string' ? message.properties.messageId : event.id,
      group,
      event,
      error:
        typeof error === 'string'
          ? error
          : `dead-lettered by the broker (${headers['x-first-death-reason'] ?? 'unknown reason'})`,
      attempts: attemptOf(message),
      deadAt: typeof deadAt === 'string' ? deadAt : new Date().toISOString(),
    };
  }

  return {
    list(group) {
      const { deadLetter } = queuesOf(group);
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

    replay(group, id) {
      const { main, deadLetter } = queuesOf(group);
      return oneAtATime(group, () =>
        withScratchChannel(async (channel) => {
          try {
            // Publishing to a missing queue would be confirmed and dropped.
            await channel.checkQueue(main);
            for await (const message of takeUnacked(channel, deadLetter)) {
              if (message.properties.messageId !== id) continue;
              await forwardMessage(channel, main, message, { [messageHeaders.replayed]: true });
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
  };
}

/** Takes messages without acking them; closing the channel hands them all back to the queue. */
async function* takeUnacked(channel: ConfirmChannel, queue: string): AsyncGenerator<GetMessage> {
  for (;;) {
    const message = await channel.get(queue);
    if (!message) return;
    yield message;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as Error & { code?: unknown }).code === 404;
}
