import type { GeoPolygon } from '@zefy/contracts';
import { appendToOutbox, createEvent, type ServiceContext, unwrap } from '@zefy/platform';
import { insertAddress } from './addresses/addresses.repository.ts';
import { addressSavedEvent } from './addresses/addresses.routes.ts';
import { planNewAddress } from './addresses/addresses.ts';
import { resolvePin } from './hubs/hub-index.ts';
import { claimSeed, insertHub, lockHubMapForRead } from './hubs/hubs.repository.ts';
import type { HubResolver } from './hubs/hubs.resolver.ts';
import { hubCreatedData } from './hubs/hubs.routes.ts';
import { planNewHub } from './hubs/hubs.ts';

export interface LocationsSeed {
  /** Names the data set in the seed marker: the same name is applied once per database. */
  name: string;
  hubs: ReadonlyArray<{ id: string; name: string; city: string; timezone: string; polygon: GeoPolygon }>;
  addresses: ReadonlyArray<{
    id: string;
    customerId: string;
    label: string;
    line1: string;
    landmark: string | null;
    lat: number;
    lng: number;
    isDefault: boolean;
  }>;
}

/**
 * Applies a data set once (a seed marker in the same transaction): hubs first, then addresses resolved
 * against them, through the same rules and events as the API. Invalid seed data fails loudly.
 */
export async function seedLocationsWith(
  context: ServiceContext,
  resolver: HubResolver,
  seed: LocationsSeed,
): Promise<{ applied: boolean }> {
  const { db, clock } = context;
  const actor = { kind: 'system' as const, id: 'seed' };
  return db.transaction(async (tx) => {
    if (!(await claimSeed(tx, seed.name))) return { applied: false };
    const now = clock.now();
    for (const entry of seed.hubs) {
      const hub = unwrap(planNewHub(entry, { id: entry.id, now }));
      const event = createEvent('locations.hub_created', hubCreatedData(hub), { actor, clock });
      await insertHub(tx, hub, event, { onConflict: 'skip' });
    }
    await lockHubMapForRead(tx);
    const index = await resolver.index(tx);
    for (const entry of seed.addresses) {
      const address = unwrap(
        planNewAddress(entry, {
          id: entry.id,
          customerId: entry.customerId,
          now,
          // the data set marks each customer's one default itself
          isFirst: false,
          resolve: (lat, lng) => resolvePin(index, [lng, lat]),
        }),
      );
      if (await insertAddress(tx, address, { onConflict: 'skip' }))
        await appendToOutbox(tx, [addressSavedEvent(address, { actor, clock })]);
    }
    return { applied: true };
  });
}
