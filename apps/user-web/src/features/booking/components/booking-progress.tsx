import type { BookingView } from '@zefy/contracts';
import { type ApiError, Button, Card, ErrorBanner, formatPaise, toApiError } from '@zefy/web-kit';
import { useEffect, useState } from 'react';
import { cancelBooking } from '../api/booking.ts';
import { checkoutReturnPath, openPaymentOrder } from '../api/payment.ts';
import { useLiveBooking } from '../api/use-booking.ts';

const headline: Record<BookingView['status'], string> = {
  held: 'Your partner is held for you',
  awaiting_payment: 'Waiting for your payment',
  payment_failed: 'The payment did not go through; try again',
  expired: 'The hold expired',
  confirmed: 'Booking confirmed — searching for a partner',
  rejected: 'Your payment arrived after the hold expired; it is being refunded',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

const windowFormat = new Intl.DateTimeFormat('en-IN', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

function useSecondsLeft(until: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
}

/** A hold or booking, live: price, time left to pay, and where it stands. */
export function BookingProgress({ initial, onStartOver }: { initial: BookingView; onStartOver: () => void }) {
  const booking = useLiveBooking(initial);
  const secondsLeft = useSecondsLeft(booking.holdExpiresAt);
  const [error, setError] = useState<ApiError | null>(null);
  const [isPaying, setPaying] = useState(false);
  const isPending =
    booking.status === 'held' || booking.status === 'awaiting_payment' || booking.status === 'payment_failed';
  const { price } = booking;

  async function pay() {
    setError(null);
    setPaying(true);
    try {
      const order = await openPaymentOrder(booking);
      if (!order.checkoutUrl) throw new Error('This build pays through the Razorpay simulator only');
      const back = checkoutReturnPath(booking, order);
      window.location.assign(`${order.checkoutUrl}&callback_url=${encodeURIComponent(back)}`);
    } catch (caught) {
      setError(toApiError(caught));
      setPaying(false);
    }
  }

  async function cancel() {
    setError(null);
    try {
      await cancelBooking(booking.id, 'changed my mind before paying');
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  return (
    <Card title={booking.serviceName} data-testid="booking-progress">
      <div style={{ padding: '8px 16px 16px', display: 'grid', gap: 12 }}>
        <strong data-testid="booking-status" data-status={booking.status}>
          {headline[booking.status]}
        </strong>
        <span className="zf-muted" data-testid="booking-window">
          {booking.window.kind === 'now'
            ? 'Now: a partner starts within the next hour'
            : windowFormat.format(new Date(booking.window.startsAt))}
        </span>
        <table className="zf-table" data-testid="price-breakdown">
          <tbody>
            <tr>
              <td>Service ({booking.window.kind === 'now' ? 'now' : 'booked slot'})</td>
              <td className="zf-num">{formatPaise(price.basePaise)}</td>
            </tr>
            <tr>
              <td>GST ({(price.taxRateBasisPoints / 100).toFixed(0)}%)</td>
              <td className="zf-num">{formatPaise(price.taxPaise)}</td>
            </tr>
            <tr>
              <th scope="row">Total</th>
              <th className="zf-num" data-testid="price-total">
                {formatPaise(price.totalPaise)}
              </th>
            </tr>
          </tbody>
        </table>
        {isPending ? (
          <span className="zf-muted" data-testid="hold-countdown">
            {secondsLeft > 0
              ? `Held for ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')} more`
              : 'The hold is expiring'}
          </span>
        ) : null}
        {error ? <ErrorBanner error={error} /> : null}
        <div className="zf-toolbar">
          {isPending && secondsLeft > 0 ? (
            <Button onClick={() => void pay()} disabled={isPaying} data-testid="pay">
              {isPaying ? 'Opening checkout…' : `Pay ${formatPaise(price.totalPaise)}`}
            </Button>
          ) : null}
          {isPending ? (
            <Button variant="secondary" onClick={() => void cancel()}>
              Cancel
            </Button>
          ) : null}
          {booking.status === 'expired' || booking.status === 'cancelled' ? (
            <Button onClick={onStartOver}>Pick another time</Button>
          ) : null}
          {!isPending && booking.status !== 'expired' && booking.status !== 'cancelled' ? (
            <Button variant="secondary" onClick={onStartOver}>
              Back to services
            </Button>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
