import type { Cache, RealtimePublisher, ServiceContext } from '@zefy/platform';
import type { HubsDeps } from './hubs/hubs.commands.ts';
import { createHubResolver } from './hubs/hubs.resolver.ts';

/**
 * What locations' routes, commands and consumers share in one running instance: the hub module's needs
 * (among them this instance's in-memory hub index) and the realtime publisher.
 */
export interface LocationsDeps extends HubsDeps {
  cache: Cache;
  realtime: RealtimePublisher;
}

export const wireLocations = ({ db, clock, cache, realtime }: ServiceContext): LocationsDeps => ({
  db,
  clock,
  cache,
  realtime,
  resolver: createHubResolver(),
});
