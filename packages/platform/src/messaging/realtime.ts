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
  /** A committed domain event, as the `event` message of `channel` (use `channels` from contracts). */
  publishEvent(channel: string, event: DomainEvent): Promise<void>;
}

export function createRealtimePublisher(cache: Cache): RealtimePublisher {
  const publish = async (channel: string, message: ServerMessage) => {
    await cache.publish(realtimeChannel(channel), JSON.stringify(message));
  };
  return {
    publish,
    publishEvent: (channel, event) =>
      publish(channel, { type: 'event', channel, event: event as RealtimeEvent }),
  };
}
