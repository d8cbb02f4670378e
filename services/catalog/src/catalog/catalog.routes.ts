import { catalogRoutes, type Principal } from '@zefy/contracts';
import { AppError, implementRoute, isNotModified } from '@zefy/platform';
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

/** Browsers and CDNs may keep the public list briefly, then revalidate (a 304 while the ETag holds). */
const publicListCacheControl = 'public, max-age=10, must-revalidate';

const asAdmin = (principal: Principal) => ({ kind: 'admin' as const, id: principal.id });

export function registerCatalogRoutes(app: FastifyInstance, deps: CatalogDeps): void {
  const { db } = deps;

  implementRoute(app, db, catalogRoutes.listServices, async ({ query, request, reply }) => {
    const includeInactive = canSeeInactive(query.includeInactive, request.principal);
    const read = async () => ({ items: (await listServices(db.pool, { includeInactive })).map(withPrice) });
    if (includeInactive) return read();
    // the public list: serialized once per catalog version, as the route's response schema would
    const list = await deps.publicList.current(async () => String(reply.serialize(await read())));
    reply.header('etag', list.etag).header('cache-control', publicListCacheControl);
    if (isNotModified(request, list.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(list.json);
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
