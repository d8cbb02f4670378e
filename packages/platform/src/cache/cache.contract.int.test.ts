import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Cache, GeoMember } from './cache.ts';
import { withLease } from './lease.ts';
import { createMemoryCache } from './memory-cache.ts';
import { createRedisCache } from './redis-cache.ts';

interface AdapterUnderTest {
  name: string;
  /** A fresh, empty namespace: a new instance for memory, a new key prefix on the shared server for Redis. */
  open(logger?: Logger): Cache;
}

const redisUrl = process.env.REDIS_URL;
const runPrefix = `cache-contract:${randomUUID()}:`;
const silentLogger = pino({ level: 'silent' });

const adapters: AdapterUnderTest[] = [
  { name: 'memory', open: (logger = silentLogger) => createMemoryCache({ logger }) },
];
if (redisUrl) {
  adapters.push({
    name: 'redis',
    open: (logger = silentLogger) =>
      createRedisCache({ url: redisUrl, keyPrefix: `${runPrefix}${randomUUID()}:`, logger }),
  });
}

// Around MG Road, Bengaluru; expected distances from the centre computed independently with the
// haversine formula on Redis's sphere (R = 6372797.560856 m).
const centre = { lon: 77.6066, lat: 12.9755 };
const places = {
  cubbonPark: { lon: 77.5963, lat: 12.9763, distanceM: 1119.9 },
  indiranagar: { lon: 77.6408, lat: 12.9784, distanceM: 3720.8 },
  koramangala: { lon: 77.6271, lat: 12.9352, distanceM: 5003.0 },
  whitefield: { lon: 77.75, lat: 12.9698, distanceM: 15555.7 },
  electronicCity: { lon: 77.677, lat: 12.8452, distanceM: 16379.7 },
};
type Place = keyof typeof places;

async function addPlaces(cache: Cache, key: string): Promise<void> {
  for (const [member, { lon, lat }] of Object.entries(places)) await cache.geoAdd(key, lon, lat, member);
}

function expectWithinRatio(actual: number, expected: number, ratio: number): void {
  expect(Math.abs(actual - expected) / expected).toBeLessThan(ratio);
}

function capturingLogger(lines: string[]): Logger {
  return pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
}

describe.each(adapters)('$name cache', (adapter) => {
  let cache: Cache;

  beforeEach(() => {
    cache = adapter.open();
  });

  afterEach(async () => {
    await cache.close();
  });

  it('reads back what was set and forgets deleted keys', async () => {
    expect(await cache.get('greeting')).toBeNull();
    await cache.set('greeting', 'hello');
    await cache.set('greeting', 'namaste');
    expect(await cache.get('greeting')).toBe('namaste');
    expect(await cache.ttlMs('greeting')).toBeNull();

    expect(await cache.del('greeting', 'never-set')).toBe(1);
    expect(await cache.get('greeting')).toBeNull();
    expect(await cache.del()).toBe(0);
  });

  it('expires a key after its TTL', async () => {
    await cache.set('otp', '123456', { ttlMs: 80 });
    expect(await cache.get('otp')).toBe('123456');
    const remaining = await cache.ttlMs('otp');
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(80);

    await sleep(150);
    expect(await cache.get('otp')).toBeNull();
    expect(await cache.ttlMs('otp')).toBeNull();
    expect(await cache.del('otp')).toBe(0);
  });

  it('drops the TTL when a key is set again without one', async () => {
    await cache.set('session', 'a', { ttlMs: 60 });
    await cache.set('session', 'b');
    await sleep(120);
    expect(await cache.get('session')).toBe('b');
    expect(await cache.ttlMs('session')).toBeNull();
  });

  it('treats an expired key as absent for counters, hashes, geo and setIfAbsent', async () => {
    for (const key of ['counter', 'hash', 'geo', 'lock']) await cache.set(key, '41', { ttlMs: 50 });
    expect(await cache.incr('counter')).toBe(42);
    expect(await cache.setIfAbsent('lock', 'me', 1_000)).toBe(false);

    await sleep(120);
    expect(await cache.incr('counter')).toBe(1);
    expect(await cache.ttlMs('counter')).toBeNull();
    await cache.hset('hash', { field: 'value' });
    expect(await cache.hgetall('hash')).toEqual({ field: 'value' });
    await cache.geoAdd('geo', centre.lon, centre.lat, 'mg-road');
    expect((await cache.geoSearch('geo', centre.lon, centre.lat, 10)).map((found) => found.member)).toEqual([
      'mg-road',
    ]);
    expect(await cache.setIfAbsent('lock', 'me', 1_000)).toBe(true);
  });

  it('deletes a key only while it holds the given value', async () => {
    await cache.set('lease', 'mine');
    expect(await cache.deleteIfEquals('lease', 'yours')).toBe(false);
    expect(await cache.get('lease')).toBe('mine');
    expect(await cache.deleteIfEquals('lease', 'mine')).toBe(true);
    expect(await cache.get('lease')).toBeNull();
    expect(await cache.deleteIfEquals('lease', 'mine')).toBe(false);
  });

  it('sets a key only while it holds the expected value, absent included', async () => {
    expect(await cache.compareAndSet('track', 'v1', 'v2')).toBe(false);
    expect(await cache.get('track')).toBeNull();
    expect(await cache.compareAndSet('track', null, 'v1', { ttlMs: 10_000 })).toBe(true);
    expect(await cache.compareAndSet('track', null, 'v0')).toBe(false);
    expect(await cache.compareAndSet('track', 'v0', 'v2')).toBe(false);
    expect(await cache.compareAndSet('track', 'v1', 'v2', { ttlMs: 5000 })).toBe(true);
    expect(await cache.mget(['track', 'missing', 'track'])).toEqual(['v2', null, 'v2']);
    expect(await cache.ttlMs('track')).toBeGreaterThan(0);
    expect(await cache.mget([])).toEqual([]);
  });

  it('lets exactly one of concurrent compareAndSet callers with the same expectation win', async () => {
    await cache.set('seat', 'free');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) => cache.compareAndSet('seat', 'free', `taken-${index}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await cache.get('seat')).toBe(`taken-${results.indexOf(true)}`);
  });

  it('never lets a lease holder whose lease lapsed release the next holder’s lease', async () => {
    let releaseFirst = () => {};
    const first = withLease(
      cache,
      'accept',
      50,
      () => new Promise<void>((resolve) => (releaseFirst = resolve)),
    );
    await sleep(120);
    const second = withLease(cache, 'accept', 10_000, async () => {
      releaseFirst();
      await first;
      // the first holder has finished and released: its token no longer matches, so the lease is still ours
      return cache.get('accept');
    });
    const outcome = await second;
    expect(outcome.acquired && outcome.value).toMatch(/^[0-9a-f-]{36}$/);
    expect((await first).acquired).toBe(true);
    expect(await cache.get('accept')).toBeNull();
  });

  it('lets one of concurrent lease callers in at a time and releases the lease when its work fails', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => withLease(cache, 'busy', 10_000, () => sleep(30).then(() => 'done'))),
    );
    expect(outcomes.filter((outcome) => outcome.acquired)).toHaveLength(1);
    await expect(
      withLease(cache, 'busy', 10_000, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await withLease(cache, 'busy', 10_000, async () => 'again')).acquired).toBe(true);
  });

  it('lets exactly one of 50 concurrent setIfAbsent callers win, with its value and TTL', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, caller) => cache.setIfAbsent('slot', `caller-${caller}`, 1_000)),
    );

    const winners = results.flatMap((isWinner, caller) => (isWinner ? [caller] : []));
    expect(winners).toHaveLength(1);
    expect(await cache.get('slot')).toBe(`caller-${winners[0]}`);
    const remaining = await cache.ttlMs('slot');
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(1_000);
  });

  it('counts 100 concurrent increments exactly', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.incr('hits', 1, 60_000)));

    expect(results.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    expect(await cache.get('hits')).toBe('100');
    expect(await cache.ttlMs('hits')).toBeLessThanOrEqual(60_000);
  });

  it('applies the incr TTL only when the call creates the counter', async () => {
    expect(await cache.incr('attempts', 5, 1_000)).toBe(5);
    expect(await cache.incr('attempts', -2, 60_000)).toBe(3);
    expect(await cache.ttlMs('attempts')).toBeLessThanOrEqual(1_000);

    // An existing counter at 0 ends at exactly `by`, yet it was not created by this call.
    await cache.set('persistent', '0');
    expect(await cache.incr('persistent', 5, 60_000)).toBe(5);
    expect(await cache.ttlMs('persistent')).toBeNull();

    expect(await cache.incr('plain')).toBe(1);
    expect(await cache.ttlMs('plain')).toBeNull();
  });

  it('increments a windowed counter and answers the time left of its window in the same call', async () => {
    expect(await cache.incrWithTtl('window', 1, 60_000)).toEqual({
      value: 1,
      ttlMs: expect.any(Number),
    });
    const second = await cache.incrWithTtl('window', 1, 1_000);
    expect(second.value).toBe(2);
    // the window is the first call's, not restarted by the next
    expect(second.ttlMs).toBeGreaterThan(1_000);
    expect(second.ttlMs).toBeLessThanOrEqual(60_000);

    await cache.set('forever', '7');
    expect(await cache.incrWithTtl('forever', 1, 60_000)).toEqual({ value: 8, ttlMs: null });
    await expect(cache.incrWithTtl('fresh', 1, 0)).rejects.toThrow(/invalid expire time/);
  });

  it('refuses to increment a non-integer and rejects invalid TTLs without side effects', async () => {
    await cache.set('name', 'asha');
    await expect(cache.incr('name')).rejects.toThrow(/not an integer/);
    await expect(cache.incr('fresh', 1, 0)).rejects.toThrow(/invalid expire time/);
    await expect(cache.set('fresh', 'x', { ttlMs: -5 })).rejects.toThrow(/invalid expire time/);
    await expect(cache.setIfAbsent('fresh', 'x', 0)).rejects.toThrow(/invalid expire time/);
    expect(await cache.get('fresh')).toBeNull();
  });

  it('stores, merges and deletes hash fields, dropping the hash with its last field', async () => {
    expect(await cache.hgetall('provider:7')).toEqual({});
    await cache.hset('provider:7', { name: 'Ravi', status: 'idle' });
    await cache.hset('provider:7', { status: 'busy', rating: '4.8' });
    expect(await cache.hgetall('provider:7')).toEqual({ name: 'Ravi', status: 'busy', rating: '4.8' });
    expect(await cache.hget('provider:7', 'status')).toBe('busy');
    expect(await cache.hget('provider:7', 'missing')).toBeNull();

    expect(await cache.hdel('provider:7', 'rating', 'missing')).toBe(1);
    expect(await cache.hdel('provider:7', 'name', 'status')).toBe(2);
    expect(await cache.hgetall('provider:7')).toEqual({});
    expect(await cache.del('provider:7')).toBe(0);
  });

  it('refuses operations of the wrong type on a key', async () => {
    await cache.set('text', 'plain');
    await cache.hset('fields', { a: '1' });
    await cache.geoAdd('places', centre.lon, centre.lat, 'mg-road');

    await expect(cache.hget('text', 'a')).rejects.toThrow(/WRONGTYPE/);
    await expect(cache.geoAdd('text', centre.lon, centre.lat, 'x')).rejects.toThrow(/WRONGTYPE/);
    await expect(cache.get('fields')).rejects.toThrow(/WRONGTYPE/);
    await expect(cache.incr('fields')).rejects.toThrow(/WRONGTYPE/);
    await expect(cache.hset('places', { a: '1' })).rejects.toThrow(/WRONGTYPE/);
  });

  it('finds members within the radius, nearest first, with haversine distances and coordinates', async () => {
    await addPlaces(cache, 'providers');

    const found = await cache.geoSearch('providers', centre.lon, centre.lat, 6_000);

    const expected: Place[] = ['cubbonPark', 'indiranagar', 'koramangala'];
    expect(found.map((member) => member.member)).toEqual(expected);
    for (const [index, place] of expected.entries()) {
      const member = found[index] as GeoMember;
      expectWithinRatio(member.distanceM, places[place].distanceM, 0.005);
      // Redis stores a 52-bit geohash, so coordinates come back within about a metre.
      expect(member.lon).toBeCloseTo(places[place].lon, 4);
      expect(member.lat).toBeCloseTo(places[place].lat, 4);
    }
    expect(await cache.geoSearch('providers', centre.lon, centre.lat, 100_000)).toHaveLength(5);
    expect(await cache.geoSearch('nobody-here', centre.lon, centre.lat, 100_000)).toEqual([]);
  });

  it('limits results to the nearest count, moves re-added members and forgets removed ones', async () => {
    await addPlaces(cache, 'providers');

    const nearestTwo = await cache.geoSearch('providers', centre.lon, centre.lat, 100_000, 2);
    expect(nearestTwo.map((member) => member.member)).toEqual(['cubbonPark', 'indiranagar']);

    await cache.geoRemove('providers', 'indiranagar');
    // Re-adding a member moves it: here to Yelahanka, about 13,986 m from the centre.
    await cache.geoAdd('providers', 77.5946, 13.1007, 'cubbonPark');
    const afterChanges = await cache.geoSearch('providers', centre.lon, centre.lat, 100_000);
    expect(afterChanges.map((member) => member.member)).toEqual([
      'koramangala',
      'cubbonPark',
      'whitefield',
      'electronicCity',
    ]);
    expectWithinRatio(afterChanges[1]?.distanceM ?? Number.NaN, 13_986.1, 0.005);
  });

  it('rejects coordinates outside the range Redis can index', async () => {
    await expect(cache.geoAdd('edge', 77.6, 85.06, 'north')).rejects.toThrow(
      /invalid longitude,latitude pair/,
    );
    await expect(cache.geoAdd('edge', 180.5, 12.9, 'east')).rejects.toThrow(
      /invalid longitude,latitude pair/,
    );
    await expect(cache.geoSearch('edge', 77.6, -86, 1_000)).rejects.toThrow(
      /invalid longitude,latitude pair/,
    );

    await cache.geoAdd('edge', -180, 85.05, 'corner');
    expect((await cache.geoSearch('edge', -180, 85.05, 10)).map((found) => found.member)).toEqual(['corner']);
  });

  it('delivers a message to every subscriber, never inside the publish call', async () => {
    const first: string[] = [];
    const second: string[] = [];
    await cache.subscribe('booking:42', (message) => first.push(message));
    await cache.subscribe('booking:42', (message) => second.push(message));

    const published = cache.publish('booking:42', 'confirmed');
    expect([...first, ...second]).toEqual([]);
    // One listening instance, however many handlers it holds (Redis counts subscriber connections).
    expect(await published).toBe(1);
    await vi.waitFor(() => {
      expect(first).toEqual(['confirmed']);
      expect(second).toEqual(['confirmed']);
    });
  });

  it('publishes many messages at once, each on its channel and in order', async () => {
    const received: string[] = [];
    await cache.subscribe('partner:a', (message) => received.push(`a ${message}`));
    await cache.subscribe('partner:b', (message) => received.push(`b ${message}`));

    await cache.publishEach([
      { channel: 'partner:a', message: 'offer 1' },
      { channel: 'partner:nobody', message: 'lost' },
      { channel: 'partner:b', message: 'offer 2' },
      { channel: 'partner:a', message: 'taken' },
    ]);
    await cache.publishEach([]);
    await vi.waitFor(() => expect(received).toEqual(['a offer 1', 'b offer 2', 'a taken']));
  });

  it('stops delivering to a handler once it unsubscribes, and counts nobody after the last leaves', async () => {
    const leaving: string[] = [];
    const staying: string[] = [];
    const markers: string[] = [];
    const unsubscribeLeaving = await cache.subscribe('news', (message) => leaving.push(message));
    const unsubscribeStaying = await cache.subscribe('news', (message) => staying.push(message));
    await cache.subscribe('marker', (message) => markers.push(message));

    // Unsubscribing drops messages still in flight, so each one is awaited before the next step.
    await cache.publish('news', 'one');
    await vi.waitFor(() => expect([...leaving, ...staying]).toEqual(['one', 'one']));
    await unsubscribeLeaving();
    await cache.publish('news', 'two');
    await vi.waitFor(() => expect(staying).toEqual(['one', 'two']));
    await unsubscribeStaying();
    expect(await cache.publish('news', 'three')).toBe(0);
    // Delivery is ordered, so once the marker arrives nothing earlier is still in flight.
    await cache.publish('marker', 'done');
    await vi.waitFor(() => expect(markers).toEqual(['done']));

    expect(leaving).toEqual(['one']);
    expect(staying).toEqual(['one', 'two']);
  });

  it('keeps delivering to other handlers when one throws, and logs the failure', async () => {
    const logLines: string[] = [];
    const loggedCache = adapter.open(capturingLogger(logLines));
    try {
      const received: string[] = [];
      await loggedCache.subscribe('alerts', () => {
        throw new Error('handler bug');
      });
      await loggedCache.subscribe('alerts', (message) => received.push(message));

      await loggedCache.publish('alerts', 'surge');

      await vi.waitFor(() => expect(received).toEqual(['surge']));
      await vi.waitFor(() => expect(logLines.join('')).toContain('handler bug'));
    } finally {
      await loggedCache.close();
    }
  });

  it('keeps keys and channels of another namespace invisible', async () => {
    const neighbour = adapter.open();
    try {
      const heard: string[] = [];
      await neighbour.subscribe('broadcast', (message) => heard.push(message));
      await cache.set('shared-name', 'mine');
      await cache.hset('shared-hash', { a: '1' });
      await cache.geoAdd('shared-geo', centre.lon, centre.lat, 'mg-road');

      expect(await neighbour.get('shared-name')).toBeNull();
      expect(await neighbour.hgetall('shared-hash')).toEqual({});
      expect(await neighbour.geoSearch('shared-geo', centre.lon, centre.lat, 100)).toEqual([]);
      expect(await neighbour.setIfAbsent('shared-name', 'theirs', 1_000)).toBe(true);
      expect(await cache.get('shared-name')).toBe('mine');
      expect(await cache.publish('broadcast', 'hello?')).toBe(0);
      expect(heard).toEqual([]);
    } finally {
      await neighbour.close();
    }
  });

  it('reports healthy while open and unhealthy after close', async () => {
    await vi.waitFor(() => expect(cache.isHealthy()).toBe(true));
    await cache.subscribe('health', () => {});
    expect(cache.isHealthy()).toBe(true);
    await cache.close();
    expect(cache.isHealthy()).toBe(false);
  });
});

describe('memory cache', () => {
  it('expires keys by its injected clock', async () => {
    let now = 1_000_000;
    const cache = createMemoryCache({ now: () => now });
    await cache.set('otp', '4321', { ttlMs: 30_000 });
    await cache.incr('attempts', 1, 60_000);

    now += 29_999;
    expect(await cache.get('otp')).toBe('4321');
    expect(await cache.ttlMs('otp')).toBe(1);
    now += 1;
    expect(await cache.get('otp')).toBeNull();
    expect(await cache.ttlMs('attempts')).toBe(30_000);
    await cache.close();
  });
});

describe('redis cache', () => {
  it('fails commands instead of hanging while Redis is unreachable', async () => {
    // Port 1 (tcpmux) is never served here, so every connection attempt is refused.
    const unreachable = createRedisCache({ url: 'redis://127.0.0.1:1', logger: silentLogger });
    const startedAt = Date.now();
    await expect(unreachable.get('anything')).rejects.toThrow(/max retries/i);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(unreachable.isHealthy()).toBe(false);
    await unreachable.close();
  });

  if (redisUrl) {
    const admin = new Redis(redisUrl);

    afterAll(async () => {
      const leftovers = await admin.keys(`${runPrefix}*`);
      if (leftovers.length > 0) await admin.del(...leftovers);
      await admin.quit();
    });

    it('shares keys and channels between instances with the same prefix, counting each subscriber', async () => {
      const keyPrefix = `${runPrefix}${randomUUID()}:`;
      const first = createRedisCache({ url: redisUrl, keyPrefix, logger: silentLogger });
      const second = createRedisCache({ url: redisUrl, keyPrefix, logger: silentLogger });
      try {
        await first.set('booking:9', 'assigned');
        expect(await second.get('booking:9')).toBe('assigned');
        expect(await admin.get(`${keyPrefix}booking:9`)).toBe('assigned');

        const received: string[] = [];
        await first.subscribe('booking:9', (message) => received.push(`first:${message}`));
        await second.subscribe('booking:9', (message) => received.push(`second:${message}`));
        expect(await first.publish('booking:9', 'started')).toBe(2);
        await vi.waitFor(() => expect(received.toSorted()).toEqual(['first:started', 'second:started']));
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });

    it('agrees with the memory adapter on geo distances within 0.5%', async () => {
      const memory = createMemoryCache();
      const redis = createRedisCache({ url: redisUrl, keyPrefix: `${runPrefix}${randomUUID()}:` });
      try {
        await addPlaces(memory, 'providers');
        await addPlaces(redis, 'providers');
        const fromMemory = await memory.geoSearch('providers', centre.lon, centre.lat, 100_000);
        const fromRedis = await redis.geoSearch('providers', centre.lon, centre.lat, 100_000);
        expect(fromRedis.map((found) => found.member)).toEqual(fromMemory.map((found) => found.member));
        for (const [index, found] of fromRedis.entries()) {
          expectWithinRatio(found.distanceM, fromMemory[index]?.distanceM ?? Number.NaN, 0.005);
        }
      } finally {
        await Promise.all([memory.close(), redis.close()]);
      }
    });

    it('resubscribes and resumes commands after its connections are killed', async () => {
      const connectionName = `cache-contract-${randomUUID()}`;
      const cache = createRedisCache({
        url: redisUrl,
        keyPrefix: `${runPrefix}${randomUUID()}:`,
        connectionName,
        logger: silentLogger,
      });
      try {
        const received: string[] = [];
        await cache.subscribe('tracking', (message) => received.push(message));
        await cache.set('position', 'before');

        const clientList = String(await admin.client('LIST'));
        const ownIds = [...clientList.matchAll(/^id=(\d+) .* name=(\S+) /gm)]
          .filter(([, , name]) => name === connectionName || name === `${connectionName}:subscriber`)
          .map(([, id]) => String(id));
        expect(ownIds).toHaveLength(2);
        for (const id of ownIds) await admin.client('KILL', 'ID', id);

        expect(await cache.get('position')).toBe('before');
        await vi.waitFor(async () => expect(await cache.publish('tracking', 'after')).toBe(1));
        await vi.waitFor(() => expect(received).toContain('after'));
        expect(cache.isHealthy()).toBe(true);
      } finally {
        await cache.close();
      }
    });
  }
});
