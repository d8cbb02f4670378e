import type { Cache } from '@zefy/platform';
import type { RouteOptions } from 'fastify';

interface RateLimitState {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, state?: RateLimitState) => void;

/**
 * @fastify/rate-limit store on our cache port: counters live in Redis in distributed mode, so the limit
 * holds across every gateway instance. No `read`: the plugin asks for it only for `createRateLimit` peeks
 * (`{ increment: false }`), which the gateway does not make.
 */
export function cacheRateLimitStore(cache: Cache) {
  return class CacheRateLimitStore {
    // the plugin passes its options first; only the per-route prefix matters here
    constructor(
      _pluginOptions?: unknown,
      private readonly prefix = 'ratelimit:',
    ) {}

    // one round trip a request: the count and the window's time left together
    incr(key: string, callback: Callback, timeWindow: number): void {
      cache
        .incrWithTtl(`${this.prefix}${key}`, 1, timeWindow)
        .then(({ value, ttlMs }) => ({ current: value, ttl: ttlMs ?? timeWindow }))
        .then((state) => callback(null, state), callback);
    }

    child(routeOptions: RouteOptions & { routeInfo?: { method?: string | string[]; url?: string } }) {
      const route = routeOptions.routeInfo ?? routeOptions;
      return new CacheRateLimitStore(undefined, `${this.prefix}${String(route.method)}:${route.url}:`);
    }
  };
}
