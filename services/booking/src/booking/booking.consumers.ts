import { type BookingChange, channels, type EventType, eventMap } from '@zefy/contracts';
import { onEvents, pushEvents, readEvent, type Subscription } from '@zefy/platform';
import type { BookingDeps } from '../deps.ts';
import { confirmArrival } from './booking.commands.ts';
import { appendTimeline, findTimelineEntry } from './booking.repository.ts';

export const bookingRealtimeGroup = 'booking.realtime';
export const bookingTrackingGroup = 'booking.tracking';
export const bookingChannelGroup = 'booking.channel';

const bookingEventTypes = (Object.keys(eventMap) as EventType[]).filter((type) =>
  type.startsWith('booking.'),
);

/**
 * Every booking event reaches the booking's live channel after commit, with its timeline sequence: the
 * gateway orders, dedupes and fills gaps by it from the same timeline (`bookingChanges`). So a redelivery
 * may publish a change again, and the handler needs no inbox row or transaction: one read of the timeline
 * row, one publish.
 */
export function bookingChannelSubscription(deps: Pick<BookingDeps, 'db' | 'realtime'>): Subscription {
  return {
    group: bookingChannelGroup,
    eventTypes: bookingEventTypes,
    async handler(envelope) {
      const event = readEvent(envelope, envelope.type as EventType);
      const found = await findTimelineEntry(deps.db.pool, event.id);
      if (!found) return;
      const channel = channels.booking(found.bookingId);
      await deps.realtime.publish(channel, { type: 'change', channel, change: found.entry as BookingChange });
    },
  };
}

const toCustomerAndStaff = (data: { customerId: string }) => [channels.user(data.customerId), channels.admin];
const toCustomerPartnerAndStaff = (data: { customerId: string; partnerId: string }) => [
  channels.user(data.customerId),
  channels.partner(data.partnerId),
  channels.admin,
];

/**
 * Every booking event reaches the customer's channel and the admin console, once per event; the journey's
 * also reaches the partner's other devices.
 */
export function bookingSubscriptions(deps: BookingDeps): Subscription[] {
  return [
    bookingChannelSubscription(deps),
    pushEvents(deps, bookingRealtimeGroup, {
      'booking.held': toCustomerAndStaff,
      'booking.payment_started': toCustomerAndStaff,
      'booking.payment_failed': toCustomerAndStaff,
      'booking.hold_expired': toCustomerAndStaff,
      'booking.confirmed': toCustomerAndStaff,
      'booking.payment_rejected': toCustomerAndStaff,
      'booking.rejected': toCustomerAndStaff,
      'booking.partner_assigned': toCustomerAndStaff,
      'booking.partner_released': toCustomerAndStaff,
      'booking.en_route': toCustomerPartnerAndStaff,
      'booking.arrived': toCustomerPartnerAndStaff,
      'booking.cancelled': toCustomerAndStaff,
      'booking.refunded': toCustomerAndStaff,
      'booking.payment_refunded': toCustomerAndStaff,
      'booking.refund_granted': toCustomerAndStaff,
    }),
    // one way: tracking saw the partner at the door, or promised an arrival (a timeline row for the team)
    onEvents(deps.db, bookingTrackingGroup, {
      'tracking.partner_arrived': async (data, tx) => {
        await confirmArrival(deps, tx, data.bookingId, { kind: 'system', id: 'tracking' });
      },
      'tracking.arrival_promised': (data, tx, event) => appendTimeline(tx, data.bookingId, [event]),
    }),
  ];
}
