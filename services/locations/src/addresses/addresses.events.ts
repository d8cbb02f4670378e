import type { Actor } from '@zefy/contracts';
import { assertNever, type Clock, createEvent, type DomainEvent } from '@zefy/platform';
import type { AddressEvent, AddressRecord } from './addresses.ts';

/** What booking keeps of an address: its pin, default flag and hub, not the words the customer typed. */
const savedData = (address: AddressRecord) => ({
  addressId: address.id,
  customerId: address.customerId,
  label: address.label,
  lat: address.lat,
  lng: address.lng,
  isDefault: address.isDefault,
  hubId: address.hubId,
  isServiceable: address.hubId !== null,
});

/**
 * The wire events of domain events, in their envelopes: every change a customer makes is a snapshot
 * (`locations.address_saved`); a changed reason alone is not news to any other service.
 */
export function toWireEvents(
  events: readonly AddressEvent[],
  options: { actor: Actor; clock: Clock },
): DomainEvent[] {
  return events.flatMap((event): DomainEvent[] => {
    switch (event.type) {
      case 'AddressSaved':
      case 'AddressEdited':
      case 'AddressMadeDefault':
      case 'AddressNoLongerDefault':
        return [createEvent('locations.address_saved', savedData(event.address), options)];
      case 'AddressDeleted':
        return [
          createEvent(
            'locations.address_deleted',
            { addressId: event.address.id, customerId: event.address.customerId },
            options,
          ),
        ];
      case 'AddressResolved':
        return [
          createEvent(
            'locations.address_resolved',
            {
              addressId: event.address.id,
              customerId: event.address.customerId,
              previousHubId: event.previousHubId,
              hubId: event.address.hubId,
              isServiceable: event.address.hubId !== null,
            },
            options,
          ),
        ];
      case 'NotServiceableReasonChanged':
        return [];
      default:
        return assertNever(event);
    }
  });
}
