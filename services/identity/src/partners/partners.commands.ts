import type { Actor, NewPartner, Partner, PartnerPatch, PartnerStatus, Principal } from '@zefy/contracts';
import { AppError, appendToOutbox, decideOrThrow, newId, recordAudit } from '@zefy/platform';
import type { IdentityDeps } from '../deps.ts';
import { requirePhone } from '../phone/phone.input.ts';
import { toWireEvent } from './partners.events.ts';
import { findPartnerForUpdate, insertPartner, savePartner } from './partners.repository.ts';
import { type PartnerCommand, type PartnerProfile, partnerDecider } from './partners.ts';

/** Who asks: an admin (audited) or the system (the seed, not audited: no person acted). */
type PartnerActor = { kind: 'admin'; principal: Principal; action: string } | { kind: 'system'; id: string };

type CommandDeps = Pick<IdentityDeps, 'db' | 'clock'>;

/**
 * Runs a partner command in one transaction: lock the row, decide, save, and write the events to the outbox
 * and the admin's action to the audit log, so all of it commits or none does.
 */
function runPartnerCommand(
  { db, clock }: CommandDeps,
  partnerId: string,
  command: PartnerCommand,
  actor: PartnerActor,
): Promise<Partner> {
  const eventActor: Actor =
    actor.kind === 'admin' ? { kind: 'admin', id: actor.principal.id } : { kind: 'system', id: actor.id };
  return db.transaction(async (tx) => {
    const before = await findPartnerForUpdate(tx, partnerId);
    const { state: after, events } = decideOrThrow(partnerDecider, command, before, {
      actor: eventActor,
      now: clock.now(),
    });
    if (!after) throw new Error('a decided partner command left no partner');
    if (events.length === 0) return after;
    if (before) await savePartner(tx, after);
    else if (!(await insertPartner(tx, after))) {
      // the same id registered concurrently (a seed run twice at once): theirs stands, nothing to add
      const existing = await findPartnerForUpdate(tx, partnerId);
      if (existing) return existing;
      throw new AppError('IDENTITY.PARTNER_NOT_FOUND', 'No partner with this id');
    }
    await appendToOutbox(
      tx,
      events.map((event) => toWireEvent(event, after, { actor: eventActor, clock })),
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

const profileOf = (input: NewPartner): PartnerProfile => ({
  name: input.name,
  phone: requirePhone(input.phone),
  photoUrl: input.photoUrl ?? null,
  skills: input.skills,
  hubId: input.hubId,
});

function profileChanges(patch: PartnerPatch): Partial<PartnerProfile> {
  const { phone, ...rest } = patch;
  return { ...rest, ...(phone !== undefined ? { phone: requirePhone(phone) } : {}) };
}

export function registerPartner(
  deps: IdentityDeps,
  input: NewPartner,
  principal: Principal,
): Promise<Partner> {
  const id = newId();
  return runPartnerCommand(
    deps,
    id,
    { type: 'RegisterPartner', id, profile: profileOf(input) },
    { kind: 'admin', principal, action: 'partner.created' },
  );
}

export const editPartner = (
  deps: IdentityDeps,
  partnerId: string,
  patch: PartnerPatch,
  principal: Principal,
) =>
  runPartnerCommand(
    deps,
    partnerId,
    { type: 'EditProfile', changes: profileChanges(patch) },
    { kind: 'admin', principal, action: 'partner.updated' },
  );

export const approvePartner = (deps: IdentityDeps, partnerId: string, principal: Principal) =>
  runPartnerCommand(
    deps,
    partnerId,
    { type: 'ApprovePartner' },
    { kind: 'admin', principal, action: 'partner.approved' },
  );

/** Suspends and ends the partner's sessions on every instance. */
export async function suspendPartner(
  deps: IdentityDeps,
  partnerId: string,
  reason: string,
  principal: Principal,
): Promise<Partner> {
  const partner = await runPartnerCommand(
    deps,
    partnerId,
    { type: 'SuspendPartner', reason },
    { kind: 'admin', principal, action: 'partner.suspended' },
  );
  // after the commit, and on a repeated request too, so a failure here is healed by retrying
  await deps.sessions.revokeAllOf(partner.id, 'partner_suspended');
  return partner;
}

/** Seed data with its own id and status, through the same decider and events (not audited). */
export const importPartner = (deps: CommandDeps, entry: NewPartner & { id: string; status: PartnerStatus }) =>
  runPartnerCommand(
    deps,
    entry.id,
    { type: 'RegisterPartner', id: entry.id, profile: profileOf(entry), status: entry.status },
    { kind: 'system', id: 'seed' },
  );
