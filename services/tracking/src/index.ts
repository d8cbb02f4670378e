import { fileURLToPath } from 'node:url';
import { trackingRoutes } from '@zefy/contracts';
import { everyJob, type ServiceModule } from '@zefy/platform';
import { bookingsSubscriptions } from './bookings/bookings.consumers.ts';
import { TrackingEnv } from './config.ts';
import { type TrackingDeps, wireTracking } from './deps.ts';
import { tickMonitors } from './live/live.monitor.ts';
import { registerLiveRoutes } from './live/live.routes.ts';

export { bookingsGroup as trackingBookingsGroup } from './bookings/bookings.consumers.ts';
export type { TrackingDeps } from './deps.ts';

/** Live job tracking: positions, arrival, ETA; see README.md. */
export const trackingService: ServiceModule<TrackingDeps> = {
  name: 'tracking',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  contracts: Object.values(trackingRoutes),
  env: TrackingEnv,
  wire: (context) => wireTracking(context),
  routes: registerLiveRoutes,
  subscriptions: bookingsSubscriptions,
  // every instance ticks; a per-booking cache key hands each booking's tick to one of them
  jobs: (deps) => [
    everyJob('eta-monitor', { everyMs: deps.config.monitorTickMs, logger: deps.logger }, (signal) =>
      tickMonitors(deps, signal),
    ),
  ],
};
