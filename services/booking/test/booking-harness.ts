import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PartnerScheduleInput, Role } from '@zefy/contracts';
import {
  createHttpApp,
  createInfrastructure,
  createLogger,
  type Infrastructure,
  loadConfig,
  ManualClock,
  newId,
  PlatformEnv,
  type RunningService,
  startService,
} from '@zefy/platform';
import { createTestDatabase, type TestDatabase, uniqueName } from '@zefy/platform/testing';
import type { FastifyInstance } from 'fastify';
import { type BookingConfig, createBookingService } from '../src/index.ts';
import { presenceGeoKey, presenceKey } from '../src/presence/presence.store.ts';
import {
  type AddressProjection,
  type HubProjection,
  type PartnerProjection,
  type ServiceProjection,
  upsertAddress,
  upsertCustomer,
  upsertHub,
  upsertPartner,
  upsertService,
} from '../src/projections/projections.repository.ts';
import { saveSchedule } from '../src/schedule/schedule.repository.ts';

/** Monday 2026-03-02, 08:00 in Kolkata. */
export const mondayMorning = new Date('2026-03-02T02:30:00.000Z');
export const kolkata = 'Asia/Kolkata';
/** Around MG Road, Bengaluru. */
export const hubBbox = [77.4, 12.8, 77.8, 13.1] as const;

export interface Harness {
  app: FastifyInstance;
  service: RunningService;
  infra: Infrastructure;
  clock: ManualClock;
  databaseUrl: string;
  tokenFor(role: Role, id: string): Promise<string>;
  request(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    options?: { token?: string; body?: unknown; idempotencyKey?: string },
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }>;
  seedHub(hub?: Partial<HubProjection>): Promise<HubProjection>;
  seedService(service?: Partial<ServiceProjection>): Promise<ServiceProjection>;
  seedPartner(
    partner: Partial<PartnerProjection> & { hubId: string; skills: string[] },
  ): Promise<PartnerProjection>;
  seedAddress(address: Partial<AddressProjection> & { customerId: string }): Promise<AddressProjection>;
  seedSchedule(partnerId: string, schedule: PartnerScheduleInput): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The booking service alone, on a fresh database of the test server, with a hand-moved clock, over Redis
 * when REDIS_URL is set (CI's second pass) or the in-memory cache. Projections are seeded directly, as their
 * consumers would store them.
 */
export async function startBookingHarness(
  servers: { databaseUrl: string; redisUrl: string | undefined; logLevel?: string },
  options: { config?: Partial<BookingConfig>; database?: TestDatabase; clock?: ManualClock } = {},
): Promise<Harness> {
  const database = options.database ?? (await createTestDatabase(servers.databaseUrl));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-booking-'));
  const logger = createLogger({ level: servers.logLevel ?? 'silent' });
  const clock = options.clock ?? new ManualClock(mondayMorning);
  const env = loadConfig(PlatformEnv, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: servers.redisUrl,
    NAMESPACE: uniqueName('bk'),
    JWT_SECRET: `test-secret-${newId()}-${newId()}`,
    DATA_DIR: dataDir,
  });
  const infra = await createInfrastructure(env, { processName: 'booking-test', logger, clock });
  const module = createBookingService({ config: { sweepIntervalMs: 600_000, ...options.config } });
  const service = await startService(module, infra, { poolSize: 10 });
  const app = createHttpApp({ logger, tokens: infra.tokens });
  await app.register(async (scope) => module.registerRoutes(scope, service.context));
  await app.ready();
  const db = service.context.db;
  const sourceAt = () => clock.now().toISOString();
  const hubIds = new Set<string>();

  return {
    app,
    service,
    infra,
    clock,
    databaseUrl: database.url,
    async tokenFor(role, id) {
      // identity opens sessions; here a session is registered directly, as identity would
      const sessionId = newId();
      await infra.sessions.open(sessionId, { id, role }, 3600_000);
      return infra.tokens.issueAccessToken({ principal: { id, role }, sessionId });
    },
    async request(method, url, requestOptions = {}) {
      const response = await app.inject({
        method,
        url,
        headers: {
          ...(requestOptions.token ? { authorization: `Bearer ${requestOptions.token}` } : {}),
          ...(requestOptions.idempotencyKey ? { 'idempotency-key': requestOptions.idempotencyKey } : {}),
        },
        ...(requestOptions.body !== undefined ? { payload: requestOptions.body as object } : {}),
      });
      return {
        status: response.statusCode,
        body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {},
        headers: response.headers,
      };
    },
    async seedHub(hub = {}) {
      const value: HubProjection = {
        id: newId(),
        name: 'Central',
        timezone: kolkata,
        isActive: true,
        bbox: hubBbox,
        ...hub,
      };
      hubIds.add(value.id);
      await db.transaction((tx) => upsertHub(tx, value, sourceAt()));
      return value;
    },
    async seedService(service = {}) {
      const value: ServiceProjection = {
        id: newId(),
        name: 'Bathroom cleaning',
        skill: 'cleaning',
        includedMinutes: 60,
        basePricePaise: 49_900,
        graceMinutes: 10,
        extraBlockMinutes: 30,
        extraBlockPricePaise: 19_900,
        taxRateBasisPoints: 1800,
        isActive: true,
        ...service,
      };
      await db.transaction((tx) => upsertService(tx, value, sourceAt()));
      return value;
    },
    async seedPartner(partner) {
      const value: PartnerProjection = {
        id: newId(),
        status: 'approved',
        name: 'Asha',
        ...partner,
      };
      await db.transaction((tx) => upsertPartner(tx, value, sourceAt()));
      return value;
    },
    async seedAddress(address) {
      const value: AddressProjection = {
        id: newId(),
        hubId: null,
        isServiceable: true,
        lat: 12.9756,
        lng: 77.6066,
        isDeleted: false,
        ...address,
      };
      await db.transaction(async (tx) => {
        await upsertAddress(tx, value, sourceAt());
        await upsertCustomer(tx, { id: value.customerId, phone: '+919800000001' }, sourceAt());
      });
      return value;
    },
    async seedSchedule(partnerId, schedule) {
      await saveSchedule(db.pool, partnerId, schedule, clock.now());
    },
    async stop() {
      await app.close();
      await service.stop();
      const keys = [...hubIds].flatMap((id) => [presenceKey(id), presenceGeoKey(id)]);
      if (keys.length > 0) await infra.cache.del(...keys);
      await infra.close();
      if (!options.database) await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
