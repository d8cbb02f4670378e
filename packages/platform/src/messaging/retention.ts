import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { everyJob, type Job } from '../jobs.ts';

/**
 * Rows of a table of the schema that go once `column` (an indexed timestamptz; NULL keeps a row) is older
 * than `retentionMs`; `keepWhile`, an SQL condition on the row, keeps it however old.
 */
export interface Retention {
  table: string;
  column: string;
  retentionMs: number;
  keepWhile?: string;
}

const dayMs = 24 * 3600_000;

/** Published events are kept a week; unpublished ones (NULL `published_at`) until the relay sends them. */
export const outboxRetention: Retention = { table: 'outbox', column: 'published_at', retentionMs: 7 * dayMs };

/**
 * An inbox row must outlive every copy of its event the bus may still deliver. Retries span minutes, but a
 * dead letter waits in its DLQ, with no expiry, until an operator replays it, and it may be a copy of an
 * event already handled (its redelivery met a database outage). A month leaves room for a fix and a deploy
 * after a weekend, past the week the outbox keeps; a dead letter replayed later is handled again.
 */
export const inboxRetention: Retention = { table: 'inbox', column: 'handled_at', retentionMs: 30 * dayMs };

/**
 * An Idempotency-Key replays its first answer for a week, well past the 24 hours a client may count on
 * (Stripe prunes after 24 h); a key reused after that starts a new request. README publishes the policy.
 */
export const idempotencyRetention: Retention = {
  table: 'idempotency_keys',
  column: 'created_at',
  retentionMs: 7 * dayMs,
};

/**
 * Deletes the rows past `retention` as of `now`, `batchSize` at a time, each batch its own statement, so a
 * large backlog never holds its locks for long; instances pruning together take different rows (SKIP
 * LOCKED). Stops after the current batch once `signal` aborts; resolves with how many rows went.
 */
export async function pruneExpired(
  db: Database,
  retention: Retention,
  options: { batchSize?: number; signal?: AbortSignal; now?: Date } = {},
): Promise<number> {
  const { table, column, retentionMs, keepWhile } = retention;
  const batchSize = options.batchSize ?? 1000;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionMs);
  let deleted = 0;
  for (;;) {
    const { rowCount } = await db.pool.query(
      `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM ${table} WHERE ${column} < $1${keepWhile ? ` AND NOT (${keepWhile})` : ''}
         LIMIT $2 FOR UPDATE SKIP LOCKED))`,
      [cutoff, batchSize],
    );
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < batchSize || options.signal?.aborted) return deleted;
  }
}

/**
 * Prunes the schema's outbox, inbox and idempotency keys on start and hourly, in every instance (the batches
 * do not collide).
 */
export function retentionJob(db: Database, logger: Logger): Job {
  return everyJob('retention', { everyMs: 3600_000, logger }, async (signal) => {
    for (const retention of [outboxRetention, inboxRetention, idempotencyRetention]) {
      const deleted = await pruneExpired(db, retention, { signal });
      if (deleted > 0) logger.info({ table: retention.table, deleted }, 'expired rows pruned');
    }
  });
}
