import { fileURLToPath } from 'node:url';
import { notificationRoutes } from '@zefy/contracts';
import type { ServiceContext, ServiceModule } from '@zefy/platform';
import { NotificationsEnv, type PushSettings, pushSettings } from './config.ts';
import { registerDeviceRoutes } from './devices/devices.routes.ts';
import { inboxSubscriptions } from './notifications/notifications.consumers.ts';
import { registerInboxRoutes } from './notifications/notifications.routes.ts';
import { createFirebaseSender } from './push/fcm.firebase-sender.ts';
import { createFcmRestSender } from './push/fcm.rest-sender.ts';
import { startFcmSimulator } from './push/fcm.simulator.ts';
import type { PushSender } from './push/push.ts';
import { type PushWorker, startPushWorker } from './push/push.worker.ts';

export { inboxGroup } from './notifications/notifications.consumers.ts';
export { notificationFor } from './notifications/notifications.ts';
export { type FcmSimulator, startFcmSimulator, type TokenScript } from './push/fcm.simulator.ts';

async function createSender(
  settings: PushSettings,
): Promise<{ sender: PushSender; stop: () => Promise<void> }> {
  switch (settings.adapter) {
    case 'firebase': {
      const sender = createFirebaseSender(settings);
      return { sender, stop: () => sender.close() };
    }
    case 'rest': {
      const sender = createFcmRestSender({ ...settings, accessToken: async () => settings.accessToken });
      return { sender, stop: () => sender.close() };
    }
    case 'local-simulator': {
      // embedded default: pushes cross a real HTTP hop in the FCM wire format, so the path is the production one
      const simulator = await startFcmSimulator(settings);
      const sender = createFcmRestSender({
        baseUrl: simulator.url,
        ...settings,
        accessToken: async () => settings.accessToken,
      });
      return { sender, stop: () => simulator.close() };
    }
  }
}

// the worker lives as long as the service's context; consumers reach it through the context they are given
const workers = new WeakMap<ServiceContext, PushWorker>();

export const notificationsService: ServiceModule = {
  name: 'notifications',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes: Object.values(notificationRoutes),
  env: NotificationsEnv,
  registerRoutes(app, context) {
    registerDeviceRoutes(app, context);
    registerInboxRoutes(app, context);
  },
  subscriptions: (context) => inboxSubscriptions(context, () => void workers.get(context)?.flush()),
  async start(context) {
    const settings = pushSettings(context.config);
    const { sender, stop: stopSender } = await createSender(settings);
    const worker = startPushWorker({
      db: context.db,
      sender,
      logger: context.logger,
      now: () => context.clock.now(),
    });
    workers.set(context, worker);
    context.logger.info({ push: sender.name }, 'push worker started');
    return async () => {
      workers.delete(context);
      await worker.stop();
      await stopSender();
    };
  },
};
