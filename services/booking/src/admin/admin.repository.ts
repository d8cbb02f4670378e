import type {
  AdminBookingDetail,
  AdminBookingQuery,
  AdminBookingRow,
  BookingPaymentRecord,
  BookingStatus,
  BookingWindow,
} from '@zefy/contracts';
import type { Sql } from '@zefy/platform';
import { listTimeline, toBookingView } from '../booking/booking.repository.ts';
import { type ExistingBooking, refundableInPartOf } from '../booking/booking.ts';
import { findJobOtps } from '../job/job.repository.ts';
import { recentFailures } from '../job/job.ts';
import type { ListPosition, Search } from './admin.ts';

interface RowRecord {
  id: string;
  status: BookingStatus;
  hub_id: string;
  time_zone: string;
  customer_id: string;
  customer_phone: string | null;
  service_id: string;
  service_name: string;
  window_kind: BookingWindow['kind'];
  window_starts_at: Date;
  window_ends_at: Date;
  total_paise: number;
  created_at: Date;
  updated_at: Date;
}

const toRow = (row: RowRecord): AdminBookingRow => ({
  id: row.id,
  status: row.status,
  hubId: row.hub_id,
  timeZone: row.time_zone,
  customerId: row.customer_id,
  customerPhone: row.customer_phone,
  serviceId: row.service_id,
  serviceName: row.service_name,
  window: {
    kind: row.window_kind,
    startsAt: row.window_starts_at.toISOString(),
    endsAt: row.window_ends_at.toISOString(),
  },
  totalPaise: row.total_paise,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** One page of bookings, newest first, and the position after its last row (null on the last page). */
export async function listAdminBookings(
  sql: Sql,
  query: Omit<AdminBookingQuery, 'q' | 'cursor'> & {
    search: Search | null;
    after: ListPosition | null;
    limit: number;
  },
): Promise<{ items: AdminBookingRow[]; next: ListPosition | null }> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.hubId) conditions.push(`b.hub_id = ${param(query.hubId)}`);
  if (query.status) conditions.push(`b.status = ${param(query.status)}`);
  // a booking is paid once its state holds the captured payment (confirmed, and whatever followed it)
  if (query.paid !== undefined)
    conditions.push(`COALESCE(jsonb_typeof(b.state->'payment') = 'object', false) = ${param(query.paid)}`);
  if (query.date)
    conditions.push(
      `(b.window_starts_at AT TIME ZONE COALESCE(h.timezone, 'UTC'))::date = ${param(query.date)}::date`,
    );
  if (query.search?.kind === 'booking') conditions.push(`b.id = ${param(query.search.bookingId)}::uuid`);
  if (query.search?.kind === 'phone')
    conditions.push(
      `regexp_replace(b.customer_phone, '\\D', '', 'g') LIKE ${param(`%${query.search.digits}`)}`,
    );
  if (query.after)
    conditions.push(
      `(b.created_at, b.id) < (${param(query.after.createdAt)}::timestamptz, ${param(query.after.id)}::uuid)`,
    );
  const { rows } = await sql.query<RowRecord>(
    `SELECT b.id, b.status, b.hub_id, b.state->'terms'->>'timeZone' AS time_zone, b.customer_id, b.customer_phone, b.service_id, b.service_name, b.window_kind,
       b.window_starts_at, b.window_ends_at, b.total_paise, b.created_at, b.updated_at
     FROM bookings b LEFT JOIN hubs h ON h.id = b.hub_id
     ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY b.created_at DESC, b.id DESC LIMIT ${param(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toRow),
    next:
      rows.length > query.limit && last ? { createdAt: last.created_at.toISOString(), id: last.id } : null,
  };
}

export async function getAdminBookingDetail(
  sql: Sql,
  bookingId: string,
  now: Date,
): Promise<AdminBookingDetail | null> {
  const { rows } = await sql.query<{
    state: ExistingBooking;
    customer_phone: string | null;
    partner_id: string;
    created_at: Date;
    updated_at: Date;
  }>('SELECT state, customer_phone, partner_id, created_at, updated_at FROM bookings WHERE id = $1', [
    bookingId,
  ]);
  const row = rows[0];
  if (!row) return null;
  const otps = await findJobOtps(sql, bookingId);
  return {
    booking: toBookingView(row.state, { createdAt: row.created_at, updatedAt: row.updated_at }),
    customerPhone: row.customer_phone,
    partnerId: row.partner_id,
    timeline: await listTimeline(sql, bookingId, { after: 0, limit: 10_000, bookingEventsOnly: false }),
    payments: await listBookingPayments(sql, bookingId),
    refundablePaise: refundableInPartOf(row.state),
    otp:
      otps.status === 'issued'
        ? {
            isLocked: otps.lockedAt !== null,
            failedAttempts: recentFailures(otps.failures, now).length,
          }
        : null,
  };
}

/** The booking's payments as the payments service reported them, oldest first. */
export async function listBookingPayments(sql: Sql, bookingId: string): Promise<BookingPaymentRecord[]> {
  const { rows } = await sql.query<{
    payment_id: string;
    order_id: string;
    status: string;
    amount_paise: number;
    refunded_paise: number;
    method: string | null;
    razorpay_payment_id: string | null;
    source_at: Date;
  }>('SELECT * FROM booking_payments WHERE booking_id = $1 ORDER BY source_at', [bookingId]);
  return rows.map((payment) => ({
    paymentId: payment.payment_id,
    orderId: payment.order_id,
    status: payment.status,
    amountPaise: Number(payment.amount_paise),
    refundedPaise: Number(payment.refunded_paise),
    method: payment.method,
    razorpayPaymentId: payment.razorpay_payment_id,
    updatedAt: payment.source_at.toISOString(),
  }));
}
