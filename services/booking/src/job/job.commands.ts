/**
 * The job's application layer: lock the booking, then its codes; decide the code with the job decider and,
 * when it matched, move the booking (start or end its timer) in the same transaction.
 */
import type { Actor, JobExtra, Principal, ProposeExtraInput } from '@zefy/contracts';
import {
  AppError,
  createEvent,
  type DomainEvent,
  decideOrThrow,
  newId,
  recordAudit,
  type Transaction,
} from '@zefy/platform';
import { changeExtras, endJob, startJob, systemActor } from '../booking/booking.commands.ts';
import { lockBooking } from '../booking/booking.repository.ts';
import { assigneeOf, type Booking, canStartJob, extrasOf } from '../booking/booking.ts';
import type { BookingDeps } from '../deps.ts';
import { findProjection, services } from '../projections/projections.repository.ts';
import { deriveOtp, isOtpMatch, storeOtp } from './job.otp.ts';
import { lockJobOtps, type StoredOtps, saveJobOtps } from './job.repository.ts';
import {
  type JobCommand,
  type JobOtps,
  jobOtpDecider,
  maxFailedAttempts,
  type OtpKind,
  type OtpStage,
} from './job.ts';

/** Where the booking stands for a code of `kind`. */
export function otpStage(booking: Booking, kind: OtpKind): OtpStage {
  if (kind === 'start') {
    if (canStartJob(booking)) return 'due';
    return booking.status === 'in_progress' ||
      booking.status === 'awaiting_extra_payment' ||
      booking.status === 'completed'
      ? 'done'
      : 'early';
  }
  if (booking.status === 'in_progress') return 'due';
  return booking.status === 'awaiting_extra_payment' || booking.status === 'completed' ? 'done' : 'early';
}

/** The code the job needs next: the start code until the job started, then the end code. */
export const nextOtpKind = (booking: Booking): OtpKind =>
  otpStage(booking, 'start') === 'done' ? 'end' : 'start';

/** Hashes of the current codes; a kind whose generation did not change keeps its salt and hash. */
function hashesFor(
  deps: BookingDeps,
  otps: Extract<JobOtps, { status: 'issued' }>,
  before: StoredOtps | null,
) {
  const hashOf = (kind: OtpKind) => {
    const generation = otps.generations[kind];
    const kept = before?.[kind];
    if (kept?.generation === generation) return kept;
    return storeOtp(deriveOtp(deps.otpKey, otps.bookingId, kind, generation), generation);
  };
  return { start: hashOf('start'), end: hashOf('end') };
}

/** Decides a command of the codes and saves what changed; answers the events. */
async function decideOtps(
  deps: BookingDeps,
  tx: Transaction,
  bookingId: string,
  command: JobCommand,
  actor: Actor,
  loaded?: Awaited<ReturnType<typeof lockJobOtps>>,
): Promise<DomainEvent[]> {
  const before = loaded ?? (await lockJobOtps(tx, bookingId));
  const now = deps.clock.now();
  const { state, events } = decideOrThrow(jobOtpDecider, command, before.state, { actor, now });
  if (events.length === 0 || state.status !== 'issued') return [];
  const clock = { now: () => now };
  const envelopes = events.map((event) => createEvent(event.type, event.data, { actor, clock }));
  await saveJobOtps(tx, bookingId, state, hashesFor(deps, state, before.hashes), envelopes, now);
  return envelopes;
}

/**
 * A partner was assigned: fresh codes for their job (in the consumer's transaction of the assignment). The
 * booking's row is locked first, as a code's submission locks it: two assignments of one booking, consumed
 * side by side, issue in turn (the codes' row may not exist yet, so locking it would serialise nothing), and
 * only for the partner the booking has now.
 */
export async function issueOtps(
  deps: BookingDeps,
  tx: Transaction,
  ids: { bookingId: string; customerId: string; hubId: string; partnerId: string },
): Promise<DomainEvent[]> {
  const booking = await lockBooking(tx, ids.bookingId);
  const assigneeId = booking.state.status === 'none' ? null : assigneeOf(booking.state);
  return decideOtps(deps, tx, ids.bookingId, { type: 'IssueOtps', ...ids, assigneeId }, systemActor);
}

/**
 * The partner enters a code. A match starts or ends the job (a repeated match answers the same); a miss is
 * recorded (it commits) and then refused, locking the codes at the fifth miss within the window.
 */
export async function submitOtp(
  deps: BookingDeps,
  bookingId: string,
  kind: OtpKind,
  code: string,
  partner: Actor,
): Promise<void> {
  const missed = await deps.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    if (booking.state.status === 'none') throw new AppError('BOOKING.NOT_FOUND', `No job ${bookingId}`);
    const otps = await lockJobOtps(tx, bookingId);
    const isCorrect = otps.hashes !== null && isOtpMatch(otps.hashes[kind], code);
    const stage = otpStage(booking.state, kind);
    const events = await decideOtps(
      deps,
      tx,
      bookingId,
      { type: 'SubmitOtp', kind, stage, isCorrect, assigneeId: assigneeOf(booking.state) },
      partner,
      otps,
    );
    if (events.length > 0) return events;
    if (stage !== 'due') return [];
    if (kind === 'start') await startJob(deps, tx, { bookingId, partnerId: partner.id }, partner);
    else {
      const pricing = await findProjection(tx, services, booking.state.terms.serviceId);
      if (!pricing)
        throw new Error(`booking ${bookingId}: its service ${booking.state.terms.serviceId} is unknown`);
      await endJob(deps, tx, { bookingId, partnerId: partner.id, pricing, extraPayableId: newId() }, partner);
    }
    return [];
  });
  if (missed.some((event) => event.type === 'booking.otp_locked'))
    throw new AppError(
      'JOB.OTP_LOCKED',
      'That was the last try: the team has been alerted and will issue new codes',
    );
  if (missed.length === 0) return;
  const failedAttempts = missed.flatMap((event) =>
    'failedAttempts' in event.data ? [event.data.failedAttempts] : [],
  )[0];
  if (failedAttempts === undefined) throw new AppError('JOB.OTP_INCORRECT', `That ${kind} code is not right`);
  const triesLeft = maxFailedAttempts - failedAttempts;
  throw new AppError(
    'JOB.OTP_INCORRECT',
    `That ${kind} code is not right: ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left`,
  );
}

/**
 * The team issues a new code for the one the job needs next, lifting a lock: on the timeline and in the
 * audit log (never the code). Answers which kind.
 */
export function reissueOtp(
  deps: BookingDeps,
  bookingId: string,
  reason: string,
  admin: Principal,
): Promise<OtpKind> {
  return deps.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    if (booking.state.status === 'none') throw new AppError('BOOKING.NOT_FOUND', `No booking ${bookingId}`);
    const kind = nextOtpKind(booking.state);
    if (assigneeOf(booking.state) === null || otpStage(booking.state, kind) === 'done')
      throw new AppError('BOOKING.TRANSITION_NOT_ALLOWED', `a ${booking.state.status} booking needs no code`);
    const before = await lockJobOtps(tx, bookingId);
    await decideOtps(
      deps,
      tx,
      bookingId,
      { type: 'ReissueOtp', kind, reason },
      { kind: 'admin', id: admin.id },
      before,
    );
    await recordAudit(
      tx,
      {
        actor: admin,
        action: 'booking.otp_reissued',
        resourceType: 'booking',
        resourceId: bookingId,
        before: { kind, isLocked: before.state.status === 'issued' && before.state.lockedAt !== null },
        after: { kind, reason },
      },
      deps.clock,
    );
    return kind;
  });
}

function extraIn(booking: Booking, extraId: string): JobExtra {
  const extra = extrasOf(booking).find((candidate) => candidate.extraId === extraId);
  if (!extra) throw new Error(`booking's extra ${extraId} vanished after its decision`);
  return extra;
}

/** The assigned partner proposes an add-on or material while the job runs; answers it. */
export function proposeExtra(
  deps: BookingDeps,
  bookingId: string,
  input: ProposeExtraInput,
  partner: Actor,
): Promise<JobExtra> {
  const extraId = newId();
  return deps.db.transaction(async (tx) => {
    const command = { type: 'ProposeExtra' as const, extraId, ...input };
    const { booking } = await changeExtras(deps, tx, bookingId, command, partner);
    return extraIn(booking, extraId);
  });
}

/** The booking's customer approves or declines a proposed extra; answers it as decided. */
export function decideExtra(
  deps: BookingDeps,
  ids: { bookingId: string; extraId: string },
  decision: 'approve' | 'decline',
  customer: Actor,
): Promise<JobExtra> {
  return deps.db.transaction(async (tx) => {
    const command = { type: 'DecideExtra' as const, extraId: ids.extraId, decision };
    const { booking } = await changeExtras(deps, tx, ids.bookingId, command, customer);
    return extraIn(booking, ids.extraId);
  });
}
