import { Button } from '../ui/button.tsx';
import { Card } from '../ui/card.tsx';
import { Screen } from '../ui/screen.tsx';
import { NotificationList } from './notification-list.tsx';
import type { Inbox } from './use-inbox.ts';

/** `/notifications` in an app: what Zefy told the signed-in person, newest first; opening an unread one marks it read. */
export function NotificationsScreen({ inbox }: { inbox: Inbox }) {
  return (
    <Screen
      title="Notifications"
      actions={
        inbox.unreadCount > 0 ? (
          <Button variant="secondary" size="small" onClick={() => void inbox.markAllRead()}>
            Mark all read
          </Button>
        ) : undefined
      }
    >
      <Card data-testid="notifications">
        <NotificationList inbox={inbox} />
      </Card>
    </Screen>
  );
}
