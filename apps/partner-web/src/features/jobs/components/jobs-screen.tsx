import type { PartnerJob } from '@zefy/contracts';
import { formatWindowInZone } from '@zefy/rules';
import {
  ButtonLink,
  Card,
  EmptyState,
  ErrorBanner,
  formatRupees,
  Screen,
  Spinner,
  useSession,
} from '@zefy/web-kit';
import { auth } from '../../../lib/api-client.ts';
import { useUpcomingJobs } from '../api/jobs.ts';

const whenOf = (job: PartnerJob) =>
  job.window.kind === 'now'
    ? `Now: start by ${formatWindowInZone(job.window, job.timeZone, 'time')}`
    : formatWindowInZone(job.window, job.timeZone, 'slot');

const mapLinkOf = ({ location }: PartnerJob) =>
  location ? `https://www.google.com/maps/dir/?api=1&destination=${location.lat},${location.lng}` : null;

function JobDetails({ job }: { job: PartnerJob }) {
  const directions = mapLinkOf(job);
  return (
    <dl className="zf-details">
      <dt>When</dt>
      <dd data-testid="job-window">{whenOf(job)}</dd>
      <dt>Area</dt>
      <dd>{job.area}</dd>
      <dt>You earn</dt>
      <dd data-testid="job-earning">{formatRupees(job.earningPaise)}</dd>
      {directions ? (
        <>
          <dt>Address</dt>
          <dd>
            <a href={directions} target="_blank" rel="noreferrer">
              Directions to the customer
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * `/jobs`: the partner's upcoming jobs, soonest first; each opens at `/jobs/:bookingId` (the job screen). Live: a job assigned or taken away on the partner's channel refreshes the list.
 */
export function JobsScreen() {
  const partnerId = useSession(auth)?.principal.id ?? '';
  const jobs = useUpcomingJobs(partnerId);
  const title = 'Assigned jobs';

  if (jobs.status !== 'success')
    return (
      <Screen title={title}>
        {jobs.status === 'loading' ? (
          <Spinner label="Loading your jobs" />
        ) : (
          <ErrorBanner error={jobs.error} onRetry={jobs.reload} />
        )}
      </Screen>
    );

  return (
    <Screen title={title}>
      {jobs.data.items.length === 0 ? (
        <Card>
          <EmptyState>No jobs yet. Accept an offer on the home screen and it appears here.</EmptyState>
        </Card>
      ) : (
        jobs.data.items.map((job) => (
          <Card key={job.bookingId} title={job.serviceName} data-testid="job">
            <JobDetails job={job} />
            <div className="zf-card__body">
              <ButtonLink to={`/jobs/${job.bookingId}`} variant="secondary" size="small">
                Open job
              </ButtonLink>
            </div>
          </Card>
        ))
      )}
    </Screen>
  );
}
