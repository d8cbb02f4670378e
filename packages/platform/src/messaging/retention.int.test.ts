import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createTestDatabase, eventually, type TestDatabase, uniqueName } from '../testing/index.ts';
import {
  idempotencyRetention,
  inboxRetention,
  outboxRetention,
  pruneExpired,
  retentionJob,
} from './retention.ts';

const logger = pino({ level: 'silent' });
let database: TestDatabase;
let noMigrations: string;
const opened: Database[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  noMigrations = await mkdtemp(path.join(tmpdir(), 'zefy-no-migrations-'));
});
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  await database?.drop();
  await rm(noMigrations, { recursive: true, force: true });
});

/** A fresh schema with the platform's tables. */
async function setUp(): Promise<Database> {
  const db = connectDatabase({ url: database.url, schema: uniqueName('retention_'), max: 4 });
  opened.push(db);
  await migrate(db, noMigrations);
  return db;
}

/** Inbox rows of the consumer `consumer`, handled `daysAgo` days ago. */
async function handled(db: Database, consumer: string, daysAgo: number, count = 1): Promise<void> {
  await db.pool.query(
    `INSERT INTO inbox (consumer, event_id, event_type, handled_at)
     SELECT $1, gen_random_uuid(), 'catalog.service_created', now() - make_interval(days => $2)
     FROM generate_series(1, $3)`,
    [consumer, daysAgo, count],
  );
}

/** An outbox row named `name`, created 60 days ago and published `publishedDaysAgo` days ago (null: never). */
async function appended(db: Database, name: string, publishedDaysAgo: number | null): Promise<void> {
  await db.pool.query(
    `INSERT INTO outbox (id, type, envelope, created_at, published_at)
     VALUES ($1, $2, '{}', now() - interval '60 days', now() - make_interval(days => $3))`,
    [randomUUID(), name, publishedDaysAgo],
  );
}

/** An idempotency key named `key`, first used `daysAgo` days ago. */
async function keyed(db: Database, key: string, daysAgo: number): Promise<void> {
  await db.pool.query(
    `INSERT INTO idempotency_keys (scope, key, fingerprint, state, created_at)
     VALUES ('POST /api/v1/holds', $1, 'fingerprint', 'completed', now() - make_interval(days => $2))`,
    [key, daysAgo],
  );
}

const idempotencyKeys = async (db: Database) =>
  (await db.pool.query<{ key: string }>('SELECT key FROM idempotency_keys ORDER BY key')).rows.map(
    (row) => row.key,
  );
const inboxConsumers = async (db: Database) =>
  (await db.pool.query<{ consumer: string }>('SELECT consumer FROM inbox ORDER BY consumer')).rows.map(
    (row) => row.consumer,
  );
const outboxTypes = async (db: Database) =>
  (await db.pool.query<{ type: string }>('SELECT type FROM outbox ORDER BY type')).rows.map(
    (row) => row.type,
  );

describe('outbox, inbox and idempotency key retention', () => {
  it('deletes inbox rows handled longer ago than 30 days and keeps the recent ones', async () => {
    const db = await setUp();
    await handled(db, 'expired', 31, 3);
    await handled(db, 'within-a-month', 29);
    await handled(db, 'today', 0);

    expect(await pruneExpired(db, inboxRetention)).toBe(3);
    expect(await inboxConsumers(db)).toEqual(['today', 'within-a-month']);
  });

  it('deletes outbox rows published longer ago than 7 days, never an unpublished one however old', async () => {
    const db = await setUp();
    await appended(db, 'published-8-days-ago', 8);
    await appended(db, 'published-6-days-ago', 6);
    await appended(db, 'unpublished', null);

    expect(await pruneExpired(db, outboxRetention)).toBe(1);
    expect(await outboxTypes(db)).toEqual(['published-6-days-ago', 'unpublished']);
  });

  it('deletes idempotency keys first used longer ago than 7 days', async () => {
    const db = await setUp();
    await keyed(db, 'used-8-days-ago', 8);
    await keyed(db, 'used-yesterday', 1);

    expect(await pruneExpired(db, idempotencyRetention)).toBe(1);
    expect(await idempotencyKeys(db)).toEqual(['used-yesterday']);
  });

  it('deletes a backlog in batches, stopping after the current batch once its signal aborts', async () => {
    const db = await setUp();
    await handled(db, 'backlog', 40, 25);
    await handled(db, 'recent', 1);

    expect(await pruneExpired(db, inboxRetention, { batchSize: 10, signal: AbortSignal.abort() })).toBe(10);
    expect(await inboxConsumers(db)).toHaveLength(16);
    expect(await pruneExpired(db, inboxRetention, { batchSize: 10 })).toBe(15);
    expect(await inboxConsumers(db)).toEqual(['recent']);
  });

  it('prunes all three tables of the schema as soon as the job starts', async () => {
    const db = await setUp();
    await handled(db, 'expired', 31);
    await handled(db, 'recent', 1);
    await appended(db, 'published-8-days-ago', 8);
    await appended(db, 'unpublished', null);
    await keyed(db, 'used-8-days-ago', 8);
    await keyed(db, 'used-yesterday', 1);

    const job = await retentionJob(db, logger).start();
    try {
      await eventually(async () => {
        expect(await inboxConsumers(db)).toEqual(['recent']);
        expect(await outboxTypes(db)).toEqual(['unpublished']);
        expect(await idempotencyKeys(db)).toEqual(['used-yesterday']);
      });
    } finally {
      await job.stop();
    }
  });
});
