import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createMemoryCache } from '../cache/memory-cache.ts';
import { createHttpApp } from '../http/app.ts';
import { idempotencyHooks } from '../http/idempotency.ts';
import { createSessionRegistry } from '../http/sessions.ts';
import { createTokenService } from '../http/tokens.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { connectDatabase, type Database, type Transaction } from './database.ts';
import { migrate } from './migrate.ts';

let database: TestDatabase;
let db: Database;
let migrationsDir: string;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  migrationsDir = await mkdtemp(path.join(tmpdir(), 'zefy-transactions-'));
  await writeFile(
    path.join(migrationsDir, '0001_tallies.sql'),
    'CREATE TABLE tallies (name text PRIMARY KEY, count int NOT NULL);',
  );
  db = connectDatabase({ url: database.url, schema: 'tallies_svc', max: 4 });
  await migrate(db, migrationsDir);
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
  if (migrationsDir) await rm(migrationsDir, { recursive: true, force: true });
});

const countOf = async (name: string): Promise<number | undefined> =>
  (await db.pool.query<{ count: number }>('SELECT count FROM tallies WHERE name = $1', [name])).rows[0]
    ?.count;

const bump = (tx: Transaction, name: string) =>
  tx.query('UPDATE tallies SET count = count + 1 WHERE name = $1', [name]);

/** A real serialization failure, raised by the server. */
const failToSerialize = (tx: Transaction) =>
  tx.query(
    `DO $$ BEGIN RAISE EXCEPTION 'could not serialize' USING ERRCODE = 'serialization_failure'; END $$`,
  );

function signal() {
  let fire = () => {};
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}

it('runs the deadlock victim again, so both of two transactions locking in opposite orders commit', async () => {
  await db.pool.query("INSERT INTO tallies (name, count) VALUES ('left', 0), ('right', 0)");
  const locked = { left: signal(), right: signal() };
  let runs = 0;
  // bumps its first row, then waits (harmless on a second run) until the other has its own: a lock cycle
  const bumpInOrder = (first: 'left' | 'right', second: 'left' | 'right') =>
    db.transaction(async (tx) => {
      runs += 1;
      await bump(tx, first);
      locked[first].fire();
      await locked[second].fired;
      await bump(tx, second);
      return `${first} first`;
    });

  const outcomes = await Promise.all([bumpInOrder('left', 'right'), bumpInOrder('right', 'left')]);

  expect(outcomes).toEqual(['left first', 'right first']);
  expect(runs).toBe(3);
  expect(await countOf('left')).toBe(2);
  expect(await countOf('right')).toBe(2);
});

it('gives up after three runs with the conflict itself, having committed nothing', async () => {
  let runs = 0;
  const failing = db.transaction(async (tx) => {
    runs += 1;
    await tx.query("INSERT INTO tallies (name, count) VALUES ('given-up', 1)");
    await failToSerialize(tx);
  });

  await expect(failing).rejects.toMatchObject({ code: '40001' });
  expect(runs).toBe(3);
  expect(await countOf('given-up')).toBeUndefined();
});

it('does not run a transaction again for any other failure', async () => {
  let runs = 0;
  const failing = db.transaction(async (tx) => {
    runs += 1;
    await tx.query("INSERT INTO tallies (name, count) VALUES ('twice', 1), ('twice', 2)");
  });

  await expect(failing).rejects.toMatchObject({ code: '23505' });
  expect(runs).toBe(1);
});

let app: FastifyInstance;
let isBusy = true;
let runs = 0;

beforeAll(async () => {
  const tokens = createTokenService(
    'a-test-secret-that-is-long-enough-1234',
    createSessionRegistry(createMemoryCache()),
  );
  app = createHttpApp({ logger: pino({ level: 'silent' }), tokens });
  const idempotency = idempotencyHooks(db, 'required');
  app.post(
    '/tallies',
    { preHandler: idempotency.preHandler, onSend: idempotency.onSend },
    async (_request, reply) => {
      await db.transaction(async (tx) => {
        runs += 1;
        await tx.query("INSERT INTO tallies (name, count) VALUES ('posted', 1)");
        if (isBusy) await failToSerialize(tx);
      });
      return reply.code(201).send({ name: 'posted' });
    },
  );
  await app.ready();
});
afterAll(() => app?.close());

it('answers 503 SERVER.BUSY problem+json with Retry-After once the runs are spent, and the same key then succeeds', async () => {
  const post = () =>
    app.inject({ method: 'POST', url: '/tallies', headers: { 'idempotency-key': 'tally-1' }, payload: {} });

  const busy = await post();

  expect(busy.statusCode).toBe(503);
  expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(busy.headers['retry-after']).toBe('1');
  expect(busy.json()).toMatchObject({
    type: 'https://zefy.dev/problems/server/busy',
    status: 503,
    code: 'SERVER.BUSY',
  });
  expect(runs).toBe(3);
  expect(await countOf('posted')).toBeUndefined();

  isBusy = false;
  const retried = await post();

  expect(retried.statusCode).toBe(201);
  expect(retried.headers['idempotent-replayed']).toBeUndefined();
  expect(runs).toBe(4);
  expect(await countOf('posted')).toBe(1);
  const replayed = await post();
  expect(replayed.statusCode).toBe(201);
  expect(replayed.headers['idempotent-replayed']).toBe('true');
  expect(runs).toBe(4);
});
