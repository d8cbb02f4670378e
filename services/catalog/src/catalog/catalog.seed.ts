import type { NewCatalogCategory } from '@zefy/contracts';
import type { CatalogDeps } from '../deps.ts';
import { toWireEvent } from './catalog.events.ts';
import { claimSeed, insertCategory, insertService } from './catalog.repository.ts';
import { planNewCategory, type ServiceRecord } from './catalog.ts';

export interface CatalogSeed {
  /** Names the data set in the seed marker: the same name is applied once per database. */
  name: string;
  categories: ReadonlyArray<Required<NewCatalogCategory>>;
  services: ReadonlyArray<Omit<ServiceRecord, 'isActive' | 'createdAt' | 'updatedAt'>>;
}

/**
 * Applies a data set once (a seed marker in the same transaction), with the ids it carries, so that other
 * services' data can refer to them. Entries that already exist (same id or name) are left as they are; every
 * service inserted publishes catalog.service_created like an admin's would.
 */
export async function seedCatalog(deps: CatalogDeps, seed: CatalogSeed): Promise<{ applied: boolean }> {
  const { db, clock } = deps;
  const actor = { kind: 'system' as const, id: 'seed' };
  return db.transaction(async (tx) => {
    if (!(await claimSeed(tx, seed.name))) return { applied: false };
    const now = clock.now();
    for (const category of seed.categories) {
      await insertCategory(tx, planNewCategory(category, now), { onConflict: 'skip' });
    }
    for (const entry of seed.services) {
      const service: ServiceRecord = {
        ...entry,
        isActive: true,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      const event = toWireEvent({ type: 'ServiceCreated', service }, { actor, clock });
      await insertService(tx, service, [event], { onConflict: 'skip' });
    }
    return { applied: true };
  });
}
