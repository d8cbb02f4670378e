import type { EventEnvelope } from '@zefy/contracts';
import type { Database, Sql, Transaction } from '../db/database.ts';

/** The inbox row of (consumer, event id); false when it was already there (a duplicate). */
async function claimInboxRow(sql: Sql, consumer: string, event: EventEnvelope): Promise<boolean> {
  const { rowCount } = await sql.query(
    `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
     ON CONFLICT (consumer, event_id) DO NOTHING`,
    [consumer, event.id, event.type],
  );
  return rowCount === 1;
}

/**
 * Runs `effect` at most once per (consumer, event id): the inbox row and the effect commit together, so
 * a redelivered or duplicated event finds the row and is skipped. Resolves false for a duplicate.
 */
export async function handleOnce(
  db: Database,
  consumer: string,
  event: EventEnvelope,
  effect: (tx: Transaction) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await claimInboxRow(tx, consumer, event))) return false;
    await effect(tx);
    return true;
  });
}

/**
 * The inbox row alone, for a consumer whose effect lies outside the database (a push, after the row
 * committed): one statement instead of a transaction around it. Resolves false for a duplicate.
 */
export const recordOnce = (db: Database, consumer: string, event: EventEnvelope): Promise<boolean> =>
  claimInboxRow(db.pool, consumer, event);
