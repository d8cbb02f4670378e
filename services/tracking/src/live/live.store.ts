import type { Cache } from '@zefy/platform';
import { bookingKey, type CachedBooking } from '../bookings/bookings.store.ts';
import type { TrackedBooking } from '../bookings/bookings.ts';
import type { PositionFix, Track } from '../positions/positions.ts';

/**
 * A partner's track on one booking lives in the cache (Redis when distributed, in-process embedded): it is
 * read and swapped on every upload and read on every GET, never from PostgreSQL. The booking is a hash tag,
 * so a booking's keys share a Redis Cluster slot (one MGET reads them together).
 */
const trackKey = (bookingId: string, partnerId: string) =>
  `tracking:{booking:${bookingId}}:track:${partnerId}`;
const trackTtlMs = 24 * 3600_000;

export const monitorTickKey = 'tracking:monitor-tick';

/** The track with the time its ETA was last made on an upload: both move in the same compare-and-set. */
export interface LiveTrack {
  track: Track;
  etaAt: string | null;
}

const emptyLive: LiveTrack = { track: { latest: null, shown: null, sampled: null }, etaAt: null };

export const parseLive = (raw: string | null): LiveTrack =>
  raw ? (JSON.parse(raw) as LiveTrack) : emptyLive;

/** What an upload reads in one round trip: the cached booking (null: not cached) and the track as stored. */
export async function readUploadState(
  cache: Cache,
  bookingId: string,
  partnerId: string,
): Promise<{ booking: TrackedBooking | null; rawTrack: string | null }> {
  const [booking, rawTrack] = await cache.mget([bookingKey(bookingId), trackKey(bookingId, partnerId)]);
  return {
    booking: booking ? (JSON.parse(booking) as CachedBooking).booking : null,
    rawTrack: rawTrack ?? null,
  };
}

export async function readRawTrack(cache: Cache, bookingId: string, partnerId: string) {
  return cache.get(trackKey(bookingId, partnerId));
}

export async function readLive(cache: Cache, bookingId: string, partnerId: string): Promise<LiveTrack> {
  return parseLive(await readRawTrack(cache, bookingId, partnerId));
}

/**
 * Replaces the track only if it is still `rawBefore`: two uploads (on any instances) judged against the same
 * track cannot both land, so the latest only moves forward; false means judge again against the new one.
 */
export async function swapLive(
  cache: Cache,
  bookingId: string,
  partnerId: string,
  rawBefore: string | null,
  next: LiveTrack,
): Promise<boolean> {
  return cache.compareAndSet(trackKey(bookingId, partnerId), rawBefore, JSON.stringify(next), {
    ttlMs: trackTtlMs,
  });
}

export async function saveLive(cache: Cache, bookingId: string, partnerId: string, live: LiveTrack) {
  await cache.set(trackKey(bookingId, partnerId), JSON.stringify(live), { ttlMs: trackTtlMs });
}

const mgetChunk = 1000;

/** The latest fix of each booking's partner, in order, a thousand keys per round trip. */
export async function readLatest(
  cache: Cache,
  bookings: ReadonlyArray<{ bookingId: string; partnerId: string }>,
): Promise<Array<PositionFix | null>> {
  const latest: Array<PositionFix | null> = [];
  for (let from = 0; from < bookings.length; from += mgetChunk) {
    const keys = bookings.slice(from, from + mgetChunk).map((b) => trackKey(b.bookingId, b.partnerId));
    for (const raw of await cache.mget(keys)) latest.push(parseLive(raw).track.latest);
  }
  return latest;
}
