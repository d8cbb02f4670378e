import { type ApiError, ButtonLink, ErrorBanner, Screen, Spinner, toApiError } from '@zefy/web-kit';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { returnFromCheckout } from '../api/checkout-trip.ts';
import { readCheckoutReturn, verifyCheckout } from '../api/payment.ts';

/**
 * `/bookings/:bookingId/payment`: where checkout sends the browser back. A successful payment is verified
 * with the server (the webhook may beat it; either confirms the booking, once); then the customer is back on
 * the booking, stepping back over the checkout page. After a failed or abandoned payment the customer may
 * pay the hold again while it lasts, or pick the time again: the server lets a failed hold's time go at
 * once, and a new hold of the same time replaces their own unpaid one.
 */
export function PaymentReturnScreen() {
  const bookingId = useParams().bookingId ?? '';
  const { search } = useLocation();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const checkout = readCheckoutReturn(search);
    const controller = new AbortController();
    (async () => {
      if (checkout?.callback) await verifyCheckout(checkout.callback);
      if (controller.signal.aborted) return;
      if (!returnFromCheckout(bookingId, checkout?.failure ?? null))
        navigate(`/bookings/${bookingId}`, { replace: true });
    })().catch((caught: unknown) => {
      if (!controller.signal.aborted) setError(toApiError(caught));
    });
    return () => controller.abort();
  }, [bookingId, search, navigate]);

  return (
    <Screen title="Checking your payment">
      {error ? (
        <>
          <ErrorBanner error={error} />
          <ButtonLink to={`/bookings/${bookingId}`} replace>
            See the booking
          </ButtonLink>
        </>
      ) : (
        <Spinner label="Checking your payment" />
      )}
    </Screen>
  );
}
