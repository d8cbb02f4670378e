import { identityRoutes } from '@zefy/contracts';
import { implementRoute, listAuditEntries, type ServiceContext } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';

export function registerAuditRoutes(app: FastifyInstance, context: ServiceContext): void {
  implementRoute(app, context.db, identityRoutes.listAudit, async ({ query }) =>
    listAuditEntries(context.db.pool, query),
  );
}
