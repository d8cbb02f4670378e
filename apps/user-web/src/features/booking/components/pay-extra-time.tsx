import type { BookingView } from '@zefy/contracts';
import { Button, Card, FormMessage, formatRupees, Spinner } from '@zefy/web-kit';
import { useReceipt } from '../api/job.ts';
import { formatMinutes } from './job-words.ts';
import { usePay } from './use-pay.ts';

/**
 * The job ran past its included time or had approved extras: what was worked, what was included, the
 * approved extras, what it all costs with GST, and a second checkout (the same Razorpay flow as the first
 * payment) for the extra's payable.
 */
export function PayExtraTime({
  booking,
  onNotPaid,
}: {
  booking: BookingView;
  onNotPaid: (notice: string) => void;
}) {
  const receipt = useReceipt(booking.id, booking.updatedAt);
  const { form, pay } = usePay(booking, onNotPaid);
  const job = booking.job;
  const dueNow = job ? job.extraDuePaise - job.extraPaidPaise : 0;

  const extra = receipt.status === 'success' ? receipt.data.extra : null;
  return (
    <Card title="Extra to pay" data-testid="extra-time">
      <div className="zf-card__body uw-stack">
        {receipt.status === 'loading' ? <Spinner label="Loading the extra time" /> : null}
        {extra ? (
          <table className="zf-table uw-price-table" data-testid="extra-breakdown">
            <tbody>
              <tr>
                <td>Time worked</td>
                <td className="zf-num">{formatMinutes(extra.workedMinutes)}</td>
              </tr>
              {extra.includedMinutes !== null ? (
                <tr>
                  <td>Included in your booking</td>
                  <td className="zf-num">{formatMinutes(extra.includedMinutes)}</td>
                </tr>
              ) : null}
              {extra.approvedExtras.map((approved) => (
                <tr key={approved.extraId}>
                  <td>{approved.description} (approved)</td>
                  <td className="zf-num">{formatRupees(approved.amountPaise)} + GST</td>
                </tr>
              ))}
              <tr>
                <th scope="row">
                  {extra.approvedExtras.length > 0
                    ? 'Extra time and extras to pay, with GST'
                    : 'Extra time to pay'}
                </th>
                <th className="zf-num">{formatRupees(extra.extraDuePaise)}</th>
              </tr>
            </tbody>
          </table>
        ) : null}
        <FormMessage message={form.errors.form} />
        {dueNow > 0 && job?.extraPayableId ? (
          <Button onClick={pay(job.extraPayableId)} disabled={form.isBusy} data-testid="pay-extra">
            {form.isBusy ? 'Opening checkout…' : `Pay ${formatRupees(dueNow)}`}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
