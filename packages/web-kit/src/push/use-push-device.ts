import { useEffect } from 'react';
import type { PushDevice } from './push-device.ts';

/**
 * Registers this install's push device while signed in: on every app open and every login (`sessionId`), and
 * when the browser reports notifications allowed (there is no token before), e.g. from its settings; the
 * app's own ask registers without waiting for that (`askNotificationPermission`). A failure is left alone:
 * the in-app WebSocket still brings everything while the app is open.
 */
export function usePushDevice(pushDevice: PushDevice, sessionId: string | null): void {
  useEffect(() => {
    if (!sessionId) return;
    const register = () => void pushDevice.register().catch(() => undefined);
    register();
    let permission: PermissionStatus | null = null;
    let isGone = false;
    navigator.permissions
      ?.query({ name: 'notifications' })
      .then((status) => {
        if (isGone) return;
        permission = status;
        status.addEventListener('change', register);
      })
      .catch(() => undefined);
    return () => {
      isGone = true;
      permission?.removeEventListener('change', register);
    };
  }, [pushDevice, sessionId]);
}
