import type { BookingView } from '@zefy/contracts';
import { formatWindowInZone } from '@zefy/rules';
import { Banner, ButtonLink, Card, ErrorBanner, formatRupees, Screen, Spinner } from '@zefy/web-kit';
import { type ReactNode, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { PriceBreakdown } from '../../../components/price-breakdown.tsx';
import { useAddress } from '../../addresses/api/addresses.ts';
import { AddressSummary } from '../../addresses/components/address-summary.tsx';
import { useLiveBooking } from '../api/booking.ts';
import { takeCheckoutNotice } from '../api/checkout-trip.ts';
import { AssignedPartnerCard, FindingProfessional } from './assigned-partner.tsx';
import { BookingStatusBadge, isAwaitingPayment, statusHeadline } from './booking-status.tsx';
import { CancelBooking } from './cancel-booking.tsx';
import { JobCode, JobTimer } from './job-codes.tsx';
import { JobExtras } from './job-extras.tsx';
import { LiveTracking } from './live-tracking.tsx';
import { NotifyMe } from './notify-me.tsx';
import { PayExtraTime } from './pay-extra-time.tsx';
import { PayForHold } from './pay-for-hold.tsx';
import { RateJob } from './rate-job.tsx';

/**
 * `/bookings/:bookingId`: one booking, live. While its hold waits for payment it is the price card (where,
 * when, the price line by line, the time left, pay); once paid, the booking as it goes on. A reload, a
 * shared link or the way back from checkout lands here.
 */
export function BookingScreen() {
  const bookingId = useParams().bookingId ?? '';
  return <Booking key={bookingId} bookingId={bookingId} />;
}

function Booking({ bookingId }: { bookingId: string }) {
  const booking = useLiveBooking(bookingId);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const left = takeCheckoutNotice(bookingId);
    if (left) setNotice(left);
  }, [bookingId]);

  if (booking.status !== 'success')
    return (
      <Screen title="Booking">
        {booking.status === 'loading' ? (
          <Spinner label="Loading your booking" />
        ) : (
          <ErrorBanner error={booking.error} onRetry={booking.reload} />
        )}
      </Screen>
    );
  const view = booking.data;
  const isPriceCard = isAwaitingPayment(view.status);
  return (
    <Screen
      title={isPriceCard ? 'Review and pay' : 'Your booking'}
      actions={<BookingStatusBadge status={view.status} />}
      data-testid={isPriceCard ? 'price-card' : 'booking-detail'}
    >
      <p className="uw-headline" data-testid="booking-status" data-status={view.status}>
        {statusHeadline(view.status)}
      </p>
      {notice && (isPriceCard || view.status === 'awaiting_extra_payment') ? (
        <Banner tone="warning" title="Payment not completed" data-testid="payment-failure">
          {notice}
        </Banner>
      ) : null}
      <WhatAndWhere booking={view} />
      <Card title={isPriceCard ? 'Price' : 'Paid'}>
        <PriceBreakdown
          price={view.price}
          serviceLabel={view.window.kind === 'now' ? `${view.serviceName}, now` : view.serviceName}
        />
      </Card>
      {isPriceCard ? (
        <PayForHold booking={view} onChanged={booking.reload} onNotPaid={setNotice} />
      ) : (
        <NextSteps booking={view} onChanged={booking.reload} onNotPaid={setNotice} />
      )}
    </Screen>
  );
}

/** The service, its window in the hub's time, and the address the professional comes to. */
function WhatAndWhere({ booking }: { booking: BookingView }) {
  const address = useAddress(booking.addressId);
  return (
    <Card title={booking.serviceName}>
      <dl className="zf-details">
        <dt>When</dt>
        <dd data-testid="booking-window">
          {booking.window.kind === 'now'
            ? 'Now: a professional starts within the hour'
            : formatWindowInZone(booking.window, booking.timeZone, 'slot')}
        </dd>
        <dt>Where</dt>
        <dd data-testid="booking-address">
          {address.status === 'success' ? <AddressSummary address={address.data} /> : null}
          {address.status === 'error' ? <span className="zf-muted">An address no longer saved</span> : null}
        </dd>
      </dl>
    </Card>
  );
}

/** After the price card: what happens now, who is coming, or a way to start over. */
function NextSteps({
  booking,
  onChanged,
  onNotPaid,
}: {
  booking: BookingView;
  onChanged: () => void;
  onNotPaid: (notice: string) => void;
}) {
  const bookAgain = (
    <ButtonLink to={`/services/${booking.serviceId}/book`} variant="secondary">
      Book again
    </ButtonLink>
  );
  // a paid booking has a receipt: payments and refunds, and the invoice of the job or of a cancellation fee
  const receipt = booking.payment ? (
    <ButtonLink to={`/bookings/${booking.id}/receipt`} variant="secondary">
      Receipt
    </ButtonLink>
  ) : null;
  if (booking.cancelledBy === 'system') return <NoProfessionalFound booking={booking} action={bookAgain} />;
  switch (booking.status) {
    case 'confirmed':
      // confirmed is the last change while it searches: its time is when the payment made it a booking
      return (
        <>
          <FindingProfessional since={booking.updatedAt} />
          <NotifyMe status={booking.status} />
          <CancelBooking booking={booking} onChanged={onChanged} />
        </>
      );
    case 'assigned':
    case 'en_route':
    case 'arrived':
      return (
        <>
          {booking.partner ? <AssignedPartnerCard partner={booking.partner} /> : null}
          <NotifyMe status={booking.status} />
          <LiveTracking booking={booking} />
          <JobCode booking={booking} />
          <CancelBooking booking={booking} onChanged={onChanged} />
        </>
      );
    case 'in_progress':
      return (
        <>
          {booking.job ? <JobTimer startedAt={booking.job.startedAt} /> : null}
          <NotifyMe status={booking.status} />
          <JobCode booking={booking} />
          <JobExtras booking={booking} />
        </>
      );
    case 'awaiting_extra_payment':
      return (
        <>
          <PayExtraTime booking={booking} onNotPaid={onNotPaid} />
          <JobExtras booking={booking} />
        </>
      );
    case 'completed':
      return (
        <>
          <RateJob booking={booking} />
          <div className="zf-toolbar zf-toolbar--start">
            {receipt}
            {bookAgain}
          </div>
        </>
      );
    case 'rejected':
    case 'refunded':
      return (
        <Card>
          <div className="zf-card__body zf-toolbar">
            <span>Refunded so far: {formatRupees(booking.refundedPaise)}</span>
            {receipt}
            {bookAgain}
          </div>
        </Card>
      );
    case 'cancelled':
      return (
        <div className="zf-toolbar zf-toolbar--start">
          {receipt}
          {bookAgain}
        </div>
      );
    default:
      return <div className="zf-toolbar zf-toolbar--start">{bookAgain}</div>;
  }
}

/** Dispatch gave up: nobody took the job in time, and the whole payment comes back. */
function NoProfessionalFound({ booking, action }: { booking: BookingView; action: ReactNode }) {
  const paid = booking.payment?.amountPaise ?? 0;
  const isRefunded = booking.status === 'refunded';
  return (
    <Banner
      tone="warning"
      title="We could not find a professional in time"
      data-testid="no-partner-found"
      action={action}
    >
      {isRefunded
        ? `Your ${formatRupees(paid)} has been refunded in full.`
        : `Your booking is cancelled and your ${formatRupees(paid)} will be refunded in full.`}
    </Banner>
  );
}
