import { type Hub, locationsRoutes } from '@zefy/contracts';
import { AppError, createEvent, implementRoute, newId, type ServiceContext, unwrap } from '@zefy/platform';
import { isValidLatitude, isValidLongitude } from '@zefy/rules';
import type { FastifyInstance } from 'fastify';
import { findHub, insertHub, listHubs, lockHub, saveHub } from './hubs.repository.ts';
import type { HubResolver } from './hubs.resolver.ts';
import { applyHubPatch, planNewHub } from './hubs.ts';

export const hubCreatedData = (hub: Hub) => ({
  hubId: hub.id,
  name: hub.name,
  city: hub.city,
  timezone: hub.timezone,
  isActive: hub.isActive,
  bbox: hub.bbox,
});

export function registerHubRoutes(
  app: FastifyInstance,
  context: ServiceContext,
  resolver: HubResolver,
): void {
  const { db, clock } = context;

  implementRoute(app, db, locationsRoutes.listHubs, async () => ({ items: await listHubs(db.pool) }));

  implementRoute(app, db, locationsRoutes.getHub, async ({ params }) => findHub(db.pool, params.hubId));

  implementRoute(app, db, locationsRoutes.createHub, async ({ body, principal }) => {
    const hub = unwrap(planNewHub(body, { id: newId(), now: clock.now() }));
    const event = createEvent('locations.hub_created', hubCreatedData(hub), {
      actor: { kind: 'admin', id: principal.id },
      clock,
    });
    await db.transaction((tx) => insertHub(tx, hub, event));
    return hub;
  });

  implementRoute(app, db, locationsRoutes.updateHub, async ({ params, body, principal }) =>
    db.transaction(async (tx) => {
      const current = await lockHub(tx, params.hubId);
      const hub = unwrap(applyHubPatch(current, body, clock.now()));
      const event = createEvent(
        'locations.hub_updated',
        { ...hubCreatedData(hub), previousBbox: current.bbox, previousIsActive: current.isActive },
        { actor: { kind: 'admin', id: principal.id }, clock },
      );
      await saveHub(tx, hub, event);
      return hub;
    }),
  );

  implementRoute(app, db, locationsRoutes.resolve, async ({ query }) => {
    if (!isValidLatitude(query.lat) || !isValidLongitude(query.lng))
      throw new AppError(
        'LOCATIONS.COORDINATES_OUT_OF_RANGE',
        `lat ${query.lat}, lng ${query.lng}: latitude must be from -90 to 90 and longitude from -180 to 180`,
      );
    const resolution = await resolver.resolve(db.pool, query.lat, query.lng);
    return { ...resolution, isServiceable: resolution.hubId !== null };
  });
}
