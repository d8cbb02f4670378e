import type { BookingStatus } from '@zefy/contracts';
import { StatusBadge } from '@zefy/web-kit';

/** Each status in a customer's words: a short label for the badge, a sentence for the booking screen. */
const words: Record<BookingStatus, { label: string; headline: string }> = {
  held: { label: 'Held for you', headline: 'Your professional’s time is held for you. Pay to confirm.' },
  awaiting_payment: { label: 'Waiting for payment', headline: 'Waiting for your payment' },
  payment_failed: {
    label: 'Payment failed',
    headline: 'The payment did not go through. Try again while the hold lasts.',
  },
  expired: { label: 'Hold expired', headline: 'The hold expired before it was paid' },
  confirmed: { label: 'Confirmed', headline: 'Booking confirmed — searching for a partner' },
  assigned: { label: 'Partner assigned', headline: 'Your partner is assigned' },
  en_route: { label: 'On the way', headline: 'Your partner is on the way' },
  arrived: { label: 'Partner arrived', headline: 'Your partner has arrived' },
  in_progress: { label: 'In progress', headline: 'Your job is under way' },
  awaiting_extra_payment: {
    label: 'Extra time to pay',
    headline: 'The job took longer than included: pay for the extra time',
  },
  completed: { label: 'Completed', headline: 'Your job is done' },
  rejected: {
    label: 'Refund on its way',
    headline: 'Your payment arrived after the hold expired; it is being refunded',
  },
  cancelled: { label: 'Cancelled', headline: 'This booking is cancelled' },
  refunded: { label: 'Refunded', headline: 'This booking is refunded' },
};

/** Held, waiting for payment or failed: the price card, with a hold still to pay. */
export const isAwaitingPayment = (status: BookingStatus): boolean =>
  status === 'held' || status === 'awaiting_payment' || status === 'payment_failed';

export const statusHeadline = (status: BookingStatus): string => words[status].headline;

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  return (
    <StatusBadge status={status} data-testid="booking-status-badge">
      {words[status].label}
    </StatusBadge>
  );
}
