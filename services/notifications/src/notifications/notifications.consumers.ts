import { type EventEnvelope, type EventType, eventMap } from '@zefy/contracts';
import { type DomainEvent, handleOnce, type ServiceContext, type Subscription } from '@zefy/platform';
import Value from 'typebox/value';
import { type StoredNotification, storeNotification } from './notifications.repository.ts';
import { channelOf, notificationFor, notifiedEventTypes } from './notifications.ts';

export const inboxGroup = 'notifications.inbox';

const isKnownType = (type: string): type is EventType => Object.hasOwn(eventMap, type);

/**
 * A payload that does not match its contract is a producer bug: throwing sends it through the bus's
 * retries to the dead-letter queue, where operators see it, instead of storing a broken notification.
 */
function checked(event: EventEnvelope): DomainEvent {
  if (!isKnownType(event.type)) throw new Error(`unknown event type ${event.type}`);
  const schema = eventMap[event.type];
  if (event.version !== schema.version || !Value.Check(schema.data, event.data)) {
    const problems = [...Value.Errors(schema.data, event.data)].slice(0, 3);
    throw new Error(
      `${event.type} v${event.version} ${event.id} does not match its v${schema.version} contract: ${JSON.stringify(problems)}`,
    );
  }
  return event as DomainEvent;
}

/**
 * Stores each notifying event in its recipients' inboxes once (inbox row, push rows and the dedupe mark
 * commit together), then wakes the push worker and tells the recipients' open apps.
 */
export function inboxSubscriptions(context: ServiceContext, pushQueued: () => void): Subscription[] {
  return [
    {
      group: inboxGroup,
      eventTypes: notifiedEventTypes,
      async handler(envelope) {
        const event = checked(envelope);
        const draft = notificationFor(event);
        if (!draft) return;
        let stored: StoredNotification[] = [];
        await handleOnce(context.db, inboxGroup, event, async (tx) => {
          stored = await storeNotification(tx, draft, event.id, context.clock.now());
        });
        if (stored.some((entry) => entry.pushes > 0)) pushQueued();
        for (const { recipient, notification } of stored) {
          const channel = channelOf(recipient);
          // realtime is at most once by design (apps refetch after reconnecting); a retry of this event would
          // be deduped anyway, so a failed publish is logged, not thrown
          await context.realtime
            .publish(channel, { type: 'notification', channel, notification })
            .catch((error: unknown) =>
              context.logger.warn({ err: error, channel }, 'realtime notification not published'),
            );
        }
      },
    },
  ];
}
