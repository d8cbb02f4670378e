import { useEffect, useId, useRef, useState } from 'react';
import { formatRelativeTime } from '../format/relative-time.ts';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorBanner } from '../ui/error-banner.tsx';
import { Spinner } from '../ui/spinner.tsx';
import { type InboxSource, useInbox } from './use-inbox.ts';

const badgeText = (count: number) => (count > 99 ? '99+' : String(count));

/** The header bell: unread badge, and a panel with the inbox (tap an unread entry to mark it read). */
export function NotificationBell(source: InboxSource) {
  const inbox = useInbox(source);
  const [isOpen, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const close = (event: KeyboardEvent | PointerEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [isOpen]);

  const label = inbox.unreadCount === 0 ? 'Notifications' : `Notifications, ${inbox.unreadCount} unread`;
  return (
    <div className="zf-bell" ref={root}>
      <button
        type="button"
        className="zf-bell__button"
        aria-label={label}
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setOpen((open) => !open)}
        data-testid="notification-bell"
      >
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {inbox.unreadCount > 0 ? (
          <span className="zf-bell__badge" data-testid="notification-badge">
            {badgeText(inbox.unreadCount)}
          </span>
        ) : null}
      </button>
      {isOpen ? (
        <section
          id={panelId}
          className="zf-bell__panel"
          aria-label="Notifications"
          data-testid="notification-panel"
        >
          <header className="zf-bell__head">
            <h2 className="zf-bell__title">Notifications</h2>
            {inbox.unreadCount > 0 ? (
              <Button variant="secondary" onClick={() => void inbox.markAllRead()}>
                Mark all read
              </Button>
            ) : null}
          </header>
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
        </section>
      ) : null}
    </div>
  );
}
