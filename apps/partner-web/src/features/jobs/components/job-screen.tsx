import type { JobProgress, PartnerJob } from '@zefy/contracts';
import { formatWindowInZone } from '@zefy/rules';
import {
  Banner,
  Button,
  ButtonLink,
  Card,
  ChipGroup,
  ErrorBanner,
  formatRupees,
  Screen,
  Spinner,
  TextField,
  toApiError,
  useSecondsSince,
  useSession,
} from '@zefy/web-kit';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { auth } from '../../../lib/api-client.ts';
import { describeLocationProblem } from '../../presence/api/position.ts';
import { type UploaderState, usePositionUploader } from '../../tracking/api/use-position-uploader.ts';
import { confirmArrival, rateCustomer, startJourney, submitOtp, useJob } from '../api/job.ts';
import { formatElapsed, type JobStep, startOnThisClock, stepOf } from '../model/job-step.ts';
import { AddExtra, ExtrasList } from './job-extras.tsx';

const directionsTo = ({ lat, lng }: { lat: number; lng: number }) =>
  `https://www.google.com/maps/dir/?api=1&destination=${lat},${lng}`;

const whenOf = (job: PartnerJob) =>
  job.window.kind === 'now'
    ? `Now: start by ${formatWindowInZone(job.window, job.timeZone, 'time')}`
    : formatWindowInZone(job.window, job.timeZone, 'slot');

/** A step's one action ("On my way"): the button, and what went wrong in plain words. */
function StepButton({
  label,
  onClick,
  testId,
}: {
  label: string;
  onClick: () => Promise<unknown>;
  testId: string;
}) {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await onClick();
    } catch (caught) {
      const problem = toApiError(caught);
      setError(problem.status === 0 ? 'No connection. Check your signal and try again.' : problem.title);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="zf-stack">
      {error ? (
        <Banner tone="danger" title="That did not work">
          {error}
        </Banner>
      ) : null}
      <Button onClick={() => void run()} disabled={isBusy} data-testid={testId}>
        {isBusy ? 'Sending…' : label}
      </Button>
    </div>
  );
}

/** What a refused code means to the partner at the door. */
function otpErrorWords(caught: unknown): string {
  const problem = toApiError(caught);
  if (problem.code === 'JOB.OTP_LOCKED')
    return 'Too many wrong codes, so the job is locked. Ask the team to issue new codes; the customer gets them in the app.';
  if (problem.code === 'JOB.OTP_INCORRECT')
    return `${problem.detail ?? 'That code is not right'}. Ask the customer to read it again from their app.`;
  if (problem.status === 0) return 'No connection. Check your signal and try again.';
  if (problem.code === 'REQUEST.VALIDATION_FAILED') return 'A code is 4 to 6 digits.';
  return problem.title;
}

/** The customer's start or end code, typed in by the partner. */
function OtpForm({
  bookingId,
  kind,
  onDone,
}: {
  bookingId: string;
  kind: 'start' | 'end';
  onDone: () => void;
}) {
  const [otp, setOtp] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submitOtp(bookingId, kind, otp.trim());
      onDone();
    } catch (caught) {
      setError(otpErrorWords(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="zf-stack" onSubmit={(event) => void submit(event)} data-testid={`${kind}-otp-form`}>
      <TextField
        label={kind === 'start' ? 'Start code' : 'End code'}
        hint={`The customer reads the ${kind} code out from their Zefy app.`}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={otp}
        onChange={(event) => setOtp(event.target.value)}
        error={error ?? undefined}
        required
      />
      <Button type="submit" disabled={isBusy || otp.trim().length < 4}>
        {kind === 'start' ? 'Start job' : 'End job'}
      </Button>
    </form>
  );
}

function RunningTimer({ progress, receivedAt }: { progress: JobProgress; receivedAt: number }) {
  const timer = progress.job;
  const seconds = useSecondsSince(
    timer ? startOnThisClock(timer, progress.serverNow, receivedAt) : receivedAt,
  );
  return (
    <p className="zf-stat" aria-live="off">
      <span className="zf-muted">Time on the job</span>{' '}
      <strong data-testid="job-timer">{formatElapsed(seconds)}</strong>
    </p>
  );
}

function JobSummary({ progress }: { progress: JobProgress }) {
  const timer = progress.job;
  if (!timer) return null;
  return (
    <dl className="zf-details" data-testid="job-summary">
      <dt>Worked</dt>
      <dd data-testid="worked-minutes">{timer.workedMinutes ?? 0} minutes</dd>
      <dt>Extra charged (time and approved extras, with GST)</dt>
      <dd data-testid="extra-due">{formatRupees(timer.extraDuePaise)}</dd>
      {timer.extraDuePaise > 0 ? (
        <>
          <dt>Extra time paid</dt>
          <dd>{formatRupees(timer.extraPaidPaise)}</dd>
        </>
      ) : null}
      {timer.extras.length > 0 ? (
        <>
          <dt>Extras</dt>
          <dd>
            <ExtrasList extras={timer.extras} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

const starOptions = [1, 2, 3, 4, 5].map((stars) => ({
  value: String(stars),
  label: `${stars} ${stars === 1 ? 'star' : 'stars'}`,
}));

/** The partner rates the customer, once; a second try is told it was done already. */
function RateCustomer({ bookingId }: { bookingId: string }) {
  const [stars, setStars] = useState<string | null>(null);
  const [isDone, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stars) return setError('Choose how many stars.');
    setError(null);
    try {
      await rateCustomer(bookingId, { stars: Number(stars) });
      setDone(true);
    } catch (caught) {
      const problem = toApiError(caught);
      if (problem.code === 'JOB.ALREADY_RATED') setDone(true);
      else setError(problem.status === 0 ? 'No connection. Try again.' : problem.title);
    }
  };
  if (isDone)
    return (
      <Banner tone="success" title="Thanks for rating the customer" data-testid="customer-rated">
        It helps us keep Zefy good for partners.
      </Banner>
    );
  return (
    <form className="zf-stack" onSubmit={(event) => void submit(event)} data-testid="rate-customer">
      <ChipGroup
        name="stars"
        label="How was the customer?"
        options={starOptions}
        value={stars}
        onChange={setStars}
        error={error ?? undefined}
      />
      <Button type="submit">Rate the customer</Button>
    </form>
  );
}

function UploaderStatus({ uploader }: { uploader: UploaderState }) {
  if (uploader.problem) {
    const words = describeLocationProblem(uploader.problem);
    return (
      <Banner tone="warning" title={words.title} data-testid="location-problem">
        {words.detail}
      </Banner>
    );
  }
  return (
    <p className="zf-muted" data-testid="sharing-location">
      Sharing your location with the customer
      {uploader.queued > 0 ? ` (${uploader.queued} to send)` : ''}.
    </p>
  );
}

/** What the partner does at each step, with the job's one action. */
function NextStep({
  step,
  job,
  progress,
  receivedAt,
  reload,
  uploader,
}: {
  uploader: UploaderState;
  step: JobStep;
  job: PartnerJob;
  progress: JobProgress | null;
  receivedAt: number;
  reload: () => void;
}) {
  const bookingId = job.bookingId;
  const act = (call: (id: string) => Promise<unknown>) => () => call(bookingId).then(reload);
  switch (step) {
    case 'set_out':
      return (
        <Card title="When you set out" data-testid="job-step">
          <div className="zf-card__body zf-stack">
            <p>Tap “On my way” as you leave: the customer follows you on the map from then on.</p>
            <StepButton label="On my way" testId="on-my-way" onClick={act(startJourney)} />
          </div>
        </Card>
      );
    case 'on_the_way':
      return (
        <Card title="On your way" data-testid="job-step">
          <div className="zf-card__body zf-stack">
            <UploaderStatus uploader={uploader} />
            <StepButton label="I have arrived" testId="arrived" onClick={act(confirmArrival)} />
          </div>
        </Card>
      );
    case 'at_the_door':
      return (
        <Card title="At the door" data-testid="job-step">
          <div className="zf-card__body">
            <OtpForm bookingId={bookingId} kind="start" onDone={reload} />
          </div>
        </Card>
      );
    case 'working':
      return (
        <>
          <Card title="Job in progress" data-testid="job-step">
            <div className="zf-card__body zf-stack">
              {progress ? <RunningTimer progress={progress} receivedAt={receivedAt} /> : null}
              <OtpForm bookingId={bookingId} kind="end" onDone={reload} />
            </div>
          </Card>
          <AddExtra bookingId={bookingId} extras={progress?.job?.extras ?? []} onAdded={reload} />
        </>
      );
    case 'awaiting_extra_payment':
    case 'done':
      return (
        <Card title="Job done" data-testid="job-step">
          <div className="zf-card__body zf-stack">
            {step === 'awaiting_extra_payment' ? (
              <Banner
                tone="info"
                title="Waiting for the customer to pay for the extra time"
                data-testid="awaiting-extra"
              >
                The job closes once they pay in their app.
              </Banner>
            ) : (
              <Banner tone="success" title="Job completed" data-testid="job-completed">
                You earned {formatRupees(job.earningPaise)}.
              </Banner>
            )}
            {progress ? <JobSummary progress={progress} /> : null}
            {step === 'done' ? <RateCustomer bookingId={bookingId} /> : null}
          </div>
        </Card>
      );
    case 'closed':
      return (
        <Banner tone="warning" title="This job is closed" data-testid="job-closed">
          It was cancelled or given to another partner.
        </Banner>
      );
  }
}

/**
 * `/jobs/:bookingId`: one job, walked step by step: on my way (the position shared meanwhile), arrived, the
 * start code, the running timer (the server's), the end code, the summary and the customer's rating. Live:
 * every event of the booking on the partner's channel fetches it again, so a reload resumes where it was.
 */
export function JobScreen() {
  const bookingId = useParams().bookingId ?? '';
  const partnerId = useSession(auth)?.principal.id ?? '';
  const loaded = useJob(partnerId, bookingId);
  // above the screen's steps, so the uploader lives as long as the job is on the way, whatever is shown
  const uploader = usePositionUploader(
    bookingId,
    loaded.status === 'success' ? loaded.data.progress?.status : undefined,
  );
  const title = 'Your job';
  const back = (
    <ButtonLink to="/jobs" variant="secondary" size="small">
      All jobs
    </ButtonLink>
  );

  if (loaded.status !== 'success')
    return (
      <Screen title={title} actions={back}>
        {loaded.status === 'loading' ? (
          <Spinner label="Loading your job" />
        ) : (
          <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
        )}
      </Screen>
    );

  const { job, progress, receivedAt } = loaded.data;
  if (!job || !progress)
    return (
      <Screen title={title} actions={back}>
        <Banner tone="warning" title="This job is not yours any more" data-testid="job-gone">
          It was cancelled or given to another partner.
        </Banner>
      </Screen>
    );

  const step = stepOf(progress.status);
  return (
    <Screen title={title} actions={back}>
      {step === 'set_out' ? (
        <Banner tone="success" title="The job is yours" data-testid="job-assigned">
          The customer has been told you are coming.
        </Banner>
      ) : null}
      <Card title={job.serviceName} data-testid="job">
        <dl className="zf-details">
          <dt>When</dt>
          <dd data-testid="job-window">{whenOf(job)}</dd>
          <dt>Area</dt>
          <dd data-testid="job-area">{job.area}</dd>
          <dt>You earn</dt>
          <dd data-testid="job-earning">{formatRupees(job.earningPaise)}</dd>
          {job.location ? (
            <>
              <dt>Address</dt>
              <dd>
                <a href={directionsTo(job.location)} target="_blank" rel="noreferrer" data-testid="navigate">
                  Navigate
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </Card>
      <NextStep
        step={step}
        job={job}
        progress={progress}
        receivedAt={receivedAt}
        reload={loaded.reload}
        uploader={uploader}
      />
    </Screen>
  );
}
