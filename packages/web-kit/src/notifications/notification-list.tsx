import type { InboxNotification } from '@zefy/contracts';
import { Link } from 'react-router';
import { formatRelativeTime } from '../format/relative-time.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorBanner } from '../ui/error-banner.tsx';
import { Spinner } from '../ui/spinner.tsx';
import type { Inbox } from './use-inbox.ts';

const entryClass = (item: InboxNotification) =>
  `zf-bell__item${item.readAt === null ? ' zf-bell__item--unread' : ''}`;

/**
 * One entry: a link to the booking it is about (opening it marks it read), else a button that marks it read
 * while unread, else plain text.
 */
function NotificationEntry({ item, inbox }: { item: InboxNotification; inbox: Inbox }) {
  const markRead = item.readAt === null ? () => void inbox.markRead(item.id) : undefined;
  const content = (
    <>
      <span className="zf-bell__item-title">{item.title}</span>
      <span className="zf-bell__item-body">{item.body}</span>
      <time className="zf-bell__item-time" dateTime={item.createdAt}>
        {formatRelativeTime(item.createdAt)}
      </time>
    </>
  );
  if (item.subject)
    return (
      <Link
        to={`/${item.subject.path}`}
        className={`${entryClass(item)} zf-bell__item--link`}
        onClick={markRead}
        data-testid="notification-item"
      >
        {content}
      </Link>
    );
  if (markRead)
    return (
      <button type="button" className={entryClass(item)} onClick={markRead} data-testid="notification-item">
        {content}
      </button>
    );
  return (
    <div className={entryClass(item)} data-testid="notification-item">
      {content}
    </div>
  );
}

/**
 * The inbox's entries, newest first (tap one about a booking to open it, an unread one to mark it read), with
 * its loading, empty and failed states and older pages: the bell's panel, or a screen of its own.
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
              <NotificationEntry item={item} inbox={inbox} />
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
