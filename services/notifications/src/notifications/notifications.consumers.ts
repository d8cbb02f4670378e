import {
  type DomainEvent,
  type EventHandlers,
  onEvents,
  type Subscription,
  type Transaction,
} from '@zefy/platform';
import type { NotificationsDeps } from '../deps.ts';
import { notifyRecipients } from './notifications.commands.ts';
import { notifiedEventTypes } from './notifications.ts';

export const inboxGroup = 'notifications.inbox';

/**
 * Stores each notifying event in its recipients' inboxes once; an event whose data breaks its contract is
 * retried, then dead-lettered, rather than stored as a broken notification.
 */
export function inboxSubscriptions(deps: NotificationsDeps): Subscription[] {
  const toInbox = (_data: unknown, tx: Transaction, event: DomainEvent) => notifyRecipients(deps, tx, event);
  const handlers: EventHandlers = Object.fromEntries(notifiedEventTypes.map((type) => [type, toInbox]));
  return [onEvents(deps.db, inboxGroup, handlers)];
}
