import { channels, type RealtimeEvent } from '@zefy/contracts';
import { type LiveQueryResult, useLiveQuery } from '@zefy/web-kit';
import { realtime } from '../../../lib/api-client.ts';

const source = { realtime, channel: channels.admin };

/**
 * Loads `load` when `key` changes, and again whenever a booking event reaches the admin channel that
 * `isRelevant` accepts (and after every reconnect).
 */
export function useLiveBookings<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  isRelevant: (event: RealtimeEvent) => boolean,
): LiveQueryResult<T> {
  return useLiveQuery(source, key, load, (event) => event.type.startsWith('booking.') && isRelevant(event));
}
