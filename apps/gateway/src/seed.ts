import { seedCatalog } from '@zefy/catalog';
import { demoCity } from '@zefy/demo-city';
import { seedLocations } from '@zefy/locations';
import type { Logger, RunningService, ServiceContext } from '@zefy/platform';

type Seeder = (context: ServiceContext) => Promise<{ applied: boolean }>;

export interface SeedReport {
  /** Per service: applied now, already there, or not running in this process. */
  outcomes: Record<string, 'applied' | 'already-seeded' | 'not-in-this-process'>;
}

/** Identity (admin, partners, customers) is seeded when that module is installed; it is built separately. */
const identityModule = '@zefy/identity';

async function identitySeeder(): Promise<Seeder | undefined> {
  let loaded: unknown;
  try {
    loaded = await import(identityModule);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  const seedIdentity = (loaded as { seedIdentity?: unknown }).seedIdentity;
  if (typeof seedIdentity !== 'function') return undefined;
  return async (context) => {
    // partners and customers; the admin account itself comes from identity's own configuration
    const result: unknown = await (
      seedIdentity as (context: ServiceContext, data: unknown) => Promise<unknown>
    )(context, { name: demoCity.name, ...demoCity.identity });
    return { applied: wasApplied(result) };
  };
}

/** `{ applied }`, or counts of what was created (`{ partners: 35, … }`): anything created means applied. */
export function wasApplied(result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return false;
  if ('applied' in result) return result.applied === true;
  return Object.values(result).some((value) => typeof value === 'number' && value > 0);
}

/**
 * Seeds the demo city (Bengaluru) into every service running in this process, each once per database (a
 * seed marker per service). Order matters only for readability: every data set carries its own ids.
 */
export async function seedDemoCity(services: readonly RunningService[], logger: Logger): Promise<SeedReport> {
  const seeders: Record<string, Seeder> = {
    catalog: (context) => seedCatalog(context, { name: demoCity.name, ...demoCity.catalog }),
    locations: (context) => seedLocations(context, { name: demoCity.name, ...demoCity.locations }),
  };
  const identity = await identitySeeder();
  if (identity) seeders.identity = identity;
  const outcomes: SeedReport['outcomes'] = {};
  for (const [name, seed] of Object.entries(seeders)) {
    const service = services.find((running) => running.module.name === name);
    if (!service) {
      outcomes[name] = 'not-in-this-process';
      continue;
    }
    const { applied } = await seed(service.context);
    outcomes[name] = applied ? 'applied' : 'already-seeded';
  }
  logger.info({ seed: demoCity.name, outcomes }, 'demo city seeding done');
  return { outcomes };
}

export const demoCitySummary = () =>
  `Bengaluru: ${demoCity.locations.hubs.length} hubs, ${demoCity.catalog.services.length} services, ${demoCity.identity.partners.length} partners, ${demoCity.identity.customers.length} customers`;
