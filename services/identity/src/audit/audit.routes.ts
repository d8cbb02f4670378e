import { identityRoutes } from '@zefy/contracts';
import { implementRoute, listAuditEntries } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { IdentityDeps } from '../deps.ts';

export function registerAuditRoutes(app: FastifyInstance, { db }: IdentityDeps): void {
  implementRoute(app, db, identityRoutes.listAudit, async ({ query }) => listAuditEntries(db.pool, query));
}
