import type { BookingReceipt } from '@zefy/contracts';
import { formatInZone, formatWindowInZone } from '@zefy/rules';
import { Button, Card, ErrorBanner, formatRupees, Screen, Spinner } from '@zefy/web-kit';
import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import { PriceBreakdown } from '../../../components/price-breakdown.tsx';
import { formatTaxRate } from '../../../lib/service-terms.ts';
import { useReceipt } from '../api/job.ts';
import { formatMinutes } from './job-words.ts';
import { GivenRating } from './rate-job.tsx';

const paymentWords: Record<string, string> = {
  captured: 'Paid',
  failed: 'Failed',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
  refund_failed: 'Refund failed',
};

/**
 * `/bookings/:bookingId/receipt`: the booking's receipt, made to print (or save as PDF from the print
 * dialog): who issues it, the price as booked with its GST, the extra time or the cancellation fee kept, each
 * payment and refund. It is a tax invoice once the booking is completed or cancelled with a fee kept
 * (numbered, its issuer fixed then) and only when the hub has a GSTIN. The app's header and buttons are left off the printed page.
 */
export function ReceiptScreen() {
  const bookingId = useParams().bookingId ?? '';
  const receipt = useReceipt(bookingId, 'current');
  const isTaxInvoice =
    receipt.status === 'success' && receipt.data.issuer !== null && receipt.data.invoice !== null;
  return (
    <Screen
      title={isTaxInvoice ? 'Tax invoice' : 'Receipt'}
      back={
        <Link className="zf-back" to={`/bookings/${bookingId}`}>
          ← The booking
        </Link>
      }
      actions={
        <Button
          variant="secondary"
          onClick={() => window.print()}
          data-testid="print-receipt"
          className="uw-no-print"
        >
          Print / save as PDF
        </Button>
      }
      data-testid="receipt"
    >
      {receipt.status === 'loading' ? <Spinner label="Loading the receipt" /> : null}
      {receipt.status === 'error' ? <ErrorBanner error={receipt.error} onRetry={receipt.reload} /> : null}
      {receipt.status === 'success' ? <Receipt receipt={receipt.data} /> : null}
    </Screen>
  );
}

function Issuer({ issuer }: { issuer: BookingReceipt['issuer'] }) {
  if (!issuer)
    return (
      <p className="zf-muted" data-testid="receipt-no-gstin">
        This hub has no GST registration on record yet, so this is a receipt, not a tax invoice.
      </p>
    );
  return (
    <Card title="Issued by">
      <dl className="zf-details" data-testid="receipt-issuer">
        <dt>Name</dt>
        <dd>{issuer.legalName}</dd>
        <dt>GSTIN</dt>
        <dd className="uw-mono" data-testid="receipt-gstin">
          {issuer.gstin}
        </dd>
        <dt>Address</dt>
        <dd className="uw-registered-address">{issuer.address}</dd>
      </dl>
    </Card>
  );
}

function Receipt({ receipt }: { receipt: BookingReceipt }) {
  const { booking, extra } = receipt;
  const fee = receipt.invoice?.cancellationFee ?? null;
  return (
    <div className="uw-stack uw-receipt">
      <Issuer issuer={receipt.issuer} />
      <Card title={booking.serviceName}>
        <dl className="zf-details">
          {receipt.invoice ? (
            <>
              <dt>Invoice no.</dt>
              <dd className="uw-mono" data-testid="invoice-number">
                {receipt.invoice.number}
              </dd>
              <dt>Invoice date</dt>
              <dd>{formatInZone(receipt.invoice.issuedAt, booking.timeZone, 'dateTime')}</dd>
              <dt>SAC</dt>
              <dd className="uw-mono" data-testid="invoice-sac">
                {receipt.invoice.sac}
              </dd>
            </>
          ) : null}
          <dt>Booking</dt>
          <dd className="uw-mono">{booking.id}</dd>
          <dt>When</dt>
          <dd>{formatWindowInZone(booking.window, booking.timeZone, 'slot')}</dd>
          {booking.partner ? (
            <>
              <dt>Professional</dt>
              <dd>{booking.partner.name}</dd>
            </>
          ) : null}
          {booking.job?.workedMinutes != null ? (
            <>
              <dt>Time worked</dt>
              <dd>{formatMinutes(booking.job.workedMinutes)}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title={fee ? 'Price as booked' : 'Price'}>
        <PriceBreakdown price={booking.price} serviceLabel={booking.serviceName} />
      </Card>
      {fee ? (
        <Card title="Cancellation fee">
          <table className="zf-table uw-price-table" data-testid="receipt-cancellation-fee">
            <tbody>
              <tr>
                <td>Kept for cancelling {booking.serviceName}</td>
                <td className="zf-num">{formatRupees(fee.pretaxPaise)}</td>
              </tr>
              <tr>
                <td>GST ({formatTaxRate(fee.taxRateBasisPoints)})</td>
                <td className="zf-num">{formatRupees(fee.taxPaise)}</td>
              </tr>
              <tr>
                <th scope="row">Cancellation fee, with GST</th>
                <th className="zf-num">{formatRupees(fee.totalPaise)}</th>
              </tr>
            </tbody>
          </table>
        </Card>
      ) : null}
      {extra && extra.extraDuePaise > 0 ? (
        <Card title={extra.approvedExtras.length > 0 ? 'Extra time and extras' : 'Extra time'}>
          <table className="zf-table uw-price-table" data-testid="receipt-extra">
            <tbody>
              <tr>
                <td>
                  {formatMinutes(extra.workedMinutes)} worked
                  {extra.includedMinutes !== null ? `, ${formatMinutes(extra.includedMinutes)} included` : ''}
                </td>
                <td className="zf-num">
                  {extra.approvedExtras.length === 0 ? formatRupees(extra.extraDuePaise) : null}
                </td>
              </tr>
              {extra.approvedExtras.map((approved) => (
                <tr key={approved.extraId} data-testid="receipt-approved-extra">
                  <td>
                    {approved.kind === 'material' ? 'Material' : 'Add-on'}: {approved.description}
                  </td>
                  <td className="zf-num">{formatRupees(approved.amountPaise)} + GST</td>
                </tr>
              ))}
              {extra.approvedExtras.length > 0 ? (
                <tr>
                  <th scope="row">Extra time and extras, with GST</th>
                  <th className="zf-num">{formatRupees(extra.extraDuePaise)}</th>
                </tr>
              ) : null}
              <tr>
                <td>Paid</td>
                <td className="zf-num">{formatRupees(extra.extraPaidPaise)}</td>
              </tr>
            </tbody>
          </table>
        </Card>
      ) : null}
      <Card title="Payments">
        <table className="zf-table uw-price-table" data-testid="receipt-payments">
          <tbody>
            {receipt.payments.map((payment) => (
              <Fragment key={payment.paymentId}>
                <tr>
                  <td>
                    {paymentWords[payment.status] ?? payment.status},{' '}
                    {formatInZone(payment.updatedAt, booking.timeZone, 'dateTime')}
                    {payment.method ? ` (${payment.method})` : ''}
                  </td>
                  <td className="zf-num">{formatRupees(payment.amountPaise)}</td>
                </tr>
                {payment.refundedPaise > 0 ? (
                  <tr>
                    <td>Refunded from it</td>
                    <td className="zf-num">−{formatRupees(payment.refundedPaise)}</td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
            <tr>
              <th scope="row">Paid in total</th>
              <th className="zf-num" data-testid="receipt-paid">
                {formatRupees(receipt.paidPaise)}
              </th>
            </tr>
            {receipt.refundedPaise > 0 ? (
              <tr>
                <th scope="row">Refunded in total</th>
                <th className="zf-num">{formatRupees(receipt.refundedPaise)}</th>
              </tr>
            ) : null}
          </tbody>
        </table>
      </Card>
      {receipt.myRating ? <GivenRating rating={receipt.myRating} /> : null}
    </div>
  );
}
