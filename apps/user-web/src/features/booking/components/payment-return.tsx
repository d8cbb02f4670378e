import type { BookingView } from '@zefy/contracts';
import { type ApiError, ErrorBanner, Spinner, toApiError } from '@zefy/web-kit';
import { useEffect, useState } from 'react';
import { getBooking } from '../api/booking.ts';
import { readCheckoutReturn, verifyCheckout } from '../api/payment.ts';
import { BookingProgress } from './booking-progress.tsx';

/**
 * Back from checkout: the success callback is verified with the server (the webhook may beat it; either
 * confirms the booking, once), then the booking is followed live. A failed or cancelled payment leaves the
 * hold as it is, to pay again while it lasts.
 */
export function PaymentReturn({ onDone }: { onDone: () => void }) {
  const [checkout] = useState(() => readCheckoutReturn(window.location.search));
  const [booking, setBooking] = useState<BookingView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!checkout) return;
    // the return URL is single-use: a reload must not verify again or show stale fields
    window.history.replaceState(null, '', window.location.pathname);
    const controller = new AbortController();
    (async () => {
      if (checkout.callback) await verifyCheckout(checkout.callback);
      setBooking(await getBooking(checkout.bookingId, controller.signal));
    })().catch((caught: unknown) => {
      if (!controller.signal.aborted) setError(toApiError(caught));
    });
    return () => controller.abort();
  }, [checkout]);

  if (!checkout) return null;
  return (
    <>
      {checkout.failure ? (
        <p className="zf-notice" data-testid="payment-failure">
          {checkout.failure}
        </p>
      ) : null}
      {error ? <ErrorBanner error={error} /> : null}
      {booking ? (
        <BookingProgress initial={booking} onStartOver={onDone} />
      ) : error ? null : (
        <Spinner label="Checking your payment" />
      )}
    </>
  );
}

export const isCheckoutReturn = (): boolean => readCheckoutReturn(window.location.search) !== null;
