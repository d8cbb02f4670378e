import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seedCatalog } from '@zefy/catalog';
import { demoCity } from '@zefy/demo-city';
import { seedIdentity } from '@zefy/identity';
import { seedLocations } from '@zefy/locations';
import type { Logger, RunningService, ServiceContext } from '@zefy/platform';

type Seeder = (context: ServiceContext) => Promise<{ applied: boolean }>;

export interface SeedReport {
  /** Per service: applied now, already there, or not running in this process. */
  outcomes: Record<string, 'applied' | 'already-seeded' | 'not-in-this-process'>;
  /** The demo admin's login; only ever shown by a process of the embedded, single-laptop mode. */
  admin: { email: string; password: string };
}

/**
 * The demo admin's password: random on the first seed, then kept beside the embedded database so every start
 * can print it (never a password in the code).
 */
async function demoAdminPassword(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, 'demo-admin-password');
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (existing) return existing;
  const password = randomBytes(12).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, password, { mode: 0o600 });
  return password;
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
export async function seedDemoCity(
  services: readonly RunningService[],
  options: { logger: Logger; dataDir: string },
): Promise<SeedReport> {
  const { logger } = options;
  const admin = { email: demoCity.identity.admin.email, password: await demoAdminPassword(options.dataDir) };
  const seeders: Record<string, Seeder> = {
    catalog: (context) => seedCatalog(context, { name: demoCity.name, ...demoCity.catalog }),
    locations: (context) => seedLocations(context, { name: demoCity.name, ...demoCity.locations }),
    identity: async (context) => {
      const { partners, customers } = demoCity.identity;
      const created = await seedIdentity(context, {
        staff: [{ ...admin, role: 'admin' }],
        partners,
        customers,
      });
      return { applied: wasApplied(created) };
    },
  };
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
  return { outcomes, admin };
}

export const demoCitySummary = () =>
  `Bengaluru: ${demoCity.locations.hubs.length} hubs, ${demoCity.catalog.services.length} services, ${demoCity.identity.partners.length} partners, ${demoCity.identity.customers.length} customers`;
