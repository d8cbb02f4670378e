import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatBadgeCount } from '../format/label.ts';
import { Button } from '../ui/button.tsx';
import { NotificationList } from './notification-list.tsx';
import { type InboxSource, useInbox } from './use-inbox.ts';

const bellLabel = (unreadCount: number) =>
  unreadCount === 0 ? 'Notifications' : `Notifications, ${unreadCount} unread`;

/** The bell with its unread badge, inside a button or a link. */
function BellFace({ unreadCount }: { unreadCount: number }) {
  return (
    <>
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unreadCount > 0 ? (
        <span className="zf-bell__badge" data-testid="notification-badge">
          {formatBadgeCount(unreadCount)}
        </span>
      ) : null}
    </>
  );
}

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

  return (
    <div className="zf-bell" ref={root}>
      <button
        type="button"
        className="zf-bell__button"
        aria-label={bellLabel(inbox.unreadCount)}
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setOpen((open) => !open)}
        data-testid="notification-bell"
      >
        <BellFace unreadCount={inbox.unreadCount} />
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
          <NotificationList inbox={inbox} />
        </section>
      ) : null}
    </div>
  );
}

/** The header bell of an app with a notifications screen: a link to it, with the unread badge. */
export function NotificationsLink({ to, unreadCount }: { to: string; unreadCount: number }) {
  return (
    <Link
      className="zf-bell__button"
      to={to}
      aria-label={bellLabel(unreadCount)}
      data-testid="notification-bell"
    >
      <BellFace unreadCount={unreadCount} />
    </Link>
  );
}
