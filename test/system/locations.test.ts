import type { Address, Hub } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, eventually } from '../support/api.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { connectWebSocket } from '../support/ws-client.ts';

let zefy: TestPlatform;
let api: ReturnType<typeof apiAt>;

beforeAll(async () => {
  zefy = await startPlatform({ serveWebApps: false });
  api = apiAt(zefy.baseUrl);
});
afterAll(async () => {
  await zefy?.stop();
});

type Position = [number, number];
const rect = (minLng: number, minLat: number, maxLng: number, maxLat: number): Position[] => [
  [minLng, minLat],
  [maxLng, minLat],
  [maxLng, maxLat],
  [minLng, maxLat],
  [minLng, minLat],
];
const polygon = (ring: Position[]) => ({ type: 'Polygon', coordinates: [ring] });

async function createHub(name: string, ring: Position[], city = 'Bengaluru'): Promise<Hub> {
  const response = await api('/api/v1/locations/hubs', {
    method: 'POST',
    token: zefy.adminToken,
    idempotencyKey: true,
    json: { name, city, timezone: 'Asia/Kolkata', polygon: polygon(ring) },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Hub;
}

const addAddress = (token: string, json: Record<string, unknown>) =>
  api('/api/v1/locations/addresses', { method: 'POST', token, idempotencyKey: true, json });

async function saved(token: string, json: Record<string, unknown>): Promise<Address> {
  const response = await addAddress(token, json);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Address;
}

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await response.json()) as { code: string; detail: string };
  expect(problem.code).toBe(code);
  return problem;
}

const home = { label: 'Home', line1: '12, 100 Feet Road' };

describe('hubs', () => {
  it('refuses a self-intersecting outline, an open one, a latitude of 200 and an unknown zone', async () => {
    const post = (json: Record<string, unknown>) =>
      api('/api/v1/locations/hubs', {
        method: 'POST',
        token: zefy.adminToken,
        idempotencyKey: true,
        json: { name: 'Broken', city: 'Bengaluru', timezone: 'Asia/Kolkata', ...json },
      });
    const bowTie: Position[] = [
      [77.6, 12.9],
      [77.7, 13.0],
      [77.7, 12.9],
      [77.6, 13.0],
      [77.6, 12.9],
    ];
    const crossing = await expectProblem(
      await post({ polygon: polygon(bowTie) }),
      422,
      'LOCATIONS.POLYGON_SELF_INTERSECTING',
    );
    expect(crossing.detail).toMatch(/edge \d+ .* meets edge \d+/);
    await expectProblem(
      await post({ polygon: polygon(rect(77.6, 12.9, 77.7, 13.0).slice(0, 4)) }),
      422,
      'LOCATIONS.POLYGON_NOT_CLOSED',
    );
    await expectProblem(
      await post({ polygon: polygon(rect(77.6, 12.9, 77.7, 200)) }),
      422,
      'LOCATIONS.COORDINATES_OUT_OF_RANGE',
    );
    await expectProblem(
      await post({ timezone: 'Bangalore', polygon: polygon(rect(77.6, 12.9, 77.7, 13.0)) }),
      422,
      'LOCATIONS.TIMEZONE_UNKNOWN',
    );
  });

  it('lets only admins create hubs, and answers an unknown hub with LOCATIONS.HUB_NOT_FOUND', async () => {
    const response = await api('/api/v1/locations/hubs', {
      method: 'POST',
      token: await zefy.tokenFor('customer'),
      idempotencyKey: true,
      json: { name: 'Mine', city: 'Bengaluru', timezone: 'Asia/Kolkata', polygon: polygon(rect(1, 1, 2, 2)) },
    });
    expect(response.status).toBe(403);
    await expectProblem(
      await api(`/api/v1/locations/hubs/${newId()}`, { token: zefy.adminToken }),
      404,
      'LOCATIONS.HUB_NOT_FOUND',
    );
  });

  it('resolves pins inside, on the edge, in an overlap (smallest hub wins) and outside', async () => {
    // a city of its own far from the other tests' pins
    const big = await createHub('Big', rect(10, 10, 10.2, 10.2), 'Testpur');
    const small = await createHub('Small', rect(10.15, 10.15, 10.3, 10.3), 'Testpur');
    const resolve = async (lat: number, lng: number) =>
      (await (
        await api(`/api/v1/locations/resolve?lat=${lat}&lng=${lng}`, { token: zefy.adminToken })
      ).json()) as {
        hubId: string | null;
        isServiceable: boolean;
        notServiceableReason: string | null;
      };
    expect((await resolve(10.05, 10.05)).hubId).toBe(big.id);
    expect((await resolve(10.1, 10)).hubId).toBe(big.id);
    expect((await resolve(10.18, 10.18)).hubId).toBe(small.id);
    const outside = await resolve(10.5, 10.5);
    expect(outside).toMatchObject({ hubId: null, isServiceable: false });
    expect(outside.notServiceableReason).toContain('the nearest, Small, is about');
    await expectProblem(
      await api('/api/v1/locations/resolve?lat=200&lng=10', { token: zefy.adminToken }),
      422,
      'LOCATIONS.COORDINATES_OUT_OF_RANGE',
    );
  });
});

describe('saved addresses', () => {
  it('maps an address to its hub, or keeps it as not serviceable yet with the reason', async () => {
    const hub = await createHub('Indiranagar', rect(77.62, 12.95, 77.66, 12.99));
    const token = await zefy.tokenFor('customer');
    const inside = await saved(token, { ...home, landmark: 'Near the metro', lat: 12.97, lng: 77.64 });
    expect(inside).toMatchObject({
      label: 'Home',
      labelKind: 'home',
      landmark: 'Near the metro',
      isDefault: true,
      isServiceable: true,
      hubId: hub.id,
      hubName: 'Indiranagar',
      notServiceableReason: null,
    });
    const outside = await saved(token, { label: "Mom's place", line1: 'Hebbal', lat: 13.0358, lng: 77.597 });
    expect(outside).toMatchObject({
      labelKind: 'other',
      isDefault: false,
      isServiceable: false,
      hubId: null,
    });
    expect(outside.notServiceableReason).toMatch(/^Not serviceable yet/);
  });

  it('refuses a latitude of 200 and an empty label with their own codes', async () => {
    const token = await zefy.tokenFor('customer');
    const latitude = await expectProblem(
      await addAddress(token, { ...home, lat: 200, lng: 77.6 }),
      422,
      'LOCATIONS.COORDINATES_OUT_OF_RANGE',
    );
    expect(latitude.detail).toBe('body.lat is 200; it must be from -90 to 90');
    await expectProblem(
      await addAddress(token, { ...home, label: '  ', lat: 12.9, lng: 77.6 }),
      422,
      'LOCATIONS.LABEL_EMPTY',
    );
  });

  it('keeps exactly one default, whatever is added, changed or deleted', async () => {
    const token = await zefy.tokenFor('customer');
    const first = await saved(token, { ...home, lat: 12.97, lng: 77.64 });
    const second = await saved(token, {
      label: 'Work',
      line1: 'Koramangala',
      lat: 12.93,
      lng: 77.62,
      isDefault: true,
    });
    const third = await saved(token, { label: 'Gym', line1: 'HSR', lat: 12.91, lng: 77.64 });
    const defaults = async () =>
      ((await (await api('/api/v1/locations/addresses', { token })).json()) as { items: Address[] }).items
        .filter((address) => address.isDefault)
        .map((address) => address.id);
    expect(await defaults()).toEqual([second.id]);
    await api(`/api/v1/locations/addresses/${first.id}`, {
      method: 'PATCH',
      token,
      json: { isDefault: true },
    });
    expect(await defaults()).toEqual([first.id]);
    expect((await api(`/api/v1/locations/addresses/${first.id}`, { method: 'DELETE', token })).status).toBe(
      204,
    );
    expect(await defaults()).toEqual([third.id]);
  });

  it("answers 404 for another customer's address, whatever the method", async () => {
    const owner = await zefy.tokenFor('customer');
    const other = await zefy.tokenFor('customer');
    const address = await saved(owner, { ...home, lat: 12.97, lng: 77.64 });
    const path = `/api/v1/locations/addresses/${address.id}`;
    await expectProblem(await api(path, { token: other }), 404, 'LOCATIONS.ADDRESS_NOT_FOUND');
    await expectProblem(
      await api(path, { method: 'PATCH', token: other, json: { label: 'Mine' } }),
      404,
      'LOCATIONS.ADDRESS_NOT_FOUND',
    );
    await expectProblem(
      await api(path, { method: 'DELETE', token: other }),
      404,
      'LOCATIONS.ADDRESS_NOT_FOUND',
    );
    const list = (await (await api('/api/v1/locations/addresses', { token: other })).json()) as {
      items: Address[];
    };
    expect(list.items).toEqual([]);
    expect((await api(path, { token: owner })).status).toBe(200);
    expect((await api('/api/v1/locations/addresses', { token: zefy.adminToken })).status).toBe(403);
  });

  it('re-resolves addresses when a hub is created, moved and deactivated, and tells the customer', async () => {
    const customerId = newId();
    const token = await zefy.tokenFor('customer', customerId);
    const socket = await connectWebSocket(zefy.baseUrl, token);
    await socket.subscribe(`user:${customerId}`);
    // a new city: nothing serves it yet
    const address = await saved(token, { ...home, lat: 20.05, lng: 20.05 });
    expect(address.isServiceable).toBe(false);
    const current = async () =>
      (await (await api(`/api/v1/locations/addresses/${address.id}`, { token })).json()) as Address;

    const hub = await createHub('Newtown', rect(20.1, 20.1, 20.2, 20.2), 'Newcity');
    const moved = await api(`/api/v1/locations/hubs/${hub.id}`, {
      method: 'PATCH',
      token: zefy.adminToken,
      json: { polygon: polygon(rect(20, 20, 20.2, 20.2)) },
    });
    expect(moved.status).toBe(200);
    await eventually(async () =>
      expect(await current()).toMatchObject({ isServiceable: true, hubId: hub.id }),
    );
    const pushed = await socket.next(
      (m) => m.type === 'event' && m.event.type === 'locations.address_resolved',
    );
    expect(pushed).toMatchObject({
      event: { data: { addressId: address.id, hubId: hub.id, previousHubId: null } },
    });

    await api(`/api/v1/locations/hubs/${hub.id}`, {
      method: 'PATCH',
      token: zefy.adminToken,
      json: { isActive: false },
    });
    await eventually(async () =>
      expect(await current()).toMatchObject({ isServiceable: false, hubId: null }),
    );
    socket.close();

    const client = new pg.Client({ connectionString: zefy.platform.infra.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ type: string }>(
      "SELECT type FROM locations.outbox WHERE envelope->'data'->>'addressId' = $1 ORDER BY created_at",
      [address.id],
    );
    await client.end();
    expect(rows.map((row) => row.type)).toEqual([
      'locations.address_saved',
      'locations.address_resolved',
      'locations.address_resolved',
    ]);
  });
});

describe('concurrent address writes', () => {
  it('keeps exactly one default when a new customer saves ten addresses at once', async () => {
    const token = await zefy.tokenFor('customer');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        addAddress(token, {
          label: `Place ${i}`,
          line1: `${i} Main Road`,
          lat: 12.9 + i / 1000,
          lng: 77.6,
          isDefault: i % 2 === 0,
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const list = (await (await api('/api/v1/locations/addresses', { token })).json()) as { items: Address[] };
    expect(list.items).toHaveLength(10);
    expect(list.items.filter((address) => address.isDefault)).toHaveLength(1);
    expect(list.items[0]?.isDefault).toBe(true);
  });
});
