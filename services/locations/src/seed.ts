import type { GeoPolygon, HubTaxIdentity } from '@zefy/contracts';
import { importAddresses } from './addresses/addresses.commands.ts';
import type { LocationsDeps } from './deps.ts';
import { importHubs } from './hubs/hubs.commands.ts';
import { claimSeed } from './hubs/hubs.repository.ts';

export interface LocationsSeed {
  /** Names the data set in the seed marker: the same name is applied once per database. */
  name: string;
  hubs: ReadonlyArray<{
    id: string;
    name: string;
    city: string;
    timezone: string;
    polygon: GeoPolygon;
    taxIdentity?: HubTaxIdentity | null;
  }>;
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
export function seedLocations(deps: LocationsDeps, seed: LocationsSeed): Promise<{ applied: boolean }> {
  const actor = { kind: 'system' as const, id: 'seed' };
  return deps.db.transaction(async (tx) => {
    if (!(await claimSeed(tx, seed.name))) return { applied: false };
    await importHubs(deps, tx, seed.hubs, actor);
    await importAddresses(deps, tx, seed.addresses, actor);
    return { applied: true };
  });
}
