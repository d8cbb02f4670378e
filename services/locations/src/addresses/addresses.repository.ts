import type { Address, AddressLabelKind } from '@zefy/contracts';
import { AppError, appendToOutbox, type DomainEvent, type Sql, type Transaction } from '@zefy/platform';
import type { BBox } from '@zefy/rules';
import type { AddressEvent, AddressRecord } from './addresses.ts';

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

/** One customer's address writes run one at a time, which is what keeps exactly one default. */
export const lockCustomerAddresses = (tx: Transaction, customerId: string) =>
  tx.query("SELECT pg_advisory_xact_lock(hashtext('locations.customer:' || $1))", [customerId]);

/** The customer's addresses, each locked against a concurrent re-resolution (rows in id order, as there). */
export async function lockAddressBook(tx: Transaction, customerId: string): Promise<AddressRecord[]> {
  const { rows } = await tx.query<AddressRow>(
    'SELECT * FROM addresses WHERE customer_id = $1 ORDER BY id FOR UPDATE',
    [customerId],
  );
  return rows.map(toRecord);
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

/** Inserts the address and its events; resolves false when `onConflict: 'skip'` met an existing id (seeding). */
export async function insertAddress(
  tx: Transaction,
  address: AddressRecord,
  events: readonly DomainEvent[],
  options: { onConflict: 'fail' | 'skip' } = { onConflict: 'fail' },
): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO addresses (id, customer_id, label, label_kind, line1, landmark, lat, lng, is_default, hub_id,
       not_serviceable_reason, resolved_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ${options.onConflict === 'skip' ? 'ON CONFLICT DO NOTHING' : ''}`,
    recordValues(address),
  );
  const isInserted = result.rowCount === 1;
  if (isInserted) await appendToOutbox(tx, events);
  return isInserted;
}

async function saveAddress(tx: Transaction, address: AddressRecord): Promise<void> {
  await tx.query(
    `UPDATE addresses SET label = $3, label_kind = $4, line1 = $5, landmark = $6, lat = $7, lng = $8,
       is_default = $9, hub_id = $10, not_serviceable_reason = $11, resolved_at = $12, updated_at = $13
     WHERE id = $1 AND customer_id = $2`,
    // every column but created_at, which an edit never changes
    recordValues(address).filter((_, index) => index !== 12),
  );
}

export async function findAddress(sql: Sql, customerId: string, id: string): Promise<Address> {
  const { rows } = await sql.query<AddressRow>(`${selectAddresses} WHERE a.id = $1 AND a.customer_id = $2`, [
    id,
    customerId,
  ]);
  if (!rows[0]) throw new AppError('LOCATIONS.ADDRESS_NOT_FOUND', `You have no address ${id}`);
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

/** Each change in order (a default is given up before it is taken), then the events' outbox rows. */
export async function storeAddressChanges(
  tx: Transaction,
  changes: readonly AddressEvent[],
  events: readonly DomainEvent[],
): Promise<void> {
  for (const change of changes) {
    if (change.type === 'AddressSaved') await insertAddress(tx, change.address, []);
    else if (change.type === 'AddressDeleted')
      await tx.query('DELETE FROM addresses WHERE id = $1', [change.address.id]);
    else await saveAddress(tx, change.address);
  }
  await appendToOutbox(tx, events);
}
