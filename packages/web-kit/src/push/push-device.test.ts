import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/api-client.ts';
import { createPushDevice, installDeviceId, needsRegistration, simulatorTokenSource } from './push-device.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const answering = () => {
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) =>
    init.method === 'DELETE' ? new Response(null, { status: 204 }) : Response.json({}),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
};
const requests = (fetchMock: ReturnType<typeof answering>) =>
  fetchMock.mock.calls.map(([url, init]) => [init.method, url, init.body ?? null]);

describe('the simulator token source', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('has no token until notifications are allowed, as FCM has none', async () => {
    const source = simulatorTokenSource(memoryStorage(), 'zefy.user.session');
    await expect(source.current()).rejects.toThrow(/not allowed/);
    vi.stubGlobal('Notification', { permission: 'default' });
    await expect(source.current()).rejects.toThrow(/not allowed/);
    vi.stubGlobal('Notification', { permission: 'granted' });
    expect((await source.current()).token).toMatch(/^zefy-sim:web-/);
  });

  it('keeps one device id per install and app, and a token of the shape FCM (and its stand-in) accepts', async () => {
    vi.stubGlobal('Notification', { permission: 'granted' });
    const storage = memoryStorage();
    const partner = await simulatorTokenSource(storage, 'zefy.partner.session').current();
    expect(await simulatorTokenSource(storage, 'zefy.partner.session').current()).toEqual(partner);
    const customer = await simulatorTokenSource(storage, 'zefy.user.session').current();
    expect(customer.deviceId).not.toBe(partner.deviceId);
    expect(partner.platform).toBe('web');
    expect(partner.deviceId).toMatch(/^web-[0-9a-f-]{36}$/);
    expect(partner.token).toMatch(/^[A-Za-z0-9_:.-]{8,4096}$/);
    expect(partner.token).toContain(partner.deviceId);
  });

  it('makes the device id once', () => {
    const storage = memoryStorage();
    const newId = vi.fn(() => 'a1');
    expect(installDeviceId(storage, 'k', newId)).toBe('web-a1');
    expect(installDeviceId(storage, 'k', newId)).toBe('web-a1');
    expect(newId).toHaveBeenCalledTimes(1);
  });
});

describe('needsRegistration', () => {
  const token = { deviceId: 'web-1', token: 'tok-1', platform: 'web' as const };
  it('registers when nothing was sent yet or the token changed, not again otherwise', () => {
    expect(needsRegistration(null, token)).toBe(true);
    expect(needsRegistration(token, { ...token })).toBe(false);
    expect(needsRegistration(token, { ...token, token: 'tok-2' })).toBe(true);
  });
});

describe('createPushDevice', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts the device once per token, again when it changes, and deletes it (then the token) on unregister', async () => {
    const fetchMock = answering();
    let token = 'tok-1';
    const release = vi.fn(async () => undefined);
    const device = createPushDevice(createApiClient(), {
      current: async () => ({ deviceId: 'web-1', token, platform: 'web' }),
      release,
    });
    await device.register();
    await device.register();
    token = 'tok-2';
    await device.register();
    await device.unregister();
    await device.unregister();
    expect(requests(fetchMock)).toEqual([
      ['PUT', '/api/v1/me/devices/web-1', '{"token":"tok-1","platform":"web"}'],
      ['PUT', '/api/v1/me/devices/web-1', '{"token":"tok-2","platform":"web"}'],
      ['DELETE', '/api/v1/me/devices/web-1', null],
    ]);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('deletes nothing when this session registered nothing (the admin console)', async () => {
    const fetchMock = answering();
    await createPushDevice(createApiClient(), simulatorTokenSource(memoryStorage(), 'k')).unregister();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
