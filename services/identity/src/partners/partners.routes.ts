import { identityRoutes } from '@zefy/contracts';
import { AppError, implementRoute } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import type { IdentityDeps } from '../deps.ts';
import { approvePartner, editPartner, registerPartner, suspendPartner } from './partners.commands.ts';
import { findPartner, listPartners } from './partners.repository.ts';

export function registerPartnerRoutes(app: FastifyInstance, deps: IdentityDeps): void {
  const { db } = deps;

  implementRoute(app, db, identityRoutes.getPartnerMe, async ({ principal }) => {
    const partner = await findPartner(db.pool, principal.id);
    if (!partner) throw new AppError('IDENTITY.PARTNER_NOT_FOUND', 'No partner account for this token');
    return partner;
  });

  implementRoute(app, db, identityRoutes.listPartners, async ({ query }) => listPartners(db.pool, query));

  implementRoute(app, db, identityRoutes.getPartner, async ({ params }) => {
    const partner = await findPartner(db.pool, params.partnerId);
    if (!partner) throw new AppError('IDENTITY.PARTNER_NOT_FOUND');
    return partner;
  });

  implementRoute(app, db, identityRoutes.createPartner, ({ body, principal }) =>
    registerPartner(deps, body, principal),
  );

  implementRoute(app, db, identityRoutes.updatePartner, ({ params, body, principal }) =>
    editPartner(deps, params.partnerId, body, principal),
  );

  implementRoute(app, db, identityRoutes.approvePartner, ({ params, principal }) =>
    approvePartner(deps, params.partnerId, principal),
  );

  implementRoute(app, db, identityRoutes.suspendPartner, ({ params, body, principal }) =>
    suspendPartner(deps, params.partnerId, body.reason, principal),
  );
}
