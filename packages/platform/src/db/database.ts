import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from 'pino';

export type Sql = pg.Pool | pg.PoolClient;
export type Transaction = pg.PoolClient;

export interface Database {
  pool: pg.Pool;
  schema: string;
  /**
   * Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. A transient conflict
   * (deadlock victim, serialization failure) rolls back and runs `fn` again, a few times, so `fn` must keep
   * its effects inside `tx` (state, outbox, inbox) or in what it returns.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// bigint and numeric columns arrive as strings by default; our amounts are safe integers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const schemaName = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * deadlock_detected and serialization_failure: PostgreSQL aborted the transaction for what ran beside it, not
 * for what it did, so running it again succeeds. lock_not_available (55P03) is not one: it answers a NOWAIT or
 * lock_timeout the caller chose in order to give up rather than wait.
 */
const transientConflicts: ReadonlySet<unknown> = new Set(['40P01', '40001']);

/** Whether `error` is a transient conflict: worth running the whole transaction, or the event, again. */
export const isTransientConflict = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && transientConflicts.has((error as { code?: unknown }).code);

const transactionAttempts = 3;

/** Jittered and growing, so the two sides of a deadlock do not collide again in step. */
const conflictBackoffMs = (attempt: number) => attempt * (10 + Math.random() * 40);

async function runTransaction<T>(pool: pg.Pool, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A pool whose connections see `schema` first: a service's queries never name its schema. */
export function connectDatabase(options: {
  url: string;
  schema: string;
  max?: number;
  logger?: Logger;
  applicationName?: string;
}): Database {
  if (!schemaName.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    options: `-c search_path=${options.schema},public`,
    application_name: options.applicationName ?? `zefy-${options.schema}`,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection failed'));
  return {
    pool,
    schema: options.schema,
    async transaction(fn) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await runTransaction(pool, fn);
        } catch (error) {
          if (!isTransientConflict(error) || attempt >= transactionAttempts) throw error;
          options.logger?.warn(
            { err: error, attempt },
            'transaction hit a transient conflict; running it again',
          );
          await sleep(conflictBackoffMs(attempt));
        }
      }
    },
    close: () => pool.end(),
  };
}
