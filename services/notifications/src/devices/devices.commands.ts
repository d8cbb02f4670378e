import type { Device, DeviceRegistration } from '@zefy/contracts';
import type { NotificationsDeps } from '../deps.ts';
import type { Recipient } from '../recipients.ts';
import {
  lockOwnerAndToken,
  releaseToken,
  removeDevice,
  saveDevice,
  trimDevices,
} from './devices.repository.ts';
import { maxDevicesPerOwner } from './devices.ts';

/**
 * Registers or refreshes `deviceId` for `owner`. The token moves here from any other principal or device
 * that held it (one installation, one principal), so the last registration wins; the owner keeps at most
 * `maxDevicesPerOwner` devices, the least recently seen going first.
 */
export function registerDevice(
  deps: NotificationsDeps,
  owner: Recipient,
  deviceId: string,
  registration: DeviceRegistration,
): Promise<Device> {
  return deps.db.transaction(async (tx) => {
    await lockOwnerAndToken(tx, owner, registration.token);
    await releaseToken(tx, registration.token, { owner, deviceId });
    const device = await saveDevice(tx, owner, deviceId, registration, deps.clock.now());
    await trimDevices(tx, owner, maxDevicesPerOwner);
    return device;
  });
}

/** On logout, which must succeed however often it is retried: an unknown device is not an error. */
export async function unregisterDevice(
  deps: NotificationsDeps,
  owner: Recipient,
  deviceId: string,
): Promise<void> {
  await removeDevice(deps.db.pool, owner, deviceId);
}
