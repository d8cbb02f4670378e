import type { BookingView, RefundChoice } from '@zefy/contracts';
import { formatRupees } from '@zefy/rules';
import {
  Button,
  Card,
  describeError,
  FormMessage,
  SelectField,
  useApiForm,
  useQuery,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
import { ReasonField, useReason } from '../../../components/reason-field.tsx';
import { RupeesField, useRupees } from '../../../components/rupees-field.tsx';
import { cancelBooking, getCancellation, markNoShow } from '../api/bookings.ts';

const cancellable: readonly BookingView['status'][] = [
  'held',
  'awaiting_payment',
  'payment_failed',
  'confirmed',
  'assigned',
  'en_route',
  'arrived',
];

type RefundKind = RefundChoice['kind'];

/**
 * The team's resolutions of a booking not yet started: cancel with a chosen refund (everything, the
 * customer's rule, or a sum up to what was paid), or record who did not turn up. Each needs a reason,
 * kept in the audit log, and shows on the timeline.
 */
export function ResolutionsCard({ booking, onChange }: { booking: BookingView; onChange: () => void }) {
  if (!cancellable.includes(booking.status)) return null;
  return <Resolutions key={`${booking.id}/${booking.status}`} booking={booking} onChange={onChange} />;
}

function Resolutions({ booking, onChange }: { booking: BookingView; onChange: () => void }) {
  const toast = useToast();
  const rule = useQuery(`admin/cancellation/${booking.id}/${booking.status}`, (signal) =>
    getCancellation(booking.id, signal),
  );
  const reason = useReason('Say why');
  const [refundKind, setRefundKind] = useState<RefundKind>('full');
  const amount = useRupees();
  const form = useApiForm({ fields: [] });
  const paid = booking.payment?.amountPaise ?? 0;
  const hasPartner = booking.partner !== null && ['assigned', 'en_route', 'arrived'].includes(booking.status);

  /**
   * Runs a resolution once its reason is given (the action answers null when its own input is wrong); the
   * form keeps one idempotency key per attempt.
   */
  const resolve = (
    action: (why: string, idempotencyKey: string) => Promise<BookingView> | null,
    done: string,
  ) =>
    form.onSubmit(async (idempotencyKey) => {
      const why = reason.take();
      if (!why) return;
      const resolving = action(why, idempotencyKey);
      if (!resolving) return;
      await resolving;
      toast.show(done);
      onChange();
    });

  const refundChoice = (): RefundChoice | null => {
    if (refundKind !== 'custom') return { kind: refundKind };
    const amountPaise = amount.take(0, paid);
    return amountPaise === null ? null : { kind: 'custom', amountPaise };
  };

  const cancel = resolve((why, idempotencyKey) => {
    const refund = refundChoice();
    return refund && cancelBooking(booking.id, why, refund, idempotencyKey);
  }, 'The booking is cancelled; any refund is on its way');
  const noShow = (absent: 'customer' | 'partner') =>
    resolve(
      (why, idempotencyKey) => markNoShow(booking.id, { absent, reason: why }, idempotencyKey),
      absent === 'customer'
        ? 'Customer no-show recorded'
        : 'Partner no-show recorded; everything is refunded',
    );

  return (
    <Card title="Resolve" data-testid="resolutions">
      <p className="zf-card__body zf-muted" data-testid="cancellation-rule">
        {rule.status === 'success'
          ? `Customer's rule now: ${rule.data.text}`
          : rule.status === 'error'
            ? describeError(rule.error).title
            : 'Loading the cancellation rule…'}
      </p>
      <div className="zf-card__body zf-stack">
        <ReasonField label="Reason" reason={reason.field} />
        {paid > 0 ? (
          <SelectField
            label="Refund when cancelling"
            value={refundKind}
            options={[
              { value: 'full', label: `Everything paid (${formatRupees(paid)})` },
              {
                value: 'rule',
                label:
                  rule.status === 'success'
                    ? `The customer's rule (${formatRupees(rule.data.refundPaise)})`
                    : "The customer's rule",
              },
              { value: 'custom', label: 'Another amount' },
            ]}
            onChange={(event) => setRefundKind(event.target.value as RefundKind)}
            data-testid="refund-choice"
          />
        ) : null}
        {refundKind === 'custom' ? (
          <RupeesField label="Refund (₹)" rupees={amount.field} testId="refund-amount" />
        ) : null}
        <div className="zf-toolbar zf-toolbar--start">
          <Button variant="danger" disabled={form.isBusy} onClick={cancel} data-testid="admin-cancel">
            Cancel booking
          </Button>
          {booking.status === 'arrived' ? (
            <Button variant="secondary" disabled={form.isBusy} onClick={noShow('customer')}>
              Customer no-show
            </Button>
          ) : null}
          {hasPartner ? (
            <Button variant="secondary" disabled={form.isBusy} onClick={noShow('partner')}>
              Partner no-show
            </Button>
          ) : null}
        </div>
        <FormMessage message={form.errors.form} />
      </div>
    </Card>
  );
}
