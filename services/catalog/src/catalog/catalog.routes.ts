import { catalogRoutes, type Principal } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import { priceBreakdown } from '@zefy/rules';
import type { FastifyInstance } from 'fastify';
import type { CatalogDeps } from '../deps.ts';
import { createCategory, createService, updateCategory, updateService } from './catalog.commands.ts';
import { findService, listCategories, listServices } from './catalog.repository.ts';
import { pricingRuleOf, sortCategories, withPrice } from './catalog.ts';

/** Deactivated entries are for staff; a public caller asking for them is refused, not silently filtered. */
function canSeeInactive(includeInactive: boolean | undefined, principal: Principal | undefined): boolean {
  if (!includeInactive) return false;
  if (principal?.role !== 'admin' && principal?.role !== 'ops')
    throw new AppError('AUTH.FORBIDDEN', 'Only admin and ops may list inactive entries');
  return true;
}

const asAdmin = (principal: Principal) => ({ kind: 'admin' as const, id: principal.id });

export function registerCatalogRoutes(app: FastifyInstance, deps: CatalogDeps): void {
  const { db } = deps;

  implementRoute(app, db, catalogRoutes.listServices, async ({ query, request }) => {
    const includeInactive = canSeeInactive(query.includeInactive, request.principal);
    return { items: (await listServices(db.pool, { includeInactive })).map(withPrice) };
  });

  implementRoute(app, db, catalogRoutes.getService, async ({ params }) =>
    withPrice(await findService(db.pool, params.serviceId)),
  );

  implementRoute(app, db, catalogRoutes.quoteService, async ({ params, query }) =>
    priceBreakdown(pricingRuleOf(await findService(db.pool, params.serviceId)), query.workedMinutes),
  );

  implementRoute(app, db, catalogRoutes.createService, async ({ body, principal }) =>
    withPrice(await createService(deps, body, asAdmin(principal))),
  );

  implementRoute(app, db, catalogRoutes.updateService, async ({ params, body, principal }) =>
    withPrice(await updateService(deps, params.serviceId, body, asAdmin(principal))),
  );

  implementRoute(app, db, catalogRoutes.listCategories, async ({ query, request }) => {
    const includeInactive = canSeeInactive(query.includeInactive, request.principal);
    return { items: sortCategories(await listCategories(db.pool, { includeInactive })) };
  });

  implementRoute(app, db, catalogRoutes.createCategory, async ({ body }) => createCategory(deps, body));

  implementRoute(app, db, catalogRoutes.updateCategory, async ({ params, body }) =>
    updateCategory(deps, params.categoryId, body),
  );
}
