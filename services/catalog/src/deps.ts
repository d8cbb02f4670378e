import type { Clock, Database, RealtimePublisher, ServiceContext } from '@zefy/platform';
import { createPublicServiceList, type PublicServiceList } from './catalog/catalog.public-list.ts';

/** What catalog's routes, commands and consumers share in one running instance. */
export interface CatalogDeps {
  db: Database;
  clock: Clock;
  realtime: RealtimePublisher;
  publicList: PublicServiceList;
}

export const wireCatalog = ({ db, clock, realtime, cache }: ServiceContext): CatalogDeps => ({
  db,
  clock,
  realtime,
  publicList: createPublicServiceList(cache),
});
