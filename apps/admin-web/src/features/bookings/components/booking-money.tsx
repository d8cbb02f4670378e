import type { AdminBookingDetail, BookingView } from '@zefy/contracts';
import { formatRupees } from '@zefy/rules';
import { Button, Card, FormMessage, useApiForm, useToast } from '@zefy/web-kit';
import { ReasonField, useReason } from '../../../components/reason-field.tsx';
import { RupeesField, useRupees } from '../../../components/rupees-field.tsx';
import { adjustExtra, refundInPart } from '../api/bookings.ts';

/** The extra charge the team may lower: owed and unpaid, or paid (the difference is then refunded). */
function adjustableExtraOf(booking: BookingView): number {
  if (booking.status === 'awaiting_extra_payment') return booking.job?.extraDuePaise ?? 0;
  if (booking.status === 'completed') return booking.job?.extraPaidPaise ?? 0;
  return 0;
}

/**
 * The team's money resolutions of a paid booking that is not closed: refund part of what was paid (its first
 * payment, then its extra), and lower or waive the extra charge. Each needs a reason, kept in the audit log,
 * and shows on the timeline.
 */
export function MoneyResolutionsCard({
  detail,
  onChange,
}: {
  detail: AdminBookingDetail;
  onChange: () => void;
}) {
  const { booking, refundablePaise } = detail;
  const extraPaise = adjustableExtraOf(booking);
  if (refundablePaise === 0 && extraPaise === 0) return null;
  return (
    <MoneyResolutions
      key={`${booking.id}/${booking.status}/${refundablePaise}/${extraPaise}`}
      booking={booking}
      refundablePaise={refundablePaise}
      extraPaise={extraPaise}
      onChange={onChange}
    />
  );
}

function MoneyResolutions({
  booking,
  refundablePaise,
  extraPaise,
  onChange,
}: {
  booking: BookingView;
  refundablePaise: number;
  extraPaise: number;
  onChange: () => void;
}) {
  const toast = useToast();
  const reason = useReason('Say why');
  const amount = useRupees();
  const form = useApiForm({ fields: [] });
  const isExtraPaid = booking.status === 'completed';

  /** Runs one resolution with the amount in rupees, once it and the reason are valid. */
  const resolve = (
    highestPaise: number,
    lowestPaise: number,
    action: (amountPaise: number, why: string, idempotencyKey: string) => Promise<BookingView>,
    done: string,
  ) =>
    form.onSubmit(async (idempotencyKey) => {
      const amountPaise = amount.take(lowestPaise, highestPaise);
      if (amountPaise === null) return;
      const why = reason.take();
      if (!why) return;
      await action(amountPaise, why, idempotencyKey);
      toast.show(done);
      onChange();
    });

  const refund = resolve(
    refundablePaise,
    1,
    (amountPaise, why, key) => refundInPart(booking.id, { amountPaise, reason: why }, key),
    'The refund is on its way to the customer',
  );
  const adjust = resolve(
    extraPaise - 1,
    0,
    (amountPaise, why, key) => adjustExtra(booking.id, { amountPaise, reason: why }, key),
    isExtraPaid
      ? 'The extra is lowered; the difference is on its way back'
      : 'The customer now owes the new amount',
  );

  return (
    <Card title="Refund or adjust" data-testid="money-resolutions">
      <p className="zf-card__body zf-muted">
        {[
          refundablePaise > 0 ? `Up to ${formatRupees(refundablePaise)} can still be refunded.` : null,
          extraPaise > 0
            ? `Extra charge ${isExtraPaid ? 'paid' : 'owed'}: ${formatRupees(extraPaise)} (lower it, or 0 to waive).`
            : null,
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
      <div className="zf-card__body zf-stack">
        <RupeesField label="Amount (₹)" rupees={amount.field} testId="money-amount" />
        <ReasonField label="Reason" reason={reason.field} />
        <div className="zf-toolbar zf-toolbar--start">
          {refundablePaise > 0 ? (
            <Button variant="danger" disabled={form.isBusy} onClick={refund} data-testid="refund-in-part">
              Refund this amount
            </Button>
          ) : null}
          {extraPaise > 0 ? (
            <Button variant="secondary" disabled={form.isBusy} onClick={adjust} data-testid="adjust-extra">
              Set the extra charge to this amount
            </Button>
          ) : null}
        </div>
        <FormMessage message={form.errors.form} />
      </div>
    </Card>
  );
}
