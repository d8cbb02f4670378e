import { type DevicePlatform, notificationRoutes } from '@zefy/contracts';
import type { ApiClient } from '../api/api-client.ts';

/** One browser install's push address: its device id (ours, stable) and the token FCM delivers to. */
export interface PushToken {
  deviceId: string;
  token: string;
  platform: DevicePlatform;
}

/**
 * Where the push token comes from (`pushTokenSource` picks one): FCM's web flow when the build has Firebase
 * settings (`firebaseTokenSource`), else the FCM simulator's: the notifications service's local stand-in
 * accepts any token of FCM's shape, so no browser push service is needed. Either has a token only once
 * notifications are allowed, so an app that never asks has no push device, with or without Firebase.
 */
export interface PushTokenSource {
  /** The current token; it may change (Firebase rotates tokens), the device id never does. */
  current(): Promise<PushToken>;
  /** Gives the token up on logout, after the server forgot the device. */
  release(): Promise<void>;
}

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** A stable id per app install, kept in `storage` under `key`; made once. */
export function installDeviceId(
  storage: KeyValueStorage,
  key: string,
  newId: () => string = () => crypto.randomUUID(),
): string {
  const stored = storage.getItem(key);
  if (stored) return stored;
  const deviceId = `web-${newId()}`;
  storage.setItem(key, deviceId);
  return deviceId;
}

/** FCM gives a browser no token before notifications are allowed; the simulator's source refuses the same. */
export function assertNotificationsAllowed(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted')
    throw new Error('Notifications are not allowed: no push token');
}

/** A token the FCM stand-in accepts (FCM's characters, 8+ long), one per device: what it delivers to shows whose. */
export const simulatorToken = (deviceId: string) => `zefy-sim:${deviceId}`;

/** The FCM simulator's tokens, given as FCM gives its own: only once notifications are allowed. */
export function simulatorTokenSource(storage: KeyValueStorage, storageKey: string): PushTokenSource {
  return {
    async current() {
      assertNotificationsAllowed();
      const deviceId = installDeviceId(storage, `${storageKey}.push-device`);
      return { deviceId, token: simulatorToken(deviceId), platform: 'web' };
    },
    // the token is made from the device id: nothing to give up
    release: async () => undefined,
  };
}

/** Whether the token has to be sent (again): nothing sent yet in this session, or the token changed. */
export const needsRegistration = (registered: PushToken | null, current: PushToken) =>
  registered === null || registered.deviceId !== current.deviceId || registered.token !== current.token;

/**
 * This install's device with the notifications service: `register` on every app open while signed in (and
 * again when the token changes), `unregister` on logout, before the session goes.
 */
export function createPushDevice(api: ApiClient, source: PushTokenSource) {
  let registered: PushToken | null = null;
  return {
    async register(): Promise<PushToken> {
      const current = await source.current();
      if (!needsRegistration(registered, current)) return current;
      await api.call(notificationRoutes.putDevice, {
        params: { deviceId: current.deviceId },
        body: { token: current.token, platform: current.platform },
      });
      registered = current;
      return current;
    },
    /** Forgets the device this session registered; nothing when it registered none (e.g. the admin console). */
    async unregister(): Promise<void> {
      if (!registered) return;
      const { deviceId } = registered;
      registered = null;
      await api.call(notificationRoutes.deleteDevice, { params: { deviceId } });
      await source.release();
    },
  };
}
export type PushDevice = ReturnType<typeof createPushDevice>;
