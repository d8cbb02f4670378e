import type { EventData, EventType } from '@zefy/contracts';
import { assertNever } from '@zefy/platform/domain';
import type { DispatchEvent } from './dispatch.ts';

export type WireEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

/**
 * What other services and the apps are told of a round's event (the outbox), or null when it stays inside
 * booking. A wave goes out without its accept grace: the countdown partners see ends at `expiresAt`.
 */
export function toWireEvent(event: DispatchEvent): WireEvent | null {
  switch (event.type) {
    case 'dispatch.offers_sent': {
      const { acceptUntil: _serverOnly, ...wave } = event.data;
      return { type: event.type, data: wave };
    }
    case 'dispatch.offers_withdrawn':
    case 'dispatch.partner_assigned':
    case 'dispatch.partner_released':
    case 'dispatch.partner_cancelled':
    case 'dispatch.escalated':
    case 'dispatch.gave_up':
      return event;
    case 'dispatch.started':
    case 'dispatch.requeued':
    case 'dispatch.closed':
    case 'dispatch.offer_accepted':
    case 'dispatch.offer_rejected':
    case 'dispatch.offer_expired':
      return null;
    default:
      return assertNever(event);
  }
}

/**
 * Whether the event is a row of the booking's timeline: every step of the round and every rejection, but
 * not each offer's expiry (the admin queue counts them) nor the accept (`dispatch.partner_assigned` says it).
 */
export const isOnTimeline = (event: DispatchEvent): boolean =>
  event.type !== 'dispatch.offer_expired' && event.type !== 'dispatch.offer_accepted';
