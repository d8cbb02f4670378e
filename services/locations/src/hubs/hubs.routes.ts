import { locationsRoutes, type Principal } from '@zefy/contracts';
import { implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { createHub, editHub, type HubsDeps, serviceabilityAt } from './hubs.commands.ts';
import { findHub, listHubs } from './hubs.repository.ts';

const asAdmin = (principal: Principal) => ({ kind: 'admin' as const, id: principal.id });

export function registerHubRoutes(app: FastifyInstance, deps: HubsDeps): void {
  const { db } = deps;

  implementRoute(app, db, locationsRoutes.listHubs, async () => ({ items: await listHubs(db.pool) }));

  implementRoute(app, db, locationsRoutes.getHub, ({ params }) => findHub(db.pool, params.hubId));

  implementRoute(app, db, locationsRoutes.createHub, ({ body, principal }) =>
    createHub(deps, body, asAdmin(principal)),
  );

  implementRoute(app, db, locationsRoutes.updateHub, ({ params, body, principal }) =>
    editHub(deps, params.hubId, body, asAdmin(principal)),
  );

  implementRoute(app, db, locationsRoutes.resolve, ({ query }) =>
    serviceabilityAt(deps, query.lat, query.lng),
  );
}
