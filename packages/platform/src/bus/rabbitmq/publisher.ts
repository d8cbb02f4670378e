import type { EventEnvelope } from '@zefy/contracts';
import type { ConfirmChannel, Message, Options } from 'amqplib';

export const messageHeaders = {
  attempt: 'x-zefy-attempt',
  error: 'x-zefy-error',
  deadAt: 'x-zefy-dead-at',
  replayed: 'x-zefy-replayed',
  correlationId: 'x-correlation-id',
} as const;

/** Publishes `event` to the exchange under its type; resolves once the broker confirmed it. */
export function publishEvent(channel: ConfirmChannel, exchange: string, event: EventEnvelope): Promise<void> {
  return publishConfirmed(channel, exchange, event.type, Buffer.from(JSON.stringify(event)), {
    persistent: true,
    contentType: 'application/json',
    messageId: event.id,
    type: event.type,
    headers: { [messageHeaders.correlationId]: event.correlationId },
  });
}

/** Publishes `message` again straight to `queue` (a retry, the DLQ, a replay), with `extraHeaders`. */
export function forwardMessage(
  channel: ConfirmChannel,
  queue: string,
  message: Message,
  extraHeaders: Record<string, string | number | boolean>,
): Promise<void> {
  return publishConfirmed(channel, '', queue, message.content, copyProperties(message, extraHeaders));
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
      [messageHeaders.correlationId]: message.properties.headers?.[messageHeaders.correlationId],
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

/** Which delivery this is: 1, then one more for every failed handler run before it. */
export function attemptOf(message: Message): number {
  const attempt = message.properties.headers?.[messageHeaders.attempt];
  return typeof attempt === 'number' && attempt >= 1 ? attempt : 1;
}
