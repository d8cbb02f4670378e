import type { Clock, Database, RealtimePublisher, ServiceContext } from '@zefy/platform';

/** What catalog's routes, commands and consumers share in one running instance. */
export interface CatalogDeps {
  db: Database;
  clock: Clock;
  realtime: RealtimePublisher;
}

export const wireCatalog = ({ db, clock, realtime }: ServiceContext): CatalogDeps => ({
  db,
  clock,
  realtime,
});
