import pg from 'pg';
import type { Logger } from 'pino';

export type Sql = pg.Pool | pg.PoolClient;
export type Transaction = pg.PoolClient;

export interface Database {
  pool: pg.Pool;
  schema: string;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// bigint and numeric columns arrive as strings by default; our amounts are safe integers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const schemaName = /^[a-z][a-z0-9_]{0,62}$/;

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
    },
    close: () => pool.end(),
  };
}
