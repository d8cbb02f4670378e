import type { Logger } from 'pino';
import type { Cache, GeoMember } from './cache.ts';

export interface MemoryCacheOptions {
  /** Injectable clock (epoch ms) so tests can move time. */
  now?: () => number;
  /** Receives errors thrown by subscription handlers; console.error when absent. */
  logger?: Logger;
}

interface Position {
  lon: number;
  lat: number;
}

type StoredValue =
  | { kind: 'string'; value: string }
  | { kind: 'hash'; fields: Map<string, string> }
  | { kind: 'geo'; positions: Map<string, Position> };

interface Entry {
  stored: StoredValue;
  expiresAt: number | null;
}

type Handler = (message: string) => void;

// Same sphere and bounds as Redis (geohash.h, geohash_helper.c), so both adapters agree on distances.
const earthRadiusM = 6372797.560856;
const maxLatitude = 85.05112878;
const maxLongitude = 180;
const sweepIntervalMs = 30_000;
const minDeliveriesPerTurn = 100;

// Error texts mirror Redis replies so callers see the same failures from either adapter.
const wrongTypeError = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const notIntegerError = 'ERR value is not an integer or out of range';

function assertTtl(ttlMs: number, command: string): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new Error(`ERR invalid expire time in '${command}' command`);
  }
}

function assertPosition(lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new Error('ERR value is not a valid float');
  if (Math.abs(lon) > maxLongitude || Math.abs(lat) > maxLatitude) {
    throw new Error(`ERR invalid longitude,latitude pair ${lon.toFixed(6)},${lat.toFixed(6)}`);
  }
}

function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

function haversineM(from: Position, to: Position): number {
  const fromLat = toRadians(from.lat);
  const toLat = toRadians(to.lat);
  const u = Math.sin((toLat - fromLat) / 2);
  const v = Math.sin(toRadians(to.lon - from.lon) / 2);
  return 2 * earthRadiusM * Math.asin(Math.sqrt(u * u + Math.cos(fromLat) * Math.cos(toLat) * v * v));
}

function parseInteger(value: string): number {
  const parsed = Number(value);
  if (!/^(0|-?[1-9]\d*)$/.test(value) || !Number.isSafeInteger(parsed)) throw new Error(notIntegerError);
  return parsed;
}

/** In-process adapter for embedded mode and unit tests; one instance is one isolated store. */
export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const channels = new Map<string, Set<Handler>>();
  let isClosed = false;

  const isExpired = (entry: Entry, at: number) => entry.expiresAt !== null && entry.expiresAt <= at;

  // Lazy expiry on access; the sweep reclaims keys nobody reads again.
  const sweep = setInterval(() => {
    const at = now();
    for (const [key, entry] of entries) {
      if (isExpired(entry, at)) entries.delete(key);
    }
  }, sweepIntervalMs);
  sweep.unref();

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && isExpired(entry, now())) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function liveOfKind<K extends StoredValue['kind']>(
    key: string,
    kind: K,
  ): Extract<StoredValue, { kind: K }> | undefined {
    const stored = live(key)?.stored;
    if (stored === undefined) return undefined;
    if (stored.kind !== kind) throw new Error(wrongTypeError);
    return stored as Extract<StoredValue, { kind: K }>;
  }

  function incr(key: string, by: number, ttlMs: number | undefined): number {
    if (!Number.isSafeInteger(by)) throw new Error(notIntegerError);
    if (ttlMs !== undefined) assertTtl(ttlMs, 'incr');
    const existing = live(key);
    if (existing) {
      if (existing.stored.kind !== 'string') throw new Error(wrongTypeError);
      const next = parseInteger(existing.stored.value) + by;
      existing.stored.value = String(next);
      return next;
    }
    entries.set(key, {
      stored: { kind: 'string', value: String(by) },
      expiresAt: ttlMs === undefined ? null : now() + ttlMs,
    });
    return by;
  }

  function reportHandlerError(channel: string, error: unknown): void {
    if (options.logger) {
      options.logger.error({ err: error, channel }, 'cache subscription handler failed');
    } else {
      console.error(`cache subscription handler failed on ${channel}`, error);
    }
  }

  // Deliveries wait their turn in order, like messages on a subscriber's connection, and go out a slice per
  // turn of the event loop: a wave of offers to a thousand sockets lets I/O in between (the first partner's
  // accept) instead of holding the loop until the last socket has its frame. The slice grows with the queue,
  // so publishers faster than the sockets cannot grow it without bound. Delivered items are passed by a head
  // index and dropped once they are half the array, so draining moves each item at most once on average.
  let deliveries: Array<{ channel: string; handler: Handler; message: string }> = [];
  let head = 0;
  let isDelivering = false;
  function deliverSlice(): void {
    const end = Math.min(
      deliveries.length,
      head + Math.max(minDeliveriesPerTurn, Math.ceil((deliveries.length - head) / 4)),
    );
    for (; head < end; head++) {
      const { channel, handler, message } = deliveries[head] as (typeof deliveries)[number];
      // skipped if the handler unsubscribed meanwhile
      if (!channels.get(channel)?.has(handler)) continue;
      try {
        handler(message);
      } catch (error) {
        reportHandlerError(channel, error);
      }
    }
    if (head * 2 >= deliveries.length) {
      deliveries = deliveries.slice(head);
      head = 0;
    }
    // an immediate queued from an immediate runs on the next turn, after I/O
    if (deliveries.length > 0) setImmediate(deliverSlice);
    else isDelivering = false;
  }

  /** Answers the number of listening instances (this one, or none), as Redis counts subscriber connections. */
  function publish(channel: string, message: string): number {
    const handlers = channels.get(channel);
    if (!handlers || handlers.size === 0) return 0;
    for (const handler of handlers) deliveries.push({ channel, handler, message });
    if (!isDelivering) {
      isDelivering = true;
      setImmediate(deliverSlice);
    }
    return 1;
  }

  return {
    async get(key) {
      return liveOfKind(key, 'string')?.value ?? null;
    },

    async mget(keys) {
      return keys.map((key) => liveOfKind(key, 'string')?.value ?? null);
    },

    async set(key, value, setOptions) {
      const ttlMs = setOptions?.ttlMs;
      if (ttlMs !== undefined) assertTtl(ttlMs, 'set');
      entries.set(key, {
        stored: { kind: 'string', value },
        expiresAt: ttlMs === undefined ? null : now() + ttlMs,
      });
    },

    async setIfAbsent(key, value, ttlMs) {
      assertTtl(ttlMs, 'set');
      if (live(key)) return false;
      entries.set(key, { stored: { kind: 'string', value }, expiresAt: now() + ttlMs });
      return true;
    },

    async compareAndSet(key, expected, value, setOptions) {
      const ttlMs = setOptions?.ttlMs;
      if (ttlMs !== undefined) assertTtl(ttlMs, 'set');
      if ((liveOfKind(key, 'string')?.value ?? null) !== expected) return false;
      entries.set(key, {
        stored: { kind: 'string', value },
        expiresAt: ttlMs === undefined ? null : now() + ttlMs,
      });
      return true;
    },

    async deleteIfEquals(key, value) {
      if (liveOfKind(key, 'string')?.value !== value) return false;
      return entries.delete(key);
    },

    async del(...keys) {
      let deleted = 0;
      for (const key of keys) {
        if (live(key) && entries.delete(key)) deleted++;
      }
      return deleted;
    },

    async ttlMs(key) {
      const entry = live(key);
      if (!entry || entry.expiresAt === null) return null;
      return entry.expiresAt - now();
    },

    async incr(key, by = 1, ttlMs) {
      return incr(key, by, ttlMs);
    },

    async incrWithTtl(key, by, ttlMs) {
      const value = incr(key, by, ttlMs);
      const expiresAt = entries.get(key)?.expiresAt ?? null;
      return { value, ttlMs: expiresAt === null ? null : expiresAt - now() };
    },

    async hset(key, fields) {
      const pairs = Object.entries(fields);
      if (pairs.length === 0) return;
      const hash = liveOfKind(key, 'hash');
      if (hash) {
        for (const [field, value] of pairs) hash.fields.set(field, value);
        return;
      }
      entries.set(key, { stored: { kind: 'hash', fields: new Map(pairs) }, expiresAt: null });
    },

    async hget(key, field) {
      return liveOfKind(key, 'hash')?.fields.get(field) ?? null;
    },

    async hgetall(key) {
      return Object.fromEntries(liveOfKind(key, 'hash')?.fields ?? []);
    },

    async hdel(key, ...fields) {
      const hash = liveOfKind(key, 'hash');
      if (!hash) return 0;
      let deleted = 0;
      for (const field of fields) {
        if (hash.fields.delete(field)) deleted++;
      }
      // Redis drops a hash with its last field.
      if (hash.fields.size === 0) entries.delete(key);
      return deleted;
    },

    async geoAdd(key, lon, lat, member) {
      assertPosition(lon, lat);
      const geo = liveOfKind(key, 'geo');
      if (geo) {
        geo.positions.set(member, { lon, lat });
        return;
      }
      entries.set(key, {
        stored: { kind: 'geo', positions: new Map([[member, { lon, lat }]]) },
        expiresAt: null,
      });
    },

    async geoRemove(key, member) {
      const geo = liveOfKind(key, 'geo');
      if (!geo) return;
      geo.positions.delete(member);
      if (geo.positions.size === 0) entries.delete(key);
    },

    async geoSearch(key, lon, lat, radiusM, count) {
      assertPosition(lon, lat);
      if (!(radiusM >= 0)) throw new Error('ERR radius cannot be negative');
      if (count !== undefined && !(Number.isSafeInteger(count) && count > 0)) {
        throw new Error('ERR COUNT must be > 0');
      }
      const centre = { lon, lat };
      const found: GeoMember[] = [];
      for (const [member, position] of liveOfKind(key, 'geo')?.positions ?? []) {
        const distanceM = haversineM(centre, position);
        if (distanceM <= radiusM) found.push({ member, distanceM, ...position });
      }
      found.sort((a, b) => a.distanceM - b.distanceM);
      return count === undefined ? found : found.slice(0, count);
    },

    async publish(channel, message) {
      return publish(channel, message);
    },

    async publishEach(messages) {
      for (const { channel, message } of messages) publish(channel, message);
    },

    async subscribe(channel, handler) {
      // A wrapper gives each subscription its own identity, even for a handler subscribed twice.
      const subscription: Handler = (message) => handler(message);
      let handlers = channels.get(channel);
      if (!handlers) {
        handlers = new Set();
        channels.set(channel, handlers);
      }
      handlers.add(subscription);
      return async () => {
        handlers.delete(subscription);
        if (handlers.size === 0 && channels.get(channel) === handlers) channels.delete(channel);
      };
    },

    isHealthy() {
      return !isClosed;
    },

    async close() {
      isClosed = true;
      clearInterval(sweep);
      channels.clear();
      entries.clear();
    },
  };
}
