import { newId, type Sql, type Transaction } from '@zefy/platform';
import type { Interval } from '../schedule/schedule.ts';
import type { Claim } from './claims.ts';

/**
 * The capacity claims: a partner's time promised to a booking. PostgreSQL's exclusion constraint on
 * `(partner_id, during)` over live claims (released_at IS NULL) makes double-promising impossible, however
 * many instances race. A hold's claim lapses at expires_at; a confirmed booking's claim has none.
 */
export interface NewClaim {
  bookingId: string;
  partnerId: string;
  hubId: string;
  window: Interval;
  /** Null: the claim does not lapse (a paid booking). */
  expiresAt: Date | null;
}

/**
 * Expires the lapsed holds (booking ids) whose claims stand in the way of a new one, so their time can be
 * promised again. The holds are the booking's business (decider, timeline, events); it may skip those another
 * transaction is already expiring: the write that follows waits for that transaction anyway.
 */
export type ExpireLapsedHolds = (tx: Transaction, bookingIds: readonly string[]) => Promise<void>;

export interface ClaimOptions {
  now: Date;
  expireLapsedHolds: ExpireLapsedHolds;
}

const exclusionViolation = '23P01';
const deadlockDetected = '40P01';

async function insertClaim(tx: Transaction, claim: NewClaim, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO capacity_claims (id, booking_id, partner_id, hub_id, during, expires_at, created_at)
     VALUES ($1, $2, $3, $4, tstzrange($5, $6, '[)'), $7, $8)`,
    [
      newId(),
      claim.bookingId,
      claim.partnerId,
      claim.hubId,
      new Date(claim.window.start),
      new Date(claim.window.end),
      claim.expiresAt,
      now,
    ],
  );
}

/**
 * Runs `write` (which puts a live claim on `partnerId` over `window`) or reports that a live claim overlaps
 * it. Claimants of one partner first queue on a transaction lock: without it, concurrent overlapping inserts
 * each wait for the other and PostgreSQL resolves the cycle by deadlock detection, a second per round. The
 * lock is taken inside a savepoint, so a claimant that loses lets go before trying the next partner and never
 * holds two partners' locks while waiting; the savepoint also undoes whatever `write` did.
 */
async function claimUnderPartnerLock(
  tx: Transaction,
  partnerId: string,
  window: Interval,
  options: ClaimOptions,
  write: () => Promise<void>,
): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    await tx.query('SAVEPOINT claim');
    try {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`booking.claim:${partnerId}`]);
      const { rows } = await tx.query<{ booking_id: string }>(
        `SELECT booking_id FROM capacity_claims
         WHERE partner_id = $1 AND released_at IS NULL AND expires_at <= $2 AND during && tstzrange($3, $4, '[)')`,
        [partnerId, options.now, new Date(window.start), new Date(window.end)],
      );
      if (rows.length > 0)
        await options.expireLapsedHolds(
          tx,
          rows.map((row) => row.booking_id),
        );
      await write();
      await tx.query('RELEASE SAVEPOINT claim');
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // a deadlock with a transaction outside the queue (a sweeper releasing claims) is retried
      const isRetryable = code === deadlockDetected && attempt < 5;
      if (code !== exclusionViolation && !isRetryable) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT claim');
      await tx.query('RELEASE SAVEPOINT claim');
      if (code === exclusionViolation) return false;
    }
  }
}

/** Claims `window` of the partner's time for the booking; false when a live claim already overlaps it. */
export const takeClaim = (tx: Transaction, claim: NewClaim, options: ClaimOptions): Promise<boolean> =>
  claimUnderPartnerLock(tx, claim.partnerId, claim.window, options, () =>
    insertClaim(tx, claim, options.now),
  );

/** The booking no longer keeps anyone's time (expired, cancelled, rejected). */
export async function releaseClaims(tx: Transaction, bookingId: string, now: Date): Promise<void> {
  await tx.query(
    'UPDATE capacity_claims SET released_at = $2 WHERE booking_id = $1 AND released_at IS NULL',
    [bookingId, now],
  );
}

/** A paid booking keeps the partner's time for good: its claim no longer lapses. */
export async function makeClaimPermanent(tx: Transaction, bookingId: string): Promise<void> {
  await tx.query(
    `UPDATE capacity_claims SET expires_at = NULL
     WHERE booking_id = $1 AND released_at IS NULL AND expires_at IS NOT NULL`,
    [bookingId],
  );
}

/**
 * Moves the booking's live claim to another partner (the same window and expiry), releasing the old one, so
 * the claim rows keep who was promised when. False, and nothing changed, when the partner's time is taken.
 */
export async function moveClaim(
  tx: Transaction,
  bookingId: string,
  toPartnerId: string,
  options: ClaimOptions,
): Promise<boolean> {
  const { rows } = await tx.query<{
    partner_id: string;
    hub_id: string;
    starts_at: Date;
    ends_at: Date;
    expires_at: Date | null;
  }>(
    `SELECT partner_id, hub_id, lower(during) AS starts_at, upper(during) AS ends_at, expires_at
     FROM capacity_claims WHERE booking_id = $1 AND released_at IS NULL FOR UPDATE`,
    [bookingId],
  );
  const live = rows[0];
  if (!live) throw new Error(`booking ${bookingId} has no live claim to move`);
  if (live.partner_id === toPartnerId) return true;
  const claim: NewClaim = {
    bookingId,
    partnerId: toPartnerId,
    hubId: live.hub_id,
    window: { start: live.starts_at.getTime(), end: live.ends_at.getTime() },
    expiresAt: live.expires_at,
  };
  return claimUnderPartnerLock(tx, toPartnerId, claim.window, options, async () => {
    await releaseClaims(tx, bookingId, options.now);
    await insertClaim(tx, claim, options.now);
  });
}

/**
 * Claims that still promise the partners' time within `window` at `now`: confirmed bookings, and holds that
 * have not lapsed. A lapsed hold counts as free here even before the sweeper has released it. The claim of
 * `exceptBookingId` does not count: its partner is free for that booking.
 */
/**
 * The asking customer's unpaid holds of this service at this address: a new hold of theirs supersedes
 * them (booking.commands.ts placeHold), so their time counts as free to that customer.
 */
export interface OwnHolds {
  customerId: string;
  serviceId: string;
  addressId: string;
}

export async function listLiveClaims(
  sql: Sql,
  partnerIds: readonly string[],
  window: Interval,
  now: Date,
  exceptBookingId: string | null = null,
  ownHolds: OwnHolds | null = null,
): Promise<Claim[]> {
  if (partnerIds.length === 0) return [];
  const { rows } = await sql.query<{ partner_id: string; starts_at: Date; ends_at: Date }>(
    `SELECT partner_id, lower(during) AS starts_at, upper(during) AS ends_at FROM capacity_claims c
     WHERE partner_id = ANY ($1::text[]) AND released_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
       AND during && tstzrange($3, $4, '[)') AND booking_id IS DISTINCT FROM $5::uuid
       AND NOT EXISTS (
         SELECT 1 FROM bookings b WHERE b.id = c.booking_id AND b.customer_id = $6 AND b.service_id = $7
           AND b.address_id = $8 AND b.status IN ('held', 'awaiting_payment', 'payment_failed'))`,
    [
      partnerIds,
      now,
      new Date(window.start),
      new Date(window.end),
      exceptBookingId,
      ownHolds?.customerId ?? null,
      ownHolds?.serviceId ?? null,
      ownHolds?.addressId ?? null,
    ],
  );
  return rows.map((row) => ({
    partnerId: row.partner_id,
    start: row.starts_at.getTime(),
    end: row.ends_at.getTime(),
  }));
}
