import { type Cache, createMemoryCache } from '@zefy/platform';
import { describe, expect, it } from 'vitest';
import { cacheRateLimitStore } from './rate-limit-store.ts';

/** The memory cache on a clock moved by hand, counting the calls made to it. */
function countedCache() {
  const clock = { now: 1_000_000 };
  const cache = createMemoryCache({ now: () => clock.now });
  const calls: string[] = [];
  const counted = new Proxy(cache, {
    get(target, name: keyof Cache) {
      const member = target[name];
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return (member as (...values: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { cache: counted, calls, clock };
}

type Store = InstanceType<ReturnType<typeof cacheRateLimitStore>>;

const incr = (store: Store, key: string) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(key, (error, state) => (error || !state ? reject(error) : resolve(state)), 60_000),
  );

describe('the rate limit store on the cache', () => {
  it('counts a request and tells its window’s time left in one cache call', async () => {
    const { cache, calls, clock } = countedCache();
    const Store = cacheRateLimitStore(cache);
    const store = new Store();
    expect(await incr(store, '203.0.113.7')).toEqual({ current: 1, ttl: 60_000 });
    clock.now += 20_000;
    expect(await incr(store, '203.0.113.7')).toEqual({ current: 2, ttl: 40_000 });
    expect(calls).toEqual(['incrWithTtl', 'incrWithTtl']);
    await cache.close();
  });

  it('starts a new window once the last one ended, per route', async () => {
    const { cache, clock } = countedCache();
    const Store = cacheRateLimitStore(cache);
    const store = new Store();
    const route = store.child({
      routeInfo: { method: 'GET', url: '/api/v1/catalog/services' },
    } as Parameters<Store['child']>[0]);
    await incr(store, 'client');
    await incr(store, 'client');
    expect(await incr(route, 'client')).toEqual({ current: 1, ttl: 60_000 });
    clock.now += 60_000;
    expect(await incr(store, 'client')).toEqual({ current: 1, ttl: 60_000 });
    await cache.close();
  });
});
