import type { BookingView } from '@zefy/contracts';
import { Button, Card, FormMessage, formatRupees, Spinner } from '@zefy/web-kit';
import { useReceipt } from '../api/job.ts';
import { formatMinutes } from './job-words.ts';
import { usePay } from './use-pay.ts';

/**
 * The job ran past its included time: what was worked, what was included, what the extra costs, and a
 * second checkout (the same Razorpay flow as the first payment) for the extra time's payable.
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
    <Card title="Extra time" data-testid="extra-time">
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
              <tr>
                <th scope="row">Extra time to pay</th>
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
