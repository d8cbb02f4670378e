import { useCallback, useState } from 'react';
import { askNotificationPermission } from './attention.ts';
import type { PushDevice } from './push-device.ts';

/** Notifications' permission, or `unsupported` where this browser takes no pushes (iOS Safari outside an installed app). */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  if (
    typeof Notification === 'undefined' ||
    typeof PushManager === 'undefined' ||
    typeof navigator === 'undefined' ||
    !('serviceWorker' in navigator)
  )
    return 'unsupported';
  return Notification.permission;
}

/**
 * For a screen that offers to turn notifications on: the permission as it stands (offer only while it is
 * `default`), and `ask`, for a tap, which asks, registers the push device once allowed, and updates the
 * permission, so the offer goes once answered.
 */
export function useNotificationPermission(pushDevice: PushDevice): {
  permission: NotificationPermissionState;
  ask: () => Promise<void>;
} {
  const [permission, setPermission] = useState(notificationPermission);
  const ask = useCallback(async () => {
    await askNotificationPermission(pushDevice);
    setPermission(notificationPermission());
  }, [pushDevice]);
  return { permission, ask };
}
