import { fileURLToPath } from 'node:url';
import { locationsRoutes } from '@zefy/contracts';
import type { ServiceModule } from '@zefy/platform';
import { addressSubscriptions } from './addresses/addresses.consumers.ts';
import { registerAddressRoutes } from './addresses/addresses.routes.ts';
import { type LocationsDeps, wireLocations } from './deps.ts';
import { registerHubRoutes } from './hubs/hubs.routes.ts';

export { locationsRealtimeGroup, reResolveGroup } from './addresses/addresses.consumers.ts';
export { HubIndex, type IndexedHub, resolveByScan } from './hubs/hub-index.ts';
export { type LocationsSeed, seedLocations } from './seed.ts';

/** Hubs (service areas) and customers' saved addresses, each mapped to the hub that serves it. */
export const locationsService: ServiceModule<LocationsDeps> = {
  name: 'locations',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  contracts: Object.values(locationsRoutes),
  wire: wireLocations,
  routes(app, deps) {
    registerHubRoutes(app, deps);
    registerAddressRoutes(app, deps);
  },
  subscriptions: addressSubscriptions,
};
