import type { BookingStatus } from '@zefy/contracts';
import { StatusBadge } from '@zefy/web-kit';

const labels: Record<BookingStatus, string> = {
  held: 'Held',
  awaiting_payment: 'Awaiting payment',
  payment_failed: 'Payment failed',
  expired: 'Expired',
  confirmed: 'Searching partner',
  assigned: 'Partner assigned',
  en_route: 'Partner on the way',
  arrived: 'Partner arrived',
  in_progress: 'Job in progress',
  awaiting_extra_payment: 'Extra time unpaid',
  completed: 'Completed',
  rejected: 'Rejected, refund',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

/** In the order of a booking's life, for filters and the dashboard. */
export const bookingStatuses = Object.keys(labels) as BookingStatus[];

export const statusLabel = (status: BookingStatus): string => labels[status];

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  return (
    <StatusBadge status={status} data-testid="booking-status">
      {labels[status]}
    </StatusBadge>
  );
}
