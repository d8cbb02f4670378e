import type { AdminBookingDetail, BookingView } from '@zefy/contracts';
import { formatInZone } from '@zefy/rules';
import {
  Banner,
  Button,
  Card,
  describeError,
  FormMessage,
  formatPaise,
  Spinner,
  toApiError,
  useQuery,
  useSecondsSince,
  useToast,
} from '@zefy/web-kit';
import { type FormEvent, useState } from 'react';
import { MarkersMap } from '../../../components/markers-map.tsx';
import { ReasonField, useReason } from '../../../components/reason-field.tsx';
import { getReceipt, reissueOtp, useTracking } from '../api/job.ts';
import { etaWords, isTracked, markersOf } from '../model/live-job.ts';

/** Where the partner is and when they will be there, while the booking is assigned, on the way or at the door. */
export function LiveTrackingCard({ booking }: { booking: BookingView }) {
  const tracked = isTracked(booking.status);
  const tracking = useTracking(booking.id);
  if (!tracked) return null;
  const when = (iso: string) => formatInZone(iso, booking.timeZone, 'instant');
  return (
    <Card title="Live tracking" data-testid="live-tracking">
      {tracking.status === 'loading' ? <Spinner label="Loading the partner's position" /> : null}
      {tracking.status === 'error' ? (
        <p className="zf-card__body">{describeError(tracking.error).title}</p>
      ) : null}
      {tracking.status === 'success' && tracking.data === null ? (
        <p className="zf-card__body zf-muted">Tracking starts when the partner sets out.</p>
      ) : null}
      {tracking.status === 'success' && tracking.data ? (
        <>
          {tracking.data.isDelayed ? (
            <Banner tone="warning" title="Location delayed" data-testid="location-delayed">
              The partner’s phone has not sent a position lately; they have been asked to.
            </Banner>
          ) : null}
          <dl className="zf-details">
            <dt>Tracking</dt>
            <dd data-testid="tracking-status">{tracking.data.status.replace('_', ' ')}</dd>
            <dt>Arrives</dt>
            <dd data-testid="tracking-eta">
              {tracking.data.eta
                ? `${etaWords(tracking.data.eta.estimatedArrivalAt, Date.now())} (${when(tracking.data.eta.estimatedArrivalAt)}, ${(tracking.data.eta.distanceMeters / 1000).toFixed(1)} km)`
                : '—'}
            </dd>
            <dt>Last position</dt>
            <dd data-testid="tracking-last-update">
              {tracking.data.lastUpdateAt ? when(tracking.data.lastUpdateAt) : 'none yet'}
            </dd>
          </dl>
          <MarkersMap
            label="Map of the partner and the customer's address"
            markers={markersOf(tracking.data)}
            data-testid="tracking-map"
          />
        </>
      ) : null}
    </Card>
  );
}

function RunningFor({ startedAt }: { startedAt: string }) {
  const minutes = Math.floor(useSecondsSince(startedAt) / 60);
  return <span data-testid="job-running">running for {minutes} min</span>;
}

/** Issue new codes for the one the job needs next (lifting a lock), with a reason kept in the audit log. */
function ReissueCodes({ bookingId, onDone }: { bookingId: string; onDone: () => void }) {
  const toast = useToast();
  const reason = useReason('Say why you issue new codes');
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const why = reason.take();
    if (!why) return;
    setBusy(true);
    setProblem(null);
    try {
      const issued = await reissueOtp(bookingId, why);
      reason.clear();
      toast.show(`A new ${issued.kind} code is in the customer’s app`);
      onDone();
    } catch (error) {
      const apiError = toApiError(error);
      setProblem(
        apiError.status === 403 ? 'Only an admin can issue new codes.' : describeError(apiError).title,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="zf-card__body zf-toolbar"
      onSubmit={(event) => void submit(event)}
      data-testid="reissue-codes"
    >
      <ReasonField label="Reason for new codes" reason={reason.field} />
      <Button type="submit" disabled={isBusy}>
        Issue new codes
      </Button>
      <FormMessage message={problem} />
    </form>
  );
}

/** The job after assignment: its state and timer, the OTPs' lock, and the extra time. */
export function JobCard({ detail, onChange }: { detail: AdminBookingDetail; onChange: () => void }) {
  const { booking, otp } = detail;
  if (!otp && !booking.job) return null;
  const job = booking.job;
  const when = (iso: string) => formatInZone(iso, booking.timeZone, 'instant');
  const isOpen = !['completed', 'cancelled', 'refunded'].includes(booking.status);
  return (
    <Card title="Job" data-testid="job-card">
      {otp?.isLocked ? (
        <Banner tone="danger" title="Codes locked" data-testid="otp-locked">
          Too many wrong codes were entered. Issue new codes once you have spoken to the customer and the
          partner.
        </Banner>
      ) : null}
      <dl className="zf-details">
        <dt>State</dt>
        <dd data-testid="job-state">{booking.status.replaceAll('_', ' ')}</dd>
        <dt>Started</dt>
        <dd data-testid="job-started">{job ? when(job.startedAt) : 'not yet'}</dd>
        <dt>Timer</dt>
        <dd data-testid="job-timer">
          {job?.endedAt ? `ended ${when(job.endedAt)}, ${job.workedMinutes ?? 0} min worked` : null}
          {job && !job.endedAt ? <RunningFor startedAt={job.startedAt} /> : null}
          {job ? null : '—'}
        </dd>
        {job ? (
          <>
            <dt>Extra time</dt>
            <dd data-testid="job-extra">
              {formatPaise(job.extraDuePaise)} due, {formatPaise(job.extraPaidPaise)} paid
            </dd>
          </>
        ) : null}
        <dt>Codes</dt>
        <dd data-testid="otp-state">
          {otp ? (otp.isLocked ? 'locked' : `${otp.failedAttempts} wrong recently`) : '—'}
        </dd>
      </dl>
      {otp && isOpen ? <ReissueCodes bookingId={booking.id} onDone={onChange} /> : null}
    </Card>
  );
}

/** The customer's rating of the partner, once the job is completed. */
export function RatingCard({ booking }: { booking: BookingView }) {
  const isDone = booking.status === 'completed';
  const receipt = useQuery(`admin/receipt/${booking.id}/${booking.status}`, (signal) =>
    isDone ? getReceipt(booking.id, signal) : Promise.resolve(null),
  );
  if (!isDone) return null;
  const rating = receipt.status === 'success' ? receipt.data?.myRating : null;
  return (
    <Card title="Rating" data-testid="rating-card">
      <p className="zf-card__body" data-testid="customer-rating">
        {receipt.status === 'loading' ? 'Loading…' : null}
        {receipt.status === 'error' ? describeError(receipt.error).title : null}
        {receipt.status === 'success'
          ? rating
            ? `The customer gave ${rating.stars} of 5${rating.comment ? `: “${rating.comment}”` : ''}`
            : 'The customer has not rated the partner yet.'
          : null}
      </p>
    </Card>
  );
}
