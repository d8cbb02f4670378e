import { channels } from '@zefy/contracts';
import { onEvents, pushEvents, type Subscription } from '@zefy/platform';
import type { LocationsDeps } from '../deps.ts';
import { reResolveAddresses } from './addresses.commands.ts';

export const reResolveGroup = 'locations.re-resolve';
export const locationsRealtimeGroup = 'locations.realtime';

/**
 * Resolves addresses again when a hub is created or edited (once per event, whatever the bus redelivers),
 * and tells the owner's app of each address that moved to another hub or out of service.
 */
export function addressSubscriptions(deps: LocationsDeps): Subscription[] {
  const actor = { kind: 'system' as const, id: reResolveGroup };
  return [
    onEvents(deps.db, reResolveGroup, {
      'locations.hub_created': (data, tx) =>
        reResolveAddresses(deps, tx, { hubId: data.hubId, boxes: [data.bbox, data.bbox] }, actor),
      'locations.hub_updated': (data, tx) =>
        reResolveAddresses(deps, tx, { hubId: data.hubId, boxes: [data.bbox, data.previousBbox] }, actor),
    }),
    pushEvents(deps, locationsRealtimeGroup, {
      'locations.address_resolved': (data) => [channels.user(data.customerId)],
    }),
  ];
}
