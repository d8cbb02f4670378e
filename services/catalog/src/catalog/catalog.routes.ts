import { catalogRoutes } from '@zefy/contracts';
import { createEvent, implementRoute, newId, type ServiceContext } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { insertService, listCategoryCounts, listServices } from './catalog.repository.ts';
import { planNewService, sortCategories } from './catalog.ts';

export function registerCatalogRoutes(app: FastifyInstance, context: ServiceContext): void {
  const { db, clock } = context;

  implementRoute(app, db, catalogRoutes.listServices, async () => ({ items: await listServices(db.pool) }));

  implementRoute(app, db, catalogRoutes.createService, async ({ body, principal }) => {
    const actor = { kind: 'admin' as const, id: principal.id };
    const { service } = planNewService(body, { id: newId(), now: clock.now(), actor });
    const event = createEvent(
      'catalog.service_created',
      {
        serviceId: service.id,
        name: service.name,
        category: service.category,
        basePricePaise: service.basePricePaise,
      },
      { actor, clock },
    );
    await db.transaction((tx) => insertService(tx, service, event));
    return service;
  });

  implementRoute(app, db, catalogRoutes.listCategories, async () => ({
    items: sortCategories(await listCategoryCounts(db.pool)),
  }));
}
