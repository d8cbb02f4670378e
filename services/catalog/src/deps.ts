import type { Cache, Clock, Database, RealtimePublisher, ServiceContext } from '@zefy/platform';

/** What catalog's routes, commands and consumers share in one running instance. */
export interface CatalogDeps {
  db: Database;
  clock: Clock;
  cache: Cache;
  realtime: RealtimePublisher;
}

export const wireCatalog = ({ db, clock, cache, realtime }: ServiceContext): CatalogDeps => ({
  db,
  clock,
  cache,
  realtime,
});
