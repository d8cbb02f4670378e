import { notificationRoutes } from '@zefy/contracts';
import { AppError, implementRoute, type ServiceContext } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { countUnread, listInbox, markAllRead, markRead } from './notifications.repository.ts';
import { recipientOf } from './notifications.ts';

export function registerInboxRoutes(app: FastifyInstance, context: ServiceContext): void {
  const { db, clock } = context;

  implementRoute(app, db, notificationRoutes.listNotifications, ({ principal, query }) =>
    listInbox(db.pool, recipientOf(principal), query),
  );

  implementRoute(app, db, notificationRoutes.unreadCount, async ({ principal }) => ({
    unreadCount: await countUnread(db.pool, recipientOf(principal)),
  }));

  implementRoute(app, db, notificationRoutes.markRead, async ({ principal, params }) => {
    const recipient = recipientOf(principal);
    const notification = await markRead(db.pool, recipient, params.notificationId, clock.now());
    // someone else's id reads as absent: existence of others' notifications is not the caller's business
    if (!notification)
      throw new AppError('NOTIFICATIONS.NOT_FOUND', `No notification ${params.notificationId}`);
    return { notification, unreadCount: await countUnread(db.pool, recipient) };
  });

  implementRoute(app, db, notificationRoutes.markAllRead, async ({ principal }) => {
    const recipient = recipientOf(principal);
    await markAllRead(db.pool, recipient, clock.now());
    return { unreadCount: await countUnread(db.pool, recipient) };
  });
}
