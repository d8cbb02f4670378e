import {
  appendToOutbox,
  createEvent,
  type DomainEvent,
  handleOnce,
  isEvent,
  type ServiceContext,
  type Subscription,
} from '@zefy/platform';
import type { BBox } from '@zefy/rules';
import { lockAddressesAffectedBy, saveResolution } from '../addresses/addresses.repository.ts';
import { resolvePin } from './hub-index.ts';
import { lockHubMapForRead } from './hubs.repository.ts';
import type { HubResolver } from './hubs.resolver.ts';

export const reResolveGroup = 'locations.re-resolve';

/**
 * A hub created or edited can move addresses in or out of service: every address pinned in its old or new
 * bounding box, or mapped to it, is resolved again (once per event, whatever the bus redelivers). Each one
 * whose hub changed publishes locations.address_resolved, and its owner's app hears it on `user:<id>`.
 */
export function hubSubscriptions(context: ServiceContext, resolver: HubResolver): Subscription[] {
  const { db, clock } = context;
  return [
    {
      group: reResolveGroup,
      eventTypes: ['locations.hub_created', 'locations.hub_updated'],
      async handler(event) {
        let boxes: [BBox, BBox];
        let hubId: string;
        if (isEvent(event, 'locations.hub_created')) {
          boxes = [event.data.bbox, event.data.bbox];
          hubId = event.data.hubId;
        } else if (isEvent(event, 'locations.hub_updated')) {
          boxes = [event.data.bbox, event.data.previousBbox];
          hubId = event.data.hubId;
        } else return;
        const moved: Array<DomainEvent<'locations.address_resolved'>> = [];
        const isFirstDelivery = await handleOnce(db, reResolveGroup, event, async (tx) => {
          await lockHubMapForRead(tx);
          const index = await resolver.index(tx);
          const now = clock.now();
          for (const address of await lockAddressesAffectedBy(tx, hubId, boxes)) {
            const resolution = resolvePin(index, [address.lng, address.lat]);
            if (
              resolution.hubId === address.hubId &&
              resolution.notServiceableReason === address.notServiceableReason
            )
              continue;
            await saveResolution(tx, address.id, resolution, now);
            if (resolution.hubId === address.hubId) continue;
            moved.push(
              createEvent(
                'locations.address_resolved',
                {
                  addressId: address.id,
                  customerId: address.customerId,
                  previousHubId: address.hubId,
                  hubId: resolution.hubId,
                  isServiceable: resolution.hubId !== null,
                },
                { actor: { kind: 'system', id: reResolveGroup }, clock },
              ),
            );
          }
          await appendToOutbox(tx, moved);
        });
        if (!isFirstDelivery) return;
        for (const resolved of moved) {
          const channel = `user:${resolved.data.customerId}`;
          await context.realtime.publish(channel, { type: 'event', channel, event: resolved });
        }
      },
    },
  ];
}
