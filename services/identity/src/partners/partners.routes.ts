import { identityRoutes, type PartnerPatch } from '@zefy/contracts';
import { AppError, implementRoute, newId } from '@zefy/platform';
import type { FastifyInstance } from 'fastify';
import { requirePhone } from '../phone/phone.input.ts';
import type { IdentityRuntime } from '../runtime.ts';
import { runPartnerCommand } from './partners.commands.ts';
import { findPartner, listPartners } from './partners.repository.ts';
import type { PartnerProfile } from './partners.ts';

function profileChanges(patch: PartnerPatch): Partial<PartnerProfile> {
  const { phone, ...rest } = patch;
  return { ...rest, ...(phone !== undefined ? { phone: requirePhone(phone) } : {}) };
}

export function registerPartnerRoutes(app: FastifyInstance, runtime: IdentityRuntime): void {
  const { context, sessions } = runtime;
  const { db, clock } = context;

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

  implementRoute(app, db, identityRoutes.createPartner, async ({ body, principal, reply }) => {
    const id = newId();
    const partner = await runPartnerCommand(
      db,
      clock,
      id,
      {
        type: 'register',
        id,
        profile: {
          name: body.name,
          phone: requirePhone(body.phone),
          photoUrl: body.photoUrl ?? null,
          skills: body.skills,
          hubId: body.hubId,
        },
      },
      { kind: 'admin', principal, action: 'partner.created' },
    );
    reply.code(201);
    return partner;
  });

  implementRoute(app, db, identityRoutes.updatePartner, async ({ params, body, principal }) =>
    runPartnerCommand(
      db,
      clock,
      params.partnerId,
      { type: 'update', changes: profileChanges(body) },
      { kind: 'admin', principal, action: 'partner.updated' },
    ),
  );

  implementRoute(app, db, identityRoutes.approvePartner, async ({ params, principal }) =>
    runPartnerCommand(
      db,
      clock,
      params.partnerId,
      { type: 'approve' },
      { kind: 'admin', principal, action: 'partner.approved' },
    ),
  );

  implementRoute(app, db, identityRoutes.suspendPartner, async ({ params, body, principal }) => {
    const partner = await runPartnerCommand(
      db,
      clock,
      params.partnerId,
      { type: 'suspend', reason: body.reason },
      { kind: 'admin', principal, action: 'partner.suspended' },
    );
    // after the commit, and on a repeated request too, so a failure here is healed by retrying
    await sessions.revokeAllOf(partner.id, 'partner_suspended');
    return partner;
  });
}
