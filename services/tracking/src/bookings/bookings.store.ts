import type { Cache } from '@zefy/platform';
import type { VersionedBooking } from './bookings.repository.ts';
import type { TrackedBooking } from './bookings.ts';

/**
 * The booking as a PostgreSQL read saw it (who may upload, where to, to whom it is told), versioned by its
 * newest booking event: booking's consumer writes the new copy after its commit, and an older copy (read by
 * an upload racing that commit) never replaces a newer one. The TTL bounds a copy whose refresh failed. The
 * booking is a hash tag, so its copy shares a Redis Cluster slot with the booking's tracks (one MGET).
 */
export const bookingKey = (bookingId: string) => `tracking:{booking:${bookingId}}:booking`;
const bookingTtlMs = 10_000;
const cacheAttempts = 5;

export interface CachedBooking {
  booking: TrackedBooking;
  sourceAt: string;
}

/** Caches `versioned` unless the cache holds a newer copy; an equal version (newer progress) replaces it. */
export async function cacheBooking(cache: Cache, versioned: VersionedBooking): Promise<void> {
  const key = bookingKey(versioned.booking.bookingId);
  const sourceAt = versioned.sourceAt.toISOString();
  const raw = JSON.stringify({ booking: versioned.booking, sourceAt } satisfies CachedBooking);
  for (let attempt = 0; attempt < cacheAttempts; attempt++) {
    const current = await cache.get(key);
    if (current && Date.parse((JSON.parse(current) as CachedBooking).sourceAt) > versioned.sourceAt.getTime())
      return;
    if (await cache.compareAndSet(key, current, raw, { ttlMs: bookingTtlMs })) return;
  }
  // still contended: leave no copy, so the next upload reads PostgreSQL
  await forgetBooking(cache, versioned.booking.bookingId);
}

export async function forgetBooking(cache: Cache, bookingId: string): Promise<void> {
  await cache.del(bookingKey(bookingId));
}
