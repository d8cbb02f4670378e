import { randomUUID } from 'node:crypto';
import type { Cache } from './cache.ts';

export type Leased<T> = { acquired: true; value: T } | { acquired: false };

/**
 * Runs `run` holding a lease on `key`, or reports that someone else holds it. The lease carries a random
 * token and is released by compare-and-delete whatever `run` does, so a caller whose lease lapsed never
 * releases the next holder's. `ttlMs` must outlast the slowest `run`: after it, another caller may enter.
 */
export async function withLease<T>(
  cache: Cache,
  key: string,
  ttlMs: number,
  run: () => Promise<T>,
): Promise<Leased<T>> {
  const token = randomUUID();
  if (!(await cache.setIfAbsent(key, token, ttlMs))) return { acquired: false };
  try {
    return { acquired: true, value: await run() };
  } finally {
    // a failed release (the cache is down) must not hide what `run` did: the lease lapses on its own
    await cache.deleteIfEquals(key, token).catch(() => false);
  }
}
