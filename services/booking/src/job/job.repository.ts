import { appendToOutbox, type DomainEvent, type Sql, type Transaction } from '@zefy/platform';
import { appendTimeline } from '../booking/booking.repository.ts';
import type { StoredOtp } from './job.otp.ts';
import type { JobOtps, OtpKind } from './job.ts';

export type StoredOtps = Record<OtpKind, StoredOtp>;

export interface LoadedJobOtps {
  state: JobOtps;
  hashes: StoredOtps | null;
}

/** The booking's codes under a row lock (taken after the booking's: locks always in that order). */
export async function lockJobOtps(tx: Transaction, bookingId: string): Promise<LoadedJobOtps> {
  const { rows } = await tx.query<{ state: JobOtps; hashes: StoredOtps }>(
    'SELECT state, hashes FROM job_otps WHERE booking_id = $1 FOR UPDATE',
    [bookingId],
  );
  const row = rows[0];
  return row ? { state: row.state, hashes: row.hashes } : { state: { status: 'none' }, hashes: null };
}

export async function findJobOtps(sql: Sql, bookingId: string): Promise<JobOtps> {
  const { rows } = await sql.query<{ state: JobOtps }>('SELECT state FROM job_otps WHERE booking_id = $1', [
    bookingId,
  ]);
  return rows[0]?.state ?? { status: 'none' };
}

/** The codes' new state and hashes, their events on the booking's timeline and in the outbox. */
export async function saveJobOtps(
  tx: Transaction,
  bookingId: string,
  after: Extract<JobOtps, { status: 'issued' }>,
  hashes: StoredOtps,
  events: readonly DomainEvent[],
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO job_otps (booking_id, state, hashes, is_locked, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (booking_id) DO UPDATE SET state = $2, hashes = $3, is_locked = $4, updated_at = $5`,
    [bookingId, JSON.stringify(after), JSON.stringify(hashes), after.lockedAt !== null, now],
  );
  await appendTimeline(tx, bookingId, events);
  await appendToOutbox(tx, events);
}
