import type { DispatchCandidate } from '@zefy/contracts';
import {
  Badge,
  Button,
  Card,
  DataTable,
  describeError,
  EmptyState,
  ErrorBanner,
  FormMessage,
  Spinner,
  toApiError,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ReasonField, useReason } from '../../../components/reason-field.tsx';
import { assignPartner, resendOffers, useCandidates } from '../api/dispatch.ts';
import { shortId } from '../model/queue.ts';

const standings: Record<NonNullable<DispatchCandidate['standing']>, string> = {
  open: 'Offer open',
  rejected: 'Said no',
  expired: 'Let it expire',
  withdrawn: 'Offer withdrawn',
  assigned: 'Has the job',
  dropped: 'Backed out',
};

const distanceOf = ({ distanceMeters }: DispatchCandidate) =>
  distanceMeters === null ? 'Unknown' : `${(distanceMeters / 1000).toFixed(1)} km`;

/** A refusal of the assign or the re-send in words; the server's own title for anything else. */
function problemWords(error: unknown): string {
  const apiError = toApiError(error);
  switch (apiError.code) {
    case 'DISPATCH.NO_ELIGIBLE_PARTNER':
      return 'Everyone who could take it has already been asked.';
    case 'DISPATCH.ASSIGNMENT_CHANGED':
      return 'Someone else changed who has this booking meanwhile: look again.';
    case 'DISPATCH.NOT_OPEN':
      return 'This booking is not waiting for a partner any more.';
    default: {
      const { title, detail } = describeError(apiError);
      return detail ? `${title}. ${detail}` : title;
    }
  }
}

/** The partners who could take one waiting booking: assign one (with a reason), or send the offers again. */
export function CandidatesCard({ bookingId, isWaiting }: { bookingId: string; isWaiting: boolean }) {
  const candidates = useCandidates(bookingId);
  const toast = useToast();
  const navigate = useNavigate();
  const reason = useReason('Say why you assign this partner');
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    setProblem(null);
    try {
      toast.show(await action());
      navigate('/dispatch');
    } catch (error) {
      setProblem(problemWords(error));
      candidates.reload();
    } finally {
      setBusy(false);
    }
  };

  const assign = (candidate: DispatchCandidate, expectedPartnerId: string | null) => {
    const why = reason.take();
    if (!why) return;
    void act(async () => {
      await assignPartner(bookingId, {
        partnerId: candidate.partnerId,
        reason: why,
        expectedPartnerId,
      });
      return `${candidate.name ?? 'The partner'} has booking ${shortId(bookingId)}`;
    });
  };

  const resend = () =>
    act(async () => {
      const { offered } = await resendOffers(bookingId);
      return `Offers sent again to ${offered} ${offered === 1 ? 'partner' : 'partners'}`;
    });

  return (
    <Card title={`Candidates for ${shortId(bookingId)}`} data-testid="candidates">
      {!isWaiting ? (
        <p className="zf-card__body zf-muted" data-testid="not-waiting">
          This booking is not in the queue any more.
        </p>
      ) : null}
      <div className="zf-card__body zf-toolbar">
        <ReasonField label="Reason for assigning" reason={reason.field} />
        <Button variant="secondary" disabled={isBusy} onClick={() => void resend()}>
          Resend offers
        </Button>
      </div>
      <FormMessage message={problem} />
      {candidates.status === 'loading' ? <Spinner label="Loading the candidates" /> : null}
      {candidates.status === 'error' ? (
        <ErrorBanner error={candidates.error} onRetry={candidates.reload} />
      ) : null}
      {candidates.status === 'success' && candidates.data.items.length === 0 ? (
        <EmptyState>Nobody approved for this service is free then.</EmptyState>
      ) : null}
      {candidates.status === 'success' && candidates.data.items.length > 0 ? (
        <DataTable
          label="Partners who could take it"
          data-testid="candidate-list"
          rows={candidates.data.items}
          rowKey={(candidate) => candidate.partnerId}
          rowTestId="candidate-row"
          columns={[
            { key: 'name', header: 'Partner', cell: (candidate) => candidate.name ?? candidate.partnerId },
            {
              key: 'reputation',
              header: 'Reputation',
              isNumeric: true,
              cell: (candidate) => candidate.reputation.toFixed(1),
            },
            { key: 'distance', header: 'Distance', isNumeric: true, cell: distanceOf },
            {
              key: 'duty',
              header: 'On duty',
              cell: (candidate) =>
                candidate.isOnline ? (
                  <Badge tone="success">On duty</Badge>
                ) : (
                  <Badge tone="neutral">Off duty</Badge>
                ),
            },
            {
              key: 'hours',
              header: 'Working hours',
              cell: (candidate) => (candidate.isScheduled ? 'Covers it' : 'Outside them'),
            },
            {
              key: 'standing',
              header: 'In this round',
              cell: (candidate) => (candidate.standing ? standings[candidate.standing] : 'Not asked'),
            },
            {
              key: 'assign',
              header: <span className="zf-visually-hidden">Actions</span>,
              cell: (candidate) => (
                <Button
                  size="small"
                  disabled={isBusy || candidate.standing === 'assigned'}
                  onClick={() => assign(candidate, candidates.data.assignedPartnerId)}
                  aria-label={`Assign ${candidate.name ?? candidate.partnerId}`}
                >
                  Assign
                </Button>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
