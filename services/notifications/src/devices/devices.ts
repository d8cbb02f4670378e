/** A principal's push devices: how many we keep and when a token is too old to be worth a push. */

/** More than this many devices per principal means stale installs; the least recently seen go first. */
export const maxDevicesPerOwner = 10;

/** FCM expires Android tokens after 270 days without activity; we stop sending to them and prune them. */
export const staleDeviceAfterMs = 270 * 24 * 3600_000;
