import type { RatingInput, RatingView } from '@zefy/contracts';
import type { Sql, Transaction } from '@zefy/platform';
import type { RatedBy } from './ratings.ts';

interface RatingRow {
  booking_id: string;
  rated_by: RatedBy;
  stars: number;
  tags: RatingView['tags'];
  comment: string | null;
  rated_at: Date;
}

const toView = (row: RatingRow): RatingView => ({
  bookingId: row.booking_id,
  by: row.rated_by,
  stars: row.stars,
  tags: row.tags,
  comment: row.comment,
  ratedAt: row.rated_at.toISOString(),
});

export async function hasRated(tx: Transaction, bookingId: string, by: RatedBy): Promise<boolean> {
  const { rowCount } = await tx.query('SELECT 1 FROM ratings WHERE booking_id = $1 AND rated_by = $2', [
    bookingId,
    by,
  ]);
  return rowCount === 1;
}

export async function insertRating(
  tx: Transaction,
  rating: {
    bookingId: string;
    by: RatedBy;
    customerId: string;
    partnerId: string;
    ratedAt: Date;
  } & RatingInput,
): Promise<RatingView> {
  const { rows } = await tx.query<RatingRow>(
    `INSERT INTO ratings (booking_id, rated_by, customer_id, partner_id, stars, tags, comment, rated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      rating.bookingId,
      rating.by,
      rating.customerId,
      rating.partnerId,
      rating.stars,
      rating.tags ?? [],
      rating.comment?.trim() ?? null,
      rating.ratedAt,
    ],
  );
  return toView(rows[0] as RatingRow);
}

export async function findRating(sql: Sql, bookingId: string, by: RatedBy): Promise<RatingView | null> {
  const { rows } = await sql.query<RatingRow>(
    'SELECT * FROM ratings WHERE booking_id = $1 AND rated_by = $2',
    [bookingId, by],
  );
  return rows[0] ? toView(rows[0]) : null;
}

/** Customers' ratings of the partner: the average of all, and the newest `limit`. */
export async function listPartnerRatings(sql: Sql, partnerId: string, limit: number) {
  const [summary, recent] = await Promise.all([
    sql.query<{ count: number; average: number | null }>(
      `SELECT count(*)::int AS count, round(avg(stars), 2)::float AS average FROM ratings
       WHERE partner_id = $1 AND rated_by = 'customer'`,
      [partnerId],
    ),
    sql.query<RatingRow>(
      `SELECT * FROM ratings WHERE partner_id = $1 AND rated_by = 'customer' ORDER BY rated_at DESC LIMIT $2`,
      [partnerId, limit],
    ),
  ]);
  return {
    count: summary.rows[0]?.count ?? 0,
    average: summary.rows[0]?.average ?? null,
    items: recent.rows.map(toView),
  };
}
