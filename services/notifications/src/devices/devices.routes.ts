import { notificationRoutes } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { NotificationsDeps } from '../deps.ts';
import { recipientOf } from '../recipients.ts';
import { registerDevice, unregisterDevice } from './devices.commands.ts';
import { listDevices } from './devices.repository.ts';

/** Each principal addresses only its own devices: the owner comes from the token, never from the request. */
export function registerDeviceRoutes(app: FastifyInstance, deps: NotificationsDeps): void {
  const { db } = deps;

  implementRoute(app, db, notificationRoutes.putDevice, ({ principal, params, body }) =>
    registerDevice(deps, recipientOf(principal), params.deviceId, body),
  );

  implementRoute(app, db, notificationRoutes.deleteDevice, async ({ principal, params, reply }) => {
    await unregisterDevice(deps, recipientOf(principal), params.deviceId);
    reply.code(204);
    return null;
  });

  implementRoute(app, db, notificationRoutes.listDevices, async ({ principal }) => ({
    items: await listDevices(db.pool, recipientOf(principal)),
  }));
}
