import type { EventEnvelope } from '@zefy/contracts';
import type { Database, Transaction } from '../db/database.ts';

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
    const { rowCount } = await tx.query(
      `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
       ON CONFLICT (consumer, event_id) DO NOTHING`,
      [consumer, event.id, event.type],
    );
    if (rowCount === 0) return false;
    await effect(tx);
    return true;
  });
}
