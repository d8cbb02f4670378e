import type { Address, AddressLabelKind } from '@zefy/contracts';
import { AppError, type Sql, type Transaction } from '@zefy/platform';
import type { BBox } from '@zefy/rules';
import type { Resolution } from '../hubs/hub-index.ts';
import type { AddressRecord } from './addresses.ts';

interface AddressRow {
  id: string;
  customer_id: string;
  label: string;
  label_kind: AddressLabelKind;
  line1: string;
  landmark: string | null;
  lat: number;
  lng: number;
  is_default: boolean;
  hub_id: string | null;
  hub_name: string | null;
  not_serviceable_reason: string | null;
  resolved_at: Date;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: AddressRow): AddressRecord => ({
  id: row.id,
  customerId: row.customer_id,
  label: row.label,
  labelKind: row.label_kind,
  line1: row.line1,
  landmark: row.landmark,
  lat: row.lat,
  lng: row.lng,
  isDefault: row.is_default,
  hubId: row.hub_id,
  notServiceableReason: row.not_serviceable_reason,
  resolvedAt: row.resolved_at.toISOString(),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const toAddress = (row: AddressRow): Address => {
  const { resolvedAt: _resolvedAt, ...record } = toRecord(row);
  return { ...record, hubName: row.hub_name, isServiceable: row.hub_id !== null };
};

const selectAddresses = `SELECT a.*, h.name AS hub_name FROM addresses a LEFT JOIN hubs h ON h.id = a.hub_id`;
const notFound = (id: string) => new AppError('LOCATIONS.ADDRESS_NOT_FOUND', `You have no address ${id}`);

/** One customer's address writes run one at a time, which is what keeps exactly one default. */
export const lockCustomerAddresses = (tx: Transaction, customerId: string) =>
  tx.query("SELECT pg_advisory_xact_lock(hashtext('locations.customer:' || $1))", [customerId]);

export async function countAddresses(tx: Transaction, customerId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM addresses WHERE customer_id = $1',
    [customerId],
  );
  return rows[0]?.n ?? 0;
}

const recordValues = (a: AddressRecord) => [
  a.id,
  a.customerId,
  a.label,
  a.labelKind,
  a.line1,
  a.landmark,
  a.lat,
  a.lng,
  a.isDefault,
  a.hubId,
  a.notServiceableReason,
  a.resolvedAt,
  a.createdAt,
  a.updatedAt,
];

/** Resolves false when `onConflict: 'skip'` met an existing id (seeding). */
export async function insertAddress(
  tx: Transaction,
  address: AddressRecord,
  options: { onConflict: 'fail' | 'skip' } = { onConflict: 'fail' },
): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO addresses (id, customer_id, label, label_kind, line1, landmark, lat, lng, is_default, hub_id,
       not_serviceable_reason, resolved_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ${options.onConflict === 'skip' ? 'ON CONFLICT DO NOTHING' : ''}`,
    recordValues(address),
  );
  return result.rowCount === 1;
}

export async function saveAddress(tx: Transaction, address: AddressRecord): Promise<void> {
  await tx.query(
    `UPDATE addresses SET label = $3, label_kind = $4, line1 = $5, landmark = $6, lat = $7, lng = $8,
       is_default = $9, hub_id = $10, not_serviceable_reason = $11, resolved_at = $12, updated_at = $13
     WHERE id = $1 AND customer_id = $2`,
    // every column but created_at, which an edit never changes
    recordValues(address).filter((_, index) => index !== 12),
  );
}

/** Unsets the customer's current default (other than `exceptId`), returning what changed. */
export async function clearDefault(
  tx: Transaction,
  customerId: string,
  exceptId: string,
  now: Date,
): Promise<AddressRecord[]> {
  const { rows } = await tx.query<AddressRow>(
    `UPDATE addresses SET is_default = false, updated_at = $3
     WHERE customer_id = $1 AND is_default AND id <> $2 RETURNING *`,
    [customerId, exceptId, now.toISOString()],
  );
  return rows.map(toRecord);
}

export async function lockAddress(tx: Transaction, customerId: string, id: string): Promise<AddressRecord> {
  const { rows } = await tx.query<AddressRow>(
    'SELECT * FROM addresses WHERE id = $1 AND customer_id = $2 FOR UPDATE',
    [id, customerId],
  );
  if (!rows[0]) throw notFound(id);
  return toRecord(rows[0]);
}

export async function deleteAddress(tx: Transaction, customerId: string, id: string): Promise<AddressRecord> {
  const { rows } = await tx.query<AddressRow>(
    'DELETE FROM addresses WHERE id = $1 AND customer_id = $2 RETURNING *',
    [id, customerId],
  );
  if (!rows[0]) throw notFound(id);
  return toRecord(rows[0]);
}

/** After the default is deleted, the newest remaining address takes over. */
export async function promoteNewestToDefault(
  tx: Transaction,
  customerId: string,
  now: Date,
): Promise<AddressRecord | undefined> {
  const { rows } = await tx.query<AddressRow>(
    `UPDATE addresses SET is_default = true, updated_at = $2
     WHERE id = (SELECT id FROM addresses WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1)
     RETURNING *`,
    [customerId, now.toISOString()],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}

export async function findAddress(sql: Sql, customerId: string, id: string): Promise<Address> {
  const { rows } = await sql.query<AddressRow>(`${selectAddresses} WHERE a.id = $1 AND a.customer_id = $2`, [
    id,
    customerId,
  ]);
  if (!rows[0]) throw notFound(id);
  return toAddress(rows[0]);
}

export async function listAddresses(sql: Sql, customerId: string): Promise<Address[]> {
  const { rows } = await sql.query<AddressRow>(`${selectAddresses} WHERE a.customer_id = $1`, [customerId]);
  return rows.map(toAddress);
}

const asBox = ([minLng, minLat, maxLng, maxLat]: BBox) => `(${minLng},${minLat}),(${maxLng},${maxLat})`;

/** Addresses pinned inside either box, or currently mapped to the hub: the ones a hub edit can move. */
export async function lockAddressesAffectedBy(
  tx: Transaction,
  hubId: string,
  boxes: readonly [BBox, BBox],
): Promise<AddressRecord[]> {
  const { rows } = await tx.query<AddressRow>(
    `SELECT * FROM addresses
     WHERE hub_id = $1 OR point(lng, lat) <@ $2::box OR point(lng, lat) <@ $3::box
     ORDER BY id FOR UPDATE`,
    [hubId, asBox(boxes[0]), asBox(boxes[1])],
  );
  return rows.map(toRecord);
}

export async function saveResolution(
  tx: Transaction,
  id: string,
  resolution: Resolution,
  now: Date,
): Promise<void> {
  await tx.query(
    'UPDATE addresses SET hub_id = $2, not_serviceable_reason = $3, resolved_at = $4, updated_at = $4 WHERE id = $1',
    [id, resolution.hubId, resolution.notServiceableReason, now.toISOString()],
  );
}
