import type { Device, Principal } from '@zefy/contracts';
import { newId } from '@zefy/platform';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServiceFixture, startServiceFixture } from '../service.fixture.ts';
import { maxDevicesPerOwner } from './devices.ts';

let fixture: ServiceFixture;
beforeAll(async () => {
  fixture = await startServiceFixture(inject('databaseUrl'));
});
afterAll(async () => {
  await fixture?.stop();
});

const customer = (): Principal => ({ id: newId(), role: 'customer' });
const token = () => `tok-${newId()}`;

async function call(
  principal: Principal | null,
  method: 'GET' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) {
  const response = await fixture.app.inject({
    method,
    url,
    headers: principal ? { authorization: `Bearer ${await fixture.tokenFor(principal)}` } : {},
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}
const put = (principal: Principal, deviceId: string, body: object) =>
  call(principal, 'PUT', `/api/v1/me/devices/${deviceId}`, body);
const list = async (principal: Principal) =>
  ((await call(principal, 'GET', '/api/v1/me/devices')).body as { items: Device[] }).items;

describe('device registration', () => {
  it('registers a device with its token and timestamps', async () => {
    const owner = customer();
    const pushToken = token();
    const response = await put(owner, 'pixel-7', { token: pushToken, platform: 'android' });
    expect(response.status).toBe(200);
    const at = fixture.clock.now().toISOString();
    expect(response.body).toEqual({
      deviceId: 'pixel-7',
      platform: 'android',
      token: pushToken,
      createdAt: at,
      tokenUpdatedAt: at,
      lastSeenAt: at,
    });
    expect(await list(owner)).toEqual([response.body]);
  });

  it('refreshes lastSeenAt on a repeat and replaces the token when it changed, keeping one device', async () => {
    const owner = customer();
    const first = token();
    const created = (await put(owner, 'iphone', { token: first, platform: 'ios' })).body as Device;
    fixture.clock.advance(60_000);
    const seen = (await put(owner, 'iphone', { token: first, platform: 'ios' })).body as Device;
    expect(seen.lastSeenAt).toBe(fixture.clock.now().toISOString());
    expect(seen.tokenUpdatedAt).toBe(created.tokenUpdatedAt);
    fixture.clock.advance(60_000);
    const second = token();
    const replaced = (await put(owner, 'iphone', { token: second, platform: 'ios' })).body as Device;
    expect(replaced).toMatchObject({ token: second, createdAt: created.createdAt });
    expect(replaced.tokenUpdatedAt).toBe(fixture.clock.now().toISOString());
    expect((await list(owner)).map((device) => device.token)).toEqual([second]);
  });

  it('removes a device on logout, and a repeated removal still succeeds', async () => {
    const owner = customer();
    await put(owner, 'web-1', { token: token(), platform: 'web' });
    expect((await call(owner, 'DELETE', '/api/v1/me/devices/web-1')).status).toBe(204);
    expect(await list(owner)).toEqual([]);
    expect((await call(owner, 'DELETE', '/api/v1/me/devices/web-1')).status).toBe(204);
  });

  it('keeps each principal to its own devices, even under the same device id', async () => {
    const alice = customer();
    const bob = customer();
    const partnerWithAlicesId: Principal = { id: alice.id, role: 'partner' };
    const alicesToken = token();
    await put(alice, 'phone', { token: alicesToken, platform: 'android' });
    await put(bob, 'phone', { token: token(), platform: 'android' });
    await put(partnerWithAlicesId, 'phone', { token: token(), platform: 'android' });
    expect((await call(bob, 'DELETE', '/api/v1/me/devices/phone')).status).toBe(204);
    expect((await call(partnerWithAlicesId, 'DELETE', '/api/v1/me/devices/phone')).status).toBe(204);
    expect((await list(alice)).map((device) => device.token)).toEqual([alicesToken]);
    expect(await list(bob)).toEqual([]);
  });

  it('moves a token to whoever registers it last (another login on the same phone)', async () => {
    const first = customer();
    const second = customer();
    const shared = token();
    await put(first, 'family-tablet', { token: shared, platform: 'android' });
    await put(second, 'family-tablet', { token: shared, platform: 'android' });
    expect(await list(first)).toEqual([]);
    expect((await list(second)).map((device) => device.token)).toEqual([shared]);
  });

  it('gives a token raced for by two principals to exactly one of them, without an error', async () => {
    const contested = token();
    const racers = Array.from({ length: 6 }, customer);
    const responses = await Promise.all(
      racers.map((racer) => put(racer, 'same-phone', { token: contested, platform: 'android' })),
    );
    expect(responses.map((response) => response.status)).toEqual(racers.map(() => 200));
    const holders = (await Promise.all(racers.map(list))).filter((devices) => devices.length > 0);
    expect(holders).toHaveLength(1);
  });

  it(`keeps the ${maxDevicesPerOwner} most recently seen devices of a principal`, async () => {
    const owner = customer();
    for (let index = 0; index <= maxDevicesPerOwner; index++) {
      fixture.clock.advance(1_000);
      await put(owner, `device-${index}`, { token: token(), platform: 'web' });
    }
    const ids = (await list(owner)).map((device) => device.deviceId);
    expect(ids).toHaveLength(maxDevicesPerOwner);
    expect(ids).not.toContain('device-0');
    expect(ids[0]).toBe(`device-${maxDevicesPerOwner}`);
  });

  it('refuses bad input with problem details and non-recipients with 401/403', async () => {
    const owner = customer();
    const badPlatform = await put(owner, 'x', { token: token(), platform: 'symbian' });
    expect(badPlatform.status).toBe(400);
    expect(badPlatform.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED' });
    const badToken = await put(owner, 'x', { token: 'has spaces', platform: 'web' });
    expect(badToken.status).toBe(400);
    const badId = await put(owner, 'a%20b', { token: token(), platform: 'web' });
    expect(badId.status).toBe(400);
    expect((await call(null, 'GET', '/api/v1/me/devices')).status).toBe(401);
    const admin = await call({ id: newId(), role: 'admin' }, 'GET', '/api/v1/me/devices');
    expect(admin.status).toBe(403);
    expect(admin.body).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });
});
