import type { Cache, Clock, Database, RealtimePublisher, ServiceContext } from '@zefy/platform';
import { createPublicServiceList, type PublicServiceList } from './catalog/catalog.public-list.ts';

/** What catalog's routes, commands and consumers share in one running instance. */
export interface CatalogDeps {
  db: Database;
  clock: Clock;
  cache: Cache;
  realtime: RealtimePublisher;
  publicList: PublicServiceList;
}

export const wireCatalog = ({ db, clock, cache, realtime }: ServiceContext): CatalogDeps => ({
  db,
  clock,
  cache,
  realtime,
  publicList: createPublicServiceList(cache),
});
