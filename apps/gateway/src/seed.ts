import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bookingService, seedBooking } from '@zefy/booking';
import { catalogService, seedCatalog } from '@zefy/catalog';
import { demoCity } from '@zefy/demo-city';
import { identityService, seedIdentity } from '@zefy/identity';
import { locationsService, seedLocations } from '@zefy/locations';
import { type Logger, type RunningService, runningInstanceOf } from '@zefy/platform';

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
  const seeders: Record<string, () => Promise<{ applied: boolean }> | null> = {
    catalog: () => {
      const catalog = runningInstanceOf(services, catalogService);
      return catalog ? seedCatalog(catalog.deps, { name: demoCity.name, ...demoCity.catalog }) : null;
    },
    locations: () => {
      const locations = runningInstanceOf(services, locationsService);
      return locations ? seedLocations(locations.deps, { name: demoCity.name, ...demoCity.locations }) : null;
    },
    identity: () => {
      const identity = runningInstanceOf(services, identityService);
      if (!identity) return null;
      const { partners, customers } = demoCity.identity;
      return seedIdentity(identity.deps, {
        staff: [{ ...admin, role: 'admin' }],
        partners,
        customers,
      }).then((created) => ({ applied: wasApplied(created) }));
    },
    booking: () => {
      const booking = runningInstanceOf(services, bookingService);
      return booking ? seedBooking(booking.deps, { name: demoCity.name, ...demoCity.booking }) : null;
    },
  };
  const outcomes: SeedReport['outcomes'] = {};
  for (const [name, seed] of Object.entries(seeders)) {
    const seeding = seed();
    outcomes[name] =
      seeding === null ? 'not-in-this-process' : (await seeding).applied ? 'applied' : 'already-seeded';
  }
  logger.info({ seed: demoCity.name, outcomes }, 'demo city seeding done');
  return { outcomes, admin };
}

export const demoCitySummary = () =>
  `Bengaluru: ${demoCity.locations.hubs.length} hubs, ${demoCity.catalog.services.length} services, ${demoCity.identity.partners.length} partners with working hours, ${demoCity.identity.customers.length} customers`;
