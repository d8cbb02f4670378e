import type { Actor, BookingTimelineEntry, BookingView, JobTimer } from '@zefy/contracts';
import { AppError, appendToOutboxWith, type DomainEvent, type Sql, type Transaction } from '@zefy/platform';
import {
  assigneeOf,
  assignmentOf,
  type Booking,
  type ExistingBooking,
  openPaymentsOf,
  openRefundedPaise,
} from './booking.ts';

/** A booking as loaded under its row lock: its state, and the version its next write must follow. */
export interface LoadedBooking {
  bookingId: string;
  state: Booking;
  version: number;
}

export const newBooking = (bookingId: string): LoadedBooking => ({
  bookingId,
  state: { status: 'none' },
  version: 0,
});

interface LockedRow {
  id: string;
  state: ExistingBooking;
  version: number;
}

const loaded = (row: LockedRow): LoadedBooking => ({
  bookingId: row.id,
  state: row.state,
  version: row.version,
});

export async function lockBooking(tx: Transaction, bookingId: string): Promise<LoadedBooking> {
  const { rows } = await tx.query<LockedRow>(
    'SELECT id, state, version FROM bookings WHERE id = $1 FOR UPDATE',
    [bookingId],
  );
  return rows[0] ? loaded(rows[0]) : newBooking(bookingId);
}

/** Of `bookingIds`, those no other transaction is changing, locked. */
export async function lockBookingsUnlessBusy(
  tx: Transaction,
  bookingIds: readonly string[],
): Promise<LoadedBooking[]> {
  const { rows } = await tx.query<LockedRow>(
    'SELECT id, state, version FROM bookings WHERE id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED',
    [bookingIds],
  );
  return rows.map(loaded);
}

/**
 * The customer's own unpaid holds, not lapsed, of the same service at the same address over a window that
 * overlaps `window`, locked: what a new hold of that time supersedes.
 */
export async function lockOwnHoldsOfWindow(
  tx: Transaction,
  hold: { customerId: string; serviceId: string; addressId: string; window: { start: number; end: number } },
  now: Date,
): Promise<LoadedBooking[]> {
  const { rows } = await tx.query<LockedRow>(
    `SELECT id, state, version FROM bookings
     WHERE customer_id = $1 AND service_id = $2 AND address_id = $3
       AND status IN ('held', 'awaiting_payment', 'payment_failed') AND hold_expires_at > $4
       AND tstzrange(window_starts_at, window_ends_at, '[)') && tstzrange($5, $6, '[)')
     ORDER BY id FOR UPDATE`,
    [
      hold.customerId,
      hold.serviceId,
      hold.addressId,
      now,
      new Date(hold.window.start),
      new Date(hold.window.end),
    ],
  );
  return rows.map(loaded);
}

/** Up to `limit` unpaid holds lapsed at `now`, locked; another instance's sweep gets the others. */
export async function lockLapsedHolds(tx: Transaction, now: Date, limit: number): Promise<LoadedBooking[]> {
  const { rows } = await tx.query<LockedRow>(
    `SELECT id, state, version FROM bookings
     WHERE status IN ('held', 'awaiting_payment', 'payment_failed') AND hold_expires_at <= $1
     ORDER BY hold_expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  return rows.map(loaded);
}

/** One placement of a customer's at a time (until commit); taken again by the same transaction, it is a no-op. */
export async function lockCustomerHolds(tx: Transaction, customerId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`booking.customer:${customerId}`]);
}

/**
 * The customer's holds not paid yet and not lapsed, in a transaction that holds `lockCustomerHolds` until
 * the placement commits, so a customer's concurrent placements are counted one after the other.
 */
export async function countUnpaidHoldsLocked(
  tx: Transaction,
  customerId: string,
  now: Date,
): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM bookings
     WHERE customer_id = $1 AND status IN ('held', 'awaiting_payment') AND hold_expires_at > $2`,
    [customerId, now],
  );
  return rows[0]?.n ?? 0;
}

/** The timeline rows of `$<entries>` (JSON), numbered after `$<after>`, for the booking the CTE `booking_row` returned. */
const timelineRows = (after: number | string, entries: number) => `timeline AS (
  INSERT INTO booking_events (booking_id, sequence, event_id, type, data, actor, occurred_at)
  SELECT booking_row.id, ${after} + ordinality, (e->>'id')::uuid, e->>'type', e->'data', e->'actor', (e->>'occurredAt')::timestamptz
  FROM booking_row, jsonb_array_elements($${entries}::jsonb) WITH ORDINALITY AS t(e, ordinality)
)`;

/**
 * The booking as it became (row with its query columns), its timeline entries and their outbox rows, in
 * the caller's transaction and in one statement. `customerPhone` is kept on a new row for admin search.
 */
export async function saveBooking(
  tx: Transaction,
  before: LoadedBooking,
  after: ExistingBooking,
  events: readonly DomainEvent[],
  options: { now: Date; customerPhone: string | null },
): Promise<void> {
  const version = before.version + events.length;
  const entries = JSON.stringify(events);
  if (before.state.status === 'none') {
    const { terms } = after;
    await appendToOutboxWith(tx, events, {
      ctes: `booking_row AS (
        INSERT INTO bookings (id, hub_id, customer_id, customer_phone, service_id, service_name, address_id, partner_id,
          status, window_kind, window_starts_at, window_ends_at, total_paise, hold_expires_at, state, version,
          created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
        RETURNING id
      ), ${timelineRows(0, 18)}`,
      params: [
        terms.bookingId,
        terms.hubId,
        terms.customerId,
        options.customerPhone,
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
        options.now,
        entries,
      ],
      answer: '1 AS saved',
    });
    return;
  }
  const { saved } = await appendToOutboxWith<{ saved: number }>(tx, events, {
    ctes: `booking_row AS (
      UPDATE bookings SET status = $2, state = $3, version = $4, updated_at = $5, assigned_partner_id = $7,
        started_at = $8, completed_at = $9, extra_payable_id = $10
      WHERE id = $1 AND version = $6
      RETURNING id
    ), ${timelineRows('$6::int', 11)}`,
    params: [
      before.bookingId,
      after.status,
      JSON.stringify(after),
      version,
      options.now,
      before.version,
      assigneeOf(after),
      after.status === 'in_progress' ? after.jobStartedAt : 'work' in after ? after.work.startedAt : null,
      after.status === 'completed' ? after.completedAt : null,
      'work' in after ? after.work.extraPayableId : null,
      entries,
    ],
    answer: '(SELECT count(*) FROM booking_row)::int AS saved',
  });
  // the row is locked FOR UPDATE, so a lost race here is a bug, not contention
  if (saved !== 1) throw new Error(`booking ${before.bookingId} changed under its lock`);
  const extraPayableId = 'work' in after ? after.work.extraPayableId : null;
  if (extraPayableId)
    await tx.query(
      'INSERT INTO extra_payables (payable_id, booking_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [extraPayableId, before.bookingId],
    );
}

/** A row of a booking's timeline: a booking event, or a step of its dispatch round. */
export interface TimelineEntry {
  id: string;
  type: string;
  data: unknown;
  actor: Actor;
  occurredAt: string;
}

/**
 * Adds rows to the timeline of a booking that is not transitioning (dispatch's steps), and `published` (the
 * wire events among them) to the outbox, in one statement. The version counts timeline rows, so it moves
 * too; the update waits for, and then follows, a transition holding the row.
 */
export async function appendTimeline(
  tx: Transaction,
  bookingId: string,
  entries: readonly TimelineEntry[],
  published: readonly DomainEvent[] = [],
): Promise<void> {
  if (entries.length === 0 && published.length === 0) return;
  const { appended } = await appendToOutboxWith<{ appended: number }>(tx, published, {
    ctes: `booking_row AS (
      UPDATE bookings SET version = version + $2 WHERE id = $1 RETURNING id, version
    ), ${timelineRows('booking_row.version - $2', 3)}`,
    params: [bookingId, entries.length, JSON.stringify(entries)],
    answer: '(SELECT count(*) FROM booking_row)::int AS appended',
  });
  if (appended !== 1) throw new Error(`no booking ${bookingId} for its timeline`);
}

/** The server's timer as the apps show it: running from startedAt, or fixed once the job ended. */
function jobTimerOf(booking: ExistingBooking): JobTimer | null {
  switch (booking.status) {
    case 'in_progress':
      return {
        startedAt: booking.jobStartedAt,
        endedAt: null,
        workedMinutes: null,
        extraDuePaise: 0,
        extraPaidPaise: 0,
        extraPayableId: null,
        extras: booking.extras ?? [],
      };
    case 'awaiting_extra_payment':
    case 'completed': {
      const { startedAt, endedAt, workedMinutes, extraDuePaise, extraPayableId } = booking.work;
      const extraPaidPaise = booking.status === 'completed' ? (booking.extraPayment?.amountPaise ?? 0) : 0;
      const extras = booking.work.extras ?? [];
      return { startedAt, endedAt, workedMinutes, extraDuePaise, extraPaidPaise, extraPayableId, extras };
    }
    default:
      return null;
  }
}

export function toBookingView(
  booking: ExistingBooking,
  meta: { createdAt: Date; updatedAt: Date },
): BookingView {
  const payment = 'payment' in booking ? booking.payment : null;
  const assignment = assignmentOf(booking);
  const orderId = 'orderId' in booking ? booking.orderId : (payment?.orderId ?? null);
  return {
    id: booking.terms.bookingId,
    status: booking.status,
    customerId: booking.terms.customerId,
    hubId: booking.terms.hubId,
    timeZone: booking.terms.timeZone,
    serviceId: booking.terms.serviceId,
    serviceName: booking.terms.serviceName,
    addressId: booking.terms.addressId,
    window: booking.terms.window,
    price: booking.terms.price,
    holdExpiresAt: booking.terms.holdExpiresAt,
    orderId,
    payment,
    refundedPaise:
      'refundedPaise' in booking ? booking.refundedPaise : openRefundedPaise(openPaymentsOf(booking) ?? []),
    cancelledBy: 'cancelledBy' in booking ? (booking.cancelledBy ?? null) : null,
    partner: assignment && {
      id: assignment.partnerId,
      ...assignment.partner,
      assignedAt: assignment.assignedAt,
      assignedBy: assignment.assignedBy,
    },
    job: jobTimerOf(booking),
    createdAt: meta.createdAt.toISOString(),
    updatedAt: meta.updatedAt.toISOString(),
  };
}

async function findBookingRow(sql: Sql, bookingId: string) {
  const { rows } = await sql.query<{
    state: ExistingBooking;
    version: number;
    created_at: Date;
    updated_at: Date;
  }>('SELECT state, version, created_at, updated_at FROM bookings WHERE id = $1', [bookingId]);
  const row = rows[0];
  if (!row) throw new AppError('BOOKING.NOT_FOUND', `No booking ${bookingId}`);
  return row;
}

/** The booking as it stands, unlocked (for reading only). */
export const findBooking = async (sql: Sql, bookingId: string): Promise<ExistingBooking> =>
  (await findBookingRow(sql, bookingId)).state;

export async function findBookingView(sql: Sql, bookingId: string): Promise<BookingView> {
  return (await findVersionedView(sql, bookingId)).view;
}

/** The booking's view with the last sequence of its timeline (the version counts its rows): one read. */
export async function findVersionedView(
  sql: Sql,
  bookingId: string,
): Promise<{ view: BookingView; sequence: number }> {
  const row = await findBookingRow(sql, bookingId);
  const view = toBookingView(row.state, { createdAt: row.created_at, updatedAt: row.updated_at });
  return { view, sequence: row.version };
}

/** The sequence of the timeline row that last assigned `partnerId` the booking; null if none did. */
export async function findAssignmentSequence(
  sql: Sql,
  bookingId: string,
  partnerId: string,
): Promise<number | null> {
  const { rows } = await sql.query<{ sequence: number | null }>(
    `SELECT max(sequence) AS sequence FROM booking_events
     WHERE booking_id = $1 AND type = 'booking.partner_assigned' AND data->>'partnerId' = $2`,
    [bookingId, partnerId],
  );
  return rows[0]?.sequence ?? null;
}

interface TimelineRow {
  sequence: number;
  event_id: string;
  type: string;
  occurred_at: Date;
  actor: BookingTimelineEntry['actor'];
  data: Record<string, unknown>;
}

/**
 * The booking's timeline after `after` (its sequence numbers count from 1, without gaps), oldest first, at
 * most `limit` rows; `bookingEventsOnly`: the booking's own events (what its customer was pushed), not
 * dispatch's steps or tracking's rows.
 */
export async function listTimeline(
  sql: Sql,
  bookingId: string,
  options: { after: number; limit: number; bookingEventsOnly: boolean },
): Promise<BookingTimelineEntry[]> {
  const { rows } = await sql.query<TimelineRow>(
    `SELECT sequence, event_id, type, occurred_at, actor, data FROM booking_events
     WHERE booking_id = $1 AND sequence > $2 AND (NOT $3 OR type LIKE 'booking.%')
     ORDER BY sequence LIMIT $4`,
    [bookingId, options.after, options.bookingEventsOnly, options.limit],
  );
  return rows.map(toTimelineEntry);
}

const toTimelineEntry = (entry: TimelineRow): BookingTimelineEntry => ({
  sequence: entry.sequence,
  eventId: entry.event_id,
  type: entry.type,
  occurredAt: entry.occurred_at.toISOString(),
  actor: entry.actor,
  data: entry.data,
});

/** The timeline row an event became, with the booking it is on; null for an event not on a timeline. */
export async function findTimelineEntry(
  sql: Sql,
  eventId: string,
): Promise<{ bookingId: string; entry: BookingTimelineEntry } | null> {
  const { rows } = await sql.query<TimelineRow & { booking_id: string }>(
    `SELECT booking_id, sequence, event_id, type, occurred_at, actor, data FROM booking_events
     WHERE event_id = $1`,
    [eventId],
  );
  const row = rows[0];
  return row ? { bookingId: row.booking_id, entry: toTimelineEntry(row) } : null;
}
