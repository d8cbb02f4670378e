import { fileURLToPath } from 'node:url';
import { catalogRoutes } from '@zefy/contracts';
import type { ServiceModule } from '@zefy/platform';
import { catalogSubscriptions } from './catalog/catalog.consumers.ts';
import { registerCatalogRoutes } from './catalog/catalog.routes.ts';
import { type CatalogDeps, wireCatalog } from './deps.ts';

export { catalogRealtimeGroup, categoryStatsGroup, publicListGroup } from './catalog/catalog.consumers.ts';
export { type CatalogSeed, seedCatalog } from './catalog/catalog.seed.ts';

/** Categories and services with their pricing rules; the worked example of docs/architecture.md. */
export const catalogService: ServiceModule<CatalogDeps> = {
  name: 'catalog',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  contracts: Object.values(catalogRoutes),
  wire: wireCatalog,
  routes: registerCatalogRoutes,
  subscriptions: catalogSubscriptions,
};
