import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@zefy/platform';
import { createTestDatabase } from '@zefy/platform/testing';

/** A throw-away database: on DATABASE_URL's server when set, else on an embedded PostgreSQL. */
export async function benchDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase(process.env.DATABASE_URL);
    return { url: database.url, close: database.drop };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'zefy-bench-'));
  const server = await startEmbeddedPostgres(dir);
  const database = await createTestDatabase(server.url);
  return {
    url: database.url,
    async close() {
      await database.drop();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const formatRate = (count: number, ms: number): string =>
  `${Math.round((count / ms) * 1000).toLocaleString('en-IN')}/s`;
