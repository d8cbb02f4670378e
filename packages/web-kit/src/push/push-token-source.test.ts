import { afterEach, describe, expect, it, vi } from 'vitest';
import { pushTokenSource } from './push-token-source.ts';

const firebase = vi.hoisted(() => ({
  initializeApp: vi.fn((config: object) => ({ config })),
  getMessaging: vi.fn((app: object) => ({ app })),
  getToken: vi.fn(async () => 'fcm-token-1'),
  deleteToken: vi.fn(async () => true),
}));
vi.mock('firebase/app', () => ({ initializeApp: firebase.initializeApp }));
vi.mock('firebase/messaging', () => ({
  getMessaging: firebase.getMessaging,
  getToken: firebase.getToken,
  deleteToken: firebase.deleteToken,
}));

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const config = { apiKey: 'key', projectId: 'zefy', appId: '1:42:web:abc', messagingSenderId: '42' };
const registration = { scope: 'https://zefy.test/partner/' };

function configured(permission: NotificationPermission) {
  vi.stubEnv('VITE_FIREBASE_CONFIG', JSON.stringify(config));
  vi.stubEnv('VITE_FIREBASE_VAPID_KEY', 'BVapid');
  vi.stubGlobal('Notification', { permission });
  vi.stubGlobal('navigator', { serviceWorker: { ready: Promise.resolve(registration) } });
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('pushTokenSource', () => {
  it('uses the FCM simulator without Firebase settings, and never loads the Firebase SDK', async () => {
    vi.stubEnv('VITE_FIREBASE_CONFIG', '');
    vi.stubGlobal('Notification', { permission: 'granted' });
    const source = pushTokenSource(memoryStorage(), 'zefy.partner.session');
    const { deviceId, token } = await source.current();
    expect(token).toBe(`zefy-sim:${deviceId}`);
    await source.release();
    expect(firebase.initializeApp).not.toHaveBeenCalled();
  });

  it("with Firebase settings, asks Firebase Messaging for a token on the app's service worker", async () => {
    configured('granted');
    const storage = memoryStorage();
    const source = pushTokenSource(storage, 'zefy.partner.session');
    const first = await source.current();
    expect(first).toEqual({
      deviceId: expect.stringMatching(/^web-/),
      token: 'fcm-token-1',
      platform: 'web',
    });
    firebase.getToken.mockResolvedValueOnce('fcm-token-2');
    // a rotated token, the same device
    expect(await source.current()).toEqual({ ...first, token: 'fcm-token-2' });
    expect(firebase.initializeApp).toHaveBeenCalledExactlyOnceWith(config);
    expect(firebase.getToken).toHaveBeenCalledWith(
      { app: { config } },
      { vapidKey: 'BVapid', serviceWorkerRegistration: registration },
    );
    await source.release();
    expect(firebase.deleteToken).toHaveBeenCalledExactlyOnceWith({ app: { config } });
  });

  it('has no Firebase token until notifications are allowed (it never asks by itself)', async () => {
    configured('default');
    await expect(pushTokenSource(memoryStorage(), 'zefy.user.session').current()).rejects.toThrow(
      /not allowed/,
    );
    expect(firebase.getToken).not.toHaveBeenCalled();
  });
});
