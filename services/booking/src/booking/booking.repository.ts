import type { Actor, BookingView } from '@zefy/contracts';
import {
  AppError,
  appendToOutbox,
  type Clock,
  createEvent,
  type Database,
  type DomainEvent,
  newId,
  type Sql,
  type Transaction,
} from '@zefy/platform';
import type { Interval } from '../schedule/schedule.ts';
import {
  type Booking,
  type BookingCommand,
  type BookingEvent,
  type BookingTerms,
  decide,
  type ExistingBooking,
  evolve,
  holdsCapacity,
} from './booking.ts';

export const systemActor: Actor = { kind: 'system', id: 'booking' };

interface Current {
  bookingId: string;
  state: Booking;
  version: number;
}

export interface TransitionResult {
  before: Booking;
  booking: ExistingBooking;
  events: DomainEvent[];
}

export interface TransitionContext {
  actor: Actor;
  clock: Clock;
  /** Kept on the row for admin search; known when the hold is placed. */
  customerPhone?: string | null;
}

interface BookingRow {
  id: string;
  state: ExistingBooking;
  version: number;
  created_at: Date;
  updated_at: Date;
}

async function lockBooking(tx: Transaction, bookingId: string): Promise<Current> {
  const { rows } = await tx.query<{ state: ExistingBooking; version: number }>(
    'SELECT state, version FROM bookings WHERE id = $1 FOR UPDATE',
    [bookingId],
  );
  const row = rows[0];
  return { bookingId, state: row?.state ?? { status: 'none' }, version: row?.version ?? 0 };
}

const toEnvelope = (event: BookingEvent, context: TransitionContext) =>
  createEvent(event.type, event.data, { actor: context.actor, clock: context.clock });

/** Keeps the partner's claim in step with the booking: released when it no longer holds capacity, permanent once confirmed. */
async function syncClaims(tx: Transaction, booking: ExistingBooking, now: Date): Promise<void> {
  const id = booking.terms.bookingId;
  if (!holdsCapacity(booking))
    await tx.query(
      'UPDATE capacity_claims SET released_at = $2 WHERE booking_id = $1 AND released_at IS NULL',
      [id, now],
    );
  else if (booking.status === 'confirmed')
    await tx.query(
      'UPDATE capacity_claims SET expires_at = NULL WHERE booking_id = $1 AND released_at IS NULL AND expires_at IS NOT NULL',
      [id],
    );
}

async function persist(
  tx: Transaction,
  current: Current,
  after: ExistingBooking,
  envelopes: DomainEvent[],
  context: TransitionContext,
): Promise<void> {
  const now = context.clock.now();
  const version = current.version + envelopes.length;
  if (current.state.status === 'none') {
    const { terms } = after;
    await tx.query(
      `INSERT INTO bookings (id, hub_id, customer_id, customer_phone, service_id, service_name, address_id, partner_id,
         status, window_kind, window_starts_at, window_ends_at, total_paise, hold_expires_at, state, version,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
      [
        terms.bookingId,
        terms.hubId,
        terms.customerId,
        context.customerPhone ?? null,
        terms.serviceId,
        terms.serviceName,
        terms.addressId,
        terms.partnerId,
        after.status,
        terms.window.kind,
        terms.window.startsAt,
        terms.window.endsAt,
        terms.price.totalPaise,
        terms.holdExpiresAt,
        JSON.stringify(after),
        version,
        now,
      ],
    );
  } else {
    const { rowCount } = await tx.query(
      'UPDATE bookings SET status = $2, state = $3, version = $4, updated_at = $5 WHERE id = $1 AND version = $6',
      [current.bookingId, after.status, JSON.stringify(after), version, now, current.version],
    );
    // the row is locked FOR UPDATE, so a lost race here is a bug, not contention
    if (rowCount !== 1) throw new Error(`booking ${current.bookingId} changed under its lock`);
  }
  await tx.query(
    `INSERT INTO booking_events (booking_id, sequence, event_id, type, data, actor, occurred_at)
     SELECT $1, $2 + ordinality, (e->>'id')::uuid, e->>'type', e->'data', e->'actor', (e->>'occurredAt')::timestamptz
     FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(e, ordinality)`,
    [current.bookingId, current.version, JSON.stringify(envelopes)],
  );
  await appendToOutbox(tx, envelopes);
  await syncClaims(tx, after, now);
}

/** decide → evolve → row, timeline, outbox and claims, in the caller's transaction. Refusals throw AppError. */
async function apply(
  tx: Transaction,
  current: Current,
  command: BookingCommand,
  context: TransitionContext,
): Promise<TransitionResult> {
  const decision = decide(command, current.state, { actor: context.actor, now: context.clock.now() });
  if (!decision.ok) throw new AppError(decision.code, decision.detail);
  const after = decision.events.reduce(evolve, current.state);
  if (after.status === 'none') throw new Error('a decided booking cannot be none');
  if (decision.events.length === 0) return { before: current.state, booking: after, events: [] };
  const envelopes = decision.events.map((event) => toEnvelope(event, context));
  await persist(tx, current, after, envelopes, context);
  return { before: current.state, booking: after, events: envelopes };
}

/** Locks the booking and applies a command to it. */
export async function transition(
  tx: Transaction,
  bookingId: string,
  command: BookingCommand,
  context: TransitionContext,
): Promise<TransitionResult> {
  return apply(tx, await lockBooking(tx, bookingId), command, context);
}

/**
 * Expires lapsed holds whose claims stand in the way of `window` on `partnerId`, so their time can be
 * promised again. Holds another transaction is already expiring are skipped: the claim insert that follows
 * waits for that transaction anyway.
 */
async function expireLapsedBlocking(
  tx: Transaction,
  partnerId: string,
  window: Interval,
  clock: Clock,
): Promise<void> {
  const { rows } = await tx.query<{ id: string; state: ExistingBooking; version: number }>(
    `SELECT b.id, b.state, b.version FROM bookings b
     WHERE b.id IN (
       SELECT booking_id FROM capacity_claims
       WHERE partner_id = $1 AND released_at IS NULL AND expires_at <= $2 AND during && tstzrange($3, $4, '[)'))
     ORDER BY b.id FOR UPDATE OF b SKIP LOCKED`,
    [partnerId, clock.now(), new Date(window.start), new Date(window.end)],
  );
  for (const row of rows)
    await apply(
      tx,
      { bookingId: row.id, state: row.state, version: row.version },
      { type: 'ExpireHold' },
      {
        actor: systemActor,
        clock,
      },
    );
}

/**
 * Claims `window` of the partner's time for the booking, or reports that a live claim overlaps it. The
 * exclusion constraint decides, so concurrent claimants on any number of instances cannot both win.
 * Claimants of one partner first queue on a transaction lock: without it, concurrent overlapping inserts
 * each wait for the other and PostgreSQL resolves the cycle by deadlock detection, a second per round. The
 * lock is taken inside the savepoint, so a claimant that loses lets go before trying the next partner and
 * never holds two partners' locks while waiting.
 */
async function tryClaim(
  tx: Transaction,
  claim: { bookingId: string; partnerId: string; hubId: string; window: Interval; expiresAt: Date | null },
  clock: Clock,
): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    await tx.query('SAVEPOINT claim');
    try {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `booking.claim:${claim.partnerId}`,
      ]);
      await expireLapsedBlocking(tx, claim.partnerId, claim.window, clock);
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
          clock.now(),
        ],
      );
      await tx.query('RELEASE SAVEPOINT claim');
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // a deadlock with a transaction outside the queue (a sweeper releasing claims) is retried
      const isRetryable = code === '40P01' && attempt < 5;
      if (code !== '23P01' && !isRetryable) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT claim');
      await tx.query('RELEASE SAVEPOINT claim');
      if (code === '23P01') return false;
    }
  }
}

export interface HoldRequestPlan {
  bookingId: string;
  customerId: string;
  customerPhone: string | null;
  hubId: string;
  serviceId: string;
  serviceName: string;
  addressId: string;
  kind: BookingTerms['window']['kind'];
  window: Interval;
  price: BookingTerms['price'];
  /** Partners to try, best first; each was free when availability was computed. */
  candidates: readonly string[];
  holdTtlSeconds: number;
}

/** Claims the first candidate whose time is still free and places the hold on it, in one transaction. */
export async function placeHold(db: Database, plan: HoldRequestPlan, clock: Clock): Promise<ExistingBooking> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    // one instant for the whole placement: createdAt + TTL is exactly holdExpiresAt
    const at: Clock = { now: () => new Date(now) };
    const holdExpiresAt = new Date(now.getTime() + plan.holdTtlSeconds * 1000);
    for (const partnerId of plan.candidates) {
      const isClaimed = await tryClaim(
        tx,
        {
          bookingId: plan.bookingId,
          partnerId,
          hubId: plan.hubId,
          window: plan.window,
          expiresAt: holdExpiresAt,
        },
        at,
      );
      if (!isClaimed) continue;
      const terms: BookingTerms = {
        bookingId: plan.bookingId,
        customerId: plan.customerId,
        hubId: plan.hubId,
        serviceId: plan.serviceId,
        serviceName: plan.serviceName,
        addressId: plan.addressId,
        partnerId,
        window: {
          kind: plan.kind,
          startsAt: new Date(plan.window.start).toISOString(),
          endsAt: new Date(plan.window.end).toISOString(),
        },
        price: plan.price,
        holdExpiresAt: holdExpiresAt.toISOString(),
      };
      const result = await apply(
        tx,
        { bookingId: plan.bookingId, state: { status: 'none' }, version: 0 },
        { type: 'PlaceHold', terms },
        { actor: { kind: 'customer', id: plan.customerId }, clock: at, customerPhone: plan.customerPhone },
      );
      return result.booking;
    }
    throw new AppError(
      'BOOKING.NO_CAPACITY',
      'Every partner for this window has just been taken; pick another',
    );
  });
}

/**
 * A verified payment for the booking, in the caller's transaction: confirms it if the partner's time is
 * still (or again) held for it, otherwise records the payment as rejected so it is refunded. Null for a
 * booking that does not exist.
 */
export async function capturePaymentIn(
  tx: Transaction,
  payment: { bookingId: string; orderId: string; paymentId: string; amountPaise: number },
  clock: Clock,
): Promise<TransitionResult | null> {
  const current = await lockBooking(tx, payment.bookingId);
  if (current.state.status === 'none') return null;
  let hasCapacity = holdsCapacity(current.state);
  if (current.state.status === 'expired') {
    const { terms } = current.state;
    const window = { start: Date.parse(terms.window.startsAt), end: Date.parse(terms.window.endsAt) };
    if (window.end > clock.now().getTime()) {
      hasCapacity = await tryClaim(
        tx,
        {
          bookingId: terms.bookingId,
          partnerId: terms.partnerId,
          hubId: terms.hubId,
          window,
          expiresAt: null,
        },
        clock,
      );
    }
  }
  return apply(
    tx,
    current,
    { type: 'CapturePayment', ...payment, hasCapacity },
    { actor: systemActor, clock },
  );
}

export const capturePayment = (
  db: Database,
  payment: { bookingId: string; orderId: string; paymentId: string; amountPaise: number },
  clock: Clock,
): Promise<TransitionResult | null> => db.transaction((tx) => capturePaymentIn(tx, payment, clock));

/** Expires up to `limit` lapsed unpaid holds; returns how many. Safe to run on every instance at once. */
export async function expireLapsedHolds(db: Database, clock: Clock, limit = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; state: ExistingBooking; version: number }>(
      `SELECT id, state, version FROM bookings
       WHERE status IN ('held', 'awaiting_payment', 'payment_failed') AND hold_expires_at <= $1
       ORDER BY hold_expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [clock.now(), limit],
    );
    for (const row of rows)
      await apply(
        tx,
        { bookingId: row.id, state: row.state, version: row.version },
        { type: 'ExpireHold' },
        {
          actor: systemActor,
          clock,
        },
      );
    return rows.length;
  });
}

export function toBookingView(
  booking: ExistingBooking,
  meta: { createdAt: Date; updatedAt: Date },
): BookingView {
  const payment = 'payment' in booking ? booking.payment : null;
  const orderId = 'orderId' in booking ? booking.orderId : (payment?.orderId ?? null);
  return {
    id: booking.terms.bookingId,
    status: booking.status,
    customerId: booking.terms.customerId,
    hubId: booking.terms.hubId,
    serviceId: booking.terms.serviceId,
    serviceName: booking.terms.serviceName,
    addressId: booking.terms.addressId,
    window: booking.terms.window,
    price: booking.terms.price,
    holdExpiresAt: booking.terms.holdExpiresAt,
    orderId,
    payment,
    refundedPaise: 'refundedPaise' in booking ? booking.refundedPaise : 0,
    createdAt: meta.createdAt.toISOString(),
    updatedAt: meta.updatedAt.toISOString(),
  };
}

export async function getBookingView(sql: Sql, bookingId: string): Promise<BookingView | null> {
  const { rows } = await sql.query<BookingRow>(
    'SELECT id, state, version, created_at, updated_at FROM bookings WHERE id = $1',
    [bookingId],
  );
  const row = rows[0];
  return row ? toBookingView(row.state, { createdAt: row.created_at, updatedAt: row.updated_at }) : null;
}
