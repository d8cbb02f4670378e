import type { BookingStatus } from '@zefy/contracts';
import { Banner, Button, useNotificationPermission } from '@zefy/web-kit';
import { pushDevice } from '../../../lib/api-client.ts';

/** What the customer waits for next while the booking is under way: what a notification would tell them. */
const nextNews: Partial<Record<BookingStatus, string>> = {
  confirmed: 'a partner is assigned',
  assigned: 'your partner sets out',
  en_route: 'your partner arrives',
  in_progress: 'the job is done',
};

/**
 * While a booking is under way, an offer to turn notifications on, so its news reaches the customer with
 * the app closed: asked from their tap (a browser refuses an unprompted ask), gone once they answered, and
 * never shown where the browser cannot take pushes.
 */
export function NotifyMe({ status }: { status: BookingStatus }) {
  const notifications = useNotificationPermission(pushDevice);
  const news = nextNews[status];
  if (!news || notifications.permission !== 'default') return null;
  return (
    <Banner
      title={`Get a notification when ${news}`}
      data-testid="notify-me"
      action={
        <Button variant="secondary" onClick={() => void notifications.ask()}>
          Notify me
        </Button>
      }
    >
      Even with Zefy closed. Your browser asks you to allow notifications first.
    </Banner>
  );
}
