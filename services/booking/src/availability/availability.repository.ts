import type { Sql } from '@zefy/platform';
import type { Interval } from '../schedule/schedule.ts';
import type { Claim } from './availability.ts';

/**
 * Claims that still promise the partners' time within `window` at `now`: confirmed bookings, and holds that
 * have not lapsed. A lapsed hold counts as free here even before the sweeper has released it.
 */
export async function listLiveClaims(
  sql: Sql,
  partnerIds: readonly string[],
  window: Interval,
  now: Date,
): Promise<Claim[]> {
  if (partnerIds.length === 0) return [];
  const { rows } = await sql.query<{ partner_id: string; starts_at: Date; ends_at: Date }>(
    `SELECT partner_id, lower(during) AS starts_at, upper(during) AS ends_at FROM capacity_claims
     WHERE partner_id = ANY ($1::text[]) AND released_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
       AND during && tstzrange($3, $4, '[)')`,
    [partnerIds, now, new Date(window.start), new Date(window.end)],
  );
  return rows.map((row) => ({
    partnerId: row.partner_id,
    start: row.starts_at.getTime(),
    end: row.ends_at.getTime(),
  }));
}
