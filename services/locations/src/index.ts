import { fileURLToPath } from 'node:url';
import { locationsRoutes } from '@zefy/contracts';
import type { ServiceContext, ServiceModule } from '@zefy/platform';
import { registerAddressRoutes } from './addresses/addresses.routes.ts';
import { hubSubscriptions } from './hubs/hubs.consumers.ts';
import { createHubResolver, type HubResolver } from './hubs/hubs.resolver.ts';
import { registerHubRoutes } from './hubs/hubs.routes.ts';
import { type LocationsSeed, seedLocationsWith } from './seed.ts';

export { HubIndex, type IndexedHub, resolveByScan } from './hubs/hub-index.ts';
export { reResolveGroup } from './hubs/hubs.consumers.ts';
export type { LocationsSeed } from './seed.ts';

// one in-memory hub index per running service instance, shared by its routes, consumers and seeding
const resolvers = new WeakMap<ServiceContext, HubResolver>();
function resolverFor(context: ServiceContext): HubResolver {
  let resolver = resolvers.get(context);
  if (!resolver) {
    resolver = createHubResolver();
    resolvers.set(context, resolver);
  }
  return resolver;
}

export const seedLocations = (context: ServiceContext, seed: LocationsSeed) =>
  seedLocationsWith(context, resolverFor(context), seed);

export const locationsService: ServiceModule = {
  name: 'locations',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes: Object.values(locationsRoutes),
  registerRoutes(app, context) {
    registerHubRoutes(app, context, resolverFor(context));
    registerAddressRoutes(app, context, resolverFor(context));
  },
  subscriptions: (context) => hubSubscriptions(context, resolverFor(context)),
};
