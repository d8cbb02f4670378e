import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { connectDatabase } from './database.ts';
import { migrate } from './migrate.ts';

let database: TestDatabase;
let migrationsDir: string;
const scratch: string[] = [];
const scratchDir = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'zefy-migrations-'));
  scratch.push(dir);
  return dir;
};

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  migrationsDir = await scratchDir();
  await writeFile(path.join(migrationsDir, '0001_widgets.sql'), 'CREATE TABLE widgets (id int PRIMARY KEY);');
  await writeFile(
    path.join(migrationsDir, '0002_widget_name.sql'),
    'ALTER TABLE widgets ADD COLUMN name text;',
  );
});
afterAll(async () => {
  await database?.drop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

it('applies platform and service migrations once when several instances start together', async () => {
  const instances = Array.from({ length: 5 }, () =>
    connectDatabase({ url: database.url, schema: 'widgets_svc', max: 2 }),
  );
  const applied = await Promise.all(instances.map((db) => migrate(db, migrationsDir)));
  expect(applied.flat().sort()).toEqual([
    '0001_widgets.sql',
    '0002_widget_name.sql',
    'platform/0001_outbox_inbox_idempotency.sql',
    'platform/0002_audit_log.sql',
    'platform/0003_inbox_handled_at_idx.sql',
  ]);
  const db = instances[0]!;
  await db.pool.query("INSERT INTO widgets (id, name) VALUES (1, 'a')");
  const tables = await db.pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'widgets_svc' ORDER BY table_name",
  );
  expect(tables.rows.map((row) => row.table_name)).toEqual([
    'audit_log',
    'idempotency_keys',
    'inbox',
    'outbox',
    'schema_migrations',
    'widgets',
  ]);
  await Promise.all(instances.map((instance) => instance.close()));
});

it('refuses to start when an applied migration was edited', async () => {
  const db = connectDatabase({ url: database.url, schema: 'edited_svc', max: 2 });
  const dir = await scratchDir();
  await writeFile(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id int);');
  await migrate(db, dir);
  await writeFile(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (id bigint);');
  await expect(migrate(db, dir)).rejects.toThrow(
    'migration edited_svc/0001_a.sql was changed after it was applied',
  );
  await db.close();
});

it('rolls back a failing migration and names it', async () => {
  const db = connectDatabase({ url: database.url, schema: 'broken_svc', max: 2 });
  const dir = await scratchDir();
  await writeFile(path.join(dir, '0001_ok.sql'), 'CREATE TABLE ok (id int);');
  await writeFile(path.join(dir, '0002_bad.sql'), 'CREATE TABLE half (id int); SELECT * FROM missing_table;');
  await expect(migrate(db, dir)).rejects.toThrow(/broken_svc\/0002_bad.sql failed/);
  const half = await db.pool.query("SELECT to_regclass('broken_svc.half') AS t");
  expect(half.rows[0].t).toBeNull();
  await db.close();
});
