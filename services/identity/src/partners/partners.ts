import type { Partner, PartnerStatus } from '@zefy/contracts';
import { accept, assertNever, type Decider, refuse } from '@zefy/platform/domain';

/** What an admin edits; the phone is already normalised to E.164 by the caller. */
export interface PartnerProfile {
  name: string;
  phone: string;
  photoUrl: string | null;
  skills: string[];
  hubId: string;
}
type ProfileField = keyof PartnerProfile;
export const profileFields: readonly ProfileField[] = ['name', 'phone', 'photoUrl', 'skills', 'hubId'];

/** No partner yet (`null`), or the partner as registered and changed since. */
export type PartnerState = Partner | null;

export type PartnerCommand =
  | { type: 'RegisterPartner'; id: string; profile: PartnerProfile; status?: PartnerStatus }
  | { type: 'EditProfile'; changes: Partial<PartnerProfile> }
  | { type: 'ApprovePartner' }
  | { type: 'SuspendPartner'; reason: string };

export type PartnerEvent =
  | { type: 'PartnerRegistered'; partner: Partner }
  | { type: 'ProfileChanged'; changes: Partial<PartnerProfile>; at: string }
  | { type: 'PartnerApproved'; at: string }
  | { type: 'PartnerSuspended'; reason: string; at: string };

const tidyName = (name: string) => name.trim().replace(/\s+/g, ' ');

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && [...a].sort().every((value, index) => value === [...b].sort()[index])
    : a === b;

/** The fields that really change, normalised as they are stored. */
function realChanges(partner: Partner, changes: Partial<PartnerProfile>): Partial<PartnerProfile> {
  const changed: Partial<PartnerProfile> = {};
  for (const field of profileFields) {
    const value = changes[field];
    if (value === undefined) continue;
    const normalised = field === 'name' ? tidyName(String(value)) : value;
    if (!sameValue(normalised, partner[field])) Object.assign(changed, { [field]: normalised });
  }
  return changed;
}

/**
 * A partner's lifecycle: registered (pending unless the seed says otherwise), then approved, suspended and
 * approved again by admins. Repeating a command that changes nothing decides no events, so retries and
 * double clicks are harmless.
 */
export const partnerDecider: Decider<PartnerCommand, PartnerState, PartnerEvent> = {
  initialState: null,
  decide(command, partner, { now }) {
    const at = now.toISOString();
    if (command.type === 'RegisterPartner') {
      if (partner) return accept();
      const { profile } = command;
      return accept({
        type: 'PartnerRegistered',
        partner: {
          id: command.id,
          ...profile,
          name: tidyName(profile.name),
          skills: [...new Set(profile.skills)],
          status: command.status ?? 'pending',
          statusReason: null,
          createdAt: at,
          updatedAt: at,
        },
      });
    }
    if (!partner) return refuse('IDENTITY.PARTNER_NOT_FOUND', 'No partner with this id');
    switch (command.type) {
      case 'EditProfile': {
        const changes = realChanges(partner, command.changes);
        return Object.keys(changes).length > 0 ? accept({ type: 'ProfileChanged', changes, at }) : accept();
      }
      case 'ApprovePartner':
        return partner.status === 'approved' ? accept() : accept({ type: 'PartnerApproved', at });
      case 'SuspendPartner': {
        const reason = command.reason.trim();
        const isSame = partner.status === 'suspended' && partner.statusReason === reason;
        return isSame ? accept() : accept({ type: 'PartnerSuspended', reason, at });
      }
      default:
        return assertNever(command);
    }
  },
  evolve(partner, event) {
    if (event.type === 'PartnerRegistered') return partner ?? event.partner;
    // nothing happens to a partner that is not there
    if (!partner) return partner;
    switch (event.type) {
      case 'ProfileChanged':
        return { ...partner, ...event.changes, updatedAt: event.at };
      case 'PartnerApproved':
        return { ...partner, status: 'approved', statusReason: null, updatedAt: event.at };
      case 'PartnerSuspended':
        return { ...partner, status: 'suspended', statusReason: event.reason, updatedAt: event.at };
      default:
        return assertNever(event);
    }
  },
};

/** Only approved partners may log in to work; the refusal says why, since the phone is proven by then. */
export function loginRefusal(partner: Partner | null): string | null {
  if (!partner) return 'No partner account has this phone number';
  if (partner.status === 'pending') return 'Your partner account is waiting for approval by Zefy';
  if (partner.status === 'suspended') return 'Your partner account is suspended; contact Zefy support';
  return null;
}
