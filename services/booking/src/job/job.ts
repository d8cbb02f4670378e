import type { EventData, EventType } from '@zefy/contracts';
import {
  accept,
  assertNever,
  type DecideContext,
  type Decider,
  type Decision,
  refuse,
} from '@zefy/platform/domain';

export type OtpKind = EventData<'booking.otp_rejected'>['kind'];

/** Wrong codes a booking tolerates within the window before it locks. */
export const maxFailedAttempts = 5;
export const lockoutWindowMinutes = 10;

/**
 * A booking's start and end OTPs. The codes are not here (job.otp.ts derives them and keeps their hashes);
 * `generations` says which code of each kind is current, so a reissue makes the old one worthless.
 */
export type JobOtps =
  | { status: 'none' }
  | {
      status: 'issued';
      bookingId: string;
      customerId: string;
      hubId: string;
      partnerId: string;
      generations: Record<OtpKind, number>;
      /** When each wrong code was entered, within the lockout window. */
      failures: string[];
      lockedAt: string | null;
    };

/**
 * Where the booking stands for a code of this kind (the shell reads it off the booking, as booking's
 * capture reads capacity): not yet due, due now, or already used.
 */
export type OtpStage = 'early' | 'due' | 'done';

export type JobCommand =
  /** A partner was assigned (or reassigned): fresh codes for them. */
  /**
   * A partner was assigned; `assigneeId`: who has the job now, as the booking says (an assignment overtaken by
   * a later one, or by a release, issues nothing).
   */
  | {
      type: 'IssueOtps';
      bookingId: string;
      customerId: string;
      hubId: string;
      partnerId: string;
      assigneeId: string | null;
    }
  /**
   * The partner entered a code; `isCorrect`: it matched the current code's hash (compared by the shell);
   * `assigneeId`: who has the job, as the booking says (null: nobody).
   */
  | { type: 'SubmitOtp'; kind: OtpKind; stage: OtpStage; isCorrect: boolean; assigneeId: string | null }
  /** The team issues a new code for `kind`, lifting a lock. */
  | { type: 'ReissueOtp'; kind: OtpKind; reason: string };

export type JobEventType = Extract<
  EventType,
  'booking.otps_issued' | 'booking.otp_rejected' | 'booking.otp_locked' | 'booking.otp_reissued'
>;
export type JobEvent = { [T in JobEventType]: { type: T; data: EventData<T> } }[JobEventType];

const permitted: Record<JobCommand['type'], DecideContext['actor']['kind']> = {
  IssueOtps: 'system',
  SubmitOtp: 'partner',
  ReissueOtp: 'admin',
};

const windowMs = lockoutWindowMinutes * 60_000;

/** Misses still inside the lockout window at `now`. */
export const recentFailures = (failures: readonly string[], now: Date): string[] =>
  failures.filter((at) => now.getTime() - Date.parse(at) < windowMs);

function decideSubmit(
  otps: JobOtps,
  command: Extract<JobCommand, { type: 'SubmitOtp' }>,
  { actor, now }: DecideContext,
): Decision<JobEvent> {
  if (actor.id !== command.assigneeId)
    return refuse('JOB.NOT_ASSIGNEE', 'only the assigned partner enters codes');
  // an assignment's codes are issued just after it commits (job.consumers.ts)
  if (otps.status === 'none' || otps.partnerId !== command.assigneeId)
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', 'the codes for this job are on their way; try again');
  // the same correct code again: the job already moved on, so the answer is the same as the first time
  if (command.stage === 'done' && command.isCorrect) return accept();
  if (command.stage !== 'due')
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', `the ${command.kind} code is not due now`);
  if (otps.lockedAt !== null)
    return refuse('JOB.OTP_LOCKED', 'too many wrong codes: the team must issue new ones');
  if (command.isCorrect) return accept();
  const ids = { bookingId: otps.bookingId, customerId: otps.customerId, hubId: otps.hubId };
  const failedAttempts = recentFailures(otps.failures, now).length + 1;
  const rejected: JobEvent = {
    type: 'booking.otp_rejected',
    data: {
      ...ids,
      partnerId: otps.partnerId,
      kind: command.kind,
      failedAttempts,
      rejectedAt: now.toISOString(),
    },
  };
  if (failedAttempts < maxFailedAttempts) return accept(rejected);
  return accept<JobEvent>(rejected, {
    type: 'booking.otp_locked',
    data: { ...ids, partnerId: otps.partnerId, kind: command.kind, lockedAt: now.toISOString() },
  });
}

function decide(command: JobCommand, otps: JobOtps, context: DecideContext): Decision<JobEvent> {
  if (context.actor.kind !== permitted[command.type])
    return refuse('BOOKING.ACTOR_NOT_ALLOWED', `a ${context.actor.kind} may not ${command.type}`);
  if (command.type === 'IssueOtps') {
    if (command.assigneeId !== command.partnerId) return accept();
    if (otps.status === 'issued' && otps.partnerId === command.partnerId) return accept();
    const { type: _, assigneeId: __, ...data } = command;
    return accept({ type: 'booking.otps_issued', data });
  }
  if (command.type === 'SubmitOtp') return decideSubmit(otps, command, context);
  if (otps.status === 'none')
    return refuse('BOOKING.TRANSITION_NOT_ALLOWED', 'no partner has been assigned yet');
  switch (command.type) {
    case 'ReissueOtp':
      return accept({
        type: 'booking.otp_reissued',
        data: {
          bookingId: otps.bookingId,
          customerId: otps.customerId,
          hubId: otps.hubId,
          kind: command.kind,
          reason: command.reason,
        },
      });
    default:
      return assertNever(command);
  }
}

function evolve(otps: JobOtps, event: JobEvent): JobOtps {
  switch (event.type) {
    case 'booking.otps_issued': {
      const previous = otps.status === 'issued' ? otps.generations : { start: 0, end: 0 };
      return {
        status: 'issued',
        ...event.data,
        generations: { start: previous.start + 1, end: previous.end + 1 },
        failures: [],
        lockedAt: null,
      };
    }
    case 'booking.otp_rejected':
      if (otps.status !== 'issued') return otps;
      return {
        ...otps,
        failures: [...recentFailures(otps.failures, new Date(event.data.rejectedAt)), event.data.rejectedAt],
      };
    case 'booking.otp_locked':
      if (otps.status !== 'issued') return otps;
      return { ...otps, lockedAt: event.data.lockedAt };
    case 'booking.otp_reissued':
      if (otps.status !== 'issued') return otps;
      return {
        ...otps,
        generations: { ...otps.generations, [event.data.kind]: otps.generations[event.data.kind] + 1 },
        failures: [],
        lockedAt: null,
      };
    default:
      return assertNever(event);
  }
}

/**
 * A booking's start and end codes: issued to the assigned partner's job, entered by that partner only,
 * locked after too many misses within the window, reissued by the team. Whether a code matched is decided
 * by the shell (a constant-time hash comparison), and what a match does is the booking's StartJob / EndJob.
 */
export const jobOtpDecider: Decider<JobCommand, JobOtps, JobEvent> = {
  initialState: { status: 'none' },
  decide,
  evolve,
};
