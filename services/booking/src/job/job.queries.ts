import type { BookingOtps, JobProgress, Principal } from '@zefy/contracts';
import { AppError, type Sql } from '@zefy/platform';
import { findBookingView } from '../booking/booking.repository.ts';
import type { BookingDeps } from '../deps.ts';
import { deriveOtp } from './job.otp.ts';
import { findJobOtps } from './job.repository.ts';

/** A booking's view for the one who may see it: its customer (another customer's does not exist) or staff. */
export async function bookingViewFor(sql: Sql, bookingId: string, principal: Principal) {
  const view = await findBookingView(sql, bookingId);
  if (principal.role === 'customer' && view.customerId !== principal.id)
    throw new AppError('BOOKING.NOT_FOUND', `No booking ${bookingId}`);
  return view;
}

/** The codes the customer reads out: derived again from the key, shown to the booking's customer only. */
export async function customerOtps(
  deps: BookingDeps,
  bookingId: string,
  customer: Principal,
): Promise<BookingOtps> {
  const view = await bookingViewFor(deps.db.pool, bookingId, customer);
  const otps = await findJobOtps(deps.db.pool, bookingId);
  if (otps.status === 'none') return { bookingId, start: null, end: null, isLocked: false };
  const started = view.job !== null;
  const code = (kind: 'start' | 'end') => deriveOtp(deps.otpKey, bookingId, kind, otps.generations[kind]);
  return {
    bookingId,
    start: { code: code('start'), isUsed: started },
    end: { code: code('end'), isUsed: view.job?.endedAt != null },
    isLocked: otps.lockedAt !== null,
  };
}

/** A job of the partner's, with the server's clock; someone else's job is not found. */
export async function jobProgress(
  deps: BookingDeps,
  bookingId: string,
  partnerId: string,
): Promise<JobProgress> {
  const view = await findBookingView(deps.db.pool, bookingId);
  if (view.partner?.id !== partnerId)
    throw new AppError('DISPATCH.JOB_NOT_FOUND', `No job ${bookingId} of yours`);
  return { bookingId, status: view.status, serverNow: deps.clock.now().toISOString(), job: view.job };
}
