export interface GeoMember {
  member: string;
  distanceM: number;
  lon: number;
  lat: number;
}

export interface SetOptions {
  ttlMs?: number;
}

/**
 * Shared state port: Redis in distributed mode, an in-process store in embedded mode, with the same
 * semantics, proven by cache.contract.int.test.ts. Values are strings; callers serialise.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** Several string values in one round trip, in order (null: absent). */
  mget(keys: readonly string[]): Promise<Array<string | null>>;
  set(key: string, value: string, options?: SetOptions): Promise<void>;
  /** Atomic: true when the key was absent and is now set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Atomic compare-and-set: writes `value` only while the key holds `expected` (null: absent); true when it
   * did. Optimistic concurrency for read-decide-write across instances, with no lease to take and release.
   */
  compareAndSet(key: string, expected: string | null, value: string, options?: SetOptions): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  /** Atomic compare-and-delete: deletes the key only while it holds `value`; true when it did. */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /** Remaining time to live, null when the key is absent or has none. */
  ttlMs(key: string): Promise<number | null>;
  /** Atomic increment; sets the TTL when the key is created by this call. */
  incr(key: string, by?: number, ttlMs?: number): Promise<number>;
  /**
   * `incr` with a TTL, answering the counter and its remaining time to live (null: it has none) in one
   * round trip: a windowed counter (a rate limit) and its window's end at once.
   */
  incrWithTtl(key: string, by: number, ttlMs: number): Promise<{ value: number; ttlMs: number | null }>;
  hset(key: string, fields: Record<string, string>): Promise<void>;
  hget(key: string, field: string): Promise<string | null>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, ...fields: string[]): Promise<number>;
  geoAdd(key: string, lon: number, lat: number, member: string): Promise<void>;
  geoRemove(key: string, member: string): Promise<void>;
  /** Members within radius, nearest first. */
  geoSearch(key: string, lon: number, lat: number, radiusM: number, count?: number): Promise<GeoMember[]>;
  /**
   * Resolves with the number of cache instances listening on the channel (for Redis: subscriber connections,
   * across processes), not of handlers; 0 means nobody is listening. Delivery is at-most-once.
   */
  publish(channel: string, message: string): Promise<number>;
  /**
   * Publishes each message on its channel, in order, in one round trip (a fan-out to a thousand channels
   * costs one hop, not a thousand). Delivery is at-most-once, as for `publish`.
   */
  publishEach(messages: ReadonlyArray<{ channel: string; message: string }>): Promise<void>;
  /** The returned function unsubscribes this handler. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
  isHealthy(): boolean;
  close(): Promise<void>;
}
