import type { BookingView, CancellationQuote } from '@zefy/contracts';
import { Banner, Button, FormMessage, formatRupees, useApiForm } from '@zefy/web-kit';
import { useState } from 'react';
import { cancelBooking, getCancellation } from '../api/booking.ts';

/**
 * Cancelling a paid booking in two steps: first the rule as it stands now (what is refunded, what is
 * kept, and why, from the server), then the customer confirms. The refund follows that rule exactly.
 */
export function CancelBooking({ booking, onChanged }: { booking: BookingView; onChanged: () => void }) {
  const [quote, setQuote] = useState<CancellationQuote | null>(null);
  const form = useApiForm({ fields: [] });

  const ask = form.onSubmit(async () => {
    setQuote(await getCancellation(booking.id));
  });
  const confirm = form.onSubmit(async (idempotencyKey) => {
    await cancelBooking(booking.id, 'cancelled in the app', idempotencyKey);
    setQuote(null);
    onChanged();
  });

  if (!quote)
    return (
      <div className="zf-toolbar zf-toolbar--start">
        <FormMessage message={form.errors.form} />
        <Button variant="secondary" onClick={ask} disabled={form.isBusy} data-testid="cancel-booking">
          Cancel booking
        </Button>
      </div>
    );
  return (
    <Banner
      tone="warning"
      title={`Cancel and get ${formatRupees(quote.refundPaise)} back?`}
      data-testid="cancel-quote"
      action={
        <div className="zf-toolbar">
          <Button variant="secondary" onClick={() => setQuote(null)} disabled={form.isBusy}>
            Keep booking
          </Button>
          <Button onClick={confirm} disabled={form.isBusy} data-testid="confirm-cancel">
            {form.isBusy ? 'Cancelling…' : 'Yes, cancel'}
          </Button>
        </div>
      }
    >
      <p data-testid="cancel-rule">{quote.text}</p>
      {quote.feePaise > 0 ? (
        <p className="zf-muted">
          Paid {formatRupees(quote.paidPaise)} · kept {formatRupees(quote.feePaise)} · refunded{' '}
          {formatRupees(quote.refundPaise)}
        </p>
      ) : null}
      <FormMessage message={form.errors.form} />
    </Banner>
  );
}
