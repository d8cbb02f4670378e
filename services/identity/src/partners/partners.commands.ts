import type { Actor, Partner, Principal } from '@zefy/contracts';
import {
  AppError,
  appendToOutbox,
  type Clock,
  createEvent,
  type Database,
  type DomainEvent,
  recordAudit,
} from '@zefy/platform';
import { findPartnerForUpdate, insertPartner, savePartner } from './partners.repository.ts';
import { changedFields, decide, evolve, type PartnerCommand, type PartnerEvent } from './partners.ts';

const snapshot = (partner: Partner) => ({
  partnerId: partner.id,
  name: partner.name,
  phone: partner.phone,
  photoUrl: partner.photoUrl,
  skills: partner.skills,
  hubId: partner.hubId,
  status: partner.status,
});

function toContractEvent(
  partner: Partner,
  event: PartnerEvent,
  actor: Actor,
  clock: Clock,
): DomainEvent<'identity.partner_created'> | DomainEvent<'identity.partner_updated'> {
  return event.type === 'registered'
    ? createEvent('identity.partner_created', snapshot(partner), { actor, clock })
    : createEvent(
        'identity.partner_updated',
        { ...snapshot(partner), changed: changedFields(event) },
        { actor, clock },
      );
}

/** Who asks: an admin (audited) or the system (the seed, not audited: no person acted). */
export type PartnerActor =
  | { kind: 'admin'; principal: Principal; action: string }
  | { kind: 'system'; id: string };

/**
 * Runs a partner command in one transaction: lock the row, decide, save, and write the events to the outbox
 * and the admin's action to the audit log, so all of it commits or none does.
 */
export async function runPartnerCommand(
  db: Database,
  clock: Clock,
  partnerId: string,
  command: PartnerCommand,
  actor: PartnerActor,
): Promise<Partner> {
  return db.transaction(async (tx) => {
    const before = await findPartnerForUpdate(tx, partnerId);
    const decision = decide(before, command, clock.now());
    if (!decision.ok) throw new AppError(decision.code, decision.detail);
    const after = decision.events.reduce<Partner | null>(evolve, before);
    if (!after) throw new AppError('IDENTITY.PARTNER_NOT_FOUND', 'No partner with this id');
    if (decision.events.length === 0) return after;
    if (before) await savePartner(tx, after);
    else if (!(await insertPartner(tx, after))) {
      // the same id registered concurrently (a seed run twice at once): theirs stands, nothing to add
      const existing = await findPartnerForUpdate(tx, partnerId);
      if (existing) return existing;
      throw new AppError('IDENTITY.PARTNER_NOT_FOUND', 'No partner with this id');
    }
    const eventActor: Actor =
      actor.kind === 'admin' ? { kind: 'admin', id: actor.principal.id } : { kind: 'system', id: actor.id };
    await appendToOutbox(
      tx,
      decision.events.map((event) => toContractEvent(after, event, eventActor, clock)),
    );
    if (actor.kind === 'admin')
      await recordAudit(
        tx,
        {
          actor: actor.principal,
          action: actor.action,
          resourceType: 'partner',
          resourceId: partnerId,
          before,
          after,
        },
        clock,
      );
    return after;
  });
}
