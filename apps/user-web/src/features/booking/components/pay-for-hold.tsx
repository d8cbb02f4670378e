import type { BookingView } from '@zefy/contracts';
import { Button, FormMessage, formatCountdown, formatRupees, useSecondsLeft } from '@zefy/web-kit';
import { cancelBooking } from '../api/booking.ts';
import { usePay } from './use-pay.ts';

/** The price card's actions: pay while the hold lasts (the time left counting down), or let it go. */
export function PayForHold({
  booking,
  onChanged,
  onNotPaid,
}: {
  booking: BookingView;
  onChanged: () => void;
  onNotPaid: (notice: string) => void;
}) {
  const secondsLeft = useSecondsLeft(booking.holdExpiresAt);
  const { form, pay: payFor } = usePay(booking, onNotPaid);
  // the hold's payable is the booking itself
  const pay = payFor(booking.id);
  const cancel = form.onSubmit(async () => {
    await cancelBooking(booking.id, 'changed my mind before paying');
    onChanged();
  });

  return (
    <div className="uw-stack">
      <p className="zf-muted" data-testid="hold-countdown" aria-live="off">
        {secondsLeft > 0
          ? `Held for you for ${formatCountdown(secondsLeft)} more`
          : 'The hold is expiring; pick another time if it lapses'}
      </p>
      <FormMessage message={form.errors.form} />
      {secondsLeft > 0 ? (
        <Button onClick={pay} disabled={form.isBusy} data-testid="pay">
          {form.isBusy ? 'Opening checkout…' : `Pay ${formatRupees(booking.price.totalPaise)}`}
        </Button>
      ) : null}
      <Button variant="secondary" onClick={cancel} disabled={form.isBusy}>
        Cancel this hold
      </Button>
    </div>
  );
}
