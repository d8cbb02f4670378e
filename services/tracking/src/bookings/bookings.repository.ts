import type { EtaView } from '@zefy/contracts';
import type { Sql, Transaction } from '@zefy/platform';
import type { ArrivalState } from '../arrival/arrival.ts';
import type { MonitorState } from '../monitor/monitor.ts';
import type { TrackedBooking, TrackedStatus } from './bookings.ts';

interface Row {
  booking_id: string;
  hub_id: string;
  customer_id: string;
  partner_id: string;
  status: TrackedStatus;
  destination_lat: number | null;
  destination_lng: number | null;
  started_at: Date | null;
  promised_arrival_at: Date | null;
  arrival: ArrivalState;
  monitor: MonitorState;
  eta: EtaView | null;
  source_at: Date;
}

const destinationOf = (row: Pick<Row, 'destination_lat' | 'destination_lng'>) =>
  row.destination_lat === null || row.destination_lng === null
    ? null
    : { lat: row.destination_lat, lng: row.destination_lng };

const toTracked = (row: Row): TrackedBooking => ({
  bookingId: row.booking_id,
  hubId: row.hub_id,
  customerId: row.customer_id,
  partnerId: row.partner_id,
  status: row.status,
  destination: destinationOf(row),
  startedAt: row.started_at?.toISOString() ?? null,
  promisedArrivalAt: row.promised_arrival_at?.toISOString() ?? null,
  arrival: row.arrival,
  monitor: row.monitor,
  eta: row.eta,
});

/** A tracked booking with the time of the newest booking event applied to it: the copy's version. */
export interface VersionedBooking {
  booking: TrackedBooking;
  sourceAt: Date;
}

async function selectTracked(
  sql: Sql,
  bookingId: string,
  isLocking: boolean,
): Promise<VersionedBooking | null> {
  const { rows } = await sql.query<Row>(
    `SELECT * FROM bookings WHERE booking_id = $1${isLocking ? ' FOR UPDATE' : ''}`,
    [bookingId],
  );
  return rows[0] ? { booking: toTracked(rows[0]), sourceAt: rows[0].source_at } : null;
}

export const findVersioned = (sql: Sql, bookingId: string) => selectTracked(sql, bookingId, false);

export async function findTracked(sql: Sql, bookingId: string): Promise<TrackedBooking | null> {
  return (await findVersioned(sql, bookingId))?.booking ?? null;
}

/** The booking locked for this transaction, with its version. */
export const lockTracked = (tx: Transaction, bookingId: string) => selectTracked(tx, bookingId, true);

/**
 * The booking locked for this transaction, taking the lock before tracking has its row too: `FOR UPDATE`
 * locks nothing then, so two of booking's facts handled at once (the assignment and "On my way", a moment
 * apart on the bus, prefetched together) would both start from no row, and the later commit would win
 * whichever fact it carried. Statement by statement (READ COMMITTED), the read after the lock sees the
 * row the other committed.
 */
export async function lockTrackedOrNew(tx: Transaction, bookingId: string): Promise<VersionedBooking | null> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`tracking.booking:${bookingId}`]);
  return lockTracked(tx, bookingId);
}

/** What the monitor's tick reads of a watched booking: who it concerns, where it goes, and its monitor. */
export type WatchedBooking = Pick<
  TrackedBooking,
  | 'bookingId'
  | 'hubId'
  | 'customerId'
  | 'partnerId'
  | 'destination'
  | 'startedAt'
  | 'promisedArrivalAt'
  | 'monitor'
>;

/**
 * Every booking on its way whose ETA monitor has started, with its row's version (`xmin`: any write
 * changes it): the monitor's one read per tick, of only the columns it judges by (ten thousand rows a tick).
 */
export async function listWatched(sql: Sql): Promise<Array<{ booking: WatchedBooking; version: string }>> {
  // instants as epoch milliseconds: a number per row is cheaper to read than a timestamp's text
  const { rows } = await sql.query<
    Pick<Row, 'booking_id' | 'hub_id' | 'customer_id' | 'partner_id' | 'monitor'> &
      Pick<Row, 'destination_lat' | 'destination_lng'> & {
        started_at_ms: number | null;
        promised_arrival_at_ms: number | null;
        version: string;
      }
  >(
    `SELECT booking_id, hub_id, customer_id, partner_id, destination_lat, destination_lng, monitor,
       (extract(epoch FROM started_at) * 1000)::float8 AS started_at_ms,
       (extract(epoch FROM promised_arrival_at) * 1000)::float8 AS promised_arrival_at_ms,
       xmin::text AS version
     FROM bookings WHERE status = 'en_route' AND monitor->>'status' <> 'none'`,
  );
  const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map((row) => ({
    booking: {
      bookingId: row.booking_id,
      hubId: row.hub_id,
      customerId: row.customer_id,
      partnerId: row.partner_id,
      destination: destinationOf(row),
      startedAt: isoOf(row.started_at_ms),
      promisedArrivalAt: isoOf(row.promised_arrival_at_ms),
      monitor: row.monitor,
    },
    version: row.version,
  }));
}

/** A monitor decision to save over the row `version` it was judged from. */
export interface MonitorChange {
  bookingId: string;
  version: string;
  monitor: MonitorState;
  /** The ETA to show, when the monitor published a new one. */
  eta: EtaView | null;
}

/**
 * The monitor's changes in one statement; a row written since the tick read it (an upload's ETA, a booking
 * event) is skipped, and the next tick judges it again. Answers the bookings saved.
 */
export async function saveMonitorChanges(
  tx: Transaction,
  changes: readonly MonitorChange[],
): Promise<Set<string>> {
  if (changes.length === 0) return new Set();
  const { rows } = await tx.query<{ booking_id: string }>(
    `UPDATE bookings AS b SET monitor = c.monitor, eta = COALESCE(c.eta, b.eta)
     FROM jsonb_to_recordset($1::jsonb) AS c("bookingId" uuid, version text, monitor jsonb, eta jsonb)
     WHERE b.booking_id = c."bookingId" AND b.xmin::text = c.version
     RETURNING b.booking_id`,
    [JSON.stringify(changes)],
  );
  return new Set(rows.map((row) => row.booking_id));
}

export async function saveTracked(tx: Transaction, booking: TrackedBooking, sourceAt: Date): Promise<void> {
  await tx.query(
    `INSERT INTO bookings (booking_id, hub_id, customer_id, partner_id, status, destination_lat, destination_lng,
       started_at, promised_arrival_at, arrival, monitor, eta, source_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (booking_id) DO UPDATE SET hub_id = EXCLUDED.hub_id, customer_id = EXCLUDED.customer_id,
       partner_id = EXCLUDED.partner_id, status = EXCLUDED.status, destination_lat = EXCLUDED.destination_lat,
       destination_lng = EXCLUDED.destination_lng, started_at = EXCLUDED.started_at,
       promised_arrival_at = EXCLUDED.promised_arrival_at, arrival = EXCLUDED.arrival, monitor = EXCLUDED.monitor,
       eta = EXCLUDED.eta, source_at = GREATEST(bookings.source_at, EXCLUDED.source_at)`,
    [
      booking.bookingId,
      booking.hubId,
      booking.customerId,
      booking.partnerId,
      booking.status,
      booking.destination?.lat ?? null,
      booking.destination?.lng ?? null,
      booking.startedAt,
      booking.promisedArrivalAt,
      JSON.stringify(booking.arrival),
      JSON.stringify(booking.monitor),
      booking.eta === null ? null : JSON.stringify(booking.eta),
      sourceAt,
    ],
  );
}
