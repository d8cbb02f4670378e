import { formatInZone, formatWindowInZone } from '@zefy/rules';
import { bookingIdOf, Card, DataTable, ErrorBanner, formatPaise, Screen, Spinner } from '@zefy/web-kit';
import { Link, useParams } from 'react-router';
import { getBookingDetail } from '../api/bookings.ts';
import { useLiveBookings } from '../api/use-live.ts';
import { actorOf, detailOf, stepOf } from '../model/timeline-words.ts';
import { JobCard, LiveTrackingCard, RatingCard } from './booking-job.tsx';
import { MoneyResolutionsCard } from './booking-money.tsx';
import { ResolutionsCard } from './booking-resolutions.tsx';
import { BookingStatusTag } from './booking-status.tsx';

const back = (
  <Link className="zf-back" to="/bookings">
    ← All bookings
  </Link>
);

/** One booking (`/bookings/:bookingId`): what was promised, what was paid, its life, kept current live. */
export function BookingDetailScreen() {
  const bookingId = useParams().bookingId ?? '';
  const detail = useLiveBookings(
    bookingId,
    (signal) => getBookingDetail(bookingId, signal),
    (event) => bookingIdOf(event) === bookingId,
  );
  const title = `Booking ${bookingId.slice(-8)}`;
  if (detail.status === 'loading')
    return (
      <Screen title={title} back={back}>
        <Spinner label="Loading the booking" />
      </Screen>
    );
  if (detail.status === 'error')
    return (
      <Screen title={title} back={back}>
        <ErrorBanner error={detail.error} onRetry={detail.reload} />
      </Screen>
    );
  const { booking, timeline, payments, customerPhone } = detail.data;
  // everything about a booking happens in its hub: its times are the hub's, wherever the console is open
  const when = (iso: string) => formatInZone(iso, booking.timeZone, 'instant');
  return (
    <Screen title={title} back={back} actions={<BookingStatusTag status={booking.status} />}>
      <div className="zf-grid-2">
        <Card title="Booking" data-testid="booking-detail">
          <dl className="zf-details">
            <dt>Id</dt>
            <dd data-testid="booking-id">{booking.id}</dd>
            <dt>Service</dt>
            <dd>{booking.serviceName}</dd>
            <dt>When</dt>
            <dd data-testid="booking-window">
              {booking.window.kind === 'now' ? 'Now, ' : ''}
              {formatWindowInZone(booking.window, booking.timeZone, 'dateTime')}{' '}
              <span className="zf-muted">({booking.timeZone})</span>
            </dd>
            <dt>Customer</dt>
            <dd>
              {customerPhone ?? '—'} <span className="zf-muted">({booking.customerId})</span>
            </dd>
            <dt>Partner</dt>
            <dd data-testid="booking-partner">
              {booking.partner ? (
                <>
                  {booking.partner.name}{' '}
                  {booking.partner.phone && <span className="zf-muted">({booking.partner.phone})</span>}
                </>
              ) : (
                <span className="zf-muted">Not assigned yet</span>
              )}
            </dd>
            <dt>Price</dt>
            <dd>
              {formatPaise(booking.price.basePaise)} + {formatPaise(booking.price.taxPaise)} GST ={' '}
              <strong>{formatPaise(booking.price.totalPaise)}</strong>
            </dd>
            <dt>Hold expires</dt>
            <dd>{when(booking.holdExpiresAt)}</dd>
            <dt>Refunded</dt>
            <dd>{formatPaise(booking.refundedPaise)}</dd>
          </dl>
        </Card>
        <Card title="Timeline">
          <ol className="zf-list" data-testid="booking-timeline">
            {timeline.map((entry) => (
              <li
                key={entry.eventId}
                className="zf-list__item"
                data-testid="timeline-entry"
                data-step={entry.type}
              >
                <span className="zf-list__main">
                  <span className="zf-list__name">{stepOf(entry)}</span>
                  <span className="zf-muted">{actorOf(entry.actor)}</span>
                  {detailOf(entry) ? <span data-testid="timeline-detail">{detailOf(entry)}</span> : null}
                </span>
                <span className="zf-muted">{when(entry.occurredAt)}</span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
      <div className="zf-grid-2">
        <JobCard detail={detail.data} onChange={detail.reload} />
        <LiveTrackingCard booking={booking} />
        <RatingCard booking={booking} />
        <ResolutionsCard booking={booking} onChange={detail.reload} />
        <MoneyResolutionsCard detail={detail.data} onChange={detail.reload} />
      </div>
      <Card title="Payments">
        {payments.length === 0 ? (
          <p className="zf-card__body zf-muted">
            {booking.payment
              ? `Payment ${booking.payment.paymentId} of ${formatPaise(booking.payment.amountPaise)} (order ${booking.payment.orderId})`
              : 'No payment yet'}
          </p>
        ) : (
          <DataTable
            label="Payments"
            data-testid="payments-table"
            rows={payments}
            rowKey={(payment) => payment.paymentId}
            columns={[
              { key: 'payment', header: 'Payment', cell: (payment) => payment.paymentId.slice(-8) },
              { key: 'razorpay', header: 'Razorpay', cell: (payment) => payment.razorpayPaymentId ?? '—' },
              { key: 'state', header: 'State', cell: (payment) => payment.status },
              { key: 'method', header: 'Method', cell: (payment) => payment.method ?? '—' },
              {
                key: 'amount',
                header: 'Amount',
                isNumeric: true,
                cell: (payment) => formatPaise(payment.amountPaise),
              },
              {
                key: 'refunded',
                header: 'Refunded',
                isNumeric: true,
                cell: (payment) => formatPaise(payment.refundedPaise),
              },
              { key: 'updated', header: 'Updated', cell: (payment) => when(payment.updatedAt) },
            ]}
          />
        )}
      </Card>
    </Screen>
  );
}
