import type { BookingStatus } from '@zefy/contracts';
import type { Sql } from '@zefy/platform';
import type { HubDay } from './dashboard.ts';

/**
 * Each known hub's day as of `now`, in the hub's own time zone: the bookings whose window starts today by
 * state, the confirmed ones starting today or earlier that no partner has taken yet, and those of them
 * past their escalation deadline (the 5-minute promise's breaches).
 */
export async function readHubDays(sql: Sql, now: Date): Promise<HubDay[]> {
  const { rows } = await sql.query<{
    hub_id: string;
    name: string;
    timezone: string;
    today: string;
    counts: Array<{ status: BookingStatus; count: number }> | null;
    waiting: number;
    breaches: number;
    otp_locked: number;
  }>(
    `WITH hub_today AS (
       SELECT id, name, timezone, ($1::timestamptz AT TIME ZONE timezone)::date AS today FROM hubs
     ),
     day_counts AS (
       SELECT h.id AS hub_id, b.status, count(*)::int AS count
         FROM hub_today h
         JOIN bookings b ON b.hub_id = h.id
          AND (b.window_starts_at AT TIME ZONE h.timezone)::date = h.today
        GROUP BY h.id, b.status
     ),
     waiting AS (
       SELECT h.id AS hub_id, count(*)::int AS count
         FROM hub_today h
         JOIN bookings b ON b.hub_id = h.id
          AND b.status = 'confirmed'
          AND (b.window_starts_at AT TIME ZONE h.timezone)::date <= h.today
        GROUP BY h.id
     ),
     breaches AS (
       SELECT r.hub_id, count(*)::int AS count
         FROM dispatch_rounds r
        WHERE r.status = 'offering' AND (r.state->'deadlines'->>'escalateAt')::timestamptz <= $1
        GROUP BY r.hub_id
     ),
     locked AS (
       SELECT b.hub_id, count(*)::int AS count
         FROM job_otps j JOIN bookings b ON b.id = j.booking_id
        WHERE j.is_locked
        GROUP BY b.hub_id
     )
     SELECT h.id AS hub_id, h.name, h.timezone, h.today::text AS today,
            (SELECT json_agg(json_build_object('status', c.status, 'count', c.count) ORDER BY c.status)
               FROM day_counts c WHERE c.hub_id = h.id) AS counts,
            COALESCE((SELECT w.count FROM waiting w WHERE w.hub_id = h.id), 0) AS waiting,
            COALESCE((SELECT r.count FROM breaches r WHERE r.hub_id = h.id), 0) AS breaches,
            COALESCE((SELECT l.count FROM locked l WHERE l.hub_id = h.id), 0) AS otp_locked
       FROM hub_today h
      ORDER BY h.name, h.id`,
    [now],
  );
  return rows.map((row) => ({
    hubId: row.hub_id,
    hubName: row.name,
    timeZone: row.timezone,
    today: row.today,
    bookingsToday: row.counts ?? [],
    waitingForPartner: row.waiting,
    slaBreaches: row.breaches,
    otpLocked: row.otp_locked,
  }));
}

/** The names of these partners, by id (a partner booking has not heard of is left out). */
export async function readPartnerNames(
  sql: Sql,
  partnerIds: readonly string[],
): Promise<Map<string, string>> {
  if (partnerIds.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; name: string | null }>(
    'SELECT id, name FROM partners WHERE id = ANY ($1::text[])',
    [partnerIds],
  );
  return new Map(rows.flatMap((row) => (row.name ? [[row.id, row.name] as const] : [])));
}
