import type { Actor, Hub } from '@zefy/contracts';
import { type Clock, createEvent, type DomainEvent } from '@zefy/platform';
import type { HubEvent } from './hubs.ts';

/** What other services learn of a hub: where it is, whether it serves and who issues its receipts, not its outline. */
const hubSummary = (hub: Hub) => ({
  hubId: hub.id,
  name: hub.name,
  city: hub.city,
  timezone: hub.timezone,
  isActive: hub.isActive,
  bbox: hub.bbox,
  taxIdentity: hub.taxIdentity,
});

/** The wire event of each domain event, in its envelope. */
export function toWireEvent(event: HubEvent, options: { actor: Actor; clock: Clock }): DomainEvent {
  switch (event.type) {
    case 'HubCreated':
      return createEvent('locations.hub_created', hubSummary(event.hub), options);
    case 'HubEdited':
      return createEvent(
        'locations.hub_updated',
        {
          ...hubSummary(event.hub),
          previousBbox: event.previous.bbox,
          previousIsActive: event.previous.isActive,
        },
        options,
      );
  }
}
