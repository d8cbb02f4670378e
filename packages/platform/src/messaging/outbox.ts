import type { EventEnvelope } from '@zefy/contracts';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { EventBus } from '../bus/bus.ts';
import type { Database, Transaction } from '../db/database.ts';
import { startDrainLoop } from './drain-loop.ts';

const channelPrefix = 'zefy_outbox_';
const notifyChannel = (schema: string) => `${channelPrefix}${schema}`;

/** The outbox rows of `$<events>` (a JSON array of envelopes), as a CTE named `appended`. */
const appendedRows = (events: number) => `appended AS (
  INSERT INTO outbox (id, type, envelope)
  SELECT (e->>'id')::uuid, e->>'type', e FROM jsonb_array_elements($${events}::jsonb) AS e
  RETURNING 1
)`;
/** Wakes the relays of this schema, once the transaction commits (NOTIFY is delivered on commit only). */
const notifyAppended = (prefix: number) =>
  `(SELECT pg_notify($${prefix} || current_schema(), count(*)::text) FROM appended)`;

/**
 * Writes events into the outbox inside the caller's transaction, so they exist exactly when the state
 * change does; the relay publishes them after commit. One statement, rows and NOTIFY together: it is on the
 * path of every command, so each round trip counts.
 */
export async function appendToOutbox(tx: Transaction, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(`WITH ${appendedRows(1)} SELECT ${notifyAppended(2)}`, [
    JSON.stringify(events),
    channelPrefix,
  ]);
}

/** A command's own writes, to run in the statement that appends its events (`appendToOutboxWith`). */
export interface OutboxCompanion {
  /** Data-modifying CTEs over `$1`…`$n` (`params`), e.g. `saved AS (UPDATE … RETURNING id)`. */
  ctes: string;
  params: readonly unknown[];
  /** The statement's answer over those CTEs, e.g. `(SELECT count(*) FROM saved)::int AS saved`. */
  answer: string;
}

/**
 * The caller's writes (its state row, its history) and its events in the outbox in one statement, so a
 * state change and its events cost one round trip; answers the companion's `answer` row.
 */
export async function appendToOutboxWith<Row extends object>(
  tx: Transaction,
  events: readonly EventEnvelope[],
  companion: OutboxCompanion,
): Promise<Row> {
  const params = [...companion.params];
  const statement =
    events.length === 0
      ? `WITH ${companion.ctes} SELECT ${companion.answer}`
      : `WITH ${companion.ctes}, ${appendedRows(params.push(JSON.stringify(events)))}
         SELECT ${companion.answer}, ${notifyAppended(params.push(channelPrefix))} AS notified`;
  const { rows } = await tx.query<Row>(statement, params);
  return rows[0] as Row;
}

export interface OutboxRelayOptions {
  db: Database;
  bus: EventBus;
  logger: Logger;
  batchSize?: number;
  /** Safety net when a NOTIFY is missed (e.g. the listener was reconnecting). */
  pollIntervalMs?: number;
  /** Test hook: runs after the batch is published and before it is marked; throwing simulates a crash there. */
  afterPublish?: (events: EventEnvelope[]) => Promise<void>;
}

export interface OutboxRelay {
  /** Publishes everything pending now; resolves with the number of events published. */
  flush(): Promise<number>;
  /** Age in ms of the oldest unpublished event, 0 when none. */
  lagMs(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Publishes outbox rows with broker confirms and marks them published. Several relays may run against one
 * schema: `FOR UPDATE SKIP LOCKED` hands each row to one of them. A relay that dies after publishing and
 * before marking leaves the row pending, so it is published again: consumers dedupe through their inbox.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, bus, logger } = options;
  const batchSize = options.batchSize ?? 100;
  let listener: { client: pg.PoolClient; detach: () => void } | null = null;

  async function publishBatch(): Promise<{ published: number; failed: number }> {
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; envelope: EventEnvelope }>(
        `SELECT id, envelope FROM outbox WHERE published_at IS NULL
         ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length === 0) return { published: 0, failed: 0 };
      const results = await Promise.allSettled(rows.map((row) => bus.publish(row.envelope)));
      const published = rows.filter((_, index) => results[index]?.status === 'fulfilled');
      await options.afterPublish?.(published.map((row) => row.envelope));
      if (published.length > 0) {
        await tx.query(
          'UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])',
          [published.map((row) => row.id)],
        );
      }
      const failed = rows.flatMap((row, index) => {
        const result = results[index];
        return result?.status === 'rejected' ? [{ id: row.id, error: String(result.reason) }] : [];
      });
      for (const failure of failed) {
        await tx.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
          failure.id,
          failure.error.slice(0, 1000),
        ]);
      }
      if (failed.length > 0)
        logger.warn({ failed: failed.length, error: failed[0]?.error }, 'outbox publish failed');
      return { published: published.length, failed: failed.length };
    });
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { published, failed } = await publishBatch();
      total += published;
      // after a failure the next poll retries, so a broker outage does not spin this loop
      if (failed > 0 || published < batchSize) return total;
    }
  }

  async function listen(): Promise<void> {
    try {
      const client = await db.pool.connect();
      const onNotification = () => void flush();
      const onError = () => {
        if (listener?.client !== client) return;
        listener = null;
        client.release(true);
        if (!isStopped()) setTimeout(() => void listen(), 1000).unref();
      };
      client.on('notification', onNotification);
      client.on('error', onError);
      listener = { client, detach: () => client.off('notification', onNotification).off('error', onError) };
      await client.query(`LISTEN ${notifyChannel(db.schema)}`);
      if (isStopped()) await unlisten();
    } catch (error) {
      logger.warn({ err: error }, 'outbox listener could not connect; polling only');
      if (!isStopped()) setTimeout(() => void listen(), 1000).unref();
    }
  }

  async function unlisten(): Promise<void> {
    const current = listener;
    listener = null;
    if (!current) return;
    current.detach();
    await current.client.query(`UNLISTEN ${notifyChannel(db.schema)}`).catch(() => undefined);
    current.client.release();
  }

  const loop = startDrainLoop({
    drain,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    onError: (error) => logger.error({ err: error }, 'outbox relay failed'),
  });
  const flush = loop.flush;
  const isStopped = loop.isStopped;
  void listen();

  return {
    flush,
    async lagMs() {
      const { rows } = await db.pool.query<{ lag: number }>(
        `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)) * 1000, 0)::float8 AS lag
         FROM outbox WHERE published_at IS NULL`,
      );
      return rows[0]?.lag ?? 0;
    },
    async stop() {
      await loop.stop();
      await unlisten();
    },
  };
}
