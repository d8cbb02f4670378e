import type { PartnerScheduleInput, Role } from '@zefy/contracts';
import { createLogger, type Infrastructure, ManualClock, newId, type RunningService } from '@zefy/platform';
import { startServiceHarness, type TestDatabase } from '@zefy/platform/testing';
import type { BBox } from '@zefy/rules';
import type { FastifyInstance } from 'fastify';
import type { BookingDeps } from '../src/deps.ts';
import { type BookingConfig, createBookingService } from '../src/index.ts';
import { presenceGeoKey, presenceKey } from '../src/presence/presence.store.ts';
import {
  type AddressProjection,
  addresses,
  customers,
  type HubProjection,
  hubs,
  type PartnerProjection,
  partners,
  type ServiceProjection,
  services,
  upsertProjection,
} from '../src/projections/projections.repository.ts';
import { saveSchedule } from '../src/schedule/schedule.repository.ts';

/** Monday 2026-03-02, 08:00 in Kolkata. */
export const mondayMorning = new Date('2026-03-02T02:30:00.000Z');
export const kolkata = 'Asia/Kolkata';
/** Around MG Road, Bengaluru. */
export const hubBbox: BBox = [77.4, 12.8, 77.8, 13.1];

export interface Harness {
  app: FastifyInstance;
  service: RunningService<BookingDeps>;
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
 * The booking service in the platform's service harness, with a hand-moved clock, over Redis when REDIS_URL
 * is set (CI's second pass) or the in-memory cache. Projections are seeded directly, as their consumers would
 * store them.
 */
export async function startBookingHarness(
  servers: { databaseUrl: string; redisUrl: string | undefined; logLevel?: string },
  options: { config?: Partial<BookingConfig>; database?: TestDatabase; clock?: ManualClock } = {},
): Promise<Harness> {
  const harness = await startServiceHarness(
    createBookingService({ config: { sweepIntervalMs: 600_000, ...options.config } }),
    {
      serverUrl: servers.databaseUrl,
      redisUrl: servers.redisUrl,
      clock: options.clock ?? new ManualClock(mondayMorning),
      logger: createLogger({ level: servers.logLevel ?? 'silent' }),
      ...(options.database ? { database: options.database } : {}),
    },
  );
  const { app, service, infra, clock } = harness;
  const db = service.context.db;
  const sourceAt = () => clock.now().toISOString();
  const hubIds = new Set<string>();

  return {
    app,
    service,
    infra,
    clock,
    databaseUrl: harness.databaseUrl,
    tokenFor: (role, id) => harness.tokenFor({ id, role }),
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
        taxIdentity: null,
        ...hub,
      };
      hubIds.add(value.id);
      await db.transaction((tx) => upsertProjection(tx, hubs, value, sourceAt()));
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
      await db.transaction((tx) => upsertProjection(tx, services, value, sourceAt()));
      return value;
    },
    async seedPartner(partner) {
      const value: PartnerProjection = {
        id: newId(),
        status: 'approved',
        name: 'Asha',
        phone: '+919800000002',
        photoUrl: null,
        ...partner,
      };
      await db.transaction((tx) => upsertProjection(tx, partners, value, sourceAt()));
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
        await upsertProjection(tx, addresses, value, sourceAt());
        await upsertProjection(tx, customers, { id: value.customerId, phone: '+919800000001' }, sourceAt());
      });
      return value;
    },
    async seedSchedule(partnerId, schedule) {
      await saveSchedule(db.pool, partnerId, schedule, clock.now());
    },
    async stop() {
      const keys = [...hubIds].flatMap((id) => [presenceKey(id), presenceGeoKey(id)]);
      if (keys.length > 0) await infra.cache.del(...keys);
      await harness.stop();
    },
  };
}
