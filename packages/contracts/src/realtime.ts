import type { Principal } from './access.ts';
import type { EventEnvelope } from './events/envelope.ts';
import type { InboxNotification } from './http/notifications.ts';

/** Messages a client sends over the gateway WebSocket. */
export type ClientMessage =
  | { type: 'subscribe'; channel: string }
  | { type: 'unsubscribe'; channel: string }
  | { type: 'ping' };

/** Messages the gateway sends. */
export type ServerMessage =
  | { type: 'welcome'; principal: Principal }
  | { type: 'subscribed'; channel: string }
  | { type: 'unsubscribed'; channel: string }
  | { type: 'event'; channel: string; event: EventEnvelope }
  /** A new entry in the inbox of the channel's principal (`user:<id>` or `partner:<id>`). */
  | { type: 'notification'; channel: string; notification: InboxNotification }
  | { type: 'pong' }
  | { type: 'error'; code: string; detail: string };

/**
 * Channels: `catalog` (any signed-in principal), `admin` (admin and ops), `user:<id>` and `partner:<id>`
 * (that principal only).
 */
export function canSubscribe(channel: string, principal: Principal): boolean {
  if (channel === 'catalog') return true;
  if (channel === 'admin') return principal.role === 'admin' || principal.role === 'ops';
  const [kind, id] = channel.split(':');
  if (kind === 'user') return principal.role === 'customer' && principal.id === id;
  if (kind === 'partner') return principal.role === 'partner' && principal.id === id;
  return false;
}
