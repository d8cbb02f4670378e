import { notificationRoutes } from '@zefy/contracts';
import { implementRoute, type ServiceContext } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { recipientOf } from '../notifications/notifications.ts';
import { listDevices, removeDevice, upsertDevice } from './devices.repository.ts';

/** Each principal addresses only its own devices: the owner comes from the token, never from the request. */
export function registerDeviceRoutes(app: FastifyInstance, context: ServiceContext): void {
  const { db, clock } = context;

  implementRoute(app, db, notificationRoutes.putDevice, ({ principal, params, body }) =>
    upsertDevice(db, recipientOf(principal), params.deviceId, body, clock.now()),
  );

  implementRoute(app, db, notificationRoutes.deleteDevice, async ({ principal, params, reply }) => {
    // logout must succeed however often it is retried, so an unknown device is not an error
    await removeDevice(db.pool, recipientOf(principal), params.deviceId);
    reply.code(204);
    return null;
  });

  implementRoute(app, db, notificationRoutes.listDevices, async ({ principal }) => ({
    items: await listDevices(db.pool, recipientOf(principal)),
  }));
}
