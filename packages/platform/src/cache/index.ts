export type { Cache, GeoMember, SetOptions } from './cache.ts';
export { type Leased, withLease } from './lease.ts';
export { createMemoryCache, type MemoryCacheOptions } from './memory-cache.ts';
export { createRedisCache, type RedisCacheOptions } from './redis-cache.ts';
