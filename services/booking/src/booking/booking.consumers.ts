import type { EventType } from '@zefy/contracts';
import { handleOnce, type ServiceContext, type Subscription } from '@zefy/platform';

export const bookingRealtimeGroup = 'booking.realtime';

const lifecycleEvents = [
  'booking.held',
  'booking.payment_started',
  'booking.payment_failed',
  'booking.hold_expired',
  'booking.confirmed',
  'booking.payment_rejected',
  'booking.rejected',
  'booking.cancelled',
  'booking.refunded',
  'booking.payment_refunded',
] as const satisfies readonly EventType[];

/**
 * Pushes every committed booking event to the customer's channel and to the admin console, once per event.
 * Fed from the outbox, so nothing is pushed for a transaction that rolled back.
 */
export function bookingSubscriptions(context: ServiceContext): Subscription[] {
  return [
    {
      group: bookingRealtimeGroup,
      eventTypes: [...lifecycleEvents],
      async handler(event) {
        const isFirstDelivery = await handleOnce(
          context.db,
          bookingRealtimeGroup,
          event,
          async () => undefined,
        );
        if (!isFirstDelivery) return;
        const { customerId } = event.data as { customerId: string };
        const userChannel = `user:${customerId}`;
        await context.realtime.publish(userChannel, { type: 'event', channel: userChannel, event });
        await context.realtime.publish('admin', { type: 'event', channel: 'admin', event });
      },
    },
  ];
}
