import { fileURLToPath } from 'node:url';
import { notificationRoutes } from '@zefy/contracts';
import { everyJob, type ServiceModule } from '@zefy/platform';
import { NotificationsEnv } from './config.ts';
import { type NotificationsDeps, wireNotifications } from './deps.ts';
import { registerDeviceRoutes } from './devices/devices.routes.ts';
import { inboxSubscriptions } from './notifications/notifications.consumers.ts';
import { registerInboxRoutes } from './notifications/notifications.routes.ts';
import { deliverDuePushes, pruneDevicesAndDeliveries } from './push/push.commands.ts';
import { wakeSubscriptions } from './push/wake.consumers.ts';

export { inboxGroup } from './notifications/notifications.consumers.ts';
export { notificationsFor } from './notifications/notifications.ts';
export { wakeGroup } from './push/wake.consumers.ts';

/** The in-app inbox and push to devices; see README.md. */
export const notificationsService: ServiceModule<NotificationsDeps> = {
  name: 'notifications',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  contracts: Object.values(notificationRoutes),
  env: NotificationsEnv,
  wire: wireNotifications,
  routes(app, deps) {
    registerDeviceRoutes(app, deps);
    registerInboxRoutes(app, deps);
  },
  subscriptions: (deps) => [...inboxSubscriptions(deps), ...wakeSubscriptions(deps)],
  jobs: (deps) => [
    // the inbox consumer wakes it; the tick finds due retries and pushes queued by other instances
    everyJob('push-delivery', { everyMs: 1000, logger: deps.logger, wake: deps.push.queued }, (signal) =>
      deliverDuePushes(deps, signal),
    ),
    everyJob('push-housekeeping', { everyMs: 3600_000, logger: deps.logger }, (signal) =>
      pruneDevicesAndDeliveries(deps, signal),
    ),
  ],
  stop: (deps) => deps.push.sender.close(),
};
