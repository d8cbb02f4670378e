import type { RealtimeEvent, ServerMessage } from '@zefy/contracts';
import type { Cache } from '../cache/cache.ts';
import type { DomainEvent } from './events.ts';

export const realtimeChannel = (channel: string): string => `rt:${channel}`;

/**
 * Pushes a message to every WebSocket subscribed to `channel` on any gateway instance, through the cache's
 * pub/sub (Redis in distributed mode). At most once: clients catch up over REST after a reconnect.
 */
export interface RealtimePublisher {
  publish(channel: string, message: ServerMessage): Promise<void>;
  /** Each message on its channel, in order, in one hop to the cache (a wave's offers to a thousand partners). */
  publishEach(messages: ReadonlyArray<{ channel: string; message: ServerMessage }>): Promise<void>;
}

/** A committed domain event as the `event` message of `channel` (use `channels` from contracts). */
export const eventMessage = (channel: string, event: DomainEvent): ServerMessage => ({
  type: 'event',
  channel,
  event: event as RealtimeEvent,
});

export function createRealtimePublisher(cache: Cache): RealtimePublisher {
  return {
    async publish(channel, message) {
      await cache.publish(realtimeChannel(channel), JSON.stringify(message));
    },
    publishEach: (messages) =>
      cache.publishEach(
        messages.map(({ channel, message }) => ({
          channel: realtimeChannel(channel),
          message: JSON.stringify(message),
        })),
      ),
  };
}
