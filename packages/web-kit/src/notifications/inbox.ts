import { type InboxNotification, type NotificationPage, notificationRoutes } from '@zefy/contracts';
import type { ApiClient } from '../api/api-client.ts';

/** The inbox routes of the notifications service, for the customer and partner apps alike. */
export const inboxApi = (api: ApiClient) => ({
  list: (options: { before?: string | null; limit?: number; signal?: AbortSignal } = {}) =>
    api.call(
      notificationRoutes.listNotifications,
      { query: { limit: options.limit ?? 20, before: options.before ?? undefined } },
      { signal: options.signal },
    ),
  markRead: (notificationId: string) => api.call(notificationRoutes.markRead, { params: { notificationId } }),
  markAllRead: () => api.call(notificationRoutes.markAllRead),
});

export interface InboxState {
  items: InboxNotification[];
  unreadCount: number;
  nextCursor: string | null;
}

export type InboxChange =
  | { type: 'loaded'; page: NotificationPage }
  | { type: 'loaded_older'; page: NotificationPage }
  | { type: 'received'; notification: InboxNotification }
  | { type: 'read'; notification: InboxNotification; unreadCount: number }
  | { type: 'all_read'; unreadCount: number; at: string };

export const emptyInbox: InboxState = { items: [], unreadCount: 0, nextCursor: null };

const newestFirst = (items: InboxNotification[]) =>
  [...new Map(items.map((item) => [item.id, item])).values()].sort((a, b) =>
    a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
  );

/**
 * How the inbox changes, as one pure function: a live notification can arrive before or after the page that
 * also holds it, so entries are merged by id (UUIDv7 ids sort newest first) and counted only once.
 */
export function evolveInbox(state: InboxState, change: InboxChange): InboxState {
  switch (change.type) {
    case 'loaded': {
      // keep live entries newer than the page: they arrived while it was loading
      const newest = change.page.items[0]?.id ?? '';
      const live = state.items.filter((item) => item.id > newest);
      return {
        items: newestFirst([...live, ...change.page.items]),
        unreadCount: change.page.unreadCount + live.filter((item) => item.readAt === null).length,
        nextCursor: change.page.nextCursor,
      };
    }
    case 'loaded_older':
      return {
        items: newestFirst([...state.items, ...change.page.items]),
        unreadCount: change.page.unreadCount,
        nextCursor: change.page.nextCursor,
      };
    case 'received':
      if (state.items.some((item) => item.id === change.notification.id)) return state;
      return {
        ...state,
        items: newestFirst([change.notification, ...state.items]),
        unreadCount: state.unreadCount + (change.notification.readAt === null ? 1 : 0),
      };
    case 'read':
      return {
        ...state,
        items: state.items.map((item) => (item.id === change.notification.id ? change.notification : item)),
        unreadCount: change.unreadCount,
      };
    case 'all_read':
      return {
        ...state,
        items: state.items.map((item) => (item.readAt === null ? { ...item, readAt: change.at } : item)),
        unreadCount: change.unreadCount,
      };
  }
}
