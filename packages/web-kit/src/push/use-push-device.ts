import { useEffect } from 'react';
import type { PushDevice } from './push-device.ts';

/**
 * Registers this install's push device while signed in: on every app open and every login (`sessionId`).
 * A failure is left alone: the in-app WebSocket still brings everything while the app is open.
 */
export function usePushDevice(pushDevice: PushDevice, sessionId: string | null): void {
  useEffect(() => {
    if (sessionId) pushDevice.register().catch(() => undefined);
  }, [pushDevice, sessionId]);
}
