import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Database } from './database.ts';

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Outbox, inbox and idempotency tables every service schema gets. */
export const platformMigrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

async function readMigrations(dir: string, prefix: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(dir, file), 'utf8');
      return { name: `${prefix}${file}`, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Applies forward-only migrations to the database's schema: the platform's first, then the service's.
 * An advisory lock per schema makes concurrent starts of several instances safe; an applied migration
 * whose file changed afterwards stops the start-up.
 */
export async function migrate(
  db: Database,
  serviceMigrationsDir: string,
  logger?: Logger,
): Promise<string[]> {
  const migrations = [
    ...(await readMigrations(platformMigrationsDir, 'platform/')),
    ...(await readMigrations(serviceMigrationsDir, '')),
  ];
  const client = await db.pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`zefy.migrate.${db.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${db.schema}.schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM ${db.schema}.schema_migrations`,
    );
    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `migration ${db.schema}/${migration.name} was changed after it was applied; add a new one instead`,
          );
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path = ${db.schema}, public`);
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${db.schema}.schema_migrations (name, checksum) VALUES ($1, $2)`, [
          migration.name,
          migration.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${db.schema}/${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
      logger?.info({ schema: db.schema, migration: migration.name }, 'migration applied');
    }
  } finally {
    await client
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`zefy.migrate.${db.schema}`])
      .catch(() => undefined);
    client.release();
  }
  return applied;
}
