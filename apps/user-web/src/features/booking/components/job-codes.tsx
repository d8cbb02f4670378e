import type { BookingView } from '@zefy/contracts';
import { Banner, Card, ErrorBanner, Spinner, useSecondsSince } from '@zefy/web-kit';
import { useOtps } from '../api/job.ts';
import { formatElapsed } from './job-words.ts';

/**
 * The code the customer reads out to the professional: the start code until the job starts, the end code
 * while it runs. Only the customer ever sees them (the partner types them in).
 */
export function JobCode({ booking }: { booking: BookingView }) {
  const otps = useOtps(booking.id);
  if (otps.status === 'loading') return <Spinner label="Loading your codes" />;
  if (otps.status === 'error') return <ErrorBanner error={otps.error} onRetry={otps.reload} />;
  if (otps.data.isLocked)
    return (
      <Banner tone="warning" title="Too many wrong codes were entered" data-testid="otp-locked">
        Our team is issuing new codes; they appear here.
      </Banner>
    );
  const isStarted = booking.status === 'in_progress';
  const code = isStarted ? otps.data.end : otps.data.start;
  if (!code || code.isUsed) return null;
  return (
    <Card title={isStarted ? 'End code' : 'Start code'} data-testid={isStarted ? 'end-otp' : 'start-otp'}>
      <div className="zf-card__body uw-stack">
        <p className="uw-otp" data-testid="otp-code">
          {code.code}
        </p>
        <p className="zf-muted">
          {isStarted
            ? 'When the job is done, read this code out to your professional to end it.'
            : 'Read this code out to your professional when they are ready to start. Do not share it before.'}
        </p>
      </div>
    </Card>
  );
}

/** Time on the job by the server's clock: counted from its `startedAt`, so a reload shows the same. */
export function JobTimer({ startedAt }: { startedAt: string }) {
  const seconds = useSecondsSince(startedAt);
  return (
    <Card title="Time on the job">
      <div className="zf-card__body">
        <p className="uw-timer" data-testid="job-timer" aria-live="off">
          {formatElapsed(seconds)}
        </p>
      </div>
    </Card>
  );
}
