import { Card, ErrorBanner, formatPaise, Spinner } from '@zefy/web-kit';
import { getBookingDetail } from '../api/bookings.ts';
import { useLiveBookings } from '../api/use-live.ts';
import { BookingStatusTag } from './booking-status.tsx';

const whenFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'medium' });
const when = (iso: string) => whenFormat.format(new Date(iso));

/** One booking: what was promised, what was paid, and every event of its life, kept current live. */
export function BookingDetail({ bookingId }: { bookingId: string }) {
  const detail = useLiveBookings(
    bookingId,
    (signal) => getBookingDetail(bookingId, signal),
    (event) => (event.data as { bookingId?: string }).bookingId === bookingId,
  );
  if (detail.status === 'loading') return <Spinner label="Loading the booking" />;
  if (detail.status === 'error') return <ErrorBanner error={detail.error} onRetry={detail.reload} />;
  const { booking, timeline, payments, customerPhone, partnerId } = detail.data;
  return (
    <>
      <p>
        <a href="#/bookings">← All bookings</a>
      </p>
      <Card title="Booking" data-testid="booking-detail">
        <dl
          className="zf-list"
          style={{
            padding: '8px 16px',
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            gap: '6px 16px',
          }}
        >
          <dt className="zf-muted">Id</dt>
          <dd data-testid="booking-id">{booking.id}</dd>
          <dt className="zf-muted">State</dt>
          <dd>
            <BookingStatusTag status={booking.status} />
          </dd>
          <dt className="zf-muted">Service</dt>
          <dd>{booking.serviceName}</dd>
          <dt className="zf-muted">When</dt>
          <dd>
            {booking.window.kind === 'now' ? 'Now, ' : ''}
            {when(booking.window.startsAt)} – {when(booking.window.endsAt)}
          </dd>
          <dt className="zf-muted">Customer</dt>
          <dd>
            {customerPhone ?? '—'} <span className="zf-muted">({booking.customerId})</span>
          </dd>
          <dt className="zf-muted">Partner time held</dt>
          <dd>{partnerId}</dd>
          <dt className="zf-muted">Price</dt>
          <dd>
            {formatPaise(booking.price.basePaise)} + {formatPaise(booking.price.taxPaise)} GST ={' '}
            <strong>{formatPaise(booking.price.totalPaise)}</strong>
          </dd>
          <dt className="zf-muted">Hold expires</dt>
          <dd>{when(booking.holdExpiresAt)}</dd>
          <dt className="zf-muted">Refunded</dt>
          <dd>{formatPaise(booking.refundedPaise)}</dd>
        </dl>
      </Card>
      <Card title="Payments">
        {payments.length === 0 ? (
          <p className="zf-muted" style={{ padding: '8px 16px 16px' }}>
            {booking.payment
              ? `Payment ${booking.payment.paymentId} of ${formatPaise(booking.payment.amountPaise)} (order ${booking.payment.orderId})`
              : 'No payment yet'}
          </p>
        ) : (
          <div className="zf-table-wrap">
            <table className="zf-table" data-testid="payments-table">
              <thead>
                <tr>
                  <th scope="col">Payment</th>
                  <th scope="col">Razorpay</th>
                  <th scope="col">State</th>
                  <th scope="col">Method</th>
                  <th scope="col" className="zf-num">
                    Amount
                  </th>
                  <th scope="col" className="zf-num">
                    Refunded
                  </th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {payments.map((payment) => (
                  <tr key={payment.paymentId}>
                    <td>{payment.paymentId.slice(-8)}</td>
                    <td>{payment.razorpayPaymentId ?? '—'}</td>
                    <td>{payment.status}</td>
                    <td>{payment.method ?? '—'}</td>
                    <td className="zf-num">{formatPaise(payment.amountPaise)}</td>
                    <td className="zf-num">{formatPaise(payment.refundedPaise)}</td>
                    <td>{when(payment.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Timeline">
        <ol className="zf-list" data-testid="booking-timeline">
          {timeline.map((entry) => (
            <li key={entry.eventId} className="zf-list__item" data-testid="timeline-entry">
              <span className="zf-list__main">
                <span className="zf-list__name">{entry.type}</span>
                <span className="zf-muted">
                  by {entry.actor.kind}
                  {entry.actor.kind === 'system' ? '' : ` ${entry.actor.id}`}
                </span>
              </span>
              <span className="zf-muted">{when(entry.occurredAt)}</span>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
