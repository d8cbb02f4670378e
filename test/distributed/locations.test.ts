import { randomUUID } from 'node:crypto';
import type { Address, Hub } from '@zefy/contracts';
import { reResolveGroup } from '@zefy/locations';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { loginByOtp, randomPhone } from '../support/identity.ts';

const staff = { email: 'dist-admin@zefy.test', password: `pw-${randomUUID()}` };
let cluster: Cluster;
let gatewayUrl: string;
let instanceUrls: string[];

beforeAll(async () => {
  cluster = await startCluster({
    services: { locations: 2 },
    gatewayEnv: { ADMIN_EMAIL: staff.email, ADMIN_PASSWORD: staff.password },
  });
  gatewayUrl = cluster.gatewayUrls[0] as string;
  instanceUrls = cluster.instanceUrls.locations as string[];
});

afterAll(async () => {
  expect(await cluster?.stop()).toEqual([0, 0, 0]);
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

  const client = new pg.Client({ connectionString: cluster.database.url });
  await client.connect();
  const inbox = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM locations.inbox WHERE consumer = $1',
    [reResolveGroup],
  );
  await client.end();
  expect(inbox.rows[0]?.n).toBe(2);
});
