import type { HubTaxIdentity } from '@zefy/contracts';
import type { Sql, Transaction } from '@zefy/platform';
import type { BBox, PricingRule } from '@zefy/rules';

/**
 * Booking's copies of what other services own, kept by their events (projections.consumers.ts): one
 * definition per table, one upsert and one read for all of them.
 */
export interface HubProjection {
  id: string;
  name: string;
  timezone: string;
  isActive: boolean;
  /** Unknown bounds (booking has not heard the hub's shape) exclude no one. */
  bbox: BBox | null;
  /** Who its receipts are issued by, for GST; null when the hub has none. */
  taxIdentity: HubTaxIdentity | null;
}

export interface PartnerProjection {
  id: string;
  hubId: string | null;
  /** The catalog service ids the partner may do (identity's partner skills). */
  skills: string[];
  status: string;
  name: string | null;
  /** E.164; what the customer calls from the assigned partner's card. */
  phone: string | null;
  photoUrl: string | null;
}

/** A catalog service: what it costs (the shared pricing rule), how long it takes, who can do it. */
export interface ServiceProjection extends PricingRule {
  id: string;
  name: string;
  skill: string;
  isActive: boolean;
}

export interface AddressProjection {
  id: string;
  customerId: string;
  hubId: string | null;
  isServiceable: boolean;
  lat: number | null;
  lng: number | null;
  isDeleted: boolean;
}

export interface CustomerProjection {
  id: string;
  phone: string | null;
}

/** A projected table: its name and the column of each field; `id` is the key of every one. */
export interface Projection<Row extends { id: string }> {
  table: string;
  columns: { readonly [Field in keyof Row]-?: string };
}

export const hubs: Projection<HubProjection> = {
  table: 'hubs',
  columns: {
    id: 'id',
    name: 'name',
    timezone: 'timezone',
    isActive: 'is_active',
    bbox: 'bbox',
    taxIdentity: 'tax_identity',
  },
};

export const partners: Projection<PartnerProjection> = {
  table: 'partners',
  columns: {
    id: 'id',
    hubId: 'hub_id',
    skills: 'skills',
    status: 'status',
    name: 'name',
    phone: 'phone',
    photoUrl: 'photo_url',
  },
};

export const services: Projection<ServiceProjection> = {
  table: 'services',
  columns: {
    id: 'id',
    name: 'name',
    skill: 'skill',
    includedMinutes: 'included_minutes',
    basePricePaise: 'base_price_paise',
    graceMinutes: 'grace_minutes',
    extraBlockMinutes: 'extra_block_minutes',
    extraBlockPricePaise: 'extra_block_price_paise',
    taxRateBasisPoints: 'tax_rate_basis_points',
    isActive: 'is_active',
  },
};

export const addresses: Projection<AddressProjection> = {
  table: 'addresses',
  columns: {
    id: 'id',
    customerId: 'customer_id',
    hubId: 'hub_id',
    isServiceable: 'is_serviceable',
    lat: 'lat',
    lng: 'lng',
    isDeleted: 'is_deleted',
  },
};

export const customers: Projection<CustomerProjection> = {
  table: 'customers',
  columns: { id: 'id', phone: 'phone' },
};

/** What an event says of a row: its key and the fields it knows (the others keep their stored value). */
export type ProjectedFields<Row extends { id: string }> = Pick<Row, 'id'> & Partial<Row>;

/**
 * Stores what an event says of a row unless a newer event already did (source_at is the occurredAt of the
 * newest event applied), so redelivered or reordered events are safe. A new row takes the columns' defaults
 * for the fields the event does not know.
 */
export async function upsertProjection<Row extends { id: string }>(
  tx: Transaction,
  projection: Projection<Row>,
  row: ProjectedFields<Row>,
  sourceAt: string,
): Promise<void> {
  const fields = (Object.keys(row) as Array<keyof Row & string>).filter((field) => row[field] !== undefined);
  const columns = fields.map((field) => projection.columns[field]);
  const assignments = [...columns.filter((column) => column !== 'id'), 'source_at'].map(
    (column) => `${column} = EXCLUDED.${column}`,
  );
  const { table } = projection;
  await tx.query(
    `INSERT INTO ${table} (${columns.join(', ')}, source_at)
     VALUES (${[...columns, 'source_at'].map((_, index) => `$${index + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${assignments.join(', ')}
     WHERE ${table}.source_at <= EXCLUDED.source_at`,
    [...fields.map((field) => row[field]), sourceAt],
  );
}

/** A deletion wins whatever the order of events: a deleted address stays deleted. */
export async function deleteAddress(
  tx: Transaction,
  address: { id: string; customerId: string },
  sourceAt: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO addresses (id, customer_id, is_serviceable, is_deleted, source_at) VALUES ($1, $2, false, true, $3)
     ON CONFLICT (id) DO UPDATE SET is_deleted = true, source_at = GREATEST(addresses.source_at, EXCLUDED.source_at)`,
    [address.id, address.customerId, sourceAt],
  );
}

/** A customer's phone onto their bookings placed before booking heard of it (admin search by phone). */
export async function fillCustomerPhone(
  tx: Transaction,
  customer: { id: string; phone: string },
): Promise<void> {
  await tx.query(
    'UPDATE bookings SET customer_phone = $2 WHERE customer_id = $1 AND customer_phone IS NULL',
    [customer.id, customer.phone],
  );
}

/** The projection's columns named as its fields; with `alias`, the table's alias and `alias.field`. */
const selectColumns = <Row extends { id: string }>(projection: Projection<Row>, alias?: string): string =>
  Object.entries<string>(projection.columns)
    .map(([field, column]) =>
      alias ? `${alias}.${column} AS "${alias}.${field}"` : `${column} AS "${field}"`,
    )
    .join(', ');

/** The `alias.field` columns of `row` as the projection's row; null when the join found none. */
function aliasedRow<Row extends { id: string }>(
  row: Record<string, unknown>,
  projection: Projection<Row>,
  alias: string,
): Row | null {
  if (row[`${alias}.id`] == null) return null;
  return Object.fromEntries(
    Object.keys(projection.columns).map((field) => [field, row[`${alias}.${field}`]]),
  ) as Row;
}

/**
 * An address, a service and the hub serving the address (when it is serviceable) in one read, as every hold
 * and availability request starts: each null when booking has not heard of it.
 */
export async function findAddressServiceAndHub(
  sql: Sql,
  addressId: string,
  serviceId: string,
): Promise<{
  address: AddressProjection | null;
  service: ServiceProjection | null;
  hub: HubProjection | null;
}> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT ${selectColumns(addresses, 'a')}, ${selectColumns(services, 's')}, ${selectColumns(hubs, 'h')}
     FROM (SELECT 1) AS one
       LEFT JOIN addresses a ON a.id = $1
       LEFT JOIN services s ON s.id = $2
       LEFT JOIN hubs h ON a.is_serviceable AND h.id = a.hub_id`,
    [addressId, serviceId],
  );
  const row = rows[0] ?? {};
  return {
    address: aliasedRow(row, addresses, 'a'),
    service: aliasedRow(row, services, 's'),
    hub: aliasedRow(row, hubs, 'h'),
  };
}

export async function findProjection<Row extends { id: string }>(
  sql: Sql,
  projection: Projection<Row>,
  id: string,
): Promise<Row | null> {
  const { rows } = await sql.query<Row>(
    `SELECT ${selectColumns(projection)} FROM ${projection.table} WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Approved partners of a hub who may do the service: the only ones booking promises or offers jobs to. */
export async function listEligiblePartners(
  sql: Sql,
  hubId: string,
  serviceId: string,
): Promise<PartnerProjection[]> {
  const { rows } = await sql.query<PartnerProjection>(
    `SELECT ${selectColumns(partners)} FROM partners
     WHERE hub_id = $1 AND status = 'approved' AND $2 = ANY (skills) ORDER BY id`,
    [hubId, serviceId],
  );
  return rows;
}

export const listEligiblePartnerIds = async (sql: Sql, hubId: string, serviceId: string): Promise<string[]> =>
  (await listEligiblePartners(sql, hubId, serviceId)).map((partner) => partner.id);
