import type { Actor, Partner } from '@zefy/contracts';
import { type Clock, createEvent, type DomainEvent } from '@zefy/platform';
import { type PartnerEvent, profileFields } from './partners.ts';

/** Every wire event carries the whole partner as it became; the domain event says only what changed. */
const snapshot = (partner: Partner) => ({
  partnerId: partner.id,
  name: partner.name,
  phone: partner.phone,
  photoUrl: partner.photoUrl,
  skills: partner.skills,
  hubId: partner.hubId,
  status: partner.status,
});

/** Names of the public fields an event changed, for `identity.partner_updated`. */
export function changedFields(event: PartnerEvent): string[] {
  switch (event.type) {
    case 'PartnerRegistered':
      return [...profileFields, 'status'];
    case 'ProfileChanged':
      return Object.keys(event.changes);
    case 'PartnerApproved':
    case 'PartnerSuspended':
      return ['status'];
  }
}

/** The wire event of a domain event, given the partner it left. */
export function toWireEvent(
  event: PartnerEvent,
  partner: Partner,
  options: { actor: Actor; clock: Clock },
): DomainEvent {
  return event.type === 'PartnerRegistered'
    ? createEvent('identity.partner_created', snapshot(partner), options)
    : createEvent(
        'identity.partner_updated',
        { ...snapshot(partner), changed: changedFields(event) },
        options,
      );
}
