import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { categoryStatsGroup } from '@zefy/catalog';
import type { Address, Hub } from '@zefy/contracts';
import { reResolveGroup } from '@zefy/locations';
import { inboxGroup } from '@zefy/notifications';
import { createTestDatabase, type TestDatabase, uniqueName } from '@zefy/platform/testing';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { loginByOtp, randomPhone } from '../support/identity.ts';
import { type Spawned, spawnTs } from '../support/process.ts';
import { deleteRabbitNamespace } from '../support/rabbitmq.ts';

const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/;
const processes: Spawned[] = [];
let database: TestDatabase;
let dataDir: string;
let gatewayUrl: string;
let instanceUrls: string[];
const jwtSecret = `distributed-${randomUUID()}-${randomUUID()}`;
const namespace = uniqueName('dist');
const staff = { email: 'dist-admin@zefy.test', password: `pw-${randomUUID()}` };

beforeAll(async () => {
  database = await createTestDatabase(process.env.DATABASE_URL as string);
  dataDir = await mkdtemp(path.join(tmpdir(), 'zefy-dist-'));
  const env = {
    DATABASE_URL: database.url,
    RABBITMQ_URL: process.env.RABBITMQ_URL,
    REDIS_URL: process.env.REDIS_URL,
    JWT_SECRET: jwtSecret,
    NAMESPACE: namespace,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    PORT: '0',
  };
  const instances = [
    spawnTs('services/locations/src/main.ts', env),
    spawnTs('services/locations/src/main.ts', env),
  ];
  processes.push(...instances);
  instanceUrls = await Promise.all(
    instances.map(async (instance) => (await instance.waitFor(listening))[1] as string),
  );
  const gateway = spawnTs('apps/gateway/src/main.ts', {
    ...env,
    LOCATIONS_URLS: instanceUrls.join(','),
    ADMIN_EMAIL: staff.email,
    ADMIN_PASSWORD: staff.password,
  });
  processes.push(gateway);
  gatewayUrl = (await gateway.waitFor(listening))[1] as string;
});

afterAll(async () => {
  const exits = await Promise.all(processes.map((child) => child.stop()));
  await database?.drop();
  await deleteRabbitNamespace(process.env.RABBITMQ_URL as string, namespace, [
    categoryStatsGroup,
    reResolveGroup,
    inboxGroup,
  ]);
  await rm(dataDir, { recursive: true, force: true });
  expect(exits.every((exit) => exit.code === 0)).toBe(true);
});

type Position = [number, number];
const rect = (minLng: number, minLat: number, maxLng: number, maxLat: number): Position[] => [
  [minLng, minLat],
  [maxLng, minLat],
  [maxLng, maxLat],
  [minLng, maxLat],
  [minLng, minLat],
];

it('sees a hub edited through one instance on the other, and re-resolves addresses once per event', async () => {
  const login = await apiAt(gatewayUrl)('/api/v1/auth/password', { method: 'POST', json: staff });
  expect(login.status).toBe(200);
  const admin = ((await login.json()) as { accessToken: string }).accessToken;
  const customer = (await loginByOtp(gatewayUrl, randomPhone(), 'customer')).accessToken;
  const [first, second] = instanceUrls.map(apiAt) as [ReturnType<typeof apiAt>, ReturnType<typeof apiAt>];
  const resolveOn = async (api: ReturnType<typeof apiAt>, lat: number, lng: number) =>
    (
      (await (await api(`/api/v1/locations/resolve?lat=${lat}&lng=${lng}`, { token: admin })).json()) as {
        hubId: string | null;
      }
    ).hubId;

  // each instance has resolved once, so each holds an (empty) index in memory
  expect(await resolveOn(first, 12.95, 77.65)).toBeNull();
  expect(await resolveOn(second, 12.95, 77.65)).toBeNull();

  const created = await first('/api/v1/locations/hubs', {
    method: 'POST',
    token: admin,
    idempotencyKey: true,
    json: {
      name: 'Indiranagar',
      city: 'Bengaluru',
      timezone: 'Asia/Kolkata',
      polygon: { type: 'Polygon', coordinates: [rect(77.6, 12.9, 77.7, 13.0)] },
    },
  });
  expect(created.status).toBe(201);
  const hub = (await created.json()) as Hub;
  expect(await resolveOn(second, 12.95, 77.65)).toBe(hub.id);

  const outside = (await (
    await apiAt(gatewayUrl)('/api/v1/locations/addresses', {
      method: 'POST',
      token: customer,
      idempotencyKey: true,
      json: { label: 'Home', line1: 'Whitefield', lat: 12.97, lng: 77.75 },
    })
  ).json()) as Address;
  expect(outside.isServiceable).toBe(false);

  const moved = await second(`/api/v1/locations/hubs/${hub.id}`, {
    method: 'PATCH',
    token: admin,
    json: { polygon: { type: 'Polygon', coordinates: [rect(77.7, 12.9, 77.8, 13.0)] } },
  });
  expect(moved.status).toBe(200);
  expect(await resolveOn(first, 12.95, 77.65)).toBeNull();
  expect(await resolveOn(first, 12.95, 77.75)).toBe(hub.id);

  await eventually(async () => {
    const address = (await (
      await apiAt(gatewayUrl)(`/api/v1/locations/addresses/${outside.id}`, { token: customer })
    ).json()) as Address;
    expect(address).toMatchObject({ isServiceable: true, hubId: hub.id });
  }, 20_000);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const inbox = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM locations.inbox WHERE consumer = $1',
    [reResolveGroup],
  );
  await client.end();
  expect(inbox.rows[0]?.n).toBe(2);
});
