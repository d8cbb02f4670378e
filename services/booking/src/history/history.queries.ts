import type {
  BookingReceipt,
  BookingView,
  CompletedJob,
  MyBookingsQuery,
  PartnerEarnings,
  Principal,
} from '@zefy/contracts';
import { AppError, type Sql } from '@zefy/platform';
import { splitTaxInclusive } from '@zefy/rules';
import { listBookingPayments } from '../admin/admin.repository.ts';
import { decodeCursor, encodeCursor, type ListPosition } from '../admin/admin.ts';
import { toBookingView } from '../booking/booking.repository.ts';
import { approvedExtrasPaise, type ExistingBooking } from '../booking/booking.ts';
import type { DispatchJob } from '../dispatch/dispatch.ts';
import { jobEarningPaise } from '../dispatch/earning.ts';
import { findInvoice } from '../invoices/invoices.repository.ts';
import { bookingViewFor } from '../job/job.queries.ts';
import { findProjection, hubs, services } from '../projections/projections.repository.ts';
import { findRating } from '../ratings/ratings.repository.ts';
import { type HistoryScope, statusesIn } from './history.ts';

const defaultLimit = 20;

function positionAfter(cursor: string | undefined): ListPosition | null {
  if (cursor === undefined) return null;
  const position = decodeCursor(cursor);
  if (!position)
    throw new AppError('REQUEST.VALIDATION_FAILED', 'The cursor is not one this list returned', {
      errors: [{ field: 'querystring.cursor', message: 'is not valid' }],
    });
  return position;
}

/** Each scope's order: upcoming soonest first; past and cancelled newest first. */
const orderOf: Record<HistoryScope, { key: string; isAscending: boolean }> = {
  upcoming: { key: 'window_starts_at', isAscending: true },
  past: { key: 'completed_at', isAscending: false },
  cancelled: { key: 'updated_at', isAscending: false },
};

interface HistoryRow {
  id: string;
  state: ExistingBooking;
  created_at: Date;
  updated_at: Date;
  sort_at: Date;
}

/** One page of the customer's bookings in a scope, keyset-paginated. */
export async function listMyBookings(
  sql: Sql,
  customerId: string,
  query: MyBookingsQuery,
): Promise<{ items: BookingView[]; nextCursor: string | null }> {
  const { key, isAscending } = orderOf[query.scope];
  const after = positionAfter(query.cursor);
  const limit = query.limit ?? defaultLimit;
  const direction = isAscending ? 'ASC' : 'DESC';
  const { rows } = await sql.query<HistoryRow>(
    `SELECT id, state, created_at, updated_at, ${key} AS sort_at FROM bookings
     WHERE customer_id = $1 AND status = ANY ($2::text[])
       AND ($3::timestamptz IS NULL OR (${key}, id) ${isAscending ? '>' : '<'} ($3, $4::uuid))
     ORDER BY ${key} ${direction}, id ${direction} LIMIT $5`,
    [customerId, statusesIn(query.scope), after?.createdAt ?? null, after?.id ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) =>
      toBookingView(row.state, { createdAt: row.created_at, updatedAt: row.updated_at }),
    ),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ createdAt: last.sort_at.toISOString(), id: last.id })
        : null,
  };
}

/**
 * A booking's receipt for its customer (or the team): its issuer (the hub's GST registration), price, extra
 * time, payments, refunds, their rating.
 */
export async function bookingReceipt(
  sql: Sql,
  bookingId: string,
  principal: Principal,
): Promise<BookingReceipt> {
  const booking = await bookingViewFor(sql, bookingId, principal);
  const payments = await listBookingPayments(sql, bookingId);
  const { job } = booking;
  const service = job?.workedMinutes != null ? await findProjection(sql, services, booking.serviceId) : null;
  const invoice = await findInvoice(sql, bookingId);
  // an invoice's issuer is frozen when issued; an unfinished booking shows whom it will be issued by
  const taxIdentity = invoice
    ? invoice.issuer
    : ((await findProjection(sql, hubs, booking.hubId))?.taxIdentity ?? null);
  return {
    booking,
    invoice: invoice && {
      number: invoice.number,
      financialYear: invoice.financialYear,
      sac: invoice.sac,
      issuedAt: invoice.issuedAt,
      supply: invoice.supply.kind,
      cancellationFee:
        invoice.supply.kind === 'cancellation_fee'
          ? {
              ...splitTaxInclusive(invoice.supply.feePaise, booking.price.taxRateBasisPoints),
              taxRateBasisPoints: booking.price.taxRateBasisPoints,
              totalPaise: invoice.supply.feePaise,
            }
          : null,
    },
    issuer: taxIdentity && {
      legalName: taxIdentity.legalName,
      gstin: taxIdentity.gstin,
      address: taxIdentity.registeredAddress,
    },
    extra:
      job?.workedMinutes == null
        ? null
        : {
            workedMinutes: job.workedMinutes,
            includedMinutes: service?.includedMinutes ?? null,
            extraDuePaise: job.extraDuePaise,
            extraPaidPaise: job.extraPaidPaise,
            approvedExtras: job.extras.filter((extra) => extra.status === 'approved'),
          },
    payments,
    paidPaise: payments.reduce((sum, payment) => sum + payment.amountPaise, 0),
    refundedPaise: payments.reduce((sum, payment) => sum + payment.refundedPaise, 0),
    myRating: await findRating(sql, bookingId, 'customer'),
  };
}

/**
 * The partner's completed jobs, newest first, with the earning of each (`jobEarningPaise`: the offered
 * earning and their share of the approved extras) and the customer's rating. `commissionBasisPoints`, the
 * one configured now, is for rounds started before they kept theirs.
 */
export async function listCompletedJobs(
  sql: Sql,
  partnerId: string,
  query: { limit?: number; cursor?: string },
  commissionBasisPoints: number,
): Promise<{ items: CompletedJob[]; nextCursor: string | null }> {
  const after = positionAfter(query.cursor);
  const limit = query.limit ?? defaultLimit;
  const { rows } = await sql.query<{
    id: string;
    state: Extract<ExistingBooking, { status: 'completed' }>;
    completed_at: Date;
    job: DispatchJob;
    stars: number | null;
  }>(
    `SELECT b.id, b.state, b.completed_at, r.state->'job' AS job, ra.stars
     FROM bookings b
       JOIN dispatch_rounds r ON r.booking_id = b.id
       LEFT JOIN ratings ra ON ra.booking_id = b.id AND ra.rated_by = 'customer'
     WHERE b.assigned_partner_id = $1 AND b.status = 'completed'
       AND ($2::timestamptz IS NULL OR (b.completed_at, b.id) < ($2, $3::uuid))
     ORDER BY b.completed_at DESC, b.id DESC LIMIT $4`,
    [partnerId, after?.createdAt ?? null, after?.id ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      bookingId: row.id,
      serviceName: row.state.terms.serviceName,
      hubId: row.state.terms.hubId,
      window: row.state.terms.window,
      timeZone: row.state.terms.timeZone,
      startedAt: row.state.work.startedAt,
      endedAt: row.state.work.endedAt,
      workedMinutes: row.state.work.workedMinutes,
      earningPaise: jobEarningPaise(
        row.job.earningPaise,
        approvedExtrasPaise(row.state.work.extras ?? []),
        row.job.commissionBasisPoints ?? commissionBasisPoints,
      ),
      rating: row.stars,
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ createdAt: last.completed_at.toISOString(), id: last.id })
        : null,
  };
}

/**
 * `jobEarningPaise` in SQL, over completed bookings `b` and their rounds `r`, `$2` the commission of
 * rounds that did not keep theirs: the offered earning, plus the approved extras less the commission on
 * them rounded half-up (`applyRateHalfUp`; the amounts are never negative, so integer division floors).
 */
const completedJobsWithEarning = `
  FROM bookings b JOIN dispatch_rounds r ON r.booking_id = b.id
    CROSS JOIN LATERAL (
      SELECT COALESCE(sum((extra->>'amountPaise')::bigint), 0)::bigint AS paise
      FROM jsonb_array_elements(COALESCE(b.state->'work'->'extras', '[]'::jsonb)) AS extra
      WHERE extra->>'status' = 'approved'
    ) approved
    CROSS JOIN LATERAL (
      SELECT (r.state->'job'->>'earningPaise')::bigint + approved.paise
        - (approved.paise * COALESCE((r.state->'job'->>'commissionBasisPoints')::bigint, $2) + 5000) / 10000
        AS paise
    ) earning
  WHERE b.assigned_partner_id = $1 AND b.status = 'completed'`;

/**
 * What the partner earned from completed jobs (each job's offered earning and their share of its approved
 * extras), by day and by ISO week in each job's hub time zone.
 */
export async function partnerEarnings(
  sql: Sql,
  partnerId: string,
  commissionBasisPoints: number,
): Promise<PartnerEarnings> {
  const buckets = (format: string, count: number) =>
    sql.query<{ period: string; jobs: number; earning_paise: string }>(
      `SELECT to_char(b.completed_at AT TIME ZONE (b.state->'terms'->>'timeZone'), '${format}') AS period,
         count(*)::int AS jobs, sum(earning.paise) AS earning_paise
       ${completedJobsWithEarning}
       GROUP BY period ORDER BY period DESC LIMIT ${count}`,
      [partnerId, commissionBasisPoints],
    );
  const [byDay, byWeek, total] = await Promise.all([
    buckets('YYYY-MM-DD', 30),
    buckets('IYYY-"W"IW', 12),
    sql.query<{ jobs: number; earning_paise: string | null }>(
      `SELECT count(*)::int AS jobs, sum(earning.paise) AS earning_paise ${completedJobsWithEarning}`,
      [partnerId, commissionBasisPoints],
    ),
  ]);
  const toBucket = (row: { period: string; jobs: number; earning_paise: string }) => ({
    period: row.period,
    jobs: row.jobs,
    earningPaise: Number(row.earning_paise),
  });
  return {
    totalPaise: Number(total.rows[0]?.earning_paise ?? 0),
    jobs: total.rows[0]?.jobs ?? 0,
    byDay: byDay.rows.map(toBucket),
    byWeek: byWeek.rows.map(toBucket),
  };
}
