import { afterEach, describe, expect, it, vi } from 'vitest';
import { askNotificationPermission } from './attention.ts';
import type { PushDevice } from './push-device.ts';
import { notificationPermission } from './use-notification-permission.ts';

/** A browser's Notification whose prompt is answered `answer`. */
function notificationAnswering(permission: NotificationPermission, answer: NotificationPermission) {
  const notification = {
    permission,
    requestPermission: vi.fn(async () => {
      notification.permission = answer;
      return answer;
    }),
  };
  vi.stubGlobal('Notification', notification);
  return notification;
}

const pushDevice = () =>
  ({
    register: vi.fn(async () => ({ deviceId: 'web-1', token: 'zefy-sim:web-1', platform: 'web' as const })),
    unregister: vi.fn(async () => undefined),
  }) satisfies PushDevice;

afterEach(() => vi.unstubAllGlobals());

describe('askNotificationPermission', () => {
  it('asks, and registers the push device as soon as notifications are allowed', async () => {
    const notification = notificationAnswering('default', 'granted');
    const device = pushDevice();
    await askNotificationPermission(device);
    expect(notification.requestPermission).toHaveBeenCalledTimes(1);
    expect(device.register).toHaveBeenCalledTimes(1);
  });

  it('registers nothing when refused or left unanswered, and never asks twice', async () => {
    for (const answer of ['denied', 'default'] as const) {
      notificationAnswering('default', answer);
      const device = pushDevice();
      await askNotificationPermission(device);
      expect(device.register).not.toHaveBeenCalled();
    }
    for (const answered of ['denied', 'granted'] as const) {
      const notification = notificationAnswering(answered, answered);
      await askNotificationPermission(pushDevice());
      expect(notification.requestPermission).not.toHaveBeenCalled();
    }
  });

  it('keeps a failed registration to itself: the WebSocket still brings everything', async () => {
    notificationAnswering('default', 'granted');
    const device = pushDevice();
    device.register.mockRejectedValueOnce(new Error('offline'));
    await expect(askNotificationPermission(device)).resolves.toBeUndefined();
  });
});

describe('notificationPermission', () => {
  it('is the permission where the browser takes pushes, else unsupported', () => {
    notificationAnswering('default', 'default');
    expect(notificationPermission()).toBe('unsupported');
    vi.stubGlobal('PushManager', class {});
    vi.stubGlobal('navigator', { serviceWorker: {} });
    expect(notificationPermission()).toBe('default');
    vi.stubGlobal('Notification', undefined);
    expect(notificationPermission()).toBe('unsupported');
  });
});
