import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The baselines' PostgreSQL: the same tables the platform's transactions touch (a booking, its capacity
 * claim under the same exclusion constraint, dispatch's round and offers, an outbox row), reduced to their
 * columns, in a scratch schema; the transactions below are the platform's shapes written by hand.
 */
export async function rawSchema(databaseUrl: string, poolSize = 20) {
  const schema = `raw_${randomUUID().slice(0, 8)}`;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    options: `-c search_path=${schema}`,
  });
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(`
    CREATE EXTENSION IF NOT EXISTS btree_gist;
    CREATE TABLE bookings (id uuid PRIMARY KEY, customer_id text NOT NULL, partner_id text, status text NOT NULL);
    CREATE TABLE capacity_claims (
      id uuid PRIMARY KEY, booking_id uuid NOT NULL, partner_id text NOT NULL, during tstzrange NOT NULL,
      released_at timestamptz,
      EXCLUDE USING gist (partner_id WITH =, during WITH &&) WHERE (released_at IS NULL));
    CREATE TABLE rounds (booking_id uuid PRIMARY KEY, state jsonb NOT NULL);
    CREATE TABLE offers (id uuid PRIMARY KEY, booking_id uuid NOT NULL, partner_id text NOT NULL, state text NOT NULL);
    CREATE TABLE orders (id uuid PRIMARY KEY, hold_id uuid NOT NULL UNIQUE, amount_paise bigint NOT NULL, status text NOT NULL);
    CREATE TABLE payments (id uuid PRIMARY KEY, order_id uuid NOT NULL, status text NOT NULL);
    CREATE TABLE ledger_entries (id uuid PRIMARY KEY, journal_id uuid NOT NULL, account text NOT NULL, amount_paise bigint NOT NULL);
    CREATE TABLE outbox (id uuid PRIMARY KEY, type text NOT NULL, envelope jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  `);
  return {
    pool,
    async close() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}
export type RawSchema = Awaited<ReturnType<typeof rawSchema>>;

async function inTransaction<T>(raw: RawSchema, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await raw.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const outboxRow = (client: pg.PoolClient, type: string, data: object) =>
  client.query('INSERT INTO outbox (id, type, envelope) VALUES ($1, $2, $3)', [
    randomUUID(),
    type,
    JSON.stringify({ type, data, occurredAt: new Date().toISOString() }),
  ]);

/**
 * A hold: the first of `partnerIds` free during `window` is claimed with the booking and its event, in one
 * transaction; false when none is (or the exclusion constraint refused a racing claim).
 */
export async function holdShapedTransaction(
  raw: RawSchema,
  customerId: string,
  partnerIds: readonly string[],
  window: { start: string; end: string },
): Promise<boolean> {
  try {
    return await inTransaction(raw, async (client) => {
      const during = `[${window.start},${window.end})`;
      const { rows } = await client.query<{ partner_id: string }>(
        `SELECT p AS partner_id FROM unnest($1::text[]) AS p
         WHERE NOT EXISTS (SELECT 1 FROM capacity_claims c WHERE c.partner_id = p AND c.released_at IS NULL AND c.during && $2::tstzrange)
         LIMIT 1`,
        [partnerIds, during],
      );
      const partnerId = rows[0]?.partner_id;
      if (!partnerId) return false;
      const bookingId = randomUUID();
      await client.query("INSERT INTO bookings (id, customer_id, status) VALUES ($1, $2, 'held')", [
        bookingId,
        customerId,
      ]);
      await client.query(
        'INSERT INTO capacity_claims (id, booking_id, partner_id, during) VALUES ($1, $2, $3, $4)',
        [randomUUID(), bookingId, partnerId, during],
      );
      await outboxRow(client, 'booking.held', { bookingId, customerId, partnerId });
      return true;
    });
  } catch (error) {
    // refused by the exclusion constraint, or the loser of two claims deadlocked on it: either way not placed
    const code = (error as { code?: string }).code;
    if (code === '23P01' || code === '40P01') return false;
    throw error;
  }
}

/**
 * An accept: a confirmed booking offered to `offerCount` partners is seeded, then timed: the round locked,
 * the offer taken by a conditional write, the others withdrawn, the booking assigned, the claim moved, the
 * events appended. Answers the accept transaction's milliseconds.
 */
export async function acceptShapedTransaction(raw: RawSchema, offerCount = 100): Promise<number> {
  const bookingId = randomUUID();
  const offers = Array.from({ length: offerCount }, (_, index) => ({
    id: randomUUID(),
    // partners of this booking alone: the winners of two runs never share a claim that could overlap
    partnerId: `p-${index}-${bookingId}`,
  }));
  const start = Date.now() + Math.floor(Math.random() * 1e9);
  const during = `[${new Date(start).toISOString()},${new Date(start + 3600_000).toISOString()})`;
  await inTransaction(raw, async (client) => {
    await client.query("INSERT INTO bookings (id, customer_id, status) VALUES ($1, 'c', 'confirmed')", [
      bookingId,
    ]);
    await client.query(`INSERT INTO rounds (booking_id, state) VALUES ($1, '{"status":"offering"}')`, [
      bookingId,
    ]);
    await client.query(
      "INSERT INTO offers (id, booking_id, partner_id, state) SELECT unnest($1::uuid[]), $2, unnest($3::text[]), 'open'",
      [offers.map((offer) => offer.id), bookingId, offers.map((offer) => offer.partnerId)],
    );
    await client.query(
      'INSERT INTO capacity_claims (id, booking_id, partner_id, during) VALUES ($1, $2, $3, $4)',
      [randomUUID(), bookingId, `hold-${bookingId}`, during],
    );
  });
  const winner = offers[offers.length - 1] as (typeof offers)[number];
  const started = performance.now();
  await inTransaction(raw, async (client) => {
    await client.query('SELECT state FROM rounds WHERE booking_id = $1 FOR UPDATE', [bookingId]);
    const taken = await client.query(
      "UPDATE offers SET state = 'accepted' WHERE id = $1 AND state = 'open'",
      [winner.id],
    );
    if (taken.rowCount !== 1) throw new Error('offer not open');
    await client.query("UPDATE offers SET state = 'withdrawn' WHERE booking_id = $1 AND state = 'open'", [
      bookingId,
    ]);
    await client.query(`UPDATE rounds SET state = '{"status":"assigned"}' WHERE booking_id = $1`, [
      bookingId,
    ]);
    await client.query("UPDATE bookings SET partner_id = $2, status = 'assigned' WHERE id = $1", [
      bookingId,
      winner.partnerId,
    ]);
    await client.query(
      'UPDATE capacity_claims SET released_at = now() WHERE booking_id = $1 AND released_at IS NULL',
      [bookingId],
    );
    await client.query(
      'INSERT INTO capacity_claims (id, booking_id, partner_id, during) VALUES ($1, $2, $3, $4)',
      [randomUUID(), bookingId, winner.partnerId, during],
    );
    await outboxRow(client, 'dispatch.offer_accepted', { bookingId, offerId: winner.id });
    await outboxRow(client, 'dispatch.offers_withdrawn', { bookingId, reason: 'taken' });
    await outboxRow(client, 'booking.partner_assigned', { bookingId, partnerId: winner.partnerId });
  });
  return performance.now() - started;
}

/** A payment order for a hold: the order row and its event, in one transaction; answers the order's id. */
export function orderShapedTransaction(raw: RawSchema, holdId: string, amountPaise: number): Promise<string> {
  return inTransaction(raw, async (client) => {
    const orderId = randomUUID();
    await client.query(
      "INSERT INTO orders (id, hold_id, amount_paise, status) VALUES ($1, $2, $3, 'created')",
      [orderId, holdId, amountPaise],
    );
    await outboxRow(client, 'payment.order_created', { orderId, holdId, amountPaise });
    return orderId;
  });
}

/** A capture: the order paid, the payment row, a balanced journal of two entries and the event. */
export function captureShapedTransaction(raw: RawSchema, orderId: string): Promise<void> {
  return inTransaction(raw, async (client) => {
    const order = await client.query<{ amount_paise: string }>(
      "UPDATE orders SET status = 'paid' WHERE id = $1 AND status <> 'paid' RETURNING amount_paise",
      [orderId],
    );
    const amount = Number(order.rows[0]?.amount_paise ?? 0);
    const paymentId = randomUUID();
    const journalId = randomUUID();
    await client.query("INSERT INTO payments (id, order_id, status) VALUES ($1, $2, 'captured')", [
      paymentId,
      orderId,
    ]);
    await client.query(
      `INSERT INTO ledger_entries (id, journal_id, account, amount_paise)
       VALUES ($1, $3, 'gateway_clearing', $4), ($2, $3, 'customer_holds', -$4)`,
      [randomUUID(), randomUUID(), journalId, amount],
    );
    await outboxRow(client, 'payment.captured', { paymentId, orderId, amountPaise: amount });
  });
}
