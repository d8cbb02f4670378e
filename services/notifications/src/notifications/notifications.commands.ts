import type { InboxNotification } from '@zefy/contracts';
import { type AfterCommit, AppError, type DomainEvent, type Transaction } from '@zefy/platform';
import type { NotificationsDeps } from '../deps.ts';
import { channelOf, type Recipient } from '../recipients.ts';
import {
  countUnread,
  markAllRead,
  markRead,
  queuePushOnly,
  storeNotifications,
} from './notifications.repository.ts';
import { notificationsFor } from './notifications.ts';

/**
 * Stores what `event` means in its recipients' inboxes, with one push per fresh device, and queues its
 * push-only messages, in the consumer's transaction. Once that committed, wakes the push job and tells the
 * recipients' open apps of their new inbox entries.
 */
export async function notifyRecipients(
  deps: NotificationsDeps,
  tx: Transaction,
  event: DomainEvent,
): Promise<AfterCommit | undefined> {
  const drafts = notificationsFor(event);
  if (drafts.length === 0) return undefined;
  const now = deps.clock.now();
  const stored = await storeNotifications(
    tx,
    drafts.filter((draft) => !draft.pushOnly),
    event.id,
    now,
  );
  const pushedOnly = await queuePushOnly(tx, drafts, event.id, now);
  return async () => {
    if (pushedOnly > 0 || stored.some((entry) => entry.pushes > 0)) deps.push.queued.wake();
    if (stored.length === 0) return;
    const messages = stored.map(({ recipient, notification }) => {
      const channel = channelOf(recipient);
      return { channel, message: { type: 'notification' as const, channel, notification } };
    });
    // realtime is at most once by design (apps refetch after reconnecting), and a retry of this event would
    // be deduped anyway, so a failed publish is logged, not thrown
    await deps.realtime
      .publishEach(messages)
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, event: event.id }, 'realtime notifications not published'),
      );
  };
}

/** Marks one of the recipient's entries read, keeping the first read time. */
export async function readNotification(
  deps: NotificationsDeps,
  recipient: Recipient,
  notificationId: string,
): Promise<{ notification: InboxNotification; unreadCount: number }> {
  const notification = await markRead(deps.db.pool, recipient, notificationId, deps.clock.now());
  // someone else's id reads as absent: existence of others' notifications is not the caller's business
  if (!notification) throw new AppError('NOTIFICATIONS.NOT_FOUND', `No notification ${notificationId}`);
  return { notification, unreadCount: await countUnread(deps.db.pool, recipient) };
}

export async function readAllNotifications(
  deps: NotificationsDeps,
  recipient: Recipient,
): Promise<{ unreadCount: number }> {
  await markAllRead(deps.db.pool, recipient, deps.clock.now());
  return { unreadCount: await countUnread(deps.db.pool, recipient) };
}
