import type { ServerMessage } from '@zefy/contracts';
import type { Cache } from '../cache/cache.ts';

export const realtimeChannel = (channel: string): string => `rt:${channel}`;

/**
 * Pushes a message to every WebSocket subscribed to `channel` on any gateway instance, through the cache's
 * pub/sub (Redis in distributed mode). At most once: clients catch up over REST after a reconnect.
 */
export interface RealtimePublisher {
  publish(channel: string, message: ServerMessage): Promise<void>;
}

export const createRealtimePublisher = (cache: Cache): RealtimePublisher => ({
  async publish(channel, message) {
    await cache.publish(realtimeChannel(channel), JSON.stringify(message));
  },
});
