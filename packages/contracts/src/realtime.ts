import type { Principal } from './access.ts';
import type { EventEnvelope } from './events/envelope.ts';
import type { EventData, EventType } from './events/event-map.ts';
import type { BookingSnapshot, BookingTimelineEntry } from './http/booking.ts';
import type { InboxNotification } from './http/notifications.ts';
import type { LiveTracking, TrackingUpdate } from './http/tracking.ts';

/**
 * A client connects to the gateway's `/ws` offering two subprotocols (`Sec-WebSocket-Protocol: zefy.v1,
 * bearer.<access token>`): the token travels in a header, never in the URL that proxies and logs record.
 * The gateway answers with `zefy.v1` only.
 */
export const realtimeProtocol = 'zefy.v1';
export const bearerProtocolPrefix = 'bearer.';
export const realtimeProtocols = (accessToken: string): string[] => [
  realtimeProtocol,
  `${bearerProtocolPrefix}${accessToken}`,
];

const bookingChannelPrefix = 'booking:';

/**
 * Channel names, built here only. `catalog`: any signed-in principal; `admin`: admin and ops; `user:<id>`
 * and `partner:<id>`: that principal only; `booking:<id>`: the booking's customer, its assigned partner and
 * staff, checked per booking by the booking service when subscribing (see `bookingOfChannel`);
 * `hub:<id>`: admin and ops, the live tracking of every job on its way in the hub (the live map).
 */
export const channels = {
  catalog: 'catalog',
  admin: 'admin',
  hub: (hubId: string) => `hub:${hubId}`,
  user: (customerId: string) => `user:${customerId}`,
  partner: (partnerId: string) => `partner:${partnerId}`,
  booking: (bookingId: string) => `${bookingChannelPrefix}${bookingId}`,
} as const;

/** The booking a `booking:<id>` channel names; null for any other channel. */
export const bookingOfChannel = (channel: string): string | null =>
  channel.startsWith(bookingChannelPrefix) && channel.length > bookingChannelPrefix.length
    ? channel.slice(bookingChannelPrefix.length)
    : null;

type BookingEventType = Extract<EventType, `booking.${string}`>;

/**
 * One state change of a booking, as its timeline keeps it: `data` typed by `type` (every `booking.*` event).
 * `sequence` is the timeline's, so a client resumes from the last one it saw.
 */
export type BookingChange = {
  [T in BookingEventType]: Omit<BookingTimelineEntry, 'type' | 'data'> & { type: T; data: EventData<T> };
}[BookingEventType];

/**
 * A booking channel's watcher who cannot be caught up change by change: the booking as it stands at
 * `sequence` (changes resume after it) and its live tracking (null before tracking knows the booking).
 */
export type BookingChannelSnapshot = BookingSnapshot & { tracking: LiveTracking | null };

/** A domain event as pushed to clients: `data` typed by `type`. */
export type RealtimeEvent = { [T in EventType]: EventEnvelope<T, EventData<T>> }[EventType];

/** Messages a client sends over the gateway WebSocket. */
export type ClientMessage =
  /** `after` (booking channels): the last sequence seen; the changes since are replayed first (0: all). */
  | { type: 'subscribe'; channel: string; after?: number }
  | { type: 'unsubscribe'; channel: string }
  | { type: 'ping' };

/** Messages the gateway sends. */
export type ServerMessage =
  /** `heartbeatMs`: the server pings this often and drops a socket that missed a ping's pong. */
  | { type: 'welcome'; principal: Principal; heartbeatMs: number }
  | { type: 'subscribed'; channel: string }
  | { type: 'unsubscribed'; channel: string }
  | { type: 'event'; channel: string; event: RealtimeEvent }
  /** A new entry in the inbox of the channel's principal (`user:<id>` or `partner:<id>`). */
  | { type: 'notification'; channel: string; notification: InboxNotification }
  /** A live tracking update on a booking's channel (its watchers) or its hub's (staff's live map). */
  | { type: 'tracking'; channel: string; update: TrackingUpdate }
  /** A state change on a `booking:<id>` channel, in sequence order, each once (replayed ones first). */
  | { type: 'change'; channel: string; change: BookingChange }
  /** Instead of a replay (the watcher missed too many changes, or named a sequence the booking has not reached). */
  | { type: 'resync'; channel: string; snapshot: BookingChannelSnapshot }
  | { type: 'pong' }
  /** `channel`: the subscription refused or ended (AUTH.FORBIDDEN: not, or no longer, yours to watch). */
  | { type: 'error'; code: string; detail: string; channel?: string };

/** For the fixed channels; who may watch a booking is the booking service's answer, asked per booking. */
export function canSubscribe(channel: string, principal: Principal): boolean {
  if (channel === channels.catalog) return true;
  const isStaff = principal.role === 'admin' || principal.role === 'ops';
  if (channel === channels.admin || channel.startsWith(channels.hub(''))) return isStaff;
  if (principal.role === 'customer') return channel === channels.user(principal.id);
  if (principal.role === 'partner') return channel === channels.partner(principal.id);
  return false;
}
