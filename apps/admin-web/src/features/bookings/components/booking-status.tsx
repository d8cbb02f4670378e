import type { BookingStatus } from '@zefy/contracts';

const labels: Record<BookingStatus, string> = {
  held: 'Held',
  awaiting_payment: 'Awaiting payment',
  payment_failed: 'Payment failed',
  expired: 'Expired',
  confirmed: 'Searching partner',
  rejected: 'Rejected, refund',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export const bookingStatuses = Object.keys(labels) as BookingStatus[];

export const statusLabel = (status: BookingStatus): string => labels[status];

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  return (
    <span className="zf-tag" data-status={status}>
      {labels[status]}
    </span>
  );
}
