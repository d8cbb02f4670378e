import type { PositionFix } from '../positions/positions.ts';

export interface TrailAt {
  hubId: string;
  bookingId: string;
  partnerId: string;
}

type TrailRow = TrailAt & PositionFix;

/** Where the trail is written: the pool (a test may count the statements). */
export interface TrailSql {
  query(text: string, values: unknown[]): Promise<unknown>;
}

/** Fixes of the sampled trail in one statement; a fix stored already (a retried upload) is kept once. */
async function insertTrail(sql: TrailSql, rows: readonly TrailRow[]): Promise<void> {
  await sql.query(
    `INSERT INTO trail (hub_id, booking_id, partner_id, fix_at, lat, lng, accuracy_m)
     SELECT r."hubId", r."bookingId", r."partnerId", r."fixAt", r.lat, r.lng, r."accuracyMeters"
     FROM jsonb_to_recordset($1::jsonb) AS r("hubId" text, "bookingId" uuid, "partnerId" text,
       "fixAt" timestamptz, lat float8, lng float8, "accuracyMeters" real)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

export interface TrailWriter {
  /** Resolves once the fixes are stored (with whatever other uploads' fixes went in the same statement). */
  append(at: TrailAt, fixes: readonly PositionFix[]): Promise<void>;
}

/**
 * Group commit for the trail: the first upload's fixes are written at once; those arriving while a statement
 * runs wait and go together in the next one. Under load that is one INSERT for many uploads, and each
 * upload still answers only once its fixes are stored.
 */
export function trailWriter(sql: TrailSql): TrailWriter {
  let queued: TrailRow[] = [];
  let waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  let isWriting = false;

  async function drain(): Promise<void> {
    isWriting = true;
    while (queued.length > 0) {
      const rows = queued;
      const told = waiting;
      queued = [];
      waiting = [];
      try {
        await insertTrail(sql, rows);
        for (const waiter of told) waiter.resolve();
      } catch (error) {
        for (const waiter of told) waiter.reject(error);
      }
    }
    isWriting = false;
  }

  return {
    append(at, fixes) {
      if (fixes.length === 0) return Promise.resolve();
      const { hubId, bookingId, partnerId } = at;
      for (const { lat, lng, accuracyMeters, fixAt } of fixes)
        queued.push({ hubId, bookingId, partnerId, lat, lng, accuracyMeters, fixAt });
      const stored = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
      if (!isWriting) void drain();
      return stored;
    },
  };
}
