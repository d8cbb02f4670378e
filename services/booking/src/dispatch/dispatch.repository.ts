import type {
  DispatchQueueItem,
  OfferRejectReason,
  OfferView,
  OfferWithdrawalReason,
  PartnerJob,
} from '@zefy/contracts';
import type { Sql, Transaction } from '@zefy/platform';
import type { BBox } from '@zefy/rules';
import { assignmentOf, type ExistingBooking } from '../booking/booking.ts';
import type { DispatchJob, DispatchState, Round } from './dispatch.ts';
import type { OfferState, OfferTerms } from './offer.ts';
import { newPartnerRecord, type PartnerRecord } from './reputation.ts';

/** A round as loaded under its row lock: its state, and the version its next write must follow. */
export interface LoadedRound {
  bookingId: string;
  state: DispatchState;
  version: number;
}

interface RoundRow {
  booking_id: string;
  state: Round;
  version: number;
}

const loaded = (row: RoundRow): LoadedRound => ({
  bookingId: row.booking_id,
  state: row.state,
  version: row.version,
});

const noRound = (bookingId: string): LoadedRound => ({ bookingId, state: { status: 'none' }, version: 0 });

/** The rounds of `bookingIds` that exist, locked in booking order (so two lockers of the same rounds never deadlock). */
export async function lockRounds(tx: Transaction, bookingIds: readonly string[]): Promise<LoadedRound[]> {
  const { rows } = await tx.query<RoundRow>(
    `SELECT booking_id, state, version FROM dispatch_rounds
     WHERE booking_id = ANY ($1::uuid[]) ORDER BY booking_id FOR UPDATE`,
    [bookingIds],
  );
  return rows.map(loaded);
}

export async function lockRound(tx: Transaction, bookingId: string): Promise<LoadedRound> {
  const [round] = await lockRounds(tx, [bookingId]);
  return round ?? noRound(bookingId);
}

/**
 * From one of the partner's offers, in one statement: the round of its job, locked, and with `overlapping`
 * the rounds in which the partner holds an open offer over the same time too (an accept makes them busy),
 * all in booking order. Null when the partner has no such offer.
 */
export async function lockRoundsOfOffer(
  tx: Transaction,
  offer: { offerId: string; partnerId: string },
  overlapping: boolean,
): Promise<{ round: LoadedRound; others: LoadedRound[] } | null> {
  const { rows } = await tx.query<RoundRow & { is_job: boolean }>(
    `WITH job AS (
       SELECT o.booking_id, tstzrange(b.window_starts_at, b.window_ends_at, '[)') AS during
       FROM offers o JOIN bookings b ON b.id = o.booking_id WHERE o.id = $1 AND o.partner_id = $2
     ), locked AS (
       SELECT booking_id FROM job
       UNION
       SELECT o.booking_id FROM offers o JOIN bookings b ON b.id = o.booking_id
         JOIN job ON tstzrange(b.window_starts_at, b.window_ends_at, '[)') && job.during
       WHERE $3 AND o.partner_id = $2 AND o.status = 'open'
     )
     SELECT r.booking_id, r.state, r.version, r.booking_id = (SELECT booking_id FROM job) AS is_job
     FROM dispatch_rounds r WHERE r.booking_id IN (SELECT booking_id FROM locked)
     ORDER BY r.booking_id FOR UPDATE OF r`,
    [offer.offerId, offer.partnerId, overlapping],
  );
  const job = rows.find((row) => row.is_job);
  if (!job) return null;
  return { round: loaded(job), others: rows.filter((row) => !row.is_job).map(loaded) };
}

/** One offering round due at `now` that no other instance is handling (and not one of `skip`), locked. */
export async function lockDueRound(
  tx: Transaction,
  now: Date,
  skip: readonly string[],
): Promise<LoadedRound | null> {
  const { rows } = await tx.query<RoundRow>(
    `SELECT booking_id, state, version FROM dispatch_rounds
     WHERE status = 'offering' AND next_check_at <= $1 AND booking_id <> ALL ($2::uuid[])
     ORDER BY next_check_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [now, skip],
  );
  return rows[0] ? loaded(rows[0]) : null;
}

/** The round as it became after `events` events, and when the tick must look at it again. */
export async function saveRound(
  tx: Transaction,
  before: LoadedRound,
  after: Round,
  events: number,
  nextCheckAt: Date | null,
  now: Date,
): Promise<LoadedRound> {
  const version = before.version + events;
  if (before.state.status === 'none') {
    await tx.query(
      `INSERT INTO dispatch_rounds (booking_id, hub_id, status, state, version, next_check_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [before.bookingId, after.job.hubId, after.status, JSON.stringify(after), version, nextCheckAt, now],
    );
  } else {
    const { rowCount } = await tx.query(
      `UPDATE dispatch_rounds SET status = $2, state = $3, version = $4, next_check_at = $5, updated_at = $6
       WHERE booking_id = $1 AND version = $7`,
      [before.bookingId, after.status, JSON.stringify(after), version, nextCheckAt, now, before.version],
    );
    // the row is locked FOR UPDATE, so a lost race here is a bug, not contention
    if (rowCount !== 1) throw new Error(`dispatch round ${before.bookingId} changed under its lock`);
  }
  return { bookingId: before.bookingId, state: after, version };
}

/** Offering rounds of the hub are due now: someone came on duty who may be offered them. */
export async function makeHubRoundsDue(sql: Sql, hubId: string, now: Date): Promise<number> {
  const { rowCount } = await sql.query(
    `UPDATE dispatch_rounds SET next_check_at = $2
     WHERE hub_id = $1 AND status = 'offering' AND next_check_at > $2`,
    [hubId, now],
  );
  return rowCount ?? 0;
}

interface OfferRow {
  id: string;
  booking_id: string;
  hub_id: string;
  partner_id: string;
  wave: number;
  status: Exclude<OfferState['status'], 'none'>;
  reason: string | null;
  note: string | null;
  sent_at: Date;
  expires_at: Date;
  accept_until: Date;
  answered_at: Date | null;
  earning_paise: number;
  distance_m: number;
}

const termsOf = (row: OfferRow): OfferTerms => ({
  offerId: row.id,
  bookingId: row.booking_id,
  hubId: row.hub_id,
  partnerId: row.partner_id,
  wave: row.wave,
  sentAt: row.sent_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  acceptUntil: row.accept_until.toISOString(),
  earningPaise: Number(row.earning_paise),
  distanceMeters: row.distance_m,
});

/** The offer decider's state, from its row. */
function offerStateOf(row: OfferRow): OfferState {
  const offer = termsOf(row);
  switch (row.status) {
    case 'open':
      return { status: 'open', offer };
    case 'accepted':
      return { status: 'accepted', offer, acceptedAt: (row.answered_at ?? row.sent_at).toISOString() };
    case 'rejected':
      return { status: 'rejected', offer, reason: row.reason as OfferRejectReason, note: row.note };
    case 'expired':
      return { status: 'expired', offer };
    case 'withdrawn':
      return { status: 'withdrawn', offer, reason: row.reason as OfferWithdrawalReason };
  }
}

/** One offer's state, as the offer decider takes it. */
export async function findOffer(sql: Sql, offerId: string): Promise<OfferState | null> {
  const { rows } = await sql.query<OfferRow>('SELECT * FROM offers WHERE id = $1', [offerId]);
  return rows[0] ? offerStateOf(rows[0]) : null;
}

/** The round of a booking as it is, unlocked (reads). */
export async function findRound(sql: Sql, bookingId: string): Promise<DispatchState> {
  const { rows } = await sql.query<RoundRow>(
    'SELECT booking_id, state, version FROM dispatch_rounds WHERE booking_id = $1',
    [bookingId],
  );
  return rows[0]?.state ?? { status: 'none' };
}

/** The round's open offers whose time to accept is over at `now`. */
export async function listLapsedOffers(tx: Transaction, bookingId: string, now: Date): Promise<OfferState[]> {
  const { rows } = await tx.query<OfferRow>(
    `SELECT * FROM offers WHERE booking_id = $1 AND status = 'open' AND accept_until < $2 ORDER BY id`,
    [bookingId, now],
  );
  return rows.map(offerStateOf);
}

/** A wave's offers in one statement of column arrays: for a thousand rows, cheaper to send and parse than JSON. */
export async function insertOffers(tx: Transaction, offers: readonly OfferTerms[]): Promise<void> {
  if (offers.length === 0) return;
  const column = <K extends keyof OfferTerms>(key: K) => offers.map((offer) => offer[key]);
  await tx.query(
    `INSERT INTO offers (id, booking_id, hub_id, partner_id, wave, status, sent_at, expires_at, accept_until,
       earning_paise, distance_m)
     SELECT o.id, o.booking_id, o.hub_id, o.partner_id, o.wave, 'open', o.sent_at, o.expires_at, o.accept_until,
       o.earning_paise, o.distance_m
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[],
       $8::timestamptz[], $9::bigint[], $10::int[])
       AS o(id, booking_id, hub_id, partner_id, wave, sent_at, expires_at, accept_until, earning_paise, distance_m)`,
    [
      column('offerId'),
      column('bookingId'),
      column('hubId'),
      column('partnerId'),
      column('wave'),
      column('sentAt'),
      column('expiresAt'),
      column('acceptUntil'),
      column('earningPaise'),
      column('distanceMeters'),
    ],
  );
}

export async function withdrawOffers(
  tx: Transaction,
  withdrawal: { bookingId: string; partnerIds: readonly string[]; reason: OfferWithdrawalReason },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE offers SET status = 'withdrawn', reason = $3, answered_at = $4
     WHERE booking_id = $1 AND partner_id = ANY ($2::text[]) AND status = 'open'`,
    [withdrawal.bookingId, withdrawal.partnerIds, withdrawal.reason, now],
  );
}

export async function rejectOffer(
  tx: Transaction,
  rejection: { offerId: string; reason: OfferRejectReason; note: string | null },
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE offers SET status = 'rejected', reason = $2, note = $3, answered_at = $4
     WHERE id = $1 AND status = 'open'`,
    [rejection.offerId, rejection.reason, rejection.note, now],
  );
}

export async function expireOffers(tx: Transaction, offerIds: readonly string[], now: Date): Promise<void> {
  if (offerIds.length === 0) return;
  await tx.query(
    `UPDATE offers SET status = 'expired', answered_at = $2 WHERE id = ANY ($1::uuid[]) AND status = 'open'`,
    [offerIds, now],
  );
}

/**
 * The accept as one conditional write: the partner's own offer, still open, still in time. Answers the offer
 * as it stood (open) for the offer decider, or null when it is not (the caller reads why).
 */
export async function takeOffer(
  tx: Transaction,
  offer: { offerId: string; partnerId: string },
  now: Date,
): Promise<OfferState | null> {
  const { rows } = await tx.query<OfferRow>(
    `UPDATE offers SET status = 'accepted', answered_at = $3
     WHERE id = $1 AND partner_id = $2 AND status = 'open' AND accept_until >= $3
     RETURNING *`,
    [offer.offerId, offer.partnerId, now],
  );
  return rows[0] ? { status: 'open', offer: termsOf(rows[0]) } : null;
}

export async function earliestOpenAcceptUntil(tx: Transaction, bookingId: string): Promise<Date | null> {
  const { rows } = await tx.query<{ until: Date | null }>(
    `SELECT min(accept_until) AS until FROM offers WHERE booking_id = $1 AND status = 'open'`,
    [bookingId],
  );
  return rows[0]?.until ?? null;
}

/** Bookings in which the partner holds an open offer. */
export async function listOpenOfferBookings(sql: Sql, partnerId: string): Promise<string[]> {
  const { rows } = await sql.query<{ booking_id: string }>(
    `SELECT booking_id FROM offers WHERE partner_id = $1 AND status = 'open' ORDER BY booking_id`,
    [partnerId],
  );
  return rows.map((row) => row.booking_id);
}

/** Open offers still in time that each partner holds for other jobs than `exceptBookingId`. */
export async function countOpenOffers(
  sql: Sql,
  partnerIds: readonly string[],
  exceptBookingId: string,
  now: Date,
): Promise<Map<string, number>> {
  const { rows } = await sql.query<{ partner_id: string; n: number }>(
    `SELECT partner_id, count(*)::int AS n FROM offers
     WHERE partner_id = ANY ($1::text[]) AND status = 'open' AND accept_until >= $3 AND booking_id <> $2
     GROUP BY partner_id`,
    [partnerIds, exceptBookingId, now],
  );
  return new Map(rows.map((row) => [row.partner_id, row.n]));
}

export interface Standing {
  record: PartnerRecord;
  lastJobFinishedAt: string | null;
}

interface StandingRow {
  rating_count: number;
  rating_sum: number;
  accepted_jobs: number;
  cancellations_after_accept: number;
  no_shows: number;
  last_job_finished_at: Date | null;
}

const standingFrom = (row: StandingRow): Standing => ({
  record: {
    ratingCount: row.rating_count,
    ratingSum: row.rating_sum,
    acceptedJobs: row.accepted_jobs,
    cancellationsAfterAccept: row.cancellations_after_accept,
    noShows: row.no_shows,
  },
  lastJobFinishedAt: row.last_job_finished_at?.toISOString() ?? null,
});

export async function readStandings(sql: Sql, partnerIds: readonly string[]): Promise<Map<string, Standing>> {
  const { rows } = await sql.query<StandingRow & { partner_id: string }>(
    'SELECT * FROM partner_standing WHERE partner_id = ANY ($1::text[])',
    [partnerIds],
  );
  return new Map(rows.map((row) => [row.partner_id, standingFrom(row)]));
}

/** What the customer is shown of a partner, as booking knows them (null fields: not heard yet), and their standing. */
export async function findPartnerWithStanding(
  sql: Sql,
  partnerId: string,
): Promise<{ name: string | null; photoUrl: string | null; phone: string | null; standing: Standing }> {
  const { rows } = await sql.query<
    {
      name: string | null;
      photo_url: string | null;
      phone: string | null;
      has_standing: boolean;
    } & StandingRow
  >(
    `SELECT p.name, p.photo_url, p.phone, s.partner_id IS NOT NULL AS has_standing, s.*
     FROM (SELECT $1::text AS id) k LEFT JOIN partners p ON p.id = k.id
       LEFT JOIN partner_standing s ON s.partner_id = k.id`,
    [partnerId],
  );
  const row = rows[0];
  return {
    name: row?.name ?? null,
    photoUrl: row?.photo_url ?? null,
    phone: row?.phone ?? null,
    standing: row?.has_standing ? standingFrom(row) : { record: newPartnerRecord, lastJobFinishedAt: null },
  };
}

export const standingOf = (standings: ReadonlyMap<string, Standing>, partnerId: string): Standing =>
  standings.get(partnerId) ?? { record: newPartnerRecord, lastJobFinishedAt: null };

/** Counts a job the partner took, one they backed out of, or one they never came to, towards their reputation. */
export async function countTowardsStanding(
  tx: Transaction,
  partnerId: string,
  count: 'accepted_jobs' | 'cancellations_after_accept' | 'no_shows',
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO partner_standing (partner_id, ${count}, updated_at) VALUES ($1, 1, $2)
     ON CONFLICT (partner_id) DO UPDATE SET ${count} = partner_standing.${count} + 1, updated_at = $2`,
    [partnerId, now],
  );
}

/** A customer's rating of the partner counts towards their reputation (reputation.ts). */
export async function countRating(
  tx: Transaction,
  partnerId: string,
  stars: number,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO partner_standing (partner_id, rating_count, rating_sum, updated_at) VALUES ($1, 1, $2, $3)
     ON CONFLICT (partner_id) DO UPDATE SET rating_count = partner_standing.rating_count + 1,
       rating_sum = partner_standing.rating_sum + $2, updated_at = $3`,
    [partnerId, stars, now],
  );
}

/** The partner finished a job: their idle time counts from `finishedAt` (a later finish wins). */
export async function recordJobFinished(tx: Transaction, partnerId: string, finishedAt: Date): Promise<void> {
  await tx.query(
    `INSERT INTO partner_standing (partner_id, last_job_finished_at, updated_at) VALUES ($1, $2, $2)
     ON CONFLICT (partner_id) DO UPDATE SET updated_at = $2,
       last_job_finished_at = GREATEST(partner_standing.last_job_finished_at, $2)`,
    [partnerId, finishedAt],
  );
}

/** Where the job is: the booking's service, the customer's pin and the hub's bounds. */
export async function findJobSite(
  sql: Sql,
  bookingId: string,
): Promise<{ serviceId: string; origin: { lat: number; lng: number } | null; bbox: BBox | null }> {
  const { rows } = await sql.query<{
    service_id: string;
    lat: number | null;
    lng: number | null;
    bbox: BBox | null;
  }>(
    `SELECT b.service_id, a.lat, a.lng, h.bbox FROM bookings b
     LEFT JOIN addresses a ON a.id = b.address_id LEFT JOIN hubs h ON h.id = b.hub_id
     WHERE b.id = $1`,
    [bookingId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no booking ${bookingId} for its dispatch round`);
  return {
    serviceId: row.service_id,
    origin: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
    bbox: row.bbox,
  };
}

interface OfferViewRow {
  id: string;
  booking_id: string;
  hub_id: string;
  status: OfferView['status'];
  reason: OfferView['reason'];
  sent_at: Date;
  expires_at: Date;
  earning_paise: number;
  distance_m: number;
  job: DispatchJob;
}

const offerColumns = `o.id, o.booking_id, o.hub_id, o.status, o.reason, o.sent_at, o.expires_at, o.earning_paise,
  o.distance_m, r.state->'job' AS job
  FROM offers o JOIN dispatch_rounds r ON r.booking_id = o.booking_id`;

const toOfferView = (row: OfferViewRow): OfferView => ({
  offerId: row.id,
  bookingId: row.booking_id,
  hubId: row.hub_id,
  area: row.job.area,
  serviceName: row.job.serviceName,
  window: row.job.window,
  timeZone: row.job.timeZone,
  earningPaise: Number(row.earning_paise),
  distanceMeters: row.distance_m,
  sentAt: row.sent_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  status: row.status,
  reason: row.reason,
});

export async function findOfferView(sql: Sql, offerId: string): Promise<OfferView | null> {
  const { rows } = await sql.query<OfferViewRow>(`SELECT ${offerColumns} WHERE o.id = $1`, [offerId]);
  return rows[0] ? toOfferView(rows[0]) : null;
}

/** The partner's open offers still in time at `now`, the soonest to run out first. */
export async function listPartnerOffers(sql: Sql, partnerId: string, now: Date): Promise<OfferView[]> {
  const { rows } = await sql.query<OfferViewRow>(
    `SELECT ${offerColumns}
     WHERE o.partner_id = $1 AND o.status = 'open' AND o.accept_until >= $2 ORDER BY o.expires_at, o.id`,
    [partnerId, now],
  );
  return rows.map(toOfferView);
}

interface JobRow {
  id: string;
  status: PartnerJob['status'];
  hub_id: string;
  state: ExistingBooking;
  job: DispatchJob;
  lat: number | null;
  lng: number | null;
}

const jobColumns = `b.id, b.status, b.hub_id, b.state, r.state->'job' AS job, a.lat, a.lng
  FROM bookings b JOIN dispatch_rounds r ON r.booking_id = b.id LEFT JOIN addresses a ON a.id = b.address_id`;

function toPartnerJob(row: JobRow): PartnerJob | null {
  // a job stays the partner's while they do it and after it is done
  const assignment = assignmentOf(row.state);
  if (!assignment) return null;
  return {
    bookingId: row.id,
    status: row.status,
    hubId: row.hub_id,
    area: row.job.area,
    serviceName: row.job.serviceName,
    window: row.job.window,
    timeZone: row.job.timeZone,
    earningPaise: row.job.earningPaise,
    location: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
    assignedAt: assignment.assignedAt,
    assignedBy: assignment.assignedBy,
  };
}

/** The partner's job, if they have it. */
export async function findPartnerJob(
  sql: Sql,
  bookingId: string,
  partnerId: string,
): Promise<PartnerJob | null> {
  const { rows } = await sql.query<JobRow>(
    `SELECT ${jobColumns} WHERE b.id = $1 AND b.assigned_partner_id = $2`,
    [bookingId, partnerId],
  );
  return rows[0] ? toPartnerJob(rows[0]) : null;
}

/** The partner's jobs whose window is not over at `now` (soonest first), or the others (latest first). */
export async function listPartnerJobs(
  sql: Sql,
  partnerId: string,
  scope: 'upcoming' | 'past',
  now: Date,
): Promise<PartnerJob[]> {
  const { rows } = await sql.query<JobRow>(
    scope === 'upcoming'
      ? `SELECT ${jobColumns} WHERE b.assigned_partner_id = $1 AND b.window_ends_at > $2
         ORDER BY b.window_starts_at, b.id LIMIT 200`
      : `SELECT ${jobColumns} WHERE b.assigned_partner_id = $1 AND b.window_ends_at <= $2
         ORDER BY b.window_starts_at DESC, b.id LIMIT 200`,
    [partnerId, now],
  );
  return rows.flatMap((row) => toPartnerJob(row) ?? []);
}

/** Rounds still looking for a partner, back-in-the-queue first, then the nearest give-up time. */
export async function listQueue(sql: Sql, hubId: string | null): Promise<DispatchQueueItem[]> {
  const { rows } = await sql.query<{
    state: Round;
    open: number;
    rejected: number;
    expired: number;
    withdrawn: number;
  }>(
    `SELECT r.state,
       count(o.id) FILTER (WHERE o.status = 'open')::int AS open,
       count(o.id) FILTER (WHERE o.status = 'rejected')::int AS rejected,
       count(o.id) FILTER (WHERE o.status = 'expired')::int AS expired,
       count(o.id) FILTER (WHERE o.status = 'withdrawn')::int AS withdrawn
     FROM dispatch_rounds r LEFT JOIN offers o ON o.booking_id = r.booking_id
     WHERE r.status = 'offering' AND ($1::text IS NULL OR r.hub_id = $1)
     GROUP BY r.booking_id
     ORDER BY (r.state->>'isPriority')::boolean DESC, r.state->'deadlines'->>'giveUpAt', r.booking_id
     LIMIT 500`,
    [hubId],
  );
  return rows.map(({ state, open, rejected, expired, withdrawn }) => ({
    bookingId: state.job.bookingId,
    hubId: state.job.hubId,
    area: state.job.area,
    customerId: state.job.customerId,
    serviceName: state.job.serviceName,
    window: state.job.window,
    timeZone: state.job.timeZone,
    wave: state.wave,
    isPriority: state.isPriority,
    isEscalated: state.escalatedAt !== null,
    confirmedAt: state.job.confirmedAt,
    escalateAt: state.deadlines.escalateAt,
    giveUpAt: state.deadlines.giveUpAt,
    escalatedAt: state.escalatedAt,
    offers: { open, rejected, expired, withdrawn },
  }));
}
