import { notificationRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { NotificationsDeps } from '../deps.ts';
import { recipientOf } from '../recipients.ts';
import { readAllNotifications, readNotification } from './notifications.commands.ts';
import { countUnread, listInbox } from './notifications.repository.ts';

/** Each principal reads only its own inbox: the recipient comes from the token, never from the request. */
export function registerInboxRoutes(app: FastifyInstance, deps: NotificationsDeps): void {
  const { db } = deps;

  implementRoute(app, db, notificationRoutes.listNotifications, ({ principal, query }) =>
    listInbox(db.pool, recipientOf(principal), query),
  );

  implementRoute(app, db, notificationRoutes.unreadCount, async ({ principal }) => ({
    unreadCount: await countUnread(db.pool, recipientOf(principal)),
  }));

  implementRoute(app, db, notificationRoutes.markRead, ({ principal, params }) =>
    readNotification(deps, recipientOf(principal), params.notificationId),
  );

  implementRoute(app, db, notificationRoutes.markAllRead, ({ principal }) =>
    readAllNotifications(deps, recipientOf(principal)),
  );
}
