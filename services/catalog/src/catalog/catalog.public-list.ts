import { randomUUID } from 'node:crypto';
import { type Cache, strongEtagOf } from '@zefy/platform';

/** The public list of services as sent: its JSON and a strong ETag of it. */
export interface RenderedList {
  json: string;
  etag: string;
}

/**
 * The public service list, read from PostgreSQL once per catalog version instead of once per request.
 *
 * Across instances: the version is a random token in the shared cache (Redis in distributed mode), replaced
 * whenever the catalog changes (`invalidate`, run by the one instance that consumes each catalog event, or by
 * a category command after its commit). Every instance reads the token on every request, so a change is
 * seen by all of them as soon as it is consumed. An instance keeps its list under the token it read
 * *before* reading PostgreSQL: a list read before a change is never served under the token set after it.
 * A fresh token is never reused, so a cache that lost the key (restart, eviction, the TTL below) only costs
 * a read. The TTL bounds how long a lost invalidation could leave a list stale.
 */
export interface PublicServiceList {
  /** The list as of the current version: this instance's copy, or `read` once (concurrent callers share it). */
  current(read: () => Promise<string>): Promise<RenderedList>;
  /** The catalog changed: every instance reads the list again. */
  invalidate(): Promise<void>;
}

const versionKey = 'catalog:public-services:version';
const versionTtlMs = 10 * 60_000;

export function createPublicServiceList(cache: Cache): PublicServiceList {
  let held: { version: string; list: Promise<RenderedList> } | undefined;

  async function currentVersion(): Promise<string> {
    const version = await cache.get(versionKey);
    if (version) return version;
    const fresh = randomUUID();
    if (await cache.setIfAbsent(versionKey, fresh, versionTtlMs)) return fresh;
    return (await cache.get(versionKey)) ?? fresh;
  }

  return {
    async current(read) {
      const version = await currentVersion();
      if (held?.version === version) return held.list;
      const list = read().then((json) => ({ json, etag: strongEtagOf(json) }));
      const entry = { version, list };
      held = entry;
      list.catch(() => {
        if (held === entry) held = undefined;
      });
      return list;
    },
    invalidate: () => cache.set(versionKey, randomUUID(), { ttlMs: versionTtlMs }),
  };
}
