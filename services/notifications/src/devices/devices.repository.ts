import type { Device, DeviceRegistration } from '@zefy/contracts';
import type { Retention, Sql, Transaction } from '@zefy/platform';
import type { Recipient } from '../recipients.ts';
import { staleDeviceAfterMs } from './devices.ts';

interface DeviceRow {
  device_id: string;
  platform: Device['platform'];
  token: string;
  created_at: Date;
  token_updated_at: Date;
  last_seen_at: Date;
}

const toDevice = (row: DeviceRow): Device => ({
  deviceId: row.device_id,
  platform: row.platform,
  token: row.token,
  createdAt: row.created_at.toISOString(),
  tokenUpdatedAt: row.token_updated_at.toISOString(),
  lastSeenAt: row.last_seen_at.toISOString(),
});

// advisory lock classes: one principal's devices, one token
const ownerLock = 1;
const tokenLock = 2;

/**
 * Serialises registrations per owner (the device cap) and per token (its move), always in that order, so
 * they neither collide on the token's unique index nor deadlock. Held until the transaction ends.
 */
export async function lockOwnerAndToken(tx: Transaction, owner: Recipient, token: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ownerLock, `${owner.kind}:${owner.id}`]);
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [tokenLock, token]);
}

/** Takes `token` away from every device that holds it other than the owner's `deviceId`. */
export async function releaseToken(
  tx: Transaction,
  token: string,
  keep: { owner: Recipient; deviceId: string },
): Promise<void> {
  await tx.query(
    `DELETE FROM devices WHERE token = $4
     AND (owner_kind, owner_id, device_id) IS DISTINCT FROM ($1, $2, $3)`,
    [keep.owner.kind, keep.owner.id, keep.deviceId, token],
  );
}

/** Inserts or refreshes a device; its token's age restarts only when the token changed. */
export async function saveDevice(
  tx: Transaction,
  owner: Recipient,
  deviceId: string,
  registration: DeviceRegistration,
  now: Date,
): Promise<Device> {
  const { rows } = await tx.query<DeviceRow>(
    `INSERT INTO devices (owner_kind, owner_id, device_id, platform, token, created_at, token_updated_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6)
     ON CONFLICT (owner_kind, owner_id, device_id) DO UPDATE SET
       platform = EXCLUDED.platform,
       token = EXCLUDED.token,
       token_updated_at = CASE WHEN devices.token = EXCLUDED.token
         THEN devices.token_updated_at ELSE EXCLUDED.token_updated_at END,
       last_seen_at = EXCLUDED.last_seen_at
     RETURNING *`,
    [owner.kind, owner.id, deviceId, registration.platform, registration.token, now],
  );
  return toDevice(rows[0]!);
}

/** Deletes all but the owner's `keep` most recently seen devices. */
export async function trimDevices(tx: Transaction, owner: Recipient, keep: number): Promise<void> {
  await tx.query(
    `DELETE FROM devices WHERE (owner_kind, owner_id, device_id) IN (
       SELECT owner_kind, owner_id, device_id FROM devices WHERE owner_kind = $1 AND owner_id = $2
       ORDER BY last_seen_at DESC, device_id OFFSET $3)`,
    [owner.kind, owner.id, keep],
  );
}

/** Forgets one of the owner's devices; resolves false when it was not registered. */
export async function removeDevice(sql: Sql, owner: Recipient, deviceId: string): Promise<boolean> {
  const { rowCount } = await sql.query(
    'DELETE FROM devices WHERE owner_kind = $1 AND owner_id = $2 AND device_id = $3',
    [owner.kind, owner.id, deviceId],
  );
  return (rowCount ?? 0) > 0;
}

export async function listDevices(sql: Sql, owner: Recipient): Promise<Device[]> {
  const { rows } = await sql.query<DeviceRow>(
    'SELECT * FROM devices WHERE owner_kind = $1 AND owner_id = $2 ORDER BY last_seen_at DESC, device_id',
    [owner.kind, owner.id],
  );
  return rows.map(toDevice);
}

/** FCM told us the token is dead. Only that token goes: a device that re-registered since keeps its new one. */
export async function removeToken(sql: Sql, token: string): Promise<number> {
  const { rowCount } = await sql.query('DELETE FROM devices WHERE token = $1', [token]);
  return rowCount ?? 0;
}

/** A device not seen for `staleDeviceAfterMs` is one FCM would no longer deliver to. */
export const staleDeviceRetention: Retention = {
  table: 'devices',
  column: 'last_seen_at',
  retentionMs: staleDeviceAfterMs,
};
