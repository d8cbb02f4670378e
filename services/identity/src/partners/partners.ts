import type { ErrorCode, Partner, PartnerStatus } from '@zefy/contracts';

/** What an admin edits; the phone is already normalised to E.164 by the caller. */
export interface PartnerProfile {
  name: string;
  phone: string;
  photoUrl: string | null;
  skills: string[];
  hubId: string;
}
type ProfileField = keyof PartnerProfile;
const profileFields: readonly ProfileField[] = ['name', 'phone', 'photoUrl', 'skills', 'hubId'];

export type PartnerCommand =
  | { type: 'register'; id: string; profile: PartnerProfile; status?: PartnerStatus }
  | { type: 'update'; changes: Partial<PartnerProfile> }
  | { type: 'approve' }
  | { type: 'suspend'; reason: string };

export type PartnerEvent =
  | { type: 'registered'; partner: Partner }
  | { type: 'profile_changed'; changes: Partial<PartnerProfile>; at: string }
  | { type: 'approved'; at: string }
  | { type: 'suspended'; reason: string; at: string };

export type PartnerDecision =
  | { ok: true; events: PartnerEvent[] }
  | { ok: false; code: ErrorCode; detail: string };

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && [...a].sort().every((value, index) => value === [...b].sort()[index])
    : a === b;

/**
 * A partner's lifecycle: registered (pending unless the seed says otherwise), then approved, suspended and
 * approved again by admins. Repeating a command that changes nothing decides no events, so retries and
 * double clicks are harmless.
 */
export function decide(state: Partner | null, command: PartnerCommand, now: Date): PartnerDecision {
  const at = now.toISOString();
  if (command.type === 'register') {
    if (state) return { ok: true, events: [] };
    const profile = { ...command.profile, name: command.profile.name.trim().replace(/\s+/g, ' ') };
    return {
      ok: true,
      events: [
        {
          type: 'registered',
          partner: {
            id: command.id,
            ...profile,
            skills: [...new Set(profile.skills)],
            status: command.status ?? 'pending',
            statusReason: null,
            createdAt: at,
            updatedAt: at,
          },
        },
      ],
    };
  }
  if (!state) return { ok: false, code: 'IDENTITY.PARTNER_NOT_FOUND', detail: 'No partner with this id' };
  switch (command.type) {
    case 'update': {
      const changes: Partial<PartnerProfile> = {};
      for (const field of profileFields) {
        const value = command.changes[field];
        if (value === undefined) continue;
        const normalised = field === 'name' ? String(value).trim().replace(/\s+/g, ' ') : value;
        if (!sameValue(normalised, state[field])) Object.assign(changes, { [field]: normalised });
      }
      return {
        ok: true,
        events: Object.keys(changes).length > 0 ? [{ type: 'profile_changed', changes, at }] : [],
      };
    }
    case 'approve':
      return { ok: true, events: state.status === 'approved' ? [] : [{ type: 'approved', at }] };
    case 'suspend': {
      const reason = command.reason.trim();
      const isSame = state.status === 'suspended' && state.statusReason === reason;
      return { ok: true, events: isSame ? [] : [{ type: 'suspended', reason, at }] };
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown partner command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: Partner | null, event: PartnerEvent): Partner {
  if (event.type === 'registered') return event.partner;
  if (!state) throw new Error(`${event.type} before registered`);
  switch (event.type) {
    case 'profile_changed':
      return { ...state, ...event.changes, updatedAt: event.at };
    case 'approved':
      return { ...state, status: 'approved', statusReason: null, updatedAt: event.at };
    case 'suspended':
      return { ...state, status: 'suspended', statusReason: event.reason, updatedAt: event.at };
    default: {
      const unknown: never = event;
      throw new Error(`unknown partner event ${JSON.stringify(unknown)}`);
    }
  }
}

/** Names of the public fields an event changed, for `identity.partner_updated`. */
export function changedFields(event: PartnerEvent): string[] {
  switch (event.type) {
    case 'registered':
      return [...profileFields, 'status'];
    case 'profile_changed':
      return Object.keys(event.changes);
    case 'approved':
    case 'suspended':
      return ['status'];
    default: {
      const unknown: never = event;
      throw new Error(`unknown partner event ${JSON.stringify(unknown)}`);
    }
  }
}

/** Only approved partners may log in to work; the refusal says why, since the phone is proven by then. */
export function loginRefusal(partner: Partner | null): string | null {
  if (!partner) return 'No partner account has this phone number';
  if (partner.status === 'pending') return 'Your partner account is waiting for approval by Zefy';
  if (partner.status === 'suspended') return 'Your partner account is suspended; contact Zefy support';
  return null;
}
