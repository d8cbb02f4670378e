import { fileURLToPath } from 'node:url';
import { catalogRoutes } from '@zefy/contracts';
import type { ServiceModule } from '@zefy/platform';
import { catalogSubscriptions } from './catalog/catalog.consumers.ts';
import { registerCatalogRoutes } from './catalog/catalog.routes.ts';

export { categoryStatsGroup } from './catalog/catalog.consumers.ts';
export { type CatalogSeed, seedCatalog } from './catalog/catalog.seed.ts';

export const catalogService: ServiceModule = {
  name: 'catalog',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes: Object.values(catalogRoutes),
  registerRoutes: registerCatalogRoutes,
  subscriptions: catalogSubscriptions,
};
