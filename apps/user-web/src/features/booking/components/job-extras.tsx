import type { BookingView, JobExtra } from '@zefy/contracts';
import { Badge, Banner, Button, Card, formatRupees, toApiError } from '@zefy/web-kit';
import { useState } from 'react';
import { decideExtra } from '../api/job.ts';
import { approvedExtrasPaise } from './job-words.ts';

const statusWords: Record<JobExtra['status'], { label: string; tone: 'info' | 'success' | 'danger' }> = {
  proposed: { label: 'Waiting for you', tone: 'info' },
  approved: { label: 'Approved', tone: 'success' },
  declined: { label: 'Declined', tone: 'danger' },
};

function ExtraRow({
  bookingId,
  extra,
  canDecide,
}: {
  bookingId: string;
  extra: JobExtra;
  canDecide: boolean;
}) {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const answer = (decision: 'approve' | 'decline') => async () => {
    setBusy(true);
    setError(null);
    try {
      // the booking channel's change reloads the booking with the decision
      await decideExtra(bookingId, extra.extraId, decision);
    } catch (caught) {
      const problem = toApiError(caught);
      setError(problem.status === 0 ? 'No connection. Try again.' : problem.title);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="uw-stack" data-testid="job-extra" data-status={extra.status}>
      <span>
        {extra.kind === 'material' ? 'Material' : 'Add-on'}: {extra.description} ·{' '}
        {formatRupees(extra.amountPaise)} + GST{' '}
        <Badge tone={statusWords[extra.status].tone}>{statusWords[extra.status].label}</Badge>
      </span>
      {canDecide && extra.status === 'proposed' ? (
        <div className="zf-toolbar zf-toolbar--start">
          <Button onClick={() => void answer('approve')()} disabled={isBusy} data-testid="approve-extra">
            Approve
          </Button>
          <Button
            variant="secondary"
            onClick={() => void answer('decline')()}
            disabled={isBusy}
            data-testid="decline-extra"
          >
            Decline
          </Button>
        </div>
      ) : null}
      {error ? (
        <Banner tone="danger" title="That did not work">
          {error}
        </Banner>
      ) : null}
    </li>
  );
}

/**
 * Add-ons and materials the professional proposed during the job: approve or decline each before the job
 * ends. Only approved ones are charged (plus GST) with any extra time; one still waiting then is not.
 */
export function JobExtras({ booking }: { booking: BookingView }) {
  const extras = booking.job?.extras ?? [];
  if (extras.length === 0) return null;
  const canDecide = booking.status === 'in_progress';
  return (
    <Card title="Extras from your professional" data-testid="job-extras">
      <div className="zf-card__body uw-stack">
        <ul className="uw-stack">
          {extras.map((extra) => (
            <ExtraRow key={extra.extraId} bookingId={booking.id} extra={extra} canDecide={canDecide} />
          ))}
        </ul>
        <p data-testid="extras-total">
          Approved so far: <strong>{formatRupees(approvedExtrasPaise(extras))}</strong> + GST
        </p>
        <p className="zf-muted">
          Only what you approve is charged, with any extra time, when the job ends. An extra still waiting for
          you then is not charged.
        </p>
      </div>
    </Card>
  );
}
