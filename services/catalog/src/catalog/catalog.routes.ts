import { catalogRoutes, type Principal } from '@zefy/contracts';
import { AppError, createEvent, implementRoute, newId, type ServiceContext, unwrap } from '@zefy/platform';
import { priceBreakdown } from '@zefy/rules';
import type { FastifyInstance } from 'fastify';
import {
  findService,
  insertCategory,
  insertService,
  listCategories,
  listServices,
  lockCategory,
  lockService,
  saveCategory,
  saveService,
} from './catalog.repository.ts';
import {
  applyCategoryPatch,
  applyServicePatch,
  planNewCategory,
  planNewService,
  pricingRuleOf,
  type ServiceRecord,
  sortCategories,
  withPrice,
} from './catalog.ts';

/** Deactivated entries are for staff; a public caller asking for them is refused, not silently filtered. */
function canSeeInactive(includeInactive: boolean | undefined, principal: Principal | undefined): boolean {
  if (!includeInactive) return false;
  if (principal?.role !== 'admin' && principal?.role !== 'ops')
    throw new AppError('AUTH.FORBIDDEN', 'Only admin and ops may list inactive entries');
  return true;
}

export const serviceCreatedData = (service: ServiceRecord) => ({
  serviceId: service.id,
  name: service.name,
  category: service.category,
  basePricePaise: service.basePricePaise,
  includedMinutes: service.includedMinutes,
  extraCharge: service.extraCharge,
  taxRateBasisPoints: service.taxRateBasisPoints,
  skill: service.skill,
  isActive: service.isActive,
});

export function registerCatalogRoutes(app: FastifyInstance, context: ServiceContext): void {
  const { db, clock } = context;

  implementRoute(app, db, catalogRoutes.listServices, async ({ query, request }) => ({
    items: (
      await listServices(db.pool, {
        includeInactive: canSeeInactive(query.includeInactive, request.principal),
      })
    ).map(withPrice),
  }));

  implementRoute(app, db, catalogRoutes.getService, async ({ params }) =>
    withPrice(await findService(db.pool, params.serviceId)),
  );

  implementRoute(app, db, catalogRoutes.quoteService, async ({ params, query }) =>
    priceBreakdown(pricingRuleOf(await findService(db.pool, params.serviceId)), query.workedMinutes),
  );

  implementRoute(app, db, catalogRoutes.createService, async ({ body, principal }) => {
    const actor = { kind: 'admin' as const, id: principal.id };
    const service = unwrap(planNewService(body, { id: newId(), now: clock.now() }));
    const event = createEvent('catalog.service_created', serviceCreatedData(service), { actor, clock });
    await db.transaction((tx) => insertService(tx, service, event));
    return withPrice(service);
  });

  implementRoute(app, db, catalogRoutes.updateService, async ({ params, body, principal }) => {
    const actor = { kind: 'admin' as const, id: principal.id };
    return db.transaction(async (tx) => {
      const current = await lockService(tx, params.serviceId);
      const service = unwrap(applyServicePatch(current, body, clock.now()));
      const { serviceId, name, category, basePricePaise, ...terms } = serviceCreatedData(service);
      const event = createEvent(
        'catalog.service_updated',
        { serviceId, name, category, basePricePaise, ...terms },
        { actor, clock },
      );
      await saveService(tx, service, event);
      return withPrice(service);
    });
  });

  implementRoute(app, db, catalogRoutes.listCategories, async ({ query, request }) => ({
    items: sortCategories(
      await listCategories(db.pool, {
        includeInactive: canSeeInactive(query.includeInactive, request.principal),
      }),
    ),
  }));

  implementRoute(app, db, catalogRoutes.createCategory, async ({ body }) =>
    insertCategory(db.pool, planNewCategory(body, clock.now())),
  );

  implementRoute(app, db, catalogRoutes.updateCategory, async ({ params, body }) =>
    db.transaction(async (tx) => {
      const category = applyCategoryPatch(await lockCategory(tx, params.categoryId), body, clock.now());
      await saveCategory(tx, category);
      const [withCount] = await listCategories(tx, { includeInactive: true, id: category.id });
      return withCount!;
    }),
  );
}
