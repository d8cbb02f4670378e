import { formatRelativeTime } from '../format/relative-time.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorBanner } from '../ui/error-banner.tsx';
import { Spinner } from '../ui/spinner.tsx';
import type { Inbox } from './use-inbox.ts';

/**
 * The inbox's entries, newest first (tap an unread one to mark it read), with its loading, empty and failed
 * states and older pages: the bell's panel, or a screen of its own.
 */
export function NotificationList({ inbox }: { inbox: Inbox }) {
  return (
    <>
      {inbox.error && inbox.status !== 'error' ? <ErrorBanner error={inbox.error} /> : null}
      {inbox.status === 'loading' ? <Spinner label="Loading notifications" /> : null}
      {inbox.status === 'error' && inbox.error ? (
        <ErrorBanner error={inbox.error} onRetry={inbox.reload} />
      ) : null}
      {inbox.status === 'ready' && inbox.items.length === 0 ? (
        <EmptyState>No notifications yet</EmptyState>
      ) : null}
      {inbox.items.length > 0 ? (
        <ul className="zf-bell__list">
          {inbox.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={`zf-bell__item${item.readAt === null ? ' zf-bell__item--unread' : ''}`}
                onClick={() => (item.readAt === null ? void inbox.markRead(item.id) : undefined)}
                data-testid="notification-item"
              >
                <span className="zf-bell__item-title">{item.title}</span>
                <span className="zf-bell__item-body">{item.body}</span>
                <time className="zf-bell__item-time" dateTime={item.createdAt}>
                  {formatRelativeTime(item.createdAt)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {inbox.nextCursor ? (
        <Button variant="secondary" onClick={() => void inbox.loadOlder()}>
          Show older
        </Button>
      ) : null}
    </>
  );
}
